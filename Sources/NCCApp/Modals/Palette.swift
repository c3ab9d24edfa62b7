import NCCModel
import NCCStore
import Screen

/// The jump palette: any record of any kind by name, shown in the pane where it lives.
extension App {
    func handlePaletteKey(_ key: Key, _ palette: inout PaletteState) throws {
        switch ActionTable.action(for: key, in: .palette) {
        case .cancel?:
            state.modal = nil
            return
        case .up?: palette.selected = max(0, palette.selected - 1)
        case .down?: palette.selected = min(max(0, palette.hits.count - 1), palette.selected + 1)
        case .submit?:
            guard palette.hits.indices.contains(palette.selected) else { return }
            state.modal = nil
            try jump(to: palette.hits[palette.selected].ref)
            return
        default:
            guard palette.input.handle(key) else { return }
            palette.selected = 0
            let text = palette.input.text
            palette.hits = try store.read { r in
                try r.quickSearch(text, limit: 30, mark: ("", "")).map {
                    PaletteHit(ref: RecordRef($0.kind, $0.id), title: $0.title, snippet: $0.snippet)
                }
            }
        }
        state.modal = .palette(palette)
    }

    /// Shows a record in the pane where it lives: selected in the list when the list holds its
    /// kind, else opened in the detail.
    func jump(to ref: RecordRef) throws {
        let pane = Pane.home(of: ref.kind.spec.group)
        if pane != state.pane { state.pane.feature.left(self) }
        state.pane = pane
        state.lists[pane]?.filter = TextInput()
        pane.feature.prepareToShow(ref, self)
        state.details[pane] = DetailState()
        try reloadList(pane, force: true)
        if let query = loadedQueries[pane], query.kind == ref.kind,
            let position = try store.read({ try $0.position(of: ref.id, in: query) })
        {
            let top = max(0, position - layout.listRows / 2)
            state.lists[pane]?.selected = position
            state.lists[pane]?.top = top
            state.region = .list
            try ensureWindow(pane, force: true)
            try loadDetail(pane)
        } else {
            state.details[pane]?.stack = [ref]
            state.region = .detail
            try loadDetail(pane)
            moveInDetail(by: 0)
        }
        state.message = Message(
            "\(ref.kind.singular.capitalized): \(try store.read { try $0.title(ref.kind, id: ref.id) })")
    }
}
