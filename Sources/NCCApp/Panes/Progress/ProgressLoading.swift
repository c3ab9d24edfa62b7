import NCCModel
import NCCStore

/// The Progress pane's read side: its lines drawn from its state (`ProgressViewState`), the first
/// column and then the detail of its subject as the second, and putting them in place with the
/// line the detail is about selected.
extension ProgressPane {
    /// What a read of the pane brings: its lines, and the record the detail column is about.
    struct Content {
        var lines: [DetailLine]
        var subject: RecordRef?
    }

    /// The view's lines (by the runner).
    static func read(_ runner: Runner, _ state: AppState) throws -> PaneContent {
        let view = state.progress
        let (width, split) = ProgressView.columns(width: state.width, height: state.height)
        let selected = selectedInFirstColumn(state.details[.progress])
        return .progress(
            try runner.read { l in
                switch view.mode {
                case .objectives: try objectiveLines(view, selected: selected, l, width: width, split: split)
                case .assessment: try assessmentLines(view, selected: selected, l, width: width, split: split)
                case .peerGroups:
                    Content(lines: PeerGroupsView.lines(try l.reader.proposedPeerGroups(count: PeerGroupsView.count)))
                }
            })
    }

    static func objectiveLines(
        _ view: ProgressViewState, selected: Int?, _ l: Loader, width: Int, split: Bool
    ) throws -> Content {
        let objectives = try l.reader.objectivesProgress()
        var areas: [String: String] = [:]
        for objective in objectives {
            guard let id = objective.workingArea, let title = objective.workingAreaTitle else { continue }
            areas[id] = (objective.workingAreaNumber.map { "WA\($0) " } ?? "") + ProgressWords.name(title)
        }
        var tree = ObjectiveTree.lines(objectives, open: view.open, areas: areas, width: width)
        guard let subject = markSubject(&tree, view.subject, selected: selected) else { return Content(lines: tree) }
        var detail: [DetailLine] = []
        if subject.kind == .objective, let objective = objectives.first(where: { $0.objective.id == subject.id }) {
            detail = ObjectiveDetail.lines(
                objective, area: objective.workingArea.flatMap { areas[$0] }, width: width)
        } else if let objective = objectives.first(where: { $0.indicators.contains { $0.indicator.id == subject.id } }),
            let indicator = objective.indicators.first(where: { $0.indicator.id == subject.id })
        {
            detail = IndicatorDetail.lines(indicator, objective: objective.title, width: width)
        }
        if view.detailAlone, !split { return Content(lines: alone(detail), subject: subject) }
        return Content(lines: tree + secondColumn(detail, split: split), subject: subject)
    }

    static func assessmentLines(
        _ view: ProgressViewState, selected: Int?, _ l: Loader, width: Int, split: Bool
    ) throws -> Content {
        let figures = try AssessmentView.figures(l.reader)
        var lines = AssessmentView.lines(figures, width: width)
        guard let subject = markSubject(&lines, view.subject, selected: selected) else { return Content(lines: lines) }
        guard let centre = try AssessmentView.centre(subject.id, figures, l.reader) else {
            return Content(lines: lines, subject: subject)
        }
        let detail = AssessmentView.centreLines(centre, width: width)
        if view.detailAlone, !split { return Content(lines: alone(detail), subject: subject) }
        return Content(lines: lines + secondColumn(detail, split: split), subject: subject)
    }

    /// The selected line, when it is one of the first column's (else nil: a line of the detail,
    /// or none).
    static func selectedInFirstColumn(_ detail: DetailState?) -> Int? {
        guard let detail, let selected = detail.selected, detail.lines.indices.contains(selected),
            detail.lines[selected].column == 0
        else { return nil }
        return selected
    }

    /// Marks the line the detail is about among the first column's lines and says what it is:
    /// the subject's; when it is gone (deleted) or there is none yet, the line that takes the
    /// place of the selected one, or the first that opens something.
    static func markSubject(_ lines: inout [DetailLine], _ subject: RecordRef?, selected: Int?) -> RecordRef? {
        let shown = subject.flatMap { subject in lines.firstIndex { $0.target == subject } }
        guard let index = shown ?? ProgressView.landing(of: selected, in: lines), let target = lines[index].target
        else { return nil }
        lines[index].text = String(ProgressView.subjectMark) + lines[index].text.dropFirst()
        return target
    }

    /// The subject's detail with the whole screen to itself (a narrow one), under how to go back.
    static func alone(_ detail: [DetailLine]) -> [DetailLine] {
        [DetailLine("Esc: back to the \(ProgressView.treeWord)", .dim)] + secondColumn(detail, split: true)
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

    /// Puts the lines in place. The line the detail is about is the one selected, unless the
    /// selection is on a line of the detail itself (a disputed value, after Tab).
    static func show(_ content: PaneContent, _ app: App) {
        guard case .progress(let read) = content else { return }
        var detail = app.state.details[.progress] ?? DetailState()
        // A record jumped to is shown here meanwhile: its own lines stay.
        guard detail.stack.isEmpty else { return }
        detail.lines = read.lines
        detail.keepSelectionOnAnOpenableLine()
        if let subject = read.subject,
            let line = read.lines.firstIndex(where: { $0.column == 0 && $0.target == subject }),
            detail.selected.map({ read.lines[$0].column == 0 }) ?? true
        {
            detail.selected = line
        }
        app.state.details[.progress] = detail
        app.state.progress.subject = read.subject
    }
}
