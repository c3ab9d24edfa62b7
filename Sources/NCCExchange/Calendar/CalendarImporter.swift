import Foundation
import NCCModel
import NCCStore

/// Reads the VEVENTs of an .ics file into meetings: every event or none, in one transaction.
/// An event whose UID is `<id>@ncc.invalid` (as `ncc calendar` writes) updates that meeting;
/// any other UID becomes a meeting whose id is derived from the UID, so the same file imported
/// twice changes nothing the second time.
public struct CalendarImporter {
    let store: Store
    public init(store: Store) { self.store = store }

    public struct Summary: Sendable, Equatable {
        public var events = 0
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        /// Times given with a TZID that names no zone known here, read as UTC.
        public var zonedTimes = 0
        /// Times without a zone (floating, local to whoever reads them), read as UTC.
        public var floatingTimes = 0
        /// Repeating events (RRULE, RDATE): only their first occurrence became a meeting.
        public var repeating = 0
        /// Changed occurrences of a repeating event (RECURRENCE-ID), passed over.
        public var skippedOccurrences = 0

        public init() {}

        /// What the user should know besides the counts, as short phrases.
        public var notes: [String] {
            var notes: [String] = []
            if zonedTimes > 0 {
                notes.append(
                    "\(zonedTimes) time\(zonedTimes == 1 ? "" : "s") in an unknown time zone (TZID) read as UTC")
            }
            if floatingTimes > 0 {
                notes.append("\(floatingTimes) local time\(floatingTimes == 1 ? "" : "s") without a zone read as UTC")
            }
            if repeating > 0 {
                notes.append(
                    "\(repeating) repeating event\(repeating == 1 ? "" : "s") imported as the first occurrence only")
            }
            if skippedOccurrences > 0 {
                notes.append(
                    "\(skippedOccurrences) changed occurrence\(skippedOccurrences == 1 ? "" : "s") of repeating events left out"
                )
            }
            return notes
        }
    }

    /// One event, read and checked: what a meeting gets from it.
    struct Event {
        var line: Int
        var uid: String
        var id: String
        var values: [FieldName: Value]
    }

    private struct DryRun: Error { var summary: Summary }

    public func importICS(from path: String, dryRun: Bool = false) throws -> Summary {
        let name = (path as NSString).lastPathComponent
        var summary = Summary()
        let events = try Self.read(path, name: name, summary: &summary)
        let apply = { (writer: StoreWriter) throws -> Summary in
            var result = summary
            for event in events {
                var values = event.values
                if let current = try writer.reader.record(.meeting, id: event.id) {
                    // Empty is empty: a place of "" in the database and none in the file are the same.
                    for (field, value) in values where Self.isBlank(value) && Self.isBlank(current[field]) {
                        values[field] = nil
                    }
                }
                let change: Change
                do {
                    change = try writer.put(.meeting, id: event.id, values)
                } catch let error as StoreError {
                    throw CalendarFileError(
                        "\(name):\(event.line): the event \(event.uid): \(error.description); nothing was imported",
                        line: event.line)
                }
                switch change {
                case .created: result.created += 1
                case .updated: result.updated += 1
                case .unchanged: result.unchanged += 1
                }
            }
            return result
        }
        return dryRun ? try store.trial(apply) : try store.write(apply)
    }

    static func isBlank(_ value: Value) -> Bool {
        switch value {
        case .null: true
        case .text(let s): s.allSatisfy(\.isWhitespace)
        default: false
        }
    }

    /// Reads and checks the whole file before anything is written.
    static func read(_ path: String, name: String, summary: inout Summary) throws -> [Event] {
        let data = try load(path)
        let parser = ICSParser(name: name)
        try checkUTF8(data, parser: parser)
        var events: [Event] = []
        var positions: [String: Int] = [:]
        for block in try parser.events(in: data) {
            guard let event = try event(block, parser: parser, summary: &summary) else { continue }
            // The same UID twice (an event published twice in one file): the last one holds.
            if let known = positions[event.id] {
                events[known] = event
            } else {
                positions[event.id] = events.count
                events.append(event)
            }
        }
        summary.events = events.count
        return events
    }

    static func load(_ path: String) throws -> [UInt8] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CalendarFileError("cannot read \(path): no such file")
        }
        guard !isFolder.boolValue else { throw CalendarFileError("cannot read \(path): it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CalendarFileError("cannot read \(path)") }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte past the limit tells a file that is too large, whatever its size claims.
            data = try handle.read(upToCount: ICSParser.maxFileBytes + 1) ?? Data()
        } catch {
            throw CalendarFileError("cannot read \(path): \(error.localizedDescription)")
        }
        guard data.count <= ICSParser.maxFileBytes else {
            throw CalendarFileError(
                "\(path) is larger than \(ICSParser.maxFileBytes / 1024 / 1024) MB; nothing was imported")
        }
        return [UInt8](data)
    }

    static func checkUTF8(_ data: [UInt8], parser: ICSParser) throws {
        // Most calendar files are ASCII or valid UTF-8; only a failure needs the line.
        if data.allSatisfy({ $0 < 0x80 }) { return }
        var decoder = UTF8()
        var iterator = data.makeIterator()
        var line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: return
            case .error: throw parser.fail(line, "the file is not UTF-8 text")
            }
        }
    }

    /// The meeting an event describes, or nil for one that is passed over.
    static func event(_ block: ICSEventBlock, parser: ICSParser, summary: inout Summary) throws -> Event? {
        guard let uidProperty = block.first("UID"), !uidProperty.value.trimmingCharacters(in: .whitespaces).isEmpty
        else {
            throw parser.fail(block.line, "the VEVENT that begins here has no UID")
        }
        let uid = ContentLine.clean(ContentLine.unescape(uidProperty.value), multiline: false).trimmingCharacters(
            in: .whitespaces)
        if block.first("RECURRENCE-ID") != nil {
            summary.skippedOccurrences += 1
            return nil
        }
        guard let startProperty = block.first("DTSTART") else {
            throw parser.fail(block.line, "the VEVENT that begins here has no DTSTART")
        }
        let start = try time(startProperty, parser: parser, summary: &summary)
        var end: Int?
        var endLine = startProperty.line
        if let endProperty = block.first("DTEND") {
            end = try time(endProperty, parser: parser, summary: &summary).seconds
            endLine = endProperty.line
        } else if let durationProperty = block.first("DURATION") {
            guard let seconds = CalendarTime.duration(durationProperty.value.trimmingCharacters(in: .whitespaces))
            else {
                throw parser.fail(
                    durationProperty.line,
                    "DURATION '\(shown(durationProperty.value))' is not a duration such as PT1H30M")
            }
            end = start.seconds + seconds
            endLine = durationProperty.line
        } else if start.isDate {
            // RFC 5545 §3.6.1: an event on a date with no end lasts the day.
            end = start.seconds + 86_400
        }
        if let known = end, known < start.seconds {
            throw parser.fail(endLine, "the event ends before it starts")
        }
        // ncc's stand-in end for a meeting without one goes back to no end.
        if let known = end, known == start.seconds + MeetingEvent.assumedLength,
            block.first(MeetingEvent.noEndProperty)?.value.trimmingCharacters(in: .whitespaces).uppercased() == "TRUE"
        {
            end = nil
        }
        if block.first("RRULE") != nil || block.first("RDATE") != nil { summary.repeating += 1 }

        func text(_ name: String, multiline: Bool) -> String? {
            guard let property = block.first(name) else { return nil }
            var value = ContentLine.clean(ContentLine.unescape(property.value), multiline: multiline)
            if !multiline {
                value = value.split(whereSeparator: { $0 == " " }).joined(separator: " ")
            }
            return value
        }
        var values: [FieldName: Value] = [:]
        let title = text("SUMMARY", multiline: false) ?? ""
        values[Fields.Meeting.title] = .text(title.isEmpty ? "Untitled event" : title)
        values[Fields.Meeting.start] = .text(CalendarTime.stored(seconds: start.seconds))
        values[Fields.Meeting.end] = end.map { .text(CalendarTime.stored(seconds: $0)) } ?? .null
        let location = text("LOCATION", multiline: false) ?? ""
        if location.lowercased() == "online" {
            values[Fields.Meeting.place] = .null
            values[Fields.Meeting.online] = .bool(true)
        } else {
            values[Fields.Meeting.place] = location.isEmpty ? .null : .text(location)
        }
        let categories = block.all("CATEGORIES").flatMap { ContentLine.splitList($0.value) }
        if let kind = MeetingEvent.kind(fromCategories: categories) ?? MeetingEvent.kind(fromTitle: title) {
            values[Fields.Meeting.kind] = .text(kind)
        }
        if let description = text("DESCRIPTION", multiline: true),
            let minutes = MeetingEvent.minutes(fromDescription: description)
        {
            values[Fields.Meeting.minutes] = .text(minutes)
        }
        return Event(line: block.line, uid: uid, id: MeetingEvent.recordID(forUID: uid), values: values)
    }

    /// A DTSTART or DTEND as seconds since 1970, counting the times read as UTC.
    static func time(_ property: ICSProperty, parser: ICSParser, summary: inout Summary) throws -> (
        seconds: Int, isDate: Bool
    ) {
        let value = property.value.trimmingCharacters(in: .whitespaces)
        let valueType = property.parameter("VALUE")?.uppercased()
        guard let parsed = CalendarTime.parse(value), valueType != "DATE" || parsed.isDate,
            let seconds = CalendarTime.seconds(stored: parsed.stored)
        else {
            throw parser.fail(
                property.line, "\(property.name) '\(shown(value))' is not a date YYYYMMDD or a time YYYYMMDDTHHMMSS[Z]")
        }
        if !parsed.isDate, !parsed.isUTC {
            if let tzid = property.parameter("TZID") {
                if let utc = CalendarZone.utc(local: seconds, tzid: tzid) { return (utc, false) }
                summary.zonedTimes += 1
            } else {
                summary.floatingTimes += 1
            }
        }
        return (seconds, parsed.isDate)
    }

    static func shown(_ text: String) -> String {
        let clean = ContentLine.clean(text, multiline: false)
        return clean.count > 40 ? String(clean.prefix(40)) + "…" : clean
    }
}
