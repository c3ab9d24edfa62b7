/// A colour as a theme names it; the backend maps it to what the terminal can show
/// (truecolor, the nearest of 256 or of 8, or nothing at all under NO_COLOR).
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours (0-7 normal, 8-15 bright).
    case ansi(UInt8)
    /// An entry of the 256-colour palette.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes that every terminal understands; the monochrome theme uses only these.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let underline = Attributes(rawValue: 1 << 2)
    public static let reverse = Attributes(rawValue: 1 << 3)
    public static let italic = Attributes(rawValue: 1 << 4)
}

/// How a cell looks. Views never build styles from raw colours; they ask the theme for a role.
public struct Style: Sendable, Hashable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let plain = Style()

    /// This style with more attributes (a selected row in bold, say).
    public func adding(_ more: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(more)
        return copy
    }

    /// This style laid over `base`: colours that are `.default` here show the base's.
    public func over(_ base: Style) -> Style {
        Style(
            fg: fg == .default ? base.fg : fg, bg: bg == .default ? base.bg : bg,
            attributes: attributes.union(base.attributes))
    }
}
