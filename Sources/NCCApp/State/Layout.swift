import Screen

/// Where everything goes for a terminal size: computed once, used by the views to draw and by the
/// app to page lists and to hit-test the mouse, so both always agree.
public struct Layout: Sendable {
    public var tabs: Rect
    public var body: Rect
    public var list: Rect
    public var detail: Rect
    /// The column between list and detail (side by side) or the row (stacked).
    public var divider: Rect
    public var footer: Rect
    public var message: Rect
    public var sideBySide: Bool
    /// Rows of records the list shows when split (paging reads around them even while zoomed).
    public var pageRows: Int

    /// `zoom`: the list or the detail alone takes the whole body.
    public init(width: Int, height: Int, zoom: Zoom = .split) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (tabs, rest) = screen.splitTop(1)
        let (main, bottom) = rest.splitBottom(2)
        self.tabs = tabs
        body = main
        footer = bottom.row(0)
        message = bottom.row(1)
        sideBySide = width >= 100
        if sideBySide {
            let (left, right) = main.splitLeft(width * 3 / 5)
            list = left
            let (line, detailArea) = right.splitLeft(1)
            divider = line
            detail = Rect(x: detailArea.x + 1, y: detailArea.y, width: detailArea.width - 1, height: detailArea.height)
        } else {
            let (top, bottomPart) = main.splitTop(main.height / 2)
            list = top
            let (line, detailArea) = bottomPart.splitTop(1)
            divider = line
            detail = detailArea
        }
        pageRows = max(0, list.height - 2)
        let none = Rect(x: main.x, y: main.y, width: 0, height: 0)
        switch zoom {
        case .split: break
        case .list:
            (list, detail, divider) = (main, none, none)
        case .detail:
            (list, detail, divider) = (
                none, Rect(x: main.x + 1, y: main.y, width: main.width - 2, height: main.height), none
            )
        }
    }

    /// Rows of records the list shows (below its title and its column headers).
    public var listRows: Int { max(0, list.height - 2) }
}

/// How a pane with a list shows it: beside or over its detail, or one of the two alone (`+`).
public enum Zoom: Sendable, Hashable {
    case split, list, detail

    var next: Zoom {
        switch self {
        case .split: .list
        case .list: .detail
        case .detail: .split
        }
    }
}
