import Foundation
import NCCModel

/// How a meeting and a VEVENT map onto each other, both ways, in one place.
enum MeetingEvent {
    /// `<id>@ncc.invalid`: a calendar that imports the file again updates the event it has.
    static let uidDomain = "ncc.invalid"
    /// Says that DTEND is ncc's one-hour stand-in for a meeting that has no end (an experimental
    /// property, RFC 5545 §3.8.8.2), so importing the file back leaves the end empty.
    static let noEndProperty = "X-NCC-NO-END"
    static let assumedLength = 3600
    /// The most agenda items written into a description.
    static let agendaLimit = 200

    static func uid(of id: String) -> String { id + "@" + uidDomain }

    /// The record id a UID stands for: the id in `<id>@ncc.invalid`, else a name-based UUID of the
    /// UID, so the same event always lands on the same meeting.
    static func recordID(forUID uid: String) -> String {
        let suffix = "@" + uidDomain
        if uid.count > suffix.count, uid.lowercased().hasSuffix(suffix) {
            let id = String(uid.dropLast(suffix.count))
            if isPlausibleID(id) { return id }
        }
        return NameUUID.make("ics:" + uid)
    }

    /// Ids as ncc makes them (UUIDs) or as a CSV file may give them (`m-kickoff`): short, plain characters.
    static func isPlausibleID(_ id: String) -> Bool {
        guard (1...100).contains(id.utf8.count), let first = id.utf8.first, isIDByte(first), first != UInt8(ascii: "-")
        else { return false }
        return id.utf8.allSatisfy(isIDByte)
    }

    private static func isIDByte(_ b: UInt8) -> Bool {
        (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    // MARK: - The description

    /// The kind, the agenda and the minutes, in a shape `minutes(fromDescription:)` reads back.
    static func description(kind: String?, agenda: [String], moreAgenda: Int, minutes: String?) -> String {
        var parts: [String] = []
        if let kind, !kind.isEmpty { parts.append(kindPrefix + kind) }
        if !agenda.isEmpty {
            var lines = [agendaHeading]
            for (i, title) in agenda.enumerated() { lines.append("\(i + 1). \(title)") }
            if moreAgenda > 0 { lines.append("… and \(moreAgenda) more") }
            parts.append(lines.joined(separator: "\n"))
        }
        if let minutes, !minutes.allSatisfy(\.isWhitespace) { parts.append(minutesHeading + "\n" + minutes) }
        return parts.joined(separator: "\n\n")
    }

    static let kindPrefix = "Kind: "
    static let agendaHeading = "Agenda:"
    static let minutesHeading = "Minutes:"

    /// The minutes in a description: after ncc's `Minutes:` heading when ncc wrote it (nil when it
    /// has none), else the whole description, as another calendar's notes.
    static func minutes(fromDescription text: String) -> String? {
        let written =
            text.hasPrefix(kindPrefix) || text.hasPrefix(agendaHeading + "\n") || text.hasPrefix(minutesHeading + "\n")
        guard written else { return text.allSatisfy(\.isWhitespace) ? nil : text }
        if text.hasPrefix(minutesHeading + "\n") { return String(text.dropFirst(minutesHeading.count + 1)) }
        // The kind and the agenda are one-line values: the first heading after a blank line is ours.
        guard let range = text.range(of: "\n\n" + minutesHeading + "\n") else { return nil }
        return String(text[range.upperBound...])
    }

    /// The kind a title names ("Thematic session on social finance", "NCC kick-off"), for events
    /// from other calendars that carry no category ncc knows.
    static func kind(fromTitle title: String) -> String? {
        let words = title.lowercased().replacingOccurrences(of: "-", with: " ")
        let named: [(String, String)] = [
            ("thematic", "thematic"), ("workshop", "workshop"), ("kick off", "kickoff"),
            ("kickoff", "kickoff"), ("joint event", "joint_event"), ("quarterly", "quarterly"),
        ]
        return named.first { words.contains($0.0) }?.1
    }

    /// The meeting kind among an event's categories (`joint event` and `Joint_Event` too).
    static func kind(fromCategories categories: [String]) -> String? {
        for category in categories {
            let word = category.trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            if Schema.meetingKinds.contains(word) { return word }
        }
        return nil
    }
}
