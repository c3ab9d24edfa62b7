import NCCModel

/// The records the Progress pane's keys act on: e and d the selected line's, a an objective (a
/// centre's rating in the self-assessment), i and m an indicator of the selected objective and a
/// value of the selected indicator, their forms filled in from where the user is.
extension ProgressPane {
    /// The record e and d act on: one shown here from a jump, else the selected line's.
    static func chosen(_ app: App) -> RecordRef? {
        if let shown = app.state.detail.stack.last { return shown }
        if let target = selected(app)?.line.target { return target }
        app.state.message = Message("Select a line first", .warning)
        return nil
    }

    /// `a` adds an objective; in the self-assessment a rating of the selected centre.
    static func newRecord(_ app: App) throws -> NewRecord? {
        guard app.state.progress.mode != .objectives else { return NewRecord(kind: .objective) }
        guard let (index, line) = selected(app), let target = line.target, target.kind == .centre else {
            return NewRecord(kind: .assessment)
        }
        return NewRecord(kind: .assessment, preset: [Fields.Assessment.centre: (title(of: index, app), target.id)])
    }

    /// `i` adds an indicator to the selected objective (or the selected indicator's), `m` a
    /// measurement of the selected indicator (or the one the detail is about); the objective is
    /// opened so that the new record shows.
    static func addPart(_ kind: Kind, _ app: App) throws {
        guard app.state.progress.mode == .objectives, app.state.detail.stack.isEmpty else {
            app.state.message = Message(
                "Indicators and measurements are added among the objectives (\(ActionTable.key(.showAssessment, in: .progress)))",
                .warning)
            return
        }
        let lines = app.state.detail.lines
        let current = Self.selected(app)
        let selected =
            current?.line.column == 0 ? current?.index : lines.indices.first { isSubject(lines[$0], app) }
        // An indicator goes to the objective selected or above (an indicator's own); a value to
        // the indicator selected itself.
        let index =
            kind == .indicator
            ? selected.flatMap { s in
                lines[...s].lastIndex { $0.column == 0 && $0.target?.kind == .objective }
            }
            : selected.flatMap { lines[$0].target?.kind == .indicator ? $0 : nil }
        guard let index, let target = lines[index].target else {
            app.state.message = Message(
                kind == .indicator
                    ? "Select an objective first (\(ActionTable.key(.add, in: .progress)) adds one)"
                    : "Select an indicator first (\(ActionTable.key(.openObjective, in: .progress)) opens an objective to show its indicators)",
                .warning)
            return
        }
        let title = Self.title(of: index, app)
        if kind == .indicator, !app.state.progress.open.contains(target.id) { toggle(target, app) }
        let field = kind == .indicator ? Fields.Indicator.objective : Fields.Measurement.indicator
        app.openAddForm(NewRecord(kind: kind, preset: [field: (title, target.id)]))
    }

    /// A line's record by its name: a bar's label; else, for the line the detail is about, the
    /// detail's title (a line of text may hold its name cut to its column); else its text.
    static func title(of index: Int, _ app: App) -> String {
        let lines = app.state.detail.lines
        let line = lines[index]
        if let bar = line.bar { return bar.label }
        if isSubject(line, app), let title = lines.first(where: { $0.column == 1 && $0.style == .title }) {
            return title.text
        }
        return line.text.dropFirst(line.target?.kind == .objective ? 4 : 2).trimmingCharacters(in: .whitespaces)
    }
}
