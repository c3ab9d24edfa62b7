import NCCModel
import Screen

/// Moving through a pane: up and down its list or its detail's selectable lines, between the
/// two, into a record and back out. What a pane does otherwise, it says in its feature.
extension App {
    /// Where the detail is drawn: beside or under the list, or the whole body of a pane without one.
    var detailArea: Rect { state.pane.isDetailOnly ? layout.body.inset(by: 1) : layout.detail }

    func move(by delta: Int) throws {
        if state.region == .detail {
            moveInDetail(by: delta)
            return
        }
        var list = state.list
        let target =
            delta > 0
            ? min(list.total - 1, list.selected + min(delta, list.total))
            : max(0, list.selected + max(delta, -list.total))
        guard target != list.selected, list.total > 0 else { return }
        list.selected = target
        state.list = list
        ensureWindow(state.pane, thenDetail: true)
    }

    /// Moves through the detail as a reader does: ↑↓ select the next line that opens something
    /// when it is in view (or the row next to it), and otherwise scroll a row, so no text
    /// between two links is skipped; PgUp/PgDn, g/G scroll a page or to an end. A selected line
    /// scrolled out of view is no longer selected; `by: 0` selects the first one in view.
    func moveInDetail(by delta: Int) {
        var detail = state.detail
        let height = max(1, detailArea.height - (detail.stack.isEmpty ? 0 : 1))
        // Lines are placed in rows: wrapped, or in two columns side by side (a wide Overview).
        let placed = DetailColumns(detail.lines, area: detailArea)
        let maxScroll = max(0, placed.rows - height)
        let openable = detail.lines.indices.filter { detail.lines[$0].target != nil }
        func visible(_ index: Int, in scroll: Int) -> Bool {
            guard let row = placed.place(of: index)?.row else { return false }
            return row >= scroll && row < scroll + height
        }
        func firstVisible(in scroll: Int) -> Int? { openable.first { visible($0, in: scroll) } }
        /// Scrolls so that all of the line's rows are in view (its first row if it is too tall).
        func show(_ index: Int) {
            guard let row = placed.place(of: index)?.row else { return }
            let rows = placed.rowCount(of: index)
            if row < detail.scroll { detail.scroll = row }
            if row + rows > detail.scroll + height { detail.scroll = min(row, row + rows - height) }
            detail.scroll = max(0, min(detail.scroll, maxScroll))
        }

        if delta == 0 {
            if let selected = detail.selected, openable.contains(selected), visible(selected, in: detail.scroll) {
                show(selected)
            } else {
                detail.selected = firstVisible(in: detail.scroll)
            }
        } else if abs(delta) == 1 {
            let current = detail.selected.flatMap { openable.firstIndex(of: $0) }
            let next: Int? =
                if let current {
                    openable.indices.contains(current + delta) ? openable[current + delta] : nil
                } else {
                    delta > 0
                        ? openable.first { (placed.place(of: $0)?.row ?? 0) >= detail.scroll }
                        : openable.last { (placed.place(of: $0)?.row ?? 0) < detail.scroll + height }
                }
            // The next link counts when it is in view or on the row just past it.
            if let next, let row = placed.place(of: next)?.row, row >= detail.scroll - 1,
                row <= detail.scroll + height
            {
                detail.selected = next
                show(next)
            } else {
                detail.scroll = max(0, min(detail.scroll + delta, maxScroll))
                if let selected = detail.selected, !visible(selected, in: detail.scroll) { detail.selected = nil }
            }
        } else if abs(delta) >= Int.max / 4 {
            // g/G: the top with its first link, the end with its last.
            detail.scroll = delta < 0 ? 0 : maxScroll
            let shown = openable.filter { visible($0, in: detail.scroll) }
            detail.selected = delta < 0 ? shown.first : shown.last
        } else {
            detail.scroll = max(0, min(detail.scroll + delta, maxScroll))
            if detail.selected.map({ !visible($0, in: detail.scroll) }) ?? true {
                detail.selected = firstVisible(in: detail.scroll)
            }
        }
        state.detail = detail
    }

    func toggleRegion() throws {
        if try state.pane.feature.toggleRegion(self) { return }
        // Zoomed, Tab shows the other half alone.
        if state.zoom == .list { state.zoom = .detail } else if state.zoom == .detail { state.zoom = .list }
        if state.region == .list {
            state.region = .detail
            if state.detail.selected == nil { moveInDetail(by: 0) }
        } else {
            state.region = .list
        }
    }

    func open() throws {
        if state.region == .list {
            guard state.list.selectedRow != nil else { return }
            // Under 100 columns the detail has half the height: Enter gives it the whole screen.
            if !layout.sideBySide, state.zoom == .split { state.zoom = .detail }
            state.region = .detail
            moveInDetail(by: 0)
            return
        }
        guard let index = state.detail.selected, let target = state.detail.lines[index].target else { return }
        // A pane may do something else with a line than open its record (a chart's bar, an expert in a ranking).
        if try state.pane.feature.open(line: index, target: target, self) { return }
        var detail = state.detail
        detail.stack.append(target)
        detail.openedFrom.append(index)
        detail.selected = nil
        detail.scroll = 0
        state.detail = detail
        loadDetail(state.pane, then: .selectOpenable)
    }

    func back() throws {
        if state.region == .detail, !state.detail.stack.isEmpty {
            var detail = state.detail
            detail.stack.removeLast()
            // The line the record was opened from is selected again.
            detail.openedFrom = Array(detail.openedFrom.prefix(detail.stack.count + 1))
            detail.selected = detail.openedFrom.count > detail.stack.count ? detail.openedFrom.removeLast() : nil
            detail.scroll = 0
            state.detail = detail
            loadDetail(state.pane, then: .selectOpenedFrom)
        } else if state.pane.isDetailOnly {
            state.message = Message("Nothing to back out of; \(ActionTable.key(.quit)) quits")
        } else if state.region == .detail {
            state.region = .list
            // The list comes back (the detail alone hid it); lines wrap otherwise at the split's
            // width, so the detail starts at its top again.
            if state.zoom == .detail {
                state.zoom = .split
                state.detail.scroll = 0
            }
        } else if !state.list.filter.isEmpty {
            state.list.filter = TextInput()
            reloadList(state.pane, force: true)
        } else if try state.pane.feature.back(self) {
            return
        } else {
            state.message = Message("Nothing to back out of; \(ActionTable.key(.quit)) quits")
        }
    }

    /// Back in a record's detail (its lines are in): the line it was opened from is selected and
    /// in view again.
    func selectOpenedFrom() {
        if let selected = state.detail.selected, selected < state.detail.lines.count,
            state.detail.lines[selected].target != nil
        {
            let placed = DetailColumns(state.detail.lines, area: detailArea)
            let row = placed.place(of: selected)?.row ?? selected
            if row >= detailArea.height { state.detail.scroll = max(0, row - detailArea.height / 2) }
        } else {
            state.detail.selected = nil
        }
        moveInDetail(by: 0)
    }
}
