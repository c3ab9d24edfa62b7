import NCCModel
import NCCStore

/// The action plan's tasks: a sortable table with filters; overdue rows stand out.
enum TasksPane: PaneFeature {
    static let title = "Tasks"
    static let summary = "Show the working group's tasks"
    static let group: RecordGroup? = .tasks

    static let bindings = [
        ActionTable.add, ActionTable.edit, ActionTable.delete,
        Binding(.cycleStatus, [.character(" ")], "Space", "status", "Move the task to its next status", footer: true),
        Binding(.sortNext, [.character("s")], "s", "sort", "Sort by the next column (again: reverse)", footer: true),
        Binding(.filterStatus, [.character("S")], "S", "by status", "Show only one status (cycles)"),
        Binding(.filterArea, [.character("w")], "w", "by area", "Show only one working area (cycles)"),
        Binding(
            .filterOwner, [.character("o")], "o", "by owner", "Show only the selected task's owner (again: everyone)"),
        Binding(
            .filterOverdue, [.character("O")], "O", "overdue", "Show only overdue tasks (again: all)", footer: true),
        Binding(.clearFilters, [.character("c")], "c", "clear", "Clear the filters"),
    ]

    static func list(_ state: AppState) -> PaneList? {
        let view = state.tasks
        return PaneList(
            query: query(view, today: state.today), columns: columns,
            emptyMessage: view.isFiltered
                ? "No task matches these filters (\(ActionTable.key(.clearFilters, in: .tasks)) clears them)."
                : "No tasks yet: press \(ActionTable.key(.add, in: .tasks)) to add one.",
            row: { record, _, loader in try row(record, loader) })
    }

    static func caption(_ state: AppState) -> String { "Tasks · " + describe(state.tasks) }

    static func newRecord(_ app: App) throws -> NewRecord? { NewRecord(kind: .task) }

    /// A jump shows every task (a filter could hide the one jumped to).
    static func prepareToShow(_ ref: RecordRef, _ app: App) { app.state.tasks = TaskView() }

    /// Esc with nothing else to back out of clears the filters.
    static func back(_ app: App) throws -> Bool {
        guard app.state.tasks.isFiltered else { return false }
        clearFilters(app)
        return true
    }

    static let columns = [
        ColumnSpec("Status", 7, whole: true), ColumnSpec("Due", 10, whole: true), ColumnSpec("Owner", 16),
        ColumnSpec("Working area", 16), ColumnSpec("Title", 0),
    ]

    static func query(_ view: TaskView, today: String) -> RecordQuery {
        var conditions: [RecordQuery.Condition] = []
        if let status = view.status { conditions.append(.equals(Fields.Task.status, .text(status))) }
        if let area = view.area { conditions.append(.equals(Fields.Task.workingArea, .text(area))) }
        if let owner = view.owner { conditions.append(.equals(Fields.Task.owner, .text(owner))) }
        if view.overdueOnly {
            conditions.append(.below(Fields.Task.due, today))
            conditions.append(.notEquals(Fields.Task.status, .text("done")))
        }
        let field = TaskView.sortFields[view.sortIndex]
        var order: [(field: FieldName, ascending: Bool)] = [(field, view.ascending)]
        if field != Fields.Task.due { order.append((Fields.Task.due, true)) }
        return RecordQuery(.task, conditions: conditions, order: order)
    }

    static func isOverdue(_ task: Record, today: String) -> Bool {
        guard let due = task[Fields.Task.due].text else { return false }
        return due < today && task[Fields.Task.status].text != "done"
    }

    static func row(_ task: Record, _ loader: Loader) throws -> ListRow {
        ListRow(
            kind: .task, id: task.id,
            cells: [
                task[Fields.Task.status].text ?? "", task[Fields.Task.due].text ?? "",
                try loader.value(task, Fields.Task.owner),
                try loader.value(task, Fields.Task.workingArea), task[Fields.Task.title].text ?? "",
            ],
            role: isOverdue(task, today: loader.today)
                ? "warning" : task[Fields.Task.status].text == "done" ? "ui.text.dim" : nil)
    }

    static func describe(_ view: TaskView) -> String {
        var parts: [String] = []
        if let s = view.status { parts.append("status \(s)") }
        if let a = view.areaTitle { parts.append("area \(a)") }
        if let o = view.ownerName { parts.append("owner \(o)") }
        if view.overdueOnly { parts.append("overdue") }
        let sort = TaskView.sortFields[view.sortIndex].name.replacingOccurrences(of: "_", with: " ")
        return "sorted by \(sort) \(view.ascending ? "↑" : "↓")"
            + (parts.isEmpty ? "" : " · only " + parts.joined(separator: ", "))
    }
}
