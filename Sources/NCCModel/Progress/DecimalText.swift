import Foundation

/// A number as a field holds it: decimal text in normal form ("12.5", "-3", "1000"), so that the
/// same value typed as "12.50" or "1.25e1" is stored, signed and compared as the same text, and
/// no binary rounding creeps in before it is shown.
public enum DecimalText {
    /// The largest magnitude accepted: beyond it a typo is likelier than a measurement.
    public static let limit: Decimal = 1_000_000_000_000_000

    /// The normal form of what a user typed, or nil when it is not a plain decimal number
    /// (a dot for the decimal point; no thousands separators, units or spaces inside).
    public static func normal(_ text: String) -> String? {
        guard let value = decimal(text) else { return nil }
        return value.description
    }

    /// The value of decimal text, checked whole (Foundation alone would read "12abc" as 12).
    public static func decimal(_ text: String) -> Decimal? {
        guard text.utf8.count <= 40, text.wholeMatch(of: pattern) != nil,
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value.isFinite,
            abs(value) < limit
        else { return nil }
        return value
    }

    /// The value of stored decimal text as a Double, for arithmetic on progress. The store holds
    /// numbers only in normal form (every value from a user or a bundle is checked into it), which
    /// is a plain Double literal: read it as one, 30 times faster than checking it again.
    public static func double(_ text: String?) -> Double? {
        guard let text, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A computed value (a sum, a mean) as people read it and JSON takes it: whole numbers
    /// without a point, others to at most `places` places ("24", "12.5", "17.27"). One rule for
    /// the CLI, the app and the report, so that they show the same figure.
    public static func shown(_ value: Double, places: Int = 4) -> String {
        var text = String(format: "%.\(places)f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    private nonisolated(unsafe) static let pattern = /[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?/
}
