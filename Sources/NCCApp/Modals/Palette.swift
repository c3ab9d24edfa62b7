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
            emit(.search(SearchRequest(purpose: .palette(text: palette.input.text), limit: 30)))
        }
        state.modal = .palette(palette)
    }

    /// Shows a record in the pane where it lives: selected in the list when the list holds its
    /// kind, else opened in the detail (`revealed`, once the list is loaded).
    func jump(to ref: RecordRef) throws {
        let pane = Pane.home(of: ref.kind.spec.group)
        if pane != state.pane { state.pane.feature.left(self) }
        state.pane = pane
        state.zoom = .split
        state.lists[pane]?.filter = TextInput()
        pane.feature.prepareToShow(ref, self)
        state.details[pane] = DetailState()
        reloadList(pane, force: true, reveal: ref)
    }

    func revealed(_ ref: RecordRef, _ count: ListCount) {
        let pane = count.request.pane
        if let position = count.revealedPosition {
            let top = max(0, position - layout.listRows / 2)
            state.lists[pane]?.selected = position
            state.lists[pane]?.top = top
            state.region = .list
            ensureWindow(pane, force: true, thenDetail: true)
        } else {
            ensureWindow(pane, force: true)
            state.details[pane]?.stack = [ref]
            state.region = .detail
            loadDetail(pane, then: .selectOpenable)
        }
        state.message = Message("\(ref.kind.singular.capitalized): \(count.revealedTitle ?? "")")
    }
}
