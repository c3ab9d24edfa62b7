/// Guards the TOML parser TOMLKit wraps (toml++) from table headers without a name, such as
/// `[ = "x"` or `[[=`: toml++ asserts there (an abort in a debug build, undefined behaviour in a
/// release one) instead of reporting a parse error; fixed upstream in toml++ PR #301, not yet in
/// the TOMLKit release we use. Found by fuzzing the theme reader.
///
/// A line whose first non-blank character is `[` is taken for a table header; theme files hold
/// no arrays spread over several lines, so this reads no valid theme wrongly.
enum TOMLHeaderCheck {
    /// The number (from 1) of the first line with a nameless table header, if any. Bytes, not
    /// characters: toml++ reads bytes, and "[" followed by a combining mark is one Character.
    static func namelessHeader(in text: String) -> Int? {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func startsKey(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x5F || byte == 0x2D || byte == 0x22 || byte == 0x27  // _ - " '
        }
        for (index, line) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var rest = line.drop(while: isBlank)
            guard rest.first == 0x5B else { continue }  // [
            rest = rest.dropFirst()
            if rest.first == 0x5B { rest = rest.dropFirst() }
            rest = rest.drop(while: isBlank)
            guard let first = rest.first, startsKey(first) else { return index + 1 }
        }
        return nil
    }
}
