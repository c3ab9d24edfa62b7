/// A share such as a majority's threshold, kept exactly: "2/3", "0.6" or "60%". Comparing a
/// count against it is done in whole numbers, so two-thirds is reached by 2 of 3 on every replica.
public struct Fraction: Sendable, Hashable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// Parses "2/3", "0.6", ".6", "60%" or "1"; nil unless it is a share between 0 and 1 (0 excluded).
    public init?(_ text: String) {
        let s = text.filter { !$0.isWhitespace }
        var numerator: Int
        var denominator: Int
        if let slash = s.firstIndex(of: "/") {
            guard let n = Int(s[..<slash]), let d = Int(s[s.index(after: slash)...]), d > 0 else { return nil }
            (numerator, denominator) = (n, d)
        } else if s.hasSuffix("%") {
            guard let (n, d) = Self.decimal(String(s.dropLast())) else { return nil }
            (numerator, denominator) = (n, d * 100)
        } else {
            guard let (n, d) = Self.decimal(s) else { return nil }
            (numerator, denominator) = (n, d)
        }
        guard numerator > 0, numerator <= denominator else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// "0.667" as 667/1000, in whole numbers; at most 6 decimals.
    private static func decimal(_ s: String) -> (Int, Int)? {
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            !(parts.count == 1 && parts[0].isEmpty)
        else { return nil }
        let whole = parts[0].isEmpty ? 0 : Int(parts[0])
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        // More than 100 (per cent) is no share, and a huge whole part would overflow below.
        guard let whole, whole <= 100, decimals.count <= 6 else { return nil }
        var denominator = 1
        for _ in decimals { denominator *= 10 }
        return (whole * denominator + (Int(decimals) ?? 0), denominator)
    }

    /// Whether `part` of `whole` reaches this share (`part / whole >= numerator / denominator`).
    /// In full width: a peer's "1/9223372036854775807" overflows no product.
    public func isReached(by part: Int, of whole: Int) -> Bool {
        guard whole > 0 else { return false }
        let reached = part.multipliedFullWidth(by: denominator)
        let needed = numerator.multipliedFullWidth(by: whole)
        return reached.high != needed.high ? reached.high > needed.high : reached.low >= needed.low
    }

    public var description: String { "\(numerator)/\(denominator)" }
}
