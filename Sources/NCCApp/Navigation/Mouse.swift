import Screen

/// Clicks select and focus, the wheel scrolls, a tab switches panes.
extension App {
    func handleMouse(_ mouse: MouseEvent) throws {
        guard state.modal == nil, !state.isTooSmall else { return }
        let layout = self.layout
        let detailArea = self.detailArea
        let sync = state.pane.isDetailOnly
        switch mouse.button {
        case .wheelUp, .wheelDown:
            let delta = mouse.button == .wheelUp ? -3 : 3
            if sync || layout.detail.contains(x: mouse.x, y: mouse.y) {
                var detail = state.detail
                let rows = DetailColumns(detail.lines, area: detailArea).rows
                detail.scroll = max(0, min(detail.scroll + delta, max(0, rows - detailArea.height)))
                state.detail = detail
            } else {
                state.region = .list
                try move(by: delta)
            }
        case .left:
            if layout.tabs.contains(x: mouse.x, y: mouse.y) {
                if let pane = Views.tab(atColumn: mouse.x, width: layout.tabs.width, active: state.pane) {
                    try switchTo(pane)
                }
            } else if sync {
                guard detailArea.contains(x: mouse.x, y: mouse.y) else { return }
                let row = mouse.y - detailArea.y - (state.detail.stack.isEmpty ? 0 : 1)
                let placed = DetailColumns(state.detail.lines, area: detailArea)
                if let index = placed.line(atX: mouse.x, row: row, scroll: state.detail.scroll),
                    state.detail.lines[index].target != nil
                {
                    state.detail.selected = index
                    state.pane.feature.clicked(line: index, self)
                }
            } else if layout.list.contains(x: mouse.x, y: mouse.y), mouse.y > layout.list.y + 1 {
                state.region = .list
                let position = state.list.top + (mouse.y - layout.list.y - 2)
                if position < state.list.total { try move(by: position - state.list.selected) }
            } else if layout.detail.contains(x: mouse.x, y: mouse.y) {
                state.region = .detail
                let index = state.detail.scroll + (mouse.y - layout.detail.y)
                if index < state.detail.lines.count, state.detail.lines[index].target != nil {
                    state.detail.selected = index
                    state.pane.feature.clicked(line: index, self)
                }
            }
        default: break
        }
    }
}
