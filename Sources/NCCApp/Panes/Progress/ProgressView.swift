import Screen

/// How the Progress pane's lines are drawn: the marks at the start of a line of its first column
/// (› the line the detail is about, ▾ an open objective, ▸ a closed one), which line the detail is
/// about when its record is gone, and the pane's columns. The marks only draw the pane's state
/// (`ProgressViewState`): nothing reads them back.
enum ProgressView {
    /// The mark at the start of the line the detail column is about.
    static let subjectMark: Character = "›"
    static let openMark = "▾"
    static let closedMark = "▸"
    /// What the first column is called when a detail stands alone.
    static let treeWord = "list"

    /// A tree line's start: the subject's mark, then (for an objective) whether it is open.
    static func lead(subject: Bool, open: Bool?) -> String {
        let mark = subject ? String(subjectMark) : " "
        guard let open else { return mark + " " }
        return mark + " " + (open ? openMark : closedMark) + " "
    }

    /// The line of new lines that takes the place of the line at `selected` (as
    /// `DetailState.keepSelectionOnAnOpenableLine` does): the same line when it opens something,
    /// else the next one that does, else the last; the first when there was no selection; nil
    /// when none of the lines opens anything.
    static func landing(of selected: Int?, in lines: [DetailLine]) -> Int? {
        let openable = lines.indices.filter { lines[$0].target != nil }
        guard let selected else { return openable.first }
        if openable.contains(selected) { return selected }
        return openable.first { $0 >= selected } ?? openable.last
    }

    /// How wide a column of the pane's lines is for a screen of this size, less the column a
    /// scroll mark may take; and whether there are two columns side by side (a wide screen).
    static func columns(width: Int, height: Int) -> (width: Int, split: Bool) {
        let area = Layout(width: width, height: height).body.inset(by: 1)
        let split = area.width >= DetailColumns.minimumSplitWidth
        return (max(20, (split ? (area.width - DetailColumns.gap) / 2 : area.width) - 1), split)
    }
}
