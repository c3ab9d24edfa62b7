import Foundation
import NCCModel
import NCCStore

/// One meeting's minutes as a Markdown document: title, when and where, agenda, attendees, the
/// minutes text, decisions and action items. Everything from the database is cleaned of control
/// characters and escaped, so no value can change the document's structure.
public struct MinutesWriter {
    let store: Store
    public init(store: Store) { self.store = store }

    /// What the minutes show, read in one snapshot.
    public struct Minutes: Sendable, Equatable {
        public struct AgendaEntry: Sendable, Equatable {
            public var title: String
            public var notes: String
        }
        public struct Attendee: Sendable, Equatable {
            public var name: String
            public var organisation: String?
        }
        public struct Action: Sendable, Equatable {
            public var text: String
            public var owner: String?
            public var due: String?
            /// The status of the task the action became, if any.
            public var taskStatus: String?
        }

        public var id: String
        public var title: String
        public var kind: String
        public var start: String
        public var end: String?
        public var place: String?
        public var online: Bool
        public var text: String
        public var agenda: [AgendaEntry] = []
        public var attendees: [Attendee] = []
        public var decisions: [String] = []
        /// A proposal put to the meeting, with its tally in a few words.
        public struct Proposal: Sendable, Equatable {
            public var title: String
            public var process: String
            public var summary: String
        }

        public var proposals: [Proposal] = []
        public var actions: [Action] = []
    }

    /// Reads a meeting (by id) and its parts.
    public func minutes(meeting id: String) throws -> Minutes {
        try store.read { reader in try Self.minutes(reader, meeting: id) }
    }

    static func minutes(_ reader: StoreReader, meeting id: String) throws -> Minutes {
        guard let meeting = try reader.record(.meeting, id: id) else {
            throw StoreError.notFound(kind: .meeting, reference: id)
        }
        var minutes = Minutes(
            id: id, title: meeting[Fields.Meeting.title].text ?? "", kind: meeting[Fields.Meeting.kind].text ?? "",
            start: meeting[Fields.Meeting.start].text ?? "", end: meeting[Fields.Meeting.end].text,
            place: meeting[Fields.Meeting.place].text, online: meeting[Fields.Meeting.online].bool ?? false,
            text: meeting[Fields.Meeting.minutes].text ?? "")
        let meetingID = Value.text(id)
        minutes.agenda = try ReportPages.all(
            reader, RecordQuery(.agendaItem, conditions: [.equals(Fields.AgendaItem.meeting, meetingID)])
        ).map {
            Minutes.AgendaEntry(
                title: $0[Fields.AgendaItem.title].text ?? "", notes: $0[Fields.AgendaItem.notes].text ?? "")
        }
        var people: [(key: String, attendee: Minutes.Attendee, id: String)] = []
        for attendance in try ReportPages.all(
            reader, RecordQuery(.attendance, conditions: [.equals(Fields.Attendance.meeting, meetingID)]))
        {
            guard let personID = attendance[Fields.Attendance.person].text,
                let person = try reader.record(.person, id: personID)
            else {
                continue
            }
            let name = person[Fields.Person.name].text ?? personID
            let organisation = try person[Fields.Person.organisation].text.map {
                try reader.title(.organisation, id: $0)
            }
            people.append((Folding.key(name), Minutes.Attendee(name: name, organisation: organisation), personID))
        }
        minutes.attendees = people.sorted { ($0.key, $0.id) < ($1.key, $1.id) }.map(\.attendee)
        minutes.decisions = try ReportPages.all(
            reader, RecordQuery(.decision, conditions: [.equals(Fields.Decision.meeting, meetingID)])
        )
        .map { $0[Fields.Decision.text].text ?? "" }
        for proposal in try ReportPages.all(
            reader, RecordQuery(.proposal, conditions: [.equals(Fields.Proposal.meeting, meetingID)]))
        {
            let tally = try reader.tally(of: proposal.id, now: Dates.nowUTC())
            minutes.proposals.append(
                Minutes.Proposal(
                    title: tally.terms.title, process: tally.terms.process.rawValue, summary: tally.summary))
        }
        let actions = RecordQuery(
            .actionItem, conditions: [.equals(Fields.ActionItem.meeting, meetingID)],
            order: [(Fields.ActionItem.due, true), (Fields.ActionItem.text, true)])
        minutes.actions = try ReportPages.all(reader, actions).map { item in
            let owner = try item[Fields.ActionItem.owner].text.map { try reader.title(.person, id: $0) }
            let status = try item[Fields.ActionItem.task].text.flatMap { try reader.record(.task, id: $0) }?[
                Fields.Task.status
            ].text
            return Minutes.Action(
                text: item[Fields.ActionItem.text].text ?? "", owner: owner, due: item[Fields.ActionItem.due].text,
                taskStatus: status)
        }
        return minutes
    }

    /// The minutes of the meeting with this id, as Markdown.
    public func markdown(meeting id: String) throws -> String {
        Self.markdown(try minutes(meeting: id))
    }

    /// Writes the minutes to `path` (through a temporary file) and returns the file's absolute path.
    @discardableResult
    public func write(meeting id: String, to path: String) throws -> String {
        try ReportFile.write(markdown(meeting: id), to: path)
    }

    public static func markdown(_ m: Minutes) -> String {
        var out = "# " + ReportText.markdown(m.title.isEmpty ? "Meeting" : m.title) + "\n\n"
        out += ReportText.markdown(Self.when(m)) + "\n\n"

        out += "## Agenda\n\n"
        if m.agenda.isEmpty { out += "No agenda recorded.\n\n" }
        for (index, item) in m.agenda.enumerated() {
            let marker = "\(index + 1). "
            out += marker + ReportText.markdown(item.title.isEmpty ? "(untitled)" : item.title)
            let notes = ReportText.markdownBlock(item.notes, indent: String(repeating: " ", count: marker.count))
            if !notes.isEmpty { out += "\\\n" + String(repeating: " ", count: marker.count) + notes }
            out += "\n"
        }
        if !m.agenda.isEmpty { out += "\n" }

        out += "## Attendees\n\n"
        if m.attendees.isEmpty { out += "No attendance recorded.\n\n" }
        for person in m.attendees {
            out += "- " + ReportText.markdown(person.name)
            if let organisation = person.organisation, !ReportText.line(organisation).isEmpty {
                out += " (" + ReportText.markdown(organisation) + ")"
            }
            out += "\n"
        }
        if !m.attendees.isEmpty { out += "\n\(m.attendees.count) attendee\(m.attendees.count == 1 ? "" : "s").\n\n" }

        out += "## Minutes\n\n"
        let text = ReportText.markdownBlock(m.text)
        out += (text.isEmpty ? "No minutes recorded." : text) + "\n\n"

        out += "## Decisions\n\n"
        if m.decisions.isEmpty { out += "No decisions recorded.\n\n" }
        for (index, decision) in m.decisions.enumerated() {
            let marker = "\(index + 1). "
            out +=
                marker + ReportText.markdownBlock(decision, indent: String(repeating: " ", count: marker.count)) + "\n"
        }
        if !m.decisions.isEmpty { out += "\n" }

        if !m.proposals.isEmpty {
            out += "## Proposals\n\n| Proposal | Process | Tally |\n| --- | --- | --- |\n"
            for proposal in m.proposals {
                let cells = [proposal.title, proposal.process, proposal.summary]
                out += "| " + cells.map(ReportText.markdownCell).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }

        out += "## Action items\n\n"
        if m.actions.isEmpty {
            out += "No action items recorded.\n"
        } else {
            out += "| Action | Owner | Due | Task status |\n| --- | --- | --- | --- |\n"
            for action in m.actions {
                let cells = [
                    action.text, action.owner ?? "", action.due ?? "",
                    action.taskStatus.map(Self.statusWords) ?? "no task",
                ]
                out += "| " + cells.map(ReportText.markdownCell).joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    /// `Quarterly meeting · 2026-03-10 09:00–12:30 UTC · Vilnius, Lithuania`
    static func when(_ m: Minutes) -> String {
        var parts = [ReportText.meetingKind(m.kind), ReportDates.span(start: m.start, end: m.end)]
        let place = ReportText.line(m.place ?? "")
        switch (place.isEmpty, m.online) {
        case (false, false): parts.append(place)
        case (false, true): parts.append(place + " and online")
        case (true, true): parts.append("Online")
        case (true, false): break
        }
        return parts.joined(separator: " · ")
    }

    /// A task status as words: `todo` → `to do`.
    static func statusWords(_ status: String) -> String {
        status == "todo" ? "to do" : status
    }
}
