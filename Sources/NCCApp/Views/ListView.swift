import Screen
import TerminalText

/// A table of rows: a header, the visible window of rows, the selection, a position indicator.
enum ListView {
    static func draw(
        _ screen: inout ScreenBuffer, _ list: ListState, in area: Rect, focused: Bool, caption: String,
        theme: (String) -> Style
    ) {
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
            screen.put(
                list.emptyMessage, x: area.x + 1, y: area.y + 3, style: theme("ui.text.dim"), maxWidth: area.width - 2)
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

    /// The flexible column is the one that names a record (a title, a name): it takes what is
    /// left, and at least 40% of the width; fixed columns shrink first when the screen is narrow.
    static func columnWidths(_ columns: [ColumnSpec], total: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        var widths = columns.map(\.width)
        let flexible = columns.firstIndex { $0.width == 0 }
        let fixed = widths.reduce(0, +) + gaps
        let minimumFlexible = flexible == nil ? 0 : max(12, total * 2 / 5)
        if fixed + minimumFlexible > total {
            // Too narrow: shrink fixed columns in proportion, never below 3; the whole ones
            // (dates, statuses) only when shrinking the others is not enough.
            let room = total - gaps - minimumFlexible
            let others = columns.indices.filter { widths[$0] > 0 && !columns[$0].whole }
            let kept = columns.indices.filter { columns[$0].whole }.map { widths[$0] }.reduce(0, +)
            let othersSuffice = room - kept >= 3 * others.count
            let shrinking = othersSuffice ? others : columns.indices.filter { widths[$0] > 0 }
            let space = max(0, othersSuffice ? room - kept : room)
            let sum = max(1, shrinking.map { widths[$0] }.reduce(0, +))
            for i in shrinking { widths[i] = max(3, widths[i] * space / sum) }
        }
        if let flexible { widths[flexible] = max(0, total - widths.reduce(0, +) - gaps) }
        return widths
    }
}

/// A scrolling column of text lines, long ones wrapped, some of which open a record (two columns
/// on a wide screen when lines ask for it, as the Overview's do). Marks at the right edge say
/// there is more above (▲) or below (▼).
enum DetailView {
    static func draw(
        _ screen: inout ScreenBuffer, _ detail: DetailState, in area: Rect, focused: Bool,
        theme: (String) -> Style
    ) {
        guard !area.isEmpty else { return }
        var top = 0
        if !detail.stack.isEmpty {
            screen.put(
                "‹ \(ActionTable.key(.back)) back", x: area.x, y: area.y, style: theme("ui.text.dim"),
                maxWidth: area.width)
            top = 1
        }
        let placed = DetailColumns(detail.lines, area: area)
        let height = max(0, area.height - top)
        for (c, rows) in placed.columns.enumerated() {
            // The selected line's explanation (`more`) is drawn under it, pushing the rest down
            // (one column only: beside another column it would push that one's rows apart).
            var shown: [(row: DetailColumns.Row, more: Bool)] = []
            var r = detail.scroll
            while r < rows.count, shown.count < height {
                let row = rows[r]
                shown.append((row, false))
                let last = r + 1 == rows.count || rows[r + 1].line != row.line
                if !placed.isSplit, focused, last, detail.selected == row.line {
                    for more in detail.lines[row.line].more {
                        for text in Wrapping.wrap(more, width: placed.width, indent: 6) {
                            shown.append((DetailColumns.Row(line: -1, text: text, first: true), true))
                        }
                    }
                }
                r += 1
            }
            for (i, item) in shown.prefix(height).enumerated() {
                var line = item.more ? DetailLine(item.row.text, .dim) : detail.lines[item.row.line]
                line.text = item.row.text
                if !item.row.first { line.bar = nil }
                drawLine(
                    &screen, line, selected: focused && !item.more && detail.selected == item.row.line,
                    x: placed.x(ofColumn: c), y: area.y + top + i, width: placed.width, theme: theme)
            }
        }
        if placed.overflows, height > 0 {
            let mark = theme("ui.text.dim")
            if detail.scroll > 0 { screen.put("▲", x: area.maxX - 1, y: area.y + top, style: mark) }
            if detail.scroll + height < placed.rows {
                screen.put("▼", x: area.maxX - 1, y: area.y + top + height - 1, style: mark)
            }
        }
    }

    static func drawLine(
        _ screen: inout ScreenBuffer, _ line: DetailLine, selected: Bool, x: Int, y: Int, width: Int,
        theme: (String) -> Style
    ) {
        var style: Style =
            switch line.style {
            case .title: theme("ui.title")
            case .heading: theme("ui.header")
            case .dim: theme("ui.text.dim")
            case .warning: theme("warning")
            case .text, .field: theme("ui.text")
            }
        if selected {
            style = theme("ui.selection").over(style)
            screen.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        }
        if let bar = line.bar {
            Chart.draw(&screen, bar, indent: line.text, x: x, y: y, width: width, style: style, theme: theme)
        } else {
            screen.put(line.text, x: x, y: y, style: style, maxWidth: width)
        }
    }
}
