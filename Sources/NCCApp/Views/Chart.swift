import Screen
import TerminalText

/// Horizontal bars of Unicode block characters: whole cells of █, then one of ▏▎▍▌▋▊▉ for the
/// eighths left over. The count is always written next to the bar, so a chart reads the same in
/// a monochrome theme, where the bar's colour is gone.
enum Chart {
    /// The eighth blocks, from one eighth (▏) to seven (▉).
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    /// A bar is never wider than this, however wide the screen.
    static let maximumWidth = 40

    /// The bar of `count` when `maximum` fills `width` cells: rounded to the nearest eighth, and at
    /// least an eighth for any count above zero (a small number still shows).
    static func bar(_ count: Int, of maximum: Int, width: Int) -> String {
        guard count > 0, maximum > 0, width > 0 else { return "" }
        let total = max(1, min(width * 8, (count * width * 8 + maximum / 2) / maximum))
        let full = String(repeating: "█", count: total / 8)
        return total % 8 == 0 ? full : full + String(eighths[total % 8 - 1])
    }

    /// Draws a bar line: indent, label (padded to the chart's label width), bar, count, note.
    /// `style` is the line's style (selected or not); the bar itself is drawn in the `info` role.
    static func draw(
        _ screen: inout ScreenBuffer, _ bar: ChartBar, indent: String, x: Int, y: Int, width: Int,
        style: Style, theme: (String) -> Style
    ) {
        let right = x + width
        var column = x + screen.put(indent, x: x, y: y, style: style, maxWidth: width)
        let labelWidth = max(0, min(bar.labelWidth, right - column - 4))
        screen.put(bar.label, x: column, y: y, style: style, maxWidth: labelWidth)
        column += labelWidth + 1
        let number = " \(bar.count)"
        let numberWidth = max(DisplayWidth.of(number), DisplayWidth.of(" \(bar.maximum)"))
        let room = right - column - numberWidth - DisplayWidth.of(bar.note)
        let drawn = Self.bar(bar.count, of: bar.maximum, width: max(1, min(maximumWidth, room)))
        column += screen.put(drawn, x: column, y: y, style: theme("info").over(style), maxWidth: max(0, right - column))
        column += screen.put(number, x: column, y: y, style: style, maxWidth: max(0, right - column))
        screen.put(bar.note, x: column, y: y, style: style, maxWidth: max(0, right - column))
    }
}
