import Screen

/// A list's filter typed after `/`: every keystroke narrows the list (keys: `Mode.filter`).
extension App {
    func handleFilterKey(_ key: Key) throws {
        switch ActionTable.action(for: key, in: .filter) ?? .typeToFilter {
        case .keepFilter:
            state.list.filtering = false
            if state.list.filter.isEmpty { return }
            state.message = Message(
                "\(state.list.total) match '\(state.list.filter.text)'; \(ActionTable.key(.back)) clears the filter")
        case .clearFilter:
            state.list.filtering = false
            state.list.filter = TextInput()
            reloadList(state.pane, force: true)
        case let move where [.up, .down, .pageUp, .pageDown].contains(move):
            return try perform(move)
        default:
            var list = state.list
            guard list.filter.handle(key) else { return }
            list.selected = 0
            list.top = 0
            state.list = list
            reloadList(state.pane, force: true)
        }
    }
}
