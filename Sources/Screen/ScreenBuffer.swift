import TerminalText

/// One terminal cell: a grapheme cluster and its style. A wide character takes its cell and
/// leaves the next one as a continuation (empty text), so columns always line up.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var style: Style
    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }
    public static let blank = Cell()
    static let continuation = Cell("")
    public var isContinuation: Bool { text.isEmpty }
}

/// The whole screen as cells. Views draw into it; the backend writes only what changed since the
/// last frame; tests read it as text. Drawing is clipped, so no view can write outside its area.
public struct ScreenBuffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (a text field being edited), if anywhere.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells
            && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && x < width && y >= 0 && y < height ? cells[y * width + x] : .blank }
        set {
            guard x >= 0 && x < width && y >= 0 && y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Fills a rectangle with blanks of a style.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y] = Cell(" ", style: style) }
        }
    }

    /// Writes text at (x, y), at most `maxWidth` columns (to the screen edge by default), after
    /// sanitising it: untrusted text can never move the cursor. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let safe = Sanitizer.clean(text)
        let shown = DisplayWidth.of(safe) > limit ? DisplayWidth.truncate(safe, to: limit) : safe
        var column = x
        for character in shown {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A lone combining mark joins the previous cell's character.
                if column > x, column - 1 < width { self[column - 1, y].text.append(character) }
                continue
            }
            if column + w > x + limit { break }
            if column >= 0 {
                self[column, y] = Cell(String(character), style: style)
                if w == 2 { self[column + 1, y] = Cell("", style: style) }
            }
            column += w
        }
        return column - x
    }

    /// Writes text padded with spaces (in the same style) to exactly `width` columns.
    public mutating func putPadded(_ text: String, in rect: Rect, row: Int = 0, style: Style = .plain) {
        guard row < rect.height else { return }
        let used = put(text, x: rect.x, y: rect.y + row, style: style, maxWidth: rect.width)
        if used < rect.width {
            fill(Rect(x: rect.x + used, y: rect.y + row, width: rect.width - used, height: 1), style: style)
        }
    }

    /// Applies a style to a rectangle without changing its text (a selection bar).
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y].style = transform(self[x, y].style) }
        }
    }

    public func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x)
        let y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX)
        let y1 = min(height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Row `y` as plain text, trailing spaces removed: what a test or a user reads.
    public func line(_ y: Int) -> String {
        guard y >= 0 && y < height else { return "" }
        var out = ""
        for x in 0..<width { out += cells[y * width + x].text }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// The whole screen as text lines.
    public var lines: [String] { (0..<height).map(line) }

    public var text: String { lines.joined(separator: "\n") }

    /// The runs of cells that differ from `previous` (all of them when the size changed): what a
    /// backend must write to bring the terminal from the previous frame to this one.
    public func changes(since previous: ScreenBuffer?) -> [(x: Int, y: Int, cells: ArraySlice<Cell>)] {
        var runs: [(x: Int, y: Int, cells: ArraySlice<Cell>)] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            var x = 0
            while x < width {
                let i = y * width + x
                if full || cells[i] != previous!.cells[i] {
                    var end = x + 1
                    while end < width, full || cells[y * width + end] != previous!.cells[y * width + end] { end += 1 }
                    // A run never starts on the right half of a wide character.
                    var start = x
                    if start > 0, cells[y * width + start].isContinuation { start -= 1 }
                    runs.append((start, y, cells[(y * width + start)..<(y * width + end)]))
                    x = end
                } else {
                    x += 1
                }
            }
        }
        return runs
    }
}
