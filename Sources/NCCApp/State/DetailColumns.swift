import Screen
import TerminalText

/// Where a detail's lines go: one column, or (on a wide screen, when some lines ask for the
/// second column, as the Overview's lists do) two columns side by side; and the rows each line
/// takes, long text wrapped at word boundaries by display width. Computed from the lines and the
/// area alone, so the view that draws and the app that scrolls and hit-tests agree.
struct DetailColumns {
    /// Below this width (a 118-column terminal) everything stays in one column, second-column lines after the first's.
    static let minimumSplitWidth = 116
    static let gap = 3

    /// One row on screen: part of a line (its first row, or the continuation of its text).
    struct Row {
        var line: Int
        var text: String
        var first: Bool
    }

    let area: Rect
    /// The rows of each column, top to bottom.
    let columns: [[Row]]
    /// Columns wide each column is (text wraps within it).
    let width: Int
    /// More rows than the area shows: the last column of the area is kept for the scroll marks.
    let overflows: Bool
    private let places: [Int: (column: Int, row: Int, rows: Int)]

    init(_ lines: [DetailLine], area: Rect) {
        self.area = area
        let lineColumns: [[Int]]
        var width: Int
        if area.width >= Self.minimumSplitWidth, lines.contains(where: { $0.column != 0 }) {
            lineColumns = [
                lines.indices.filter { lines[$0].column == 0 }, lines.indices.filter { lines[$0].column != 0 },
            ]
            width = (area.width - Self.gap) / 2
        } else {
            // One column: the first column's lines, then the second's (the order they were made in).
            lineColumns = [
                lines.indices.filter { lines[$0].column == 0 } + lines.indices.filter { lines[$0].column != 0 }
            ]
            width = area.width
        }
        var columns = Self.rows(lines, lineColumns, width: width)
        let overflows = (columns.map(\.count).max() ?? 0) > area.height
        if overflows, width > 1 {
            width -= 1
            columns = Self.rows(lines, lineColumns, width: width)
        }
        self.columns = columns
        self.width = width
        self.overflows = overflows
        var places: [Int: (column: Int, row: Int, rows: Int)] = [:]
        for (c, rows) in columns.enumerated() {
            for (r, row) in rows.enumerated() {
                if row.first {
                    places[row.line] = (c, r, 1)
                } else {
                    places[row.line]?.rows += 1
                }
            }
        }
        self.places = places
    }

    /// Each line's rows: a bar keeps its one row (it is drawn to the width), text wraps with its
    /// continuation under its own indentation (a field's value under the value).
    private static func rows(_ lines: [DetailLine], _ lineColumns: [[Int]], width: Int) -> [[Row]] {
        lineColumns.map { indices in
            indices.flatMap { index -> [Row] in
                let line = lines[index]
                if line.bar != nil { return [Row(line: index, text: line.text, first: true)] }
                let leading = line.text.prefix { $0 == " " }.count
                let indent: Int = if case .field = line.style { leading + 2 } else { leading }
                return Wrapping.wrap(line.text, width: width, indent: indent).enumerated().map {
                    Row(line: index, text: $0.element, first: $0.offset == 0)
                }
            }
        }
    }

    var isSplit: Bool { columns.count > 1 }

    /// Rows the tallest column takes.
    var rows: Int { columns.map(\.count).max() ?? 0 }

    /// The first row a line is drawn on (before scrolling), and its column.
    func place(of index: Int) -> (column: Int, row: Int)? { places[index].map { ($0.column, $0.row) } }

    /// The rows a line takes once wrapped.
    func rowCount(of index: Int) -> Int { places[index]?.rows ?? 0 }

    /// The left edge of a column.
    func x(ofColumn column: Int) -> Int { area.x + column * (width + Self.gap) }

    /// The line at a column and row (row counted after scrolling by `scroll`), if any.
    func line(atX x: Int, row: Int, scroll: Int) -> Int? {
        let column = isSplit && x >= self.x(ofColumn: 1) ? 1 : 0
        let r = scroll + row
        guard r >= 0, r < columns[column].count else { return nil }
        return columns[column][r].line
    }
}
