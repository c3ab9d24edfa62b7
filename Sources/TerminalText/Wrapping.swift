/// Breaking text into lines of a display width, as a reader expects: at spaces, a word longer
/// than the line by characters, wide (CJK) characters counted as two columns and combining marks
/// as none. The text is made safe first (`Sanitizer.clean`), so widths are those drawn.
public enum Wrapping {
    /// The rows `text` takes at `width` columns; continuation rows start with `indent` spaces
    /// (the text's own indentation, so a wrapped list item stays under itself). Never empty.
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let safe = Sanitizer.clean(text)
        guard width > 0 else { return [safe] }
        guard DisplayWidth.of(safe) > width else { return [safe] }
        let indent = max(0, min(indent, width / 2))
        let pad = String(repeating: " ", count: indent)
        var rows: [String] = []
        var row = ""
        var rowWidth = 0
        /// Where text may start on the current row (after the indentation of a continuation).
        var start: Int { rows.isEmpty ? 0 : indent }

        func newRow() {
            rows.append(row)
            row = pad
            rowWidth = indent
        }

        // Words with the spaces before them, so a text's own runs of spaces survive inside a row.
        var tokens: [(spaces: String, word: String)] = []
        var spaces = ""
        var word = ""
        for character in safe {
            if character == " " {
                if !word.isEmpty {
                    tokens.append((spaces, word))
                    (spaces, word) = ("", "")
                }
                spaces.append(character)
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty || !spaces.isEmpty { tokens.append((spaces, word)) }

        for (spaces, word) in tokens {
            let spacesWidth = spaces.count
            let wordWidth = DisplayWidth.of(word)
            if rowWidth > start, rowWidth + spacesWidth + wordWidth > width {
                // The word goes to the next row; the spaces before it are where the row breaks.
                newRow()
            } else if rowWidth + spacesWidth <= width {
                row += spaces
                rowWidth += spacesWidth
            }
            if rowWidth + wordWidth <= width {
                row += word
                rowWidth += wordWidth
                continue
            }
            // Longer than a whole row: broken by characters.
            for character in word {
                let w = DisplayWidth.of(character)
                if rowWidth + w > width, rowWidth > start { newRow() }
                row.append(character)
                rowWidth += w
            }
        }
        rows.append(row)
        return rows
    }
}
