import Screen

/// What the Progress pane shows, read back from the lines it shows: the view from its title line,
/// the open objectives from their ▾, the line its detail is about from its ›, and the selection
/// as the app keeps it. The pane keeps nothing else, so what is on screen is its whole state: a
/// read of the pane (after a move, a change of the database, a new view) starts from it.
struct ProgressView: Sendable, Hashable {
    enum Mode: String, CaseIterable, Sendable {
        case objectives, assessment, peerGroups

        /// The first line of the view, which names it.
        var title: String {
            switch self {
            case .objectives: "Objectives and indicators"
            case .assessment: "Self-assessment"
            case .peerGroups: "Proposed peer groups"
            }
        }
    }

    /// The mark at the start of the line the detail column is about.
    static let subjectMark: Character = "›"
    static let openMark = "▾"
    static let closedMark = "▸"

    var mode: Mode = .objectives
    /// The objectives shown open (their indicators under them).
    var open: Set<String> = []
    /// The record the detail column is about (the line marked ›).
    var subject: RecordRef?
    /// The selected line, its index into the lines.
    var selected: Int?
    var lines: [DetailLine] = []

    init(_ detail: DetailState?) {
        guard let detail else { return }
        lines = detail.lines
        selected = detail.selected
        if let first = lines.first, first.style == .title,
            let mode = Mode.allCases.first(where: { $0.title == first.text })
        {
            self.mode = mode
        } else {
            // A record's own detail was shown here (opened by a jump): the pane starts afresh.
            lines = []
            selected = nil
            return
        }
        for line in lines where line.column == 0 {
            guard let target = line.target else { continue }
            if target.kind == .objective, Self.isOpen(line) { open.insert(target.id) }
            if line.text.first == Self.subjectMark { subject = target }
        }
    }

    /// The selected line, when it is one of the lines.
    var selectedLine: DetailLine? {
        selected.flatMap { lines.indices.contains($0) ? lines[$0] : nil }
    }

    /// A tree line's start: the subject's mark, then (for an objective) whether it is open.
    static func lead(subject: Bool, open: Bool?) -> String {
        let mark = subject ? String(subjectMark) : " "
        guard let open else { return mark + " " }
        return mark + " " + (open ? openMark : closedMark) + " "
    }

    static func isOpen(_ line: DetailLine) -> Bool { line.text.dropFirst(2).hasPrefix(openMark) }

    static func isSubject(_ line: DetailLine) -> Bool { line.text.first == subjectMark }

    /// The line with its objective's mark turned (open ↔ closed).
    static func toggled(_ line: DetailLine) -> DetailLine {
        guard line.text.count >= 4 else { return line }
        var copy = line
        let open = isOpen(line)
        copy.text = String(line.text.prefix(2)) + (open ? closedMark : openMark) + String(line.text.dropFirst(3))
        return copy
    }

    /// Which line of new tree lines the app will select when the old selection was at
    /// `selected` (as `DetailState.keepSelectionOnAnOpenableLine` does): the same line when it
    /// opens something, else the next one that does; nil when none of the tree's lines would be.
    static func landing(of selected: Int?, in tree: [DetailLine]) -> Int? {
        let openable = tree.indices.filter { tree[$0].target != nil }
        guard let selected else { return openable.first }
        if openable.contains(selected) { return selected }
        return openable.first { $0 >= selected }
    }

    /// How wide a column of the pane's lines is for a screen of this size, less the column a
    /// scroll mark may take; and whether there are two columns side by side (a wide screen).
    static func columns(width: Int, height: Int) -> (width: Int, split: Bool) {
        let area = Layout(width: width, height: height).body.inset(by: 1)
        let split = area.width >= DetailColumns.minimumSplitWidth
        return (max(20, (split ? (area.width - DetailColumns.gap) / 2 : area.width) - 1), split)
    }
}
