import Foundation
import NCCModel
import NCCStore

/// Writes the meetings as an RFC 5545 iCalendar file, by hand: one VEVENT per meeting, read a
/// page at a time. The output depends on the data only (DTSTAMP is the record's last change, not
/// the wall clock), so the same database always gives the same bytes.
public struct CalendarExporter {
    let store: Store
    public init(store: Store) { self.store = store }

    public static let productID = "-//NCC working group//ncc//EN"
    static let pageSize = 500

    public struct Summary: Sendable, Equatable {
        public var meetings = 0
        /// Meetings left out because their start is not a UTC time (only a damaged database has them).
        public var skipped = 0
    }

    /// Reads `--from`: a date (`2026-03-01`, from its midnight UTC) or a UTC time.
    public static func lowerBound(_ text: String) throws -> String {
        guard let bound = Dates.normalizedDateTime(text.trimmingCharacters(in: .whitespaces)) else {
            throw CalendarFileError("--from: '\(text)' is not a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ")
        }
        return bound
    }

    /// Writes the calendar to `path` (`-`: standard output); `from` leaves out meetings that
    /// start before it (a date or UTC time, see `lowerBound`).
    @discardableResult
    public func export(to path: String, from: String? = nil) throws -> Summary {
        let bound = try from.map(Self.lowerBound)
        let sink = try ExportSink(path: path)
        let summary = try write(from: bound, emit: sink.write)
        try sink.commit()
        return summary
    }

    /// The calendar as text (for tests and small calendars).
    public func render(from: String? = nil) throws -> String {
        let bound = try from.map(Self.lowerBound)
        var text = ""
        _ = try write(from: bound) { text += $0 }
        return text
    }

    private func write(from bound: String?, emit: (String) throws -> Void) throws -> Summary {
        var summary = Summary()
        try emit(Self.header.map(\.folded).joined())
        try store.read { reader in
            let query = RecordQuery(.meeting, order: [(Fields.Meeting.start, true)])
            // Meetings are in start order: those before the bound are the first ones, so the
            // pages start after them instead of reading and skipping them.
            var offset = 0
            if let bound {
                offset = try reader.count(RecordQuery(.meeting, conditions: [.below(Fields.Meeting.start, bound)]))
            }
            while true {
                let page = try reader.records(query, limit: Self.pageSize, offset: offset)
                if page.isEmpty { break }
                for meeting in page {
                    let agenda = try reader.records(
                        where: Fields.AgendaItem.meeting, is: meeting.id, limit: MeetingEvent.agendaLimit)
                    let more =
                        agenda.count < MeetingEvent.agendaLimit
                        ? 0
                        : try reader.countRecords(where: Fields.AgendaItem.meeting, is: meeting.id) - agenda.count
                    guard
                        let lines = Self.event(
                            meeting, agenda: agenda.compactMap { $0[Fields.AgendaItem.title].text }, moreAgenda: more)
                    else {
                        summary.skipped += 1
                        continue
                    }
                    try emit(lines.map(\.folded).joined())
                    summary.meetings += 1
                }
                offset += page.count
            }
        }
        try emit(ContentLine("END", raw: "VCALENDAR").folded)
        return summary
    }

    static let header = [
        ContentLine("BEGIN", raw: "VCALENDAR"),
        ContentLine("VERSION", raw: "2.0"),
        ContentLine("PRODID", raw: productID),
        ContentLine("CALSCALE", raw: "GREGORIAN"),
        ContentLine("METHOD", raw: "PUBLISH"),
    ]

    /// The VEVENT of one meeting, or nil if its start is not a UTC time.
    static func event(_ meeting: Record, agenda: [String], moreAgenda: Int) -> [ContentLine]? {
        guard let startText = meeting[Fields.Meeting.start].text, let start = CalendarTime.seconds(stored: startText)
        else { return nil }
        var end = meeting[Fields.Meeting.end].text.flatMap(CalendarTime.seconds(stored:))
        if let known = end, known < start { end = nil }
        let stamp =
            [meeting.updatedAt, meeting.createdAt].lazy.compactMap(CalendarTime.ics(stored:)).first
            ?? CalendarTime.ics(stored: startText)!
        var lines = [
            ContentLine("BEGIN", raw: "VEVENT"),
            ContentLine(
                "UID", raw: ContentLine.escape(ContentLine.clean(MeetingEvent.uid(of: meeting.id), multiline: false))),
            ContentLine("DTSTAMP", raw: stamp),
        ]
        if let created = CalendarTime.ics(stored: meeting.createdAt) {
            lines.append(ContentLine("CREATED", raw: created))
        }
        if let modified = CalendarTime.ics(stored: meeting.updatedAt) {
            lines.append(ContentLine("LAST-MODIFIED", raw: modified))
        }
        lines.append(ContentLine("DTSTART", raw: CalendarTime.ics(stored: CalendarTime.stored(seconds: start))!))
        lines.append(
            ContentLine(
                "DTEND",
                raw: CalendarTime.ics(stored: CalendarTime.stored(seconds: end ?? start + MeetingEvent.assumedLength))!)
        )
        if end == nil { lines.append(ContentLine(MeetingEvent.noEndProperty, raw: "TRUE")) }
        let title = meeting[Fields.Meeting.title].text.map { ContentLine.clean($0, multiline: false) } ?? ""
        lines.append(.text("SUMMARY", title.isEmpty ? "Meeting" : title, multiline: false))
        let place =
            meeting[Fields.Meeting.place].text.map {
                ContentLine.clean($0, multiline: false).trimmingCharacters(in: .whitespaces)
            } ?? ""
        if !place.isEmpty {
            lines.append(.text("LOCATION", place, multiline: false))
        } else if meeting[Fields.Meeting.online].bool == true {
            lines.append(.text("LOCATION", "Online", multiline: false))
        }
        let kind = meeting[Fields.Meeting.kind].text.map { ContentLine.clean($0, multiline: false) }
        let description = MeetingEvent.description(
            kind: kind, agenda: agenda.map { ContentLine.clean($0, multiline: false) },
            moreAgenda: moreAgenda,
            minutes: meeting[Fields.Meeting.minutes].text.map { ContentLine.clean($0, multiline: true) })
        if !description.isEmpty { lines.append(.text("DESCRIPTION", description)) }
        if let kind, !kind.isEmpty { lines.append(.text("CATEGORIES", kind, multiline: false)) }
        lines.append(ContentLine("END", raw: "VEVENT"))
        return lines
    }
}
