/// Guards the TOML parser TOMLKit wraps (toml++) from table headers without a name, such as
/// `[ = "x"` or `[[=`: toml++ asserts there (an abort in a debug build, undefined behaviour in a
/// release one) instead of reporting a parse error; fixed upstream in toml++ PR #301, not yet in
/// the TOMLKit release we use. Found by fuzzing the theme reader.
///
/// A line whose first non-blank character is `[` is taken for a table header; theme files hold
/// no arrays spread over several lines, so this reads no valid theme wrongly.
enum TOMLHeaderCheck {
    /// The number (from 1) of the first line with a nameless table header, if any.
    static func namelessHeader(in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.first, first.isASCII,
                  first.isLetter || first.isNumber || first == "_" || first == "-" || first == "\"" || first == "'" else {
                return index + 1
            }
        }
        return nil
    }
}
