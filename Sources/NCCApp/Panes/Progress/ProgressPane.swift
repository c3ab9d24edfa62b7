import NCCModel
import NCCStore

extension Action {
    public static let showAssessment = Action("showAssessment"), showPeerGroups = Action("showPeerGroups")
    public static let addIndicator = Action("addIndicator"), addMeasurement = Action("addMeasurement")
    public static let editProgress = Action("editProgress"), deleteProgress = Action("deleteProgress")
    public static let openObjective = Action("openObjective"), closeObjective = Action("closeObjective")
    public static let progressUp = Action("progressUp"), progressDown = Action("progressDown")
    public static let progressPageUp = Action("progressPageUp"), progressPageDown = Action("progressPageDown")
    public static let progressTop = Action("progressTop"), progressBottom = Action("progressBottom")
    public static let progressBack = Action("progressBack")
}

/// How far the working group has come: its objectives as a tree with their indicators, the
/// selected one's detail beside it (below it on a narrow screen); the centres' self-assessment
/// with peers to learn from and each centre's pathway; the peer groups it suggests. All detail,
/// no list: its state (`AppState.progress`: the view, the open objectives, the line the detail is
/// about) is changed here and drawn by its read (`ProgressLoading`); moving or clicking reads the
/// detail of the line moved to. Titles, names and units come from peers' bundles: each is made
/// one line of visible characters before it is measured.
enum ProgressPane: PaneFeature {
    static let title = "Progress"
    static let summary = "Show the objectives, indicators and self-assessment"
    static let group: RecordGroup? = .progress
    static let isDetailOnly = true

    static let bindings = [
        Binding(
            .showAssessment, [.character("s")], "s", "self-assessment",
            "Switch between the objectives and the self-assessment", footer: true),
        Binding(
            .showPeerGroups, [.character("g")], "g", "peer groups",
            "Peer groups from the self-assessment (again: back)", footer: true),
        Binding(
            .open, [.enter], "Enter", "open/close", "Open or close the objective; on a disputed value, its form",
            footer: true),
        Binding(
            .add, [.character("a")], "a", "add", "Add an objective (self-assessment: a centre's rating)",
            footer: true),
        Binding(
            .addIndicator, [.character("i")], "i", "indicator", "Add an indicator to the selected objective"),
        Binding(
            .addMeasurement, [.character("m")], "m", "measure", "Add a value of the selected indicator on a date",
            footer: true),
        Binding(
            .editProgress, [.character("e")], "e", "edit", "Edit the selected objective, indicator, value or centre",
            footer: true),
        Binding(.deleteProgress, [.character("d")], "d", "delete", "Delete the selected record (asks first)"),
        Binding(.openObjective, [.right], "→", "open", "Open the selected objective: its indicators under it"),
        Binding(.closeObjective, [.left], "←", "close", "Close the selected objective (or the indicator's)"),
        Binding(.progressUp, [.up, .character("k")], "↑/k", "up", "Move up; the detail follows"),
        Binding(.progressDown, [.down, .character("j")], "↓/j", "down", "Move down; the detail follows"),
        Binding(.progressPageUp, [.pageUp, .control("b")], "PgUp", "page up", "Move up a page"),
        Binding(.progressPageDown, [.pageDown, .control("f")], "PgDn", "page down", "Move down a page"),
        Binding(.progressTop, [.home], "Home", "first", "Go to the first line"),
        Binding(.progressBottom, [.end, .character("G")], "G/End", "last", "Go to the last line"),
        Binding(
            .progressBack, [.escape], "Esc", "back", "Back a view: peer groups, self-assessment, objectives"),
    ]

    /// Nothing is listed: this is only what a jump loads (a record jumped to from the jump list
    /// or the Overview is shown in the detail, as a record opened elsewhere; Esc comes back).
    static func list(_ state: AppState) -> PaneList? {
        PaneList(
            query: RecordQuery(.objective, conditions: [.ids([])]), columns: [], emptyMessage: "",
            row: { record, _, _ in ListRow(kind: record.kind, id: record.id, cells: []) })
    }

    // MARK: - The update

    static func perform(_ action: Action, _ app: App) throws -> Bool {
        let mode = app.state.progress.mode
        switch action {
        case .showAssessment: show(mode == .objectives ? .assessment : .objectives, app)
        case .showPeerGroups: show(mode == .peerGroups ? .assessment : .peerGroups, app)
        case .progressBack: try back(app)
        case .addIndicator: try addPart(.indicator, app)
        case .addMeasurement: try addPart(.measurement, app)
        case .editProgress:
            guard let ref = chosen(app) else { return true }
            app.emit(.ask(.editing(ref)))
        case .deleteProgress:
            guard let ref = chosen(app) else { return true }
            app.emit(.ask(.deleting(ref)))
        case .openObjective: turn(open: true, app)
        case .closeObjective: turn(open: false, app)
        case .progressUp: move(by: -1, app)
        case .progressDown: move(by: 1, app)
        case .progressPageUp: move(by: -app.page, app)
        case .progressPageDown: move(by: app.page, app)
        case .progressTop: move(by: -Int.max / 2, app)
        case .progressBottom: move(by: Int.max / 2, app)
        default: return false
        }
        return true
    }

    /// Another view, from its first line (the objectives open stay open); its title line stands
    /// for it until its lines are read.
    static func show(_ mode: ProgressViewState.Mode, _ app: App) {
        app.state.progress.mode = mode
        app.state.progress.subject = nil
        app.state.progress.detailAlone = false
        app.state.details[.progress] = DetailState(lines: [DetailLine(mode.title, .title)])
        app.state.region = .detail
        app.emit(.readPane(.progress))
    }

    /// Esc: out of a record shown here, else back a view (peer groups → self-assessment → objectives).
    static func back(_ app: App) throws {
        if app.state.progress.detailAlone {
            app.state.progress.detailAlone = false
            return app.emit(.readPane(.progress))
        }
        let mode = app.state.progress.mode
        if !app.state.detail.stack.isEmpty || mode == .objectives { return try app.back() }
        show(mode == .peerGroups ? .assessment : .objectives, app)
    }

    /// A record jumped to is shown over the objectives, from their first line: Esc comes back to
    /// them.
    static func prepareToShow(_ ref: RecordRef, _ app: App) {
        app.state.progress.mode = .objectives
        app.state.progress.subject = nil
        app.state.progress.detailAlone = false
    }

    /// Moves as the app does; the detail follows.
    static func move(by delta: Int, _ app: App) {
        app.state.region = .detail
        app.moveInDetail(by: delta)
        follow(app)
    }

    /// A click selected a line: the detail follows, as it does a move.
    static func clicked(line index: Int, _ app: App) { follow(app) }

    /// The selection moved: a line of the first column the detail is not about yet becomes its
    /// subject, and the detail is read again.
    static func follow(_ app: App) {
        guard app.state.detail.stack.isEmpty, app.state.progress.mode != .peerGroups,
            let (_, line) = selected(app), line.column == 0, let target = line.target,
            target != app.state.progress.subject
        else { return }
        app.state.progress.subject = target
        app.emit(.readPane(.progress))
    }

    /// The selected line and its index, when one is.
    static func selected(_ app: App) -> (index: Int, line: DetailLine)? {
        let detail = app.state.detail
        guard let index = detail.selected, detail.lines.indices.contains(index) else { return nil }
        return (index, detail.lines[index])
    }

    /// Whether the line is the one the detail is about (marked ›).
    static func isSubject(_ line: DetailLine, _ app: App) -> Bool {
        line.column == 0 && line.target != nil && line.target == app.state.progress.subject
    }

    /// Enter: an objective opens or closes; another line of the first column gets its detail; a
    /// disputed value of the second opens its form, to correct it.
    static func open(line index: Int, target: RecordRef, _ app: App) throws -> Bool {
        guard app.state.detail.stack.isEmpty else { return false }
        let line = app.state.detail.lines[index]
        if line.column == 1 {
            app.emit(.ask(.editing(target)))
        } else if target.kind == .objective {
            toggle(target, app)
        } else if app.state.progress.mode != .peerGroups,
            !ProgressView.columns(width: app.state.width, height: app.state.height).split
        {
            // Too narrow for the detail beside the list: it takes the screen.
            app.state.progress.subject = target
            app.state.progress.detailAlone = true
            app.emit(.readPane(.progress))
        } else if !isSubject(line, app), app.state.progress.mode != .peerGroups {
            app.state.progress.subject = target
            app.emit(.readPane(.progress))
        } else if target.kind == .centre {
            app.state.message = Message(
                "\(ActionTable.key(.editProgress, in: .progress)) edits the centre; \(ActionTable.key(.add, in: .progress)) adds a rating of it"
            )
        }
        return true
    }

    /// → and ←: open or close the selected objective (← on an indicator closes its objective).
    static func turn(open: Bool, _ app: App) {
        guard app.state.progress.mode == .objectives, app.state.detail.stack.isEmpty,
            let (index, line) = selected(app), line.column == 0, let target = line.target
        else { return }
        let lines = app.state.detail.lines
        if target.kind == .objective {
            if app.state.progress.open.contains(target.id) != open { toggle(target, app) }
        } else if !open, target.kind == .indicator,
            let parent = lines[..<index].lastIndex(where: { $0.target?.kind == .objective && $0.column == 0 }),
            let objective = lines[parent].target
        {
            app.state.detail.selected = parent
            toggle(objective, app)
        }
    }

    /// Opens or closes the objective, which the detail is then about.
    static func toggle(_ objective: RecordRef, _ app: App) {
        if app.state.progress.open.remove(objective.id) == nil { app.state.progress.open.insert(objective.id) }
        app.state.progress.subject = objective
        app.emit(.readPane(.progress))
    }

    /// Tab goes between the first column and the second's lines that open something (the
    /// disputed values), and back to the line the detail is about.
    static func toggleRegion(_ app: App) throws -> Bool {
        app.state.region = .detail
        let lines = app.state.detail.lines
        let column = selected(app)?.line.column ?? 0
        let next =
            column == 0
            ? lines.indices.first { lines[$0].column == 1 && lines[$0].target != nil }
            : lines.indices.first { isSubject(lines[$0], app) }
        guard let next else {
            app.moveInDetail(by: 0)
            return true
        }
        app.state.detail.selected = next
        app.moveInDetail(by: 0)
        return true
    }
}
