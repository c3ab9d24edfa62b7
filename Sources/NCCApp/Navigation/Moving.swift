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

    func moveInDetail(by delta: Int) {
        var detail = state.detail
        let openable = detail.lines.indices.filter { detail.lines[$0].target != nil }
        let height = detailArea.height
        // Lines are placed in rows: one per line, or two columns side by side (a wide Overview).
        let placed = DetailColumns(detail.lines, area: detailArea)
        let rows = placed.rows
        if openable.isEmpty {
            detail.scroll = max(0, min(detail.scroll + delta, max(0, rows - height)))
        } else {
            let current = detail.selected.flatMap { openable.firstIndex(of: $0) } ?? 0
            let next = max(
                0,
                min(
                    openable.count - 1, current + (delta > 0 ? min(delta, openable.count) : max(delta, -openable.count))
                ))
            detail.selected = openable[next]
            let line = placed.place(of: openable[next])?.row ?? openable[next]
            if line < detail.scroll { detail.scroll = max(0, line - 1) }
            if line >= detail.scroll + height { detail.scroll = line - height + 2 }
            if next == 0 { detail.scroll = 0 }
            if delta > 0, next == openable.count - 1, next == current || delta > openable.count {
                // Past the last selectable line (or to the end): scroll on to the lines under it, keeping it in view.
                detail.scroll = max(detail.scroll, min(detail.scroll + delta, rows - height, line))
            }
        }
        state.detail = detail
    }

    func toggleRegion() throws {
        if try state.pane.feature.toggleRegion(self) { return }
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
