import Screen
import TerminalText

/// What covers the panes: the help overlay, a question, a form, the jump palette.
enum Overlays {
    typealias Theme = (String) -> Style

    static func draw(_ screen: inout ScreenBuffer, _ modal: Modal, state: AppState, theme: Theme) {
        switch modal {
        case .help: drawHelp(&screen, state, theme)
        case .confirm(let confirm): drawConfirm(&screen, confirm, theme)
        case .form(let form): drawForm(&screen, form, theme)
        case .palette(let palette): drawPalette(&screen, palette, theme)
        case .prompt(let prompt): drawPrompt(&screen, prompt, theme)
        }
    }

    /// A framed box with a title; returns the area inside the frame.
    static func box(_ screen: inout ScreenBuffer, _ rect: Rect, title: String, _ theme: Theme) -> Rect {
        let style = theme("ui.popup")
        screen.fill(rect, style: style)
        let border = theme("ui.border.focus").over(style)
        screen.put(
            "┌" + String(repeating: "─", count: max(0, rect.width - 2)) + "┐", x: rect.x, y: rect.y, style: border)
        for y in (rect.y + 1)..<max(rect.y + 1, rect.maxY - 1) {
            screen.put("│", x: rect.x, y: y, style: border)
            screen.put("│", x: rect.maxX - 1, y: y, style: border)
        }
        screen.put(
            "└" + String(repeating: "─", count: max(0, rect.width - 2)) + "┘", x: rect.x, y: rect.maxY - 1,
            style: border)
        screen.put(
            " \(title) ", x: rect.x + 2, y: rect.y, style: theme("ui.popup.title").over(style), maxWidth: rect.width - 4
        )
        return Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
    }

    static func drawHelp(_ screen: inout ScreenBuffer, _ state: AppState, _ theme: Theme) {
        let bindings = ActionTable.bindings(in: state.pane)
        let rect = screen.bounds.centered(
            width: min(screen.width - 4, 76), height: min(screen.height - 2, bindings.count + 4))
        let inner = box(&screen, rect, title: "Keys: \(state.pane.title)  (\(ActionTable.hint(.help)))", theme)
        let keyWidth = 10
        for (i, binding) in bindings.enumerated() where i < inner.height - 1 {
            screen.put(
                binding.keyLabel, x: inner.x, y: inner.y + 1 + i, style: theme("ui.footer.key").over(theme("ui.popup")),
                maxWidth: keyWidth)
            screen.put(
                binding.help, x: inner.x + keyWidth + 1, y: inner.y + 1 + i, style: theme("ui.popup"),
                maxWidth: inner.width - keyWidth - 1)
        }
    }

    static func drawConfirm(_ screen: inout ScreenBuffer, _ confirm: Confirm, _ theme: Theme) {
        let width = min(screen.width - 4, max(40, DisplayWidth.of(confirm.question) + 6))
        // A long question (what a bundle brings) wraps over a few lines rather than being cut.
        let lines = wrap(confirm.question, width: width - 4, maxLines: max(1, min(6, screen.height - 6)))
        let rect = screen.bounds.centered(width: width, height: 4 + lines.count)
        let inner = box(&screen, rect, title: "Confirm", theme)
        for (i, line) in lines.enumerated() {
            screen.put(line, x: inner.x, y: inner.y + i, style: theme("ui.popup"), maxWidth: inner.width)
        }
        let answers = ActionTable.hint(.confirm, separator: "    ")
        screen.put(
            answers, x: inner.x, y: inner.y + lines.count + 1, style: theme("ui.footer.key").over(theme("ui.popup")))
    }

    /// Words into lines of at most `width` columns (a word longer than that is cut), at most
    /// `maxLines` of them, the last ending in … when text is left over.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let word = String(word)
            if current.isEmpty {
                current = word
            } else if DisplayWidth.of(current) + 1 + DisplayWidth.of(word) <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = DisplayWidth.truncate(lines[maxLines - 1] + " …", to: width)
        }
        return lines.map { DisplayWidth.of($0) > width ? DisplayWidth.truncate($0, to: width) : $0 }
    }

    /// A one-line question for a file path.
    static func drawPrompt(_ screen: inout ScreenBuffer, _ prompt: PromptState, _ theme: Theme) {
        // Wide enough for a path in a temporary folder on a wide screen.
        let rect = screen.bounds.centered(width: min(screen.width - 2, 110), height: 6)
        let inner = box(&screen, rect, title: prompt.title, theme)
        let popup = theme("ui.popup")
        let labelWidth = DisplayWidth.of(prompt.label) + 1
        screen.put(prompt.label, x: inner.x, y: inner.y + 1, style: theme("ui.title").over(popup), maxWidth: labelWidth)
        let inputX = inner.x + labelWidth + 1
        let inputWidth = max(0, inner.maxX - inputX)
        let style = theme("ui.input.focus").over(popup)
        screen.fill(Rect(x: inputX, y: inner.y + 1, width: inputWidth, height: 1), style: style)
        let (text, cursor) = prompt.input.visible(width: inputWidth)
        screen.put(text, x: inputX, y: inner.y + 1, style: style)
        screen.cursor = (inputX + cursor, inner.y + 1)
        // Enter does what the prompt is for; the keys are the table's.
        let verb = prompt.verb ?? (prompt.purpose == .importBundle ? "check the bundle" : "write it")
        let keys = ActionTable.bindings(in: .prompt).map { "\($0.keyLabel) \($0.action == .submit ? verb : $0.label)" }
        screen.put(
            (keys + [prompt.hint ?? "~ is your home folder"]).joined(separator: " · "), x: inner.x, y: inner.maxY - 1,
            style: theme("ui.text.dim").over(popup), maxWidth: inner.width)
    }

    static func drawForm(_ screen: inout ScreenBuffer, _ form: FormState, _ theme: Theme) {
        let labelWidth = min(18, (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 8) + 1)
        var height = 4
        for field in form.fields {
            height += field.area == nil ? 1 : 4
            if field.error != nil { height += 1 }
        }
        let rect = screen.bounds.centered(width: min(screen.width - 2, 84), height: min(screen.height - 1, height + 2))
        let inner = box(&screen, rect, title: form.title, theme)
        let popup = theme("ui.popup")
        var y = inner.y + 1
        var dropdown: (x: Int, y: Int, field: FormField)?
        for (index, field) in form.fields.enumerated() {
            guard y < inner.maxY - 2 else { break }
            let focused = index == form.focused
            let label = field.label + (field.field.required ? "*" : "")
            screen.put(
                label, x: inner.x, y: y, style: (focused ? theme("ui.title") : theme("ui.text.dim")).over(popup),
                maxWidth: labelWidth)
            let inputX = inner.x + labelWidth + 1
            let inputWidth = inner.maxX - inputX
            let style = theme(focused ? "ui.input.focus" : "ui.input").over(popup)
            if let area = field.area {
                let rows = 3
                let first = max(0, min(area.row - rows + 1, area.lines.count - rows))
                for r in 0..<rows {
                    screen.fill(Rect(x: inputX, y: y + r, width: inputWidth, height: 1), style: style)
                    let lineIndex = first + r
                    guard lineIndex < area.lines.count else { continue }
                    let (text, cursor) = area.lines[lineIndex].visible(width: inputWidth)
                    screen.put(text, x: inputX, y: y + r, style: style)
                    if focused, lineIndex == area.row { screen.cursor = (inputX + cursor, y + r) }
                }
                y += rows
            } else {
                screen.fill(Rect(x: inputX, y: y, width: inputWidth, height: 1), style: style)
                let (text, cursor) = field.input.visible(width: inputWidth)
                screen.put(text, x: inputX, y: y, style: style)
                if focused { screen.cursor = (inputX + cursor, y) }
                if focused, !field.choices.isEmpty { dropdown = (inputX, y + 1, field) }
            }
            y += 1
            if let error = field.error {
                screen.put("  ✗ " + error, x: inputX, y: y, style: theme("error").over(popup), maxWidth: inputWidth)
                y += 1
            } else if focused, field.area == nil, let hint = hint(field) {
                // The line stays reserved while the dropdown covers it, so the fields below keep still.
                if field.choices.isEmpty {
                    screen.put(hint, x: inputX, y: y, style: theme("ui.text.dim").over(popup), maxWidth: inputWidth)
                }
                y += 1
            }
        }
        if let error = form.error {
            screen.put(error, x: inner.x, y: inner.maxY - 2, style: theme("error").over(popup), maxWidth: inner.width)
        }
        let focusedMode = form.fields.indices.contains(form.focused) ? form.fields[form.focused].mode : .formField
        screen.put(
            ActionTable.hint(focusedMode), x: inner.x, y: inner.maxY - 1,
            style: theme("ui.text.dim").over(popup), maxWidth: inner.width)
        if let (x, y, field) = dropdown {
            let width = min(40, screen.width - x - 1)
            for (i, choice) in field.choices.enumerated() {
                let style = i == field.choice ? theme("ui.selection") : theme("ui.popup").adding(.reverse)
                screen.fill(Rect(x: x, y: y + i, width: width, height: 1), style: style)
                screen.put(choice.title, x: x + 1, y: y + i, style: style, maxWidth: width - 2)
            }
        }
    }

    /// A short hint under the focused field: what it takes.
    static func hint(_ field: FormField) -> String? {
        switch field.field.type {
        case .date, .dateTime, .country, .countries, .languages, .choice, .integer: field.field.type.hint
        case .reference:
            "type to search, \(ActionTable.key(.choiceUp, in: .picker))\(ActionTable.key(.choiceDown, in: .picker)) to choose, \(ActionTable.key(.takeChoice, in: .picker)) to take"
        case .bool: "\(ActionTable.key(.toggleYesNo, in: .yesNoField)) toggles yes/no"
        default: nil
        }
    }

    static func drawPalette(_ screen: inout ScreenBuffer, _ palette: PaletteState, _ theme: Theme) {
        let rect = Rect(
            x: max(0, (screen.width - 80) / 2), y: 2, width: min(screen.width, 80), height: min(screen.height - 3, 16))
        let keys = ActionTable.hint(.palette, separator: ", ")
        let inner = box(&screen, rect, title: "Jump to… (type a name; \(keys))", theme)
        let popup = theme("ui.popup")
        screen.put(":", x: inner.x, y: inner.y, style: theme("ui.footer.key").over(popup))
        let (text, cursor) = palette.input.visible(width: inner.width - 2)
        screen.fill(Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1), style: theme("ui.input.focus"))
        screen.put(text, x: inner.x + 2, y: inner.y, style: theme("ui.input.focus"))
        screen.cursor = (inner.x + 2 + cursor, inner.y)
        if palette.hits.isEmpty, !palette.input.isEmpty {
            screen.put("no record matches", x: inner.x, y: inner.y + 2, style: theme("ui.text.dim").over(popup))
        }
        for (i, hit) in palette.hits.enumerated() where i < inner.height - 2 {
            let y = inner.y + 2 + i
            let style = i == palette.selected ? theme("ui.selection") : popup
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            let kind = hit.ref.kind.singular
            screen.put(kind, x: inner.x, y: y, style: theme("ui.text.dim").over(style), maxWidth: 13)
            let used = screen.put(hit.title, x: inner.x + 14, y: y, style: style, maxWidth: inner.width - 14)
            if used + 16 < inner.width - 14 {
                let snippet = hit.snippet.replacingOccurrences(of: "\n", with: " ")
                screen.put(
                    snippet, x: inner.x + 16 + used, y: y, style: theme("ui.text.dim").over(style),
                    maxWidth: inner.width - 16 - used - 14)
            }
        }
    }
}
