import TerminalText

/// A plain text table for the terminal: cells are sanitised and fitted by display width, so
/// `Eglė Butkevičienė` and `Ελληνικά` line up and nothing from the data can move the cursor.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(headers: [String]) { self.headers = headers }

    mutating func append(_ cells: [String]) {
        rows.append(
            cells.map { cell in
                // One line per row: a multi-line value shows its first line.
                let firstLine =
                    cell.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
                    ?? ""
                return Sanitizer.clean(firstLine)
            })
    }

    /// Lays the table out in `width` columns (nil: as wide as it needs), narrowing the widest
    /// columns first.
    func render(width: Int?) -> String {
        var widths = headers.indices.map { column in
            max(DisplayWidth.of(headers[column]), rows.map { DisplayWidth.of($0[column]) }.max() ?? 0)
        }
        let gap = 2
        if let width {
            let available = width - gap * (headers.count - 1)
            while widths.reduce(0, +) > available {
                guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 4 else {
                    break
                }
                widths[widest] -= 1
            }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (column, cell) in cells.enumerated() {
                let last = column == cells.count - 1
                out +=
                    last ? DisplayWidth.truncate(cell, to: widths[column]) : DisplayWidth.fit(cell, to: widths[column])
                if !last { out += String(repeating: " ", count: gap) }
            }
            return out
        }
        return ([line(headers.map { $0.uppercased() })] + rows.map(line)).joined(separator: "\n")
    }
}
