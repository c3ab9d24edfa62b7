import Screen

/// Something a user can do with a key. The app's own actions are declared here; each pane
/// declares its own in its folder (`extension Action` there), so a new pane adds its actions
/// without touching a central list. Every action is bound in `ActionTable`, which drives key
/// dispatch, the footer, the hints and the `?` overlay, so they can never disagree (as tig does
/// with its requests).
public struct Action: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
}

extension Action {
    // Moving
    public static let up = Action("up"), down = Action("down"), pageUp = Action("pageUp"), pageDown = Action("pageDown")
    public static let top = Action("top"), bottom = Action("bottom")
    public static let nextRegion = Action("nextRegion"), previousRegion = Action("previousRegion")
    public static let open = Action("open"), back = Action("back"), quit = Action("quit"), help = Action("help")
    public static let filter = Action("filter"), palette = Action("palette"), toggleMouse = Action("toggleMouse")
    // Records, in the panes that edit them
    public static let add = Action("add"), edit = Action("edit"), delete = Action("delete")
    public static let zoom = Action("zoom")
}

/// An input mode: what has the keyboard when no pane does (a filter being typed, a form's
/// field, a question). Each declares its bindings in the table like the panes.
public enum Mode: Sendable, Hashable, CaseIterable {
    /// Typing a list's filter after `/`.
    case filter
    /// A form's one-line field.
    case formField
    /// A form's yes/no field.
    case yesNoField
    /// A form's multi-line field: Enter starts a new line.
    case textArea
    /// A reference field with its list of choices open.
    case picker
    /// A yes/no question.
    case confirm
    /// A file path being typed.
    case prompt
    /// The jump palette.
    case palette
    /// The help overlay.
    case help
}

/// Where a binding applies.
public enum Scope: Sendable, Hashable {
    case everywhere
    case pane(Pane)
    case mode(Mode)
}

public struct Binding: Sendable {
    public var action: Action
    public var keys: [Key]
    /// The key as the footer and help show it.
    public var keyLabel: String
    /// One or two words for the footer.
    public var label: String
    /// A sentence for the help overlay.
    public var help: String
    public var scope: Scope
    /// Shown in the footer (the most useful keys of a pane), not only in help.
    public var inFooter: Bool

    public init(
        _ action: Action, _ keys: [Key], _ keyLabel: String, _ label: String, _ help: String,
        footer: Bool = false, scope: Scope = .everywhere
    ) {
        self.action = action
        self.keys = keys
        self.keyLabel = keyLabel
        self.label = label
        self.help = help
        self.scope = scope
        self.inFooter = footer
    }

    /// The same binding, for another scope.
    func scoped(_ scope: Scope) -> Binding {
        var copy = self
        copy.scope = scope
        return copy
    }
}
