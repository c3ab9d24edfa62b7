/// Text from the database or a bundle as one line, for a message or a list: line breaks show as ↵,
/// blank lines go, and a very long text is cut (the screen could not show more of it anyway).
enum OneLine {
    static func of(_ text: String, limit: Int = 400) -> String {
        var lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        lines.removeAll { $0.isEmpty }
        let joined = lines.joined(separator: " ↵ ")
        return joined.count > limit ? String(joined.prefix(limit)) + "…" : joined
    }
}
