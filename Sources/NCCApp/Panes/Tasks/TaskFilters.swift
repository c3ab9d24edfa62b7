import NCCModel
import NCCStore

extension Action {
    public static let cycleStatus = Action("cycleStatus"), sortNext = Action("sortNext"),
        filterStatus = Action("filterStatus")
    public static let filterArea = Action("filterArea"), filterOwner = Action("filterOwner"),
        filterOverdue = Action("filterOverdue")
    public static let clearFilters = Action("clearFilters")
}

/// The Tasks pane's own actions: its sort, its filters and a task's next status.
extension TasksPane {
    static func perform(_ action: Action, _ app: App) throws -> Outcome? {
        switch action {
        case .cycleStatus: try cycleStatus(app)
        case .sortNext:
            var view = app.state.tasks
            if view.sortIndex == TaskView.sortFields.count - 1 && !view.ascending {
                view.sortIndex = 0
                view.ascending = true
            } else if view.ascending {
                view.ascending = false
            } else {
                view.sortIndex += 1
                view.ascending = true
            }
            app.state.tasks = view
            try app.reloadList(.tasks)
        case .filterStatus:
            let all = Schema.taskStatuses
            if let s = app.state.tasks.status, let i = all.firstIndex(of: s) {
                app.state.tasks.status = i + 1 < all.count ? all[i + 1] : nil
            } else {
                app.state.tasks.status = all[0]
            }
            try app.reloadList(.tasks)
        case .filterArea: try cycleAreaFilter(app)
        case .filterOwner: try filterOwner(app)
        case .filterOverdue:
            app.state.tasks.overdueOnly.toggle()
            try app.reloadList(.tasks)
        case .clearFilters: try clearFilters(app)
        default: return nil
        }
        return Outcome.none
    }

    static func clearFilters(_ app: App) throws {
        let sort = (app.state.tasks.sortIndex, app.state.tasks.ascending)
        app.state.tasks = TaskView()
        (app.state.tasks.sortIndex, app.state.tasks.ascending) = sort
        try app.reloadList(.tasks)
    }

    static func filterOwner(_ app: App) throws {
        if app.state.tasks.owner != nil {
            app.state.tasks.owner = nil
            app.state.tasks.ownerName = nil
        } else if let row = app.state.list.selectedRow,
            let task = try app.store.read({ try $0.record(.task, id: row.id) }),
            let owner = task[Fields.Task.owner].text
        {
            app.state.tasks.owner = owner
            app.state.tasks.ownerName = try app.store.read { try $0.title(.person, id: owner) }
        } else {
            app.state.message = Message("The selected task has no owner", .warning)
        }
        try app.reloadList(.tasks)
    }

    static func cycleStatus(_ app: App) throws {
        guard let row = app.state.list.selectedRow, row.kind == .task, app.state.region == .list else { return }
        let next = try app.store.write { try $0.advanceTaskStatus(row.id) }
        app.state.message = Message("'\(row.cells.last ?? "")' is now \(next)")
        try app.reloadAll(force: true)
    }

    static func cycleAreaFilter(_ app: App) throws {
        let areas = try app.store.read { try $0.list(.workingArea, limit: 100) }
        guard !areas.isEmpty else {
            app.state.message = Message("There are no working areas yet", .warning)
            return
        }
        if let current = app.state.tasks.area, let i = areas.firstIndex(where: { $0.id == current }) {
            app.state.tasks.area = i + 1 < areas.count ? areas[i + 1].id : nil
        } else {
            app.state.tasks.area = areas[0].id
        }
        app.state.tasks.areaTitle = areas.first { $0.id == app.state.tasks.area }?[Fields.WorkingArea.title].text
        try app.reloadList(.tasks)
    }
}
