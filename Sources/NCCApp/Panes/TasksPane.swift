import NCCModel
import NCCStore

/// The action plan's tasks: a sortable table with filters; overdue rows stand out.
enum TasksPane {
    static let columns = [ColumnSpec("Status", 7), ColumnSpec("Due", 10), ColumnSpec("Owner", 16),
                          ColumnSpec("Working area", 16), ColumnSpec("Title", 0)]

    static func query(_ view: TaskView, today: String) -> RecordQuery {
        var conditions: [RecordQuery.Condition] = []
        if let status = view.status { conditions.append(.equals("status", .text(status))) }
        if let area = view.area { conditions.append(.equals("working_area", .text(area))) }
        if let owner = view.owner { conditions.append(.equals("owner", .text(owner))) }
        if view.overdueOnly {
            conditions.append(.below("due", today))
            conditions.append(.notEquals("status", .text("done")))
        }
        let field = TaskView.sortFields[view.sortIndex]
        var order: [(field: String, ascending: Bool)] = [(field, view.ascending)]
        if field != "due" { order.append(("due", true)) }
        return RecordQuery(.task, conditions: conditions, order: order)
    }

    static func isOverdue(_ task: Record, today: String) -> Bool {
        guard let due = task["due"].text else { return false }
        return due < today && task["status"].text != "done"
    }

    static func row(_ task: Record, _ loader: Loader) throws -> ListRow {
        ListRow(kind: .task, id: task.id,
                cells: [task["status"].text ?? "", task["due"].text ?? "", try loader.value(task, "owner"),
                        try loader.value(task, "working_area"), task["title"].text ?? ""],
                role: isOverdue(task, today: loader.today) ? "warning" : task["status"].text == "done" ? "ui.text.dim" : nil)
    }

    /// The status after this one, for Space.
    static func nextStatus(after status: String?) -> String {
        let all = Schema.taskStatuses
        guard let status, let i = all.firstIndex(of: status) else { return all[0] }
        return all[(i + 1) % all.count]
    }

    static func describe(_ view: TaskView) -> String {
        var parts: [String] = []
        if let s = view.status { parts.append("status \(s)") }
        if let a = view.areaTitle { parts.append("area \(a)") }
        if let o = view.ownerName { parts.append("owner \(o)") }
        if view.overdueOnly { parts.append("overdue") }
        let sort = TaskView.sortFields[view.sortIndex].replacingOccurrences(of: "_", with: " ")
        return "sorted by \(sort) \(view.ascending ? "↑" : "↓")" + (parts.isEmpty ? "" : " · only " + parts.joined(separator: ", "))
    }
}

/// Meetings by date, newest first; the detail is the whole meeting with its minutes.
enum MeetingsPane {
    static let columns = [ColumnSpec("Date", 10), ColumnSpec("Kind", 11), ColumnSpec("Title", 0), ColumnSpec("Place", 14)]
    static let query = RecordQuery(.meeting, order: [("start", false)])

    static func row(_ meeting: Record, _ loader: Loader) throws -> ListRow {
        let start = meeting["start"].text ?? ""
        return ListRow(kind: .meeting, id: meeting.id,
                       cells: [String(start.prefix(10)), (meeting["kind"].text ?? "").replacingOccurrences(of: "_", with: " "),
                               meeting["title"].text ?? "", meeting["online"].bool == true ? "online" : meeting["place"].text ?? ""],
                       role: String(start.prefix(10)) > loader.today ? nil : "ui.text")
    }

    static func detail(_ ref: RecordRef, _ loader: Loader) throws -> [DetailLine] {
        guard ref.kind == .meeting, let meeting = try loader.reader.record(.meeting, id: ref.id) else {
            return try loader.genericDetail(ref)
        }
        let reader = loader.reader
        let start = (meeting["start"].text ?? "").replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: ":00Z", with: " UTC")
        var lines = [DetailLine(meeting["title"].text ?? "", .title)]
        let place = meeting["online"].bool == true ? "online" : meeting["place"].text ?? ""
        lines.append(DetailLine("\(start) · \((meeting["kind"].text ?? "").replacingOccurrences(of: "_", with: " ")) · \(place)", .dim))
        let agenda = try reader.records(.agendaItem, where: "meeting", is: ref.id, limit: 100)
        DirectoryPane.section("Agenda", agenda.enumerated().map { i, item in
            DetailLine("  \(i + 1). \(item["title"].text ?? "")", target: RecordRef(.agendaItem, item.id))
        }, into: &lines)
        let attendance = try reader.records(.attendance, where: "meeting", is: ref.id, limit: 200)
        let names = try attendance.map { try loader.title(.person, $0["person"].text) }
        DirectoryPane.section("Attendees", names.isEmpty ? [] : [DetailLine("  " + names.joined(separator: ", "))], count: names.count, into: &lines)
        lines.append(DetailLine(""))
        lines.append(DetailLine("Minutes", .heading))
        let minutes = meeting["minutes"].text ?? ""
        lines += minutes.isEmpty ? [DetailLine("  none yet: n adds a line, E opens your editor", .dim)]
            : minutes.split(separator: "\n", omittingEmptySubsequences: false).map { DetailLine("  " + $0) }
        let decisions = try reader.records(.decision, where: "meeting", is: ref.id, limit: 100)
        DirectoryPane.section("Decisions", decisions.map { DetailLine("  • " + ($0["text"].text ?? ""), target: RecordRef(.decision, $0.id)) }, into: &lines)
        let actions = try reader.records(.actionItem, where: "meeting", is: ref.id, limit: 100)
        DirectoryPane.section("Action items", try actions.map { item in
            let owner = try loader.title(.person, item["owner"].text)
            let due = item["due"].text.map { " · due \($0)" } ?? ""
            let target = item["task"].text.map { RecordRef(.task, $0) } ?? RecordRef(.actionItem, item.id)
            return DetailLine("  → \(item["text"].text ?? "")\(owner.isEmpty ? "" : " · \(owner)")\(due)", target: target)
        }, into: &lines)
        return lines
    }
}

/// This replica, until bundles arrive.
enum SyncPane {
    static func lines(replica: String, path: String, operations: Int) -> [DetailLine] {
        [
            DetailLine("This replica", .title),
            DetailLine("Replica id: \(replica)", .field("replica")),
            DetailLine("Database: \(path)", .field("path")),
            DetailLine("Operations recorded: \(operations)", .field("ops")),
            DetailLine(""),
            DetailLine("Every change is recorded as an operation with a clock stamp, ready to travel to peers.", .dim),
            DetailLine("Exchanging bundles with peers arrives in a later release.", .dim),
        ]
    }
}
