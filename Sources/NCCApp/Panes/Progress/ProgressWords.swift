import Foundation
import NCCModel
import NCCStore
import TerminalText

/// How the Progress pane words its figures: values as typed, percentages, directions, names made
/// safe to measure (text from peers is made one line and its control characters visible before
/// its display width is counted, so a name cut to a column stays within it).
enum ProgressWords {
    /// A value as a person reads it: whole numbers without a point, others to at most two places
    /// ("24", "12.5", "17.27"; a mean of centres' values has many).
    static func number(_ value: Double) -> String { DecimalText.shown(value, places: 2) }

    /// A value with its unit: "84 people", "69.85%".
    static func value(_ value: Double, _ unit: String) -> String {
        unit.isEmpty || unit == "%" ? number(value) + unit : "\(number(value)) \(name(unit))"
    }

    /// Progress as a whole percentage: 0 at the baseline, 100 at the target, more past it.
    static func percent(_ progress: Double) -> Int { Int((progress * 100).rounded()) }

    /// "↑ good" (more is better) or "↓ good" (less is).
    static func direction(_ direction: IndicatorDirection) -> String {
        direction == .down ? "↓ good" : "↑ good"
    }

    /// Untrusted text as one line of visible characters.
    static func name(_ text: String?, limit: Int = 200) -> String {
        Sanitizer.clean(OneLine.of(text ?? "", limit: limit))
    }

    /// `text` cut or padded to exactly `width` columns, by display width.
    static func fit(_ text: String, _ width: Int) -> String { DisplayWidth.fit(text, to: width) }

    /// Notes padded to the widest of them, so bars of one chart share their scale (a chart's bar
    /// takes the room its note leaves).
    static func padded(_ notes: [String]) -> [String] {
        let widest = notes.map { DisplayWidth.of($0) }.max() ?? 0
        return notes.map { $0 + String(repeating: " ", count: widest - DisplayWidth.of($0)) }
    }

    /// A change of a score between two rounds: "+1", "−1", "=" for none, "·" when not known.
    static func change(_ delta: Int?) -> String {
        guard let delta else { return "·" }
        return delta > 0 ? "+\(delta)" : delta < 0 ? "−\(-delta)" : "="
    }

    /// One decimal: "3.4".
    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A centre's name in a roll-up (its id when it has none).
    static func centre(_ id: String?, _ rollup: Rollup) -> String {
        guard let id else { return "the whole group" }
        return name(rollup.name(of: .centre(id)))
    }
}
