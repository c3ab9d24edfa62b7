import NCCModel
import NCCStore
import Screen

/// One pane of the app with everything that is its own, in its folder under `Panes/` (as gitui's
/// components and tig's view ops): its keys, its list and detail, the update of its own actions.
/// The app routes; what a pane does differently from the others, it says here.
///
/// Two sides: what the runner calls to read (`list`'s rows, `detail`, `read`: they get a
/// `Loader`), and the update (`perform`, `show` and the hooks: they change the state and emit
/// effects, never touching the store).
protocol PaneFeature {
    /// The tab's title.
    static var title: String { get }
    /// What its tab key shows, for help.
    static var summary: String { get }
    /// The pane's own keys, in the order help and the footer show them.
    static var bindings: [Binding] { get }
    /// All detail, no list (the Overview, Sync): ↑↓ move through the detail's selectable lines.
    static var isDetailOnly: Bool { get }
    /// Only quitting, help, Esc and the mouse work besides its own keys (the welcome screen).
    static var offersOnlyTheEssentials: Bool { get }
    /// The records a member looks for here (the jump list shows them in this pane).
    static var group: RecordGroup? { get }
    /// Loaded again after every change of the database, even while another pane is shown.
    static var reloadsAfterEveryChange: Bool { get }

    /// The list it shows now; nil for a pane without a list.
    static func list(_ state: AppState) -> PaneList?
    /// The line above the list: what it shows and how it is filtered.
    static func caption(_ state: AppState) -> String
    /// The detail of the record selected in the list, when this pane shows it its own way (read
    /// by the runner).
    static func detail(_ ref: RecordRef, _ loader: Loader, _ state: AppState) throws -> [DetailLine]?
    /// Reads what a pane that is all detail shows (by the runner).
    static func read(_ runner: Runner, _ state: AppState) throws -> PaneContent
    /// Puts what `read` read in place.
    static func show(_ content: PaneContent, _ app: App)
    /// The update of the pane's own actions; false when the action is not one of them.
    static func perform(_ action: Action, _ app: App) throws -> Bool
    /// What `a` adds here, with fields filled in from where the user is; nil: nothing.
    static func newRecord(_ app: App) throws -> NewRecord?
    /// Enter on a detail line, when this pane does something else than open its record.
    static func open(line index: Int, target: RecordRef, _ app: App) throws -> Bool
    /// A click selected a detail line (the Progress pane's detail follows it, as it does a move).
    static func clicked(line index: Int, _ app: App)
    /// Tab, when this pane moves otherwise than between its list and its detail.
    static func toggleRegion(_ app: App) throws -> Bool
    /// Esc when there is nothing else to back out of; true when the pane did something.
    static func back(_ app: App) throws -> Bool
    /// The user leaves the pane.
    static func left(_ app: App)
    /// The jump list is about to show `ref` here: clear what would hide it (a filter, another list).
    static func prepareToShow(_ ref: RecordRef, _ app: App)
    /// Draws the pane's body (the list and the detail, by default).
    static func draw(_ screen: inout ScreenBuffer, _ state: AppState, _ layout: Layout, _ theme: Views.Theme)
}

/// The list a pane shows: a query paged from SQLite, its columns and rows, and what a filter does.
struct PaneList {
    var query: RecordQuery
    var columns: [ColumnSpec]
    var emptyMessage: String
    var row: (_ record: Record, _ previous: Record?, _ loader: Loader) throws -> ListRow
    /// A filter that searches records of several kinds instead of narrowing the query (the
    /// directory's): the rows of the hits, best first.
    var search: ((_ text: String, _ reader: StoreReader, _ loader: Loader) throws -> [ListRow])?
}

/// A record about to be added: its kind and the reference fields already chosen (title, id).
struct NewRecord {
    var kind: Kind
    var preset: [FieldName: (title: String, id: String)] = [:]
}

extension PaneFeature {
    static var summary: String { "" }
    static var isDetailOnly: Bool { false }
    static var offersOnlyTheEssentials: Bool { false }
    static var group: RecordGroup? { nil }
    static var reloadsAfterEveryChange: Bool { false }
    static func list(_ state: AppState) -> PaneList? { nil }
    static func caption(_ state: AppState) -> String { "" }
    static func detail(_ ref: RecordRef, _ loader: Loader, _ state: AppState) throws -> [DetailLine]? { nil }
    static func read(_ runner: Runner, _ state: AppState) throws -> PaneContent { .record([]) }
    static func show(_ content: PaneContent, _ app: App) {}
    static func perform(_ action: Action, _ app: App) throws -> Bool { false }
    static func newRecord(_ app: App) throws -> NewRecord? { nil }
    static func open(line index: Int, target: RecordRef, _ app: App) throws -> Bool { false }
    static func clicked(line index: Int, _ app: App) {}
    static func toggleRegion(_ app: App) throws -> Bool { false }
    static func back(_ app: App) throws -> Bool { false }
    static func left(_ app: App) {}
    static func prepareToShow(_ ref: RecordRef, _ app: App) {}

    static func draw(_ screen: inout ScreenBuffer, _ state: AppState, _ layout: Layout, _ theme: Views.Theme) {
        if isDetailOnly {
            DetailView.draw(
                &screen, state.detail, in: layout.body.inset(by: 1), focused: state.region == .detail, theme: theme)
            return
        }
        ListView.draw(
            &screen, state.list, in: layout.list, focused: state.region == .list, caption: caption(state), theme: theme)
        Views.drawDivider(&screen, layout, theme)
        DetailView.draw(&screen, state.detail, in: layout.detail, focused: state.region == .detail, theme: theme)
    }
}
