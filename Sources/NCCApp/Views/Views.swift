import Screen
import TerminalText

/// Pure drawing: state in, screen buffer out. Nothing here reads the database or the terminal.
enum Views {
    typealias Theme = (String) -> Style

    static func render(_ state: AppState, layout: Layout, theme: Theme) -> ScreenBuffer {
        var screen = ScreenBuffer(width: state.width, height: state.height)
        screen.fill(screen.bounds, style: theme("ui.text"))
        if state.isTooSmall {
            drawTooSmall(&screen, state, theme)
            return screen
        }
        drawTabs(&screen, state, layout.tabs, theme)
        state.pane.feature.draw(&screen, state, layout, theme)
        drawFooter(&screen, state, layout.footer, theme)
        drawMessage(&screen, state, layout.message, theme)
        if let modal = state.modal { Overlays.draw(&screen, modal, state: state, theme: theme) }
        return screen
    }

    /// The tabs side by side, each padded by a space (seven of them fit an 80-column screen).
    /// Where each tab sits on a line `width` wide. When every title does not fit with room for
    /// the program's name (eight tabs take 91 columns), the tabs but the shown one keep their
    /// first four letters ("2 Expe"), so that every tab can still be seen and clicked at 80.
    static func tabStarts(width: Int, active: Pane) -> [(pane: Pane, label: String, start: Int, end: Int)] {
        func layout(short: Bool) -> [(pane: Pane, label: String, start: Int, end: Int)] {
            var x = 1
            return Pane.tabs.map { pane in
                let title = short && pane != active ? String(pane.title.prefix(4)) : pane.title
                let label = " \(pane.rawValue) \(title) "
                defer { x += DisplayWidth.of(label) }
                return (pane, label, x, x + DisplayWidth.of(label))
            }
        }
        let full = layout(short: false)
        return (full.last?.end ?? 0) + 4 <= width ? full : layout(short: true)
    }

    /// The pane whose tab is at a column (for mouse clicks).
    static func tab(atColumn x: Int, width: Int, active: Pane) -> Pane? {
        tabStarts(width: width, active: active).first { x >= $0.start && x < $0.end }?.pane
    }

    static func drawTabs(_ screen: inout ScreenBuffer, _ state: AppState, _ area: Rect, _ theme: Theme) {
        screen.fill(area, style: theme("ui.tab"))
        let tabs = tabStarts(width: area.width, active: state.pane)
        for (pane, label, start, _) in tabs {
            screen.put(label, x: start, y: area.y, style: theme(pane == state.pane ? "ui.tab.active" : "ui.tab"))
        }
        // The program's name where the tabs leave room for it.
        let name = "ncc"
        let x = area.maxX - DisplayWidth.of(name) - 1
        if x > (tabs.last?.end ?? 0) { screen.put(name, x: x, y: area.y, style: theme("ui.text.dim")) }
    }

    static func drawDivider(_ screen: inout ScreenBuffer, _ layout: Layout, _ theme: Theme) {
        let style = theme("ui.border")
        if layout.sideBySide {
            for y in layout.divider.y..<layout.divider.maxY { screen.put("│", x: layout.divider.x, y: y, style: style) }
        } else {
            screen.put(
                String(repeating: "─", count: layout.divider.width), x: layout.divider.x, y: layout.divider.y,
                style: style)
        }
    }

    /// The keys that work here, from the same table that dispatches them.
    static func drawFooter(_ screen: inout ScreenBuffer, _ state: AppState, _ area: Rect, _ theme: Theme) {
        screen.fill(area, style: theme("ui.footer"))
        var x = area.x
        let items: [(String, String)]
        if state.list.filtering && state.region == .list && state.modal == nil {
            items = ActionTable.bindings(in: .filter).filter(\.inFooter).map { ($0.keyLabel, $0.label) }
        } else {
            items = ActionTable.bindings(in: state.pane).filter(\.inFooter).map { ($0.keyLabel, $0.label) }
        }
        for (key, label) in items {
            let width = DisplayWidth.of(key) + DisplayWidth.of(label) + 3
            guard x + width <= area.maxX else { break }
            x += screen.put(key, x: x, y: area.y, style: theme("ui.footer.key"))
            x += screen.put(" " + label + "  ", x: x, y: area.y, style: theme("ui.footer.text"))
        }
    }

    static func drawMessage(_ screen: inout ScreenBuffer, _ state: AppState, _ area: Rect, _ theme: Theme) {
        screen.fill(area, style: theme("ui.statusline"))
        if state.list.filtering, state.region == .list, state.modal == nil {
            let prompt = "/"
            screen.put(prompt, x: area.x, y: area.y, style: theme("ui.footer.key"))
            let (text, cursor) = state.list.filter.visible(width: area.width - 2)
            screen.put(text, x: area.x + 1, y: area.y, style: theme("ui.input.focus"))
            screen.cursor = (area.x + 1 + cursor, area.y)
            return
        }
        guard let message = state.message else {
            if !state.list.filter.isEmpty, !state.pane.isDetailOnly {
                screen.put(
                    "filter: \(state.list.filter.text)  (\(ActionTable.key(.back)) clears)", x: area.x, y: area.y,
                    style: theme("ui.text.dim")
                )
            }
            return
        }
        let role =
            switch message.kind {
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        screen.put(message.text, x: area.x, y: area.y, style: theme(role), maxWidth: area.width)
    }

    static func drawTooSmall(_ screen: inout ScreenBuffer, _ state: AppState, _ theme: Theme) {
        let lines = [
            "Terminal too small",
            "\(state.width)x\(state.height); ncc needs at least \(AppState.minimumSize.width)x\(AppState.minimumSize.height)",
            "Enlarge the window, or press \(ActionTable.key(.quit)) to quit",
        ]
        let top = max(0, state.height / 2 - 1)
        for (i, line) in lines.enumerated() {
            let x = max(0, (state.width - DisplayWidth.of(line)) / 2)
            screen.put(line, x: x, y: top + i, style: theme(i == 0 ? "warning" : "ui.text"))
        }
    }
}
