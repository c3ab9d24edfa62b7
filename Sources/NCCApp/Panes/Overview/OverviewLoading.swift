import Foundation
import NCCExchange
import NCCModel
import NCCStore

extension Action {
    public static let exportReport = Action("exportReport")
}

/// The Overview's loading: its figures read at once, its counts on a large database made in the
/// background; Enter on a task bar shows those tasks; r writes the progress report.
extension OverviewPane {
    static let title = "Overview"
    static let summary = "Show the overview: task charts, deadlines, needs, conflicts"
    static let isDetailOnly = true
    static let bindings = [
        Binding(
            .exportReport, [.character("r")], "r", "report", "Write the progress report (last 90 days) to an HTML file",
            footer: true)
    ]

    static func perform(_ action: Action, _ app: App) throws -> Bool {
        guard action == .exportReport else { return false }
        startReportExport(app)
        return true
    }

    static func left(_ app: App) { app.emit(.stopCounting) }

    /// Enter on a status bar shows those tasks; on a proposal or a decision, the Decisions pane shows
    /// it; on an objective or an indicator, the Progress pane.
    static func open(line index: Int, target: RecordRef, _ app: App) throws -> Bool {
        guard app.state.detail.stack.isEmpty else { return false }
        if target.kind == .proposal || target.kind == .decision || target.kind.spec.group == .progress {
            try app.jump(to: target)
            return true
        }
        guard let link = app.state.overviewTaskLinks.first(where: { $0.line == index }) else { return false }
        try showTasks(link, app)
        return true
    }

    /// Tab goes to the first selectable line of the other column (charts, lists).
    static func toggleRegion(_ app: App) throws -> Bool {
        app.state.region = .detail
        let lines = app.state.detail.lines
        let column = app.state.detail.selected.map { lines[$0].column } ?? 1
        if let first = lines.indices.first(where: { lines[$0].target != nil && lines[$0].column != column }) {
            let placed = DetailColumns(lines, area: app.detailArea)
            app.state.detail.selected = first
            let row = placed.place(of: first)?.row ?? first
            if row < app.state.detail.scroll || row >= app.state.detail.scroll + app.detailArea.height {
                app.state.detail.scroll = max(0, row - 1)
            }
        }
        return true
    }

    // MARK: - The Overview

    /// The Overview's figures (by the runner): read again when the database changed since they
    /// were read. On a large database the counts come later, from the background
    /// (`Runner.startCounting`, then `Reply.countsMade` reads the pane again).
    static func read(_ runner: Runner, _ state: AppState) throws -> PaneContent {
        try runner.pickUpCounts()
        let token = try runner.store.changeToken()
        if runner.overviewCache?.token != token {
            runner.stopCounting()
            runner.overviewCache = try runner.read { l in
                var figures = try OverviewPane.figures(l)
                figures.votes = try OverviewPane.votes(l, replica: runner.store.replicaID, now: l.now)
                figures.objectives = try OverviewPane.objectives(l)
                return OverviewPane.Cache(
                    token: token, figures: figures, counts: figures.large ? nil : try OverviewPane.counts(l, figures))
            }
        }
        guard let cache = runner.overviewCache else { return .record([]) }
        if cache.counts == nil { runner.startCounting(cache) }
        return .overview(cache)
    }

    /// Puts the overview into the pane's detail, keeping the selected line selected when the
    /// lines around it change.
    static func show(_ content: PaneContent, _ app: App) {
        guard case .overview(let cache) = content else { return }
        var detail = app.state.details[.overview] ?? DetailState()
        let overview = OverviewPane.overview(cache.figures, cache.counts)
        app.state.overviewTaskLinks = overview.taskLinks
        let before = detail.selected.flatMap { $0 < detail.lines.count ? detail.lines[$0] : nil }
        if let before, before.target != nil, detail.lines != overview.lines,
            let same = overview.lines.firstIndex(where: {
                $0.target == before.target && $0.text == before.text && $0.bar?.label == before.bar?.label
            })
        {
            detail.selected = same
        }
        detail.lines = overview.lines
        detail.keepSelectionOnAnOpenableLine()
        app.state.details[.overview] = detail
    }

    /// The Tasks pane showing only one working area's tasks of one status (Enter on a bar).
    static func showTasks(_ link: TaskLink, _ app: App) throws {
        var view = TaskView()
        (view.sortIndex, view.ascending) = (app.state.tasks.sortIndex, app.state.tasks.ascending)
        view.status = link.status
        view.area = link.area
        view.areaTitle = link.areaTitle
        app.state.tasks = view
        app.state.lists[.tasks]?.filter = TextInput()
        app.state.details[.tasks] = DetailState()
        try app.switchTo(.tasks)
        app.state.region = .list
        app.state.message = Message(
            "Tasks of \(OneLine.of(link.areaTitle)), status \(link.status); \(ActionTable.key(.clearFilters, in: .tasks)) clears the filters, \(ActionTable.key(Pane.overview.showAction)) goes back to the Overview"
        )
    }

    // MARK: - The progress report

    static func startReportExport(_ app: App) {
        let suggestion = app.databaseFolder.appendingPathComponent("ncc-report-\(app.today).html").path
        app.state.modal = .prompt(
            PromptState(
                title: "Write the progress report (HTML, the last \(ProgressReport.defaultDays) days)",
                label: "File", input: TextInput(suggestion), purpose: .exportReport))
    }
}
