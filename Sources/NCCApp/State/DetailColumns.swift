import Screen

/// Where a detail's lines go: one column, or (on a wide screen, when some lines ask for the
/// second column, as the Overview's lists do) two columns side by side. Computed from the lines
/// and the area alone, so the view that draws and the app that scrolls and hit-tests agree.
struct DetailColumns {
    /// Below this width (a 118-column terminal) everything stays in one column, second-column lines after the first's.
    static let minimumSplitWidth = 116
    static let gap = 3

    let area: Rect
    /// The indices of the lines of each column, top to bottom.
    let columns: [[Int]]
    /// Columns wide each column is.
    let width: Int
    private let places: [Int: (column: Int, row: Int)]

    init(_ lines: [DetailLine], area: Rect) {
        self.area = area
        if area.width >= Self.minimumSplitWidth, lines.contains(where: { $0.column != 0 }) {
            columns = [lines.indices.filter { lines[$0].column == 0 }, lines.indices.filter { lines[$0].column != 0 }]
            width = (area.width - Self.gap) / 2
        } else {
            // One column: the first column's lines, then the second's (the order they were made in).
            columns = [lines.indices.filter { lines[$0].column == 0 } + lines.indices.filter { lines[$0].column != 0 }]
            width = area.width
        }
        var places: [Int: (column: Int, row: Int)] = [:]
        for (c, indices) in columns.enumerated() {
            for (row, index) in indices.enumerated() { places[index] = (c, row) }
        }
        self.places = places
    }

    var isSplit: Bool { columns.count > 1 }

    /// Rows the tallest column takes.
    var rows: Int { columns.map(\.count).max() ?? 0 }

    /// The row a line is drawn on (before scrolling), and its column.
    func place(of index: Int) -> (column: Int, row: Int)? { places[index] }

    /// The left edge of a column.
    func x(ofColumn column: Int) -> Int { area.x + column * (width + Self.gap) }

    /// The line at a column and row (row counted after scrolling by `scroll`), if any.
    func line(atX x: Int, row: Int, scroll: Int) -> Int? {
        let column = isSplit && x >= self.x(ofColumn: 1) ? 1 : 0
        let r = scroll + row
        guard r >= 0, r < columns[column].count else { return nil }
        return columns[column][r]
    }
}
