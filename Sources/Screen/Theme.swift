/// Semantic styles by role (`ui.selection`, `warning`), as in Helix themes: views ask for a role,
/// never for a colour. A missing role falls back along its dotted name, then to `ui.text`.
public struct Theme: Sendable {
    public var name: String
    public var styles: [String: Style]

    public init(name: String, styles: [String: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: String) -> Style {
        var key = Substring(role)
        while true {
            if let style = styles[String(key)] { return style }
            guard let dot = key.lastIndex(of: ".") else { break }
            key = key[..<dot]
        }
        return styles["ui.text"] ?? .plain
    }

    /// The roles every shipped theme defines.
    public static let roles = [
        "ui.text", "ui.text.dim", "ui.tab", "ui.tab.active", "ui.header", "ui.title", "ui.border", "ui.border.focus",
        "ui.selection", "ui.selection.inactive", "ui.footer", "ui.footer.key", "ui.footer.text", "ui.statusline",
        "ui.match", "ui.bar", "ui.popup", "ui.popup.title", "ui.input", "ui.input.focus", "ui.cursor",
        "info", "warning", "error",
    ]

    /// The same theme with every colour removed (NO_COLOR): attributes carry the meaning.
    public var withoutColors: Theme {
        Theme(name: name, styles: styles.mapValues { Style(attributes: $0.attributes) })
    }
}
