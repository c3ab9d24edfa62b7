/// Makes untrusted text (anything from the database, a bundle or a file) safe to put on a
/// terminal: control characters and escape sequences become visible placeholders, so a name can
/// never move the cursor, change colours, set the window title or reorder the line.
public enum Sanitizer {
    /// - Parameter keepNewlines: keep `\n` (and show tabs as spaces) for multi-line text;
    ///   otherwise every control character, newlines included, becomes a placeholder.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        // Fast path: most text has nothing to replace.
        if !text.unicodeScalars.contains(where: needsReplacing) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepNewlines, scalar == "\n" {
                out.append(scalar)
                continue
            }
            if keepNewlines, scalar == "\t" {
                out.append(contentsOf: "    ".unicodeScalars)
                continue
            }
            if needsReplacing(scalar) {
                out.append(contentsOf: placeholder(for: scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// C0 controls show as their Control Pictures (ESC as ␛, CR as ␍), DEL as ␡, C1 controls and
    /// bidirectional overrides as the replacement character.
    public static func placeholder(for scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v < 0x20 { return String(Unicode.Scalar(0x2400 + v)!) }
        if v == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }
}
