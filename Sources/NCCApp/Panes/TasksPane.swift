import NCCModel
import NCCStore

/// The action plan's tasks: a sortable table with filters; overdue rows stand out.
enum TasksPane {
    static let columns = [ColumnSpec("Status", 7, whole: true), ColumnSpec("Due", 10, whole: true), ColumnSpec("Owner", 16),
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
