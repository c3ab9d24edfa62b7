import NCCModel
import NCCStore

/// Meetings by date, newest first; the detail is the whole meeting with its minutes.
enum MeetingsPane: PaneFeature {
    static let title = "Meetings"
    static let summary = "Show meetings and minutes"
    static let group: RecordGroup? = .meetings

    static let bindings = [
        ActionTable.add, ActionTable.edit, ActionTable.delete,
        Binding(.addNote, [.character("n")], "n", "note", "Add a line to the minutes (saved at once)", footer: true),
        Binding(.addDecision, [.character("D")], "D", "decision", "Record a decision (saved at once)", footer: true),
        Binding(
            .addActionItem, [.character("A")], "A", "action", "Record an action item; it becomes a task", footer: true),
        Binding(
            .proposeInMeeting, [.character("p")], "p", "propose",
            "Put a proposal to this meeting, then vote on it in the Decisions pane", footer: true),
        Binding(.editMinutes, [.character("E")], "E", "editor", "Edit the minutes in $VISUAL or $EDITOR"),
        Binding(
            .exportMinutes, [.character("m")], "m", "minutes file",
            "Write the selected meeting's minutes to a Markdown file",
            footer: true),
    ]

    static func list(_ state: AppState) -> PaneList? {
        PaneList(
            query: query, columns: columns,
            emptyMessage: "No meetings yet: press \(ActionTable.key(.add, in: .meetings)) to add one.",
            row: { record, _, loader in try row(record, loader) })
    }

    static func caption(_ state: AppState) -> String { "Meetings, newest first" }

    static func detail(_ ref: RecordRef, _ loader: Loader, _ state: AppState) throws -> [DetailLine]? {
        ref.kind == .meeting ? try detail(ref, loader) : nil
    }

    static func newRecord(_ app: App) throws -> NewRecord? { NewRecord(kind: .meeting) }

    static let columns = [
        ColumnSpec("Date", 10, whole: true), ColumnSpec("Kind", 11), ColumnSpec("Title", 0), ColumnSpec("Place", 14),
    ]
    static let query = RecordQuery(.meeting, order: [(Fields.Meeting.start, false)])

    static func row(_ meeting: Record, _ loader: Loader) throws -> ListRow {
        let start = meeting[Fields.Meeting.start].text ?? ""
        return ListRow(
            kind: .meeting, id: meeting.id,
            cells: [
                String(start.prefix(10)),
                (meeting[Fields.Meeting.kind].text ?? "").replacingOccurrences(of: "_", with: " "),
                meeting[Fields.Meeting.title].text ?? "",
                meeting[Fields.Meeting.online].bool == true ? "online" : meeting[Fields.Meeting.place].text ?? "",
            ],
            role: String(start.prefix(10)) > loader.today ? nil : "ui.text")
    }

    static func detail(_ ref: RecordRef, _ loader: Loader) throws -> [DetailLine] {
        guard ref.kind == .meeting, let meeting = try loader.reader.record(.meeting, id: ref.id) else {
            return try loader.genericDetail(ref)
        }
        let reader = loader.reader
        let start = (meeting[Fields.Meeting.start].text ?? "").replacingOccurrences(of: "T", with: " ")
            .replacingOccurrences(of: ":00Z", with: " UTC")
        var lines = [DetailLine(meeting[Fields.Meeting.title].text ?? "", .title)]
        let place = meeting[Fields.Meeting.online].bool == true ? "online" : meeting[Fields.Meeting.place].text ?? ""
        lines.append(
            DetailLine(
                "\(start) · \((meeting[Fields.Meeting.kind].text ?? "").replacingOccurrences(of: "_", with: " ")) · \(place)",
                .dim))
        let agenda = try reader.records(where: Fields.AgendaItem.meeting, is: ref.id, limit: 100)
        Loader.section(
            "Agenda",
            agenda.enumerated().map { i, item in
                DetailLine(
                    "  \(i + 1). \(item[Fields.AgendaItem.title].text ?? "")", target: RecordRef(.agendaItem, item.id))
            }, into: &lines)
        let attendance = try reader.records(where: Fields.Attendance.meeting, is: ref.id, limit: 200)
        let names = try attendance.map { try loader.title(.person, $0[Fields.Attendance.person].text) }
        Loader.section(
            "Attendees", names.isEmpty ? [] : [DetailLine("  " + names.joined(separator: ", "))], count: names.count,
            into: &lines)
        lines.append(DetailLine(""))
        lines.append(DetailLine("Minutes", .heading))
        let minutes = meeting[Fields.Meeting.minutes].text ?? ""
        lines +=
            minutes.isEmpty
            ? [
                DetailLine(
                    "  none yet: \(ActionTable.key(.addNote, in: .meetings)) adds a line, \(ActionTable.key(.editMinutes, in: .meetings)) opens your editor",
                    .dim)
            ]
            : minutes.split(separator: "\n", omittingEmptySubsequences: false).map { DetailLine("  " + $0) }
        let decisions = try reader.records(where: Fields.Decision.meeting, is: ref.id, limit: 100)
        Loader.section(
            "Decisions",
            decisions.map {
                DetailLine("  • " + ($0[Fields.Decision.text].text ?? ""), target: RecordRef(.decision, $0.id))
            }, into: &lines)
        let actions = try reader.records(where: Fields.ActionItem.meeting, is: ref.id, limit: 100)
        Loader.section(
            "Action items",
            try actions.map { item in
                let owner = try loader.title(.person, item[Fields.ActionItem.owner].text)
                let due = item[Fields.ActionItem.due].text.map { " · due \($0)" } ?? ""
                let target =
                    item[Fields.ActionItem.task].text.map { RecordRef(.task, $0) } ?? RecordRef(.actionItem, item.id)
                return DetailLine(
                    "  → \(item[Fields.ActionItem.text].text ?? "")\(owner.isEmpty ? "" : " · \(owner)")\(due)",
                    target: target)
            }, into: &lines)
        return lines
    }
}
