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
    static func perform(_ action: Action, _ app: App) throws -> Bool {
        switch action {
        case .cycleStatus: cycleStatus(app)
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
            app.reloadList(.tasks)
        case .filterStatus:
            let all = Schema.taskStatuses
            if let s = app.state.tasks.status, let i = all.firstIndex(of: s) {
                app.state.tasks.status = i + 1 < all.count ? all[i + 1] : nil
            } else {
                app.state.tasks.status = all[0]
            }
            app.reloadList(.tasks)
        case .filterArea: app.emit(.ask(.workingAreas))
        case .filterOwner: filterOwner(app)
        case .filterOverdue:
            app.state.tasks.overdueOnly.toggle()
            app.reloadList(.tasks)
        case .clearFilters: clearFilters(app)
        default: return false
        }
        return true
    }

    static func clearFilters(_ app: App) {
        let sort = (app.state.tasks.sortIndex, app.state.tasks.ascending)
        app.state.tasks = TaskView()
        (app.state.tasks.sortIndex, app.state.tasks.ascending) = sort
        app.reloadList(.tasks)
    }

    static func filterOwner(_ app: App) {
        if app.state.tasks.owner != nil {
            app.state.tasks.owner = nil
            app.state.tasks.ownerName = nil
            app.reloadList(.tasks)
        } else if let row = app.state.list.selectedRow {
            app.emit(.ask(.ownerOfTask(row.id)))
        } else {
            filterByOwner(nil, app)
        }
    }

    /// The selected task's owner is in: only their tasks are listed.
    static func filterByOwner(_ owner: (id: String, name: String)?, _ app: App) {
        if let owner {
            app.state.tasks.owner = owner.id
            app.state.tasks.ownerName = owner.name
        } else {
            app.state.message = Message("The selected task has no owner", .warning)
        }
        app.reloadList(.tasks)
    }

    static func cycleStatus(_ app: App) {
        guard let row = app.state.list.selectedRow, row.kind == .task, app.state.region == .list else { return }
        app.emit(.change(.advanceTaskStatus(task: row.id, title: row.cells.last ?? "")))
    }

    static func statusAdvanced(title: String, to next: String, _ app: App) {
        app.state.message = Message("'\(title)' is now \(next)")
        app.reloadAll(force: true)
    }

    /// The working areas are in: the filter moves to the next one (after the last: none).
    static func cycleAreaFilter(_ areas: [(id: String, title: String?)], _ app: App) {
        guard !areas.isEmpty else {
            app.state.message = Message("There are no working areas yet", .warning)
            return
        }
        if let current = app.state.tasks.area, let i = areas.firstIndex(where: { $0.id == current }) {
            app.state.tasks.area = i + 1 < areas.count ? areas[i + 1].id : nil
        } else {
            app.state.tasks.area = areas[0].id
        }
        app.state.tasks.areaTitle = areas.first { $0.id == app.state.tasks.area }?.title
        app.reloadList(.tasks)
    }
}
