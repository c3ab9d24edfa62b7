/// Counts as English says them: "1 new operation", "2 new operations", "0 bytes".
public enum English {
    /// `count` and the noun, singular for exactly one; `plural` defaults to the noun and an "s".
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// The same for a count that may not fit an `Int` (a file's size).
    public static func count(_ count: Int64, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
