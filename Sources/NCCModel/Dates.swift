import Foundation

/// Dates are stored as `YYYY-MM-DD`, times as UTC `YYYY-MM-DDTHH:MM:SSZ`: sortable as text.
public enum Dates {
    /// Returns the canonical form of a real calendar date, or nil (`2026-13-40` is nil).
    public static func normalizedDate(_ s: String) -> String? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return format(y, m, d)
    }

    /// Accepts `YYYY-MM-DDTHH:MM[:SS]Z`, a space instead of T, and no Z (read as UTC).
    public static func normalizedDateTime(_ s: String) -> String? {
        var text = s.uppercased()
        if text.hasSuffix("Z") { text.removeLast() }
        let halves = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard let date = halves.first.flatMap({ normalizedDate(String($0)) }) else { return nil }
        if halves.count == 1 { return date + "T00:00:00Z" }
        guard halves.count == 2 else { return nil }
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 }),
              let h = Int(clock[0]), let mi = Int(clock[1]), (0...23).contains(h), (0...59).contains(mi) else { return nil }
        let sec = clock.count == 3 ? Int(clock[2]) : 0
        guard let sec, (0...59).contains(sec) else { return nil }
        return date + "T" + pad2(h) + ":" + pad2(mi) + ":" + pad2(sec) + "Z"
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        String(format: "%04d-%02d-%02d", y, m, d)
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Now, as stored.
    public static func nowUTC(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    public static func today(_ date: Date = Date()) -> String { String(nowUTC(date).prefix(10)) }
}
