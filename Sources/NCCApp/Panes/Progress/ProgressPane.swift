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
/// no list: its lines are its state (`ProgressView`), and moving reads the detail of the line
/// moved to. Titles, names and units come from peers' bundles: each is made one line of visible
/// characters before it is measured.
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

    // MARK: - Reading

    /// The view's lines (by the runner): the first column, then the detail of its subject (the
    /// line the app will select once the lines are in) as the second.
    static func read(_ runner: Runner, _ state: AppState) throws -> PaneContent {
        let view = ProgressView(state.details[.progress])
        let (width, split) = ProgressView.columns(width: state.width, height: state.height)
        return .record(
            try runner.read { l in
                switch view.mode {
                case .objectives: try objectiveLines(view, l, width: width, split: split)
                case .assessment: try assessmentLines(view, l, width: width, split: split)
                case .peerGroups: PeerGroupsView.lines(try l.reader.proposedPeerGroups(count: PeerGroupsView.count))
                }
            })
    }

    static func objectiveLines(_ view: ProgressView, _ l: Loader, width: Int, split: Bool) throws -> [DetailLine] {
        let objectives = try l.reader.objectivesProgress()
        var areas: [String: String] = [:]
        for id in Set(objectives.compactMap(\.workingArea)) {
            guard let area = try l.reader.record(.workingArea, id: id) else { continue }
            areas[id] =
                (area[Fields.WorkingArea.number].int.map { "WA\($0) " } ?? "")
                + ProgressWords.name(area[Fields.WorkingArea.title].text)
        }
        var tree = ObjectiveTree.lines(objectives, open: view.open, areas: areas, width: width)
        guard let subject = markSubject(&tree, view) else { return tree }
        var detail: [DetailLine] = []
        if subject.kind == .objective, let objective = objectives.first(where: { $0.objective.id == subject.id }) {
            detail = ObjectiveDetail.lines(
                objective, area: objective.workingArea.flatMap { areas[$0] }, width: width)
        } else if let objective = objectives.first(where: { $0.indicators.contains { $0.indicator.id == subject.id } }),
            let indicator = objective.indicators.first(where: { $0.indicator.id == subject.id })
        {
            detail = IndicatorDetail.lines(indicator, objective: objective.title, width: width)
        }
        return tree + secondColumn(detail, split: split)
    }

    static func assessmentLines(_ view: ProgressView, _ l: Loader, width: Int, split: Bool) throws -> [DetailLine] {
        let figures = try AssessmentView.figures(l.reader)
        var lines = AssessmentView.lines(figures, width: width)
        guard let subject = markSubject(&lines, view),
            let centre = try AssessmentView.centre(subject.id, figures, l.reader)
        else { return lines }
        return lines + secondColumn(AssessmentView.centreLines(centre, width: width), split: split)
    }

    /// Marks the line the app will select among the first column's lines (the old selection's,
    /// or the next that opens something; the old subject while the selection is in the second
    /// column) and says what it is.
    static func markSubject(_ lines: inout [DetailLine], _ view: ProgressView) -> RecordRef? {
        let inFirstColumn = view.selectedLine.map { $0.column == 0 } ?? true
        var index = inFirstColumn ? ProgressView.landing(of: view.selected, in: lines) : nil
        if index == nil, let subject = view.subject {
            index = lines.firstIndex { $0.target == subject }
        }
        guard let index = index ?? ProgressView.landing(of: nil, in: lines), let target = lines[index].target else {
            return nil
        }
        lines[index].text = String(ProgressView.subjectMark) + lines[index].text.dropFirst()
        return target
    }

    /// Lines for the second column: beside the first on a wide screen, after it (under a blank
    /// line) on a narrow one.
    static func secondColumn(_ lines: [DetailLine], split: Bool) -> [DetailLine] {
        (split ? lines : [DetailLine("")] + lines).map { line in
            var copy = line
            copy.column = 1
            return copy
        }
    }

    // MARK: - The update

    static func perform(_ action: Action, _ app: App) throws -> Bool {
        switch action {
        case .showAssessment:
            show(ProgressView(app.state.details[.progress]).mode == .objectives ? .assessment : .objectives, app)
        case .showPeerGroups:
            show(ProgressView(app.state.details[.progress]).mode == .peerGroups ? .assessment : .peerGroups, app)
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

    /// Another view: its title line stands for it until its lines are read.
    static func show(_ mode: ProgressView.Mode, _ app: App) {
        app.state.details[.progress] = DetailState(lines: [DetailLine(mode.title, .title)])
        app.state.region = .detail
        app.emit(.readPane(.progress))
    }

    /// Esc: out of a record shown here, else back a view (peer groups → self-assessment → objectives).
    static func back(_ app: App) throws {
        let mode = ProgressView(app.state.details[.progress]).mode
        if !app.state.detail.stack.isEmpty || mode == .objectives { return try app.back() }
        show(mode == .peerGroups ? .assessment : .objectives, app)
    }

    /// Moves as the app does; the detail is read again when it is not about the line moved to.
    static func move(by delta: Int, _ app: App) {
        app.state.region = .detail
        app.moveInDetail(by: delta)
        let view = ProgressView(app.state.details[.progress])
        guard app.state.detail.stack.isEmpty, view.mode != .peerGroups, let line = view.selectedLine,
            line.column == 0, line.target != nil, !ProgressView.isSubject(line)
        else { return }
        app.emit(.readPane(.progress))
    }

    /// Enter: an objective opens or closes; another line of the first column gets its detail; a
    /// disputed value of the second opens its form, to correct it.
    static func open(line index: Int, target: RecordRef, _ app: App) throws -> Bool {
        guard app.state.detail.stack.isEmpty else { return false }
        let line = app.state.detail.lines[index]
        if line.column == 1 {
            app.emit(.ask(.editing(target)))
        } else if target.kind == .objective {
            toggle(index, app)
        } else if !ProgressView.isSubject(line), ProgressView(app.state.details[.progress]).mode != .peerGroups {
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
        let view = ProgressView(app.state.details[.progress])
        guard view.mode == .objectives, app.state.detail.stack.isEmpty, let index = view.selected,
            let line = view.selectedLine, line.column == 0, let target = line.target
        else { return }
        if target.kind == .objective {
            if ProgressView.isOpen(line) != open { toggle(index, app) }
        } else if !open, target.kind == .indicator,
            let parent = view.lines[..<index].lastIndex(where: { $0.target?.kind == .objective && $0.column == 0 })
        {
            app.state.detail.selected = parent
            toggle(parent, app)
        }
    }

    static func toggle(_ index: Int, _ app: App) {
        app.state.detail.lines[index] = ProgressView.toggled(app.state.detail.lines[index])
        app.emit(.readPane(.progress))
    }

    /// Tab goes between the first column and the second's lines that open something (the
    /// disputed values), and back to the line the detail is about.
    static func toggleRegion(_ app: App) throws -> Bool {
        app.state.region = .detail
        let lines = app.state.detail.lines
        let column = ProgressView(app.state.details[.progress]).selectedLine?.column ?? 0
        let next =
            column == 0
            ? lines.indices.first { lines[$0].column == 1 && lines[$0].target != nil }
            : lines.indices.first { lines[$0].column == 0 && ProgressView.isSubject(lines[$0]) }
        guard let next else {
            app.moveInDetail(by: 0)
            return true
        }
        app.state.detail.selected = next
        app.moveInDetail(by: 0)
        return true
    }

    // MARK: - Records

    /// The record e and d act on: one shown here from a jump, else the selected line's.
    static func chosen(_ app: App) -> RecordRef? {
        if let shown = app.state.detail.stack.last { return shown }
        if let target = ProgressView(app.state.details[.progress]).selectedLine?.target { return target }
        app.state.message = Message("Select a line first", .warning)
        return nil
    }

    /// `a` adds an objective; in the self-assessment a rating of the selected centre.
    static func newRecord(_ app: App) throws -> NewRecord? {
        let view = ProgressView(app.state.details[.progress])
        guard view.mode != .objectives else { return NewRecord(kind: .objective) }
        guard let line = view.selectedLine, let target = line.target, target.kind == .centre else {
            return NewRecord(kind: .assessment)
        }
        return NewRecord(
            kind: .assessment, preset: [Fields.Assessment.centre: (title(of: view.selected ?? 0, view), target.id)])
    }

    /// `i` adds an indicator to the selected objective (or the selected indicator's), `m` a
    /// measurement of the selected indicator (or the one the detail is about); the objective is
    /// opened so that the new record shows.
    static func addPart(_ kind: Kind, _ app: App) throws {
        let view = ProgressView(app.state.details[.progress])
        guard view.mode == .objectives, app.state.detail.stack.isEmpty else {
            app.state.message = Message(
                "Indicators and measurements are added among the objectives (\(ActionTable.key(.showAssessment, in: .progress)))",
                .warning)
            return
        }
        let first = view.lines.indices.filter { view.lines[$0].column == 0 }
        let selected =
            view.selectedLine?.column == 0 ? view.selected : first.first { ProgressView.isSubject(view.lines[$0]) }
        // An indicator goes to the objective selected or above (an indicator's own); a value to
        // the indicator selected itself.
        let index =
            kind == .indicator
            ? selected.flatMap { s in
                view.lines[...s].lastIndex { $0.column == 0 && $0.target?.kind == .objective }
            }
            : selected.flatMap { view.lines[$0].target?.kind == .indicator ? $0 : nil }
        guard let index, let target = view.lines[index].target else {
            app.state.message = Message(
                kind == .indicator
                    ? "Select an objective first (\(ActionTable.key(.add, in: .progress)) adds one)"
                    : "Select an indicator first (\(ActionTable.key(.openObjective, in: .progress)) opens an objective to show its indicators)",
                .warning)
            return
        }
        if kind == .indicator, !ProgressView.isOpen(view.lines[index]) { toggle(index, app) }
        let field = kind == .indicator ? Fields.Indicator.objective : Fields.Measurement.indicator
        app.openAddForm(NewRecord(kind: kind, preset: [field: (title(of: index, view), target.id)]))
    }

    /// A line's record by its name: a bar's label; else, for the line the detail is about, the
    /// detail's title (a line of text may hold its name cut to its column); else its text.
    static func title(of index: Int, _ view: ProgressView) -> String {
        let line = view.lines[index]
        if let bar = line.bar { return bar.label }
        if ProgressView.isSubject(line),
            let title = view.lines.first(where: { $0.column == 1 && $0.style == .title })
        {
            return title.text
        }
        return line.text.dropFirst(line.target?.kind == .objective ? 4 : 2).trimmingCharacters(in: .whitespaces)
    }
}
