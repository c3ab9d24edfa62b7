import Screen
import TerminalText

/// A table of rows: a header, the visible window of rows, the selection, a position indicator.
enum ListView {
    static func draw(_ screen: inout ScreenBuffer, _ list: ListState, in area: Rect, focused: Bool, caption: String,
                     theme: (String) -> Style) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(list.columns, total: area.width)
        // Title bar: what the list shows, how it is filtered, and where we are.
        let titleStyle = theme(focused ? "ui.title" : "ui.text.dim")
        screen.fill(area.row(0), style: titleStyle)
        let position = list.total == 0 ? "0/0" : "\(list.selected + 1)/\(list.total)"
        let positionWidth = DisplayWidth.of(position)
        screen.put(caption, x: area.x, y: area.y, style: titleStyle, maxWidth: max(0, area.width - positionWidth - 2))
        screen.put(position, x: area.maxX - positionWidth, y: area.y, style: titleStyle)
        // Column titles.
        screen.fill(area.row(1), style: theme("ui.header"))
        var x = area.x
        for (column, width) in zip(list.columns, widths) {
            screen.put(column.title, x: x, y: area.y + 1, style: theme("ui.header"), maxWidth: width)
            x += width + 1
        }

        let rows = area.height - 2
        if list.total == 0 {
            screen.put(list.emptyMessage, x: area.x + 1, y: area.y + 3, style: theme("ui.text.dim"), maxWidth: area.width - 2)
            return
        }
        for i in 0..<rows {
            let index = list.top + i
            guard index < list.total, let row = list.row(at: index) else { continue }
            let y = area.y + 2 + i
            let selected = index == list.selected
            var style = row.role.map(theme) ?? theme("ui.text")
            if selected { style = theme(focused ? "ui.selection" : "ui.selection.inactive").over(style) }
            screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: selected ? style : theme("ui.text"))
            var x = area.x
            for (cell, width) in zip(row.cells, widths) {
                screen.put(cell, x: x, y: y, style: style, maxWidth: width)
                x += width + 1
            }
        }
    }

    /// Fixed columns keep their width (shrinking when the screen is narrow); the flexible one
    /// takes what is left.
    static func columnWidths(_ columns: [ColumnSpec], total: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        var widths = columns.map(\.width)
        let flexible = columns.firstIndex { $0.width == 0 }
        let fixed = widths.reduce(0, +) + gaps
        let minimumFlexible = flexible == nil ? 0 : 12
        if fixed + minimumFlexible > total {
            // Too narrow: shrink fixed columns in proportion, never below 3.
            let room = max(0, total - gaps - minimumFlexible)
            let sum = max(1, widths.reduce(0, +))
            widths = widths.map { $0 == 0 ? 0 : max(3, $0 * room / sum) }
        }
        if let flexible { widths[flexible] = max(0, total - widths.reduce(0, +) - gaps) }
        return widths
    }
}

/// A scrolling column of text lines, some of which open a record.
enum DetailView {
    static func draw(_ screen: inout ScreenBuffer, _ detail: DetailState, in area: Rect, focused: Bool,
                     theme: (String) -> Style) {
        guard !area.isEmpty else { return }
        var top = 0
        if !detail.stack.isEmpty {
            screen.put("‹ Esc back", x: area.x, y: area.y, style: theme("ui.text.dim"), maxWidth: area.width)
            top = 1
        }
        // The selected line's explanation (`more`) is drawn under it, pushing the rest down.
        var rows: [(line: DetailLine, index: Int?)] = []
        for index in detail.scroll..<max(detail.scroll, detail.lines.count) {
            rows.append((detail.lines[index], index))
            if focused, detail.selected == index {
                rows += detail.lines[index].more.map { (DetailLine($0, .dim), nil) }
            }
            if rows.count >= area.height - top { break }
        }
        for (i, row) in rows.enumerated() where i < area.height - top {
            let index = row.index ?? -1
            let line = row.line
            var style: Style = switch line.style {
            case .title: theme("ui.title")
            case .heading: theme("ui.header")
            case .dim: theme("ui.text.dim")
            case .warning: theme("warning")
            case .text, .field: theme("ui.text")
            }
            let y = area.y + top + i
            if focused, detail.selected == index {
                style = theme("ui.selection").over(style)
                screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            }
            screen.put(line.text, x: area.x, y: y, style: style, maxWidth: area.width)
        }
    }
}
