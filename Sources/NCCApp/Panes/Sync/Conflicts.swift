import NCCModel
import NCCStore

/// Settling a conflict: k keeps the value a field has now, t takes the one that lost.
extension SyncPane {
    /// The conflict selected in the Sync pane's list of conflicts.
    static func selectedConflict(_ app: App) -> ConflictChoice? {
        guard app.state.pane == .sync, let detail = app.state.details[.sync], detail.stack.isEmpty,
            let index = detail.selected
        else { return nil }
        return app.state.syncConflicts.first { $0.line == index }
    }

    /// Settles the selected conflict with the value it has now, or with the other one.
    static func settleConflict(takeOther: Bool, _ app: App) {
        guard let conflict = selectedConflict(app) else {
            let stack = app.state.details[.sync]?.stack ?? []
            app.state.message = Message(
                app.state.syncConflicts.isEmpty
                    ? "There are no conflicts to settle"
                    : !stack.isEmpty
                        ? "\(ActionTable.key(.back)) goes back to the conflicts; choose there"
                        : "Select a conflict first (↑↓)",
                .warning)
            return
        }
        app.emit(.change(.settleConflict(conflict, takeOther: takeOther)))
    }

    static func settled(_ conflict: ConflictChoice, takeOther: Bool, _ app: App) {
        let what =
            "\(conflict.kind.singular) '\(conflict.title)', \(conflict.field.replacingOccurrences(of: "_", with: " "))"
        app.state.message = Message(
            takeOther
                ? "Took the other value for \(what): \(conflict.otherText); peers get the choice with your next bundle"
                : "Kept the current value for \(what): \(conflict.currentText); peers get the choice with your next bundle"
        )
        app.reloadAll(force: true)
    }
}
