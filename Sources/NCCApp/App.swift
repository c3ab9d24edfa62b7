import Foundation
import NCCExchange
import NCCMatch
import NCCModel
import NCCStore
import Screen

/// What the app asks of whoever runs it (the terminal backend): things only a terminal can do.
public enum Outcome: Sendable, Equatable {
    case none
    case quit
    case setMouse(Bool)
    /// Run `$VISUAL`/`$EDITOR` on this file, then call `finishEditing`.
    case editExternally(file: String)
}

/// The full-screen app: events in, state updated (writing through the store), screens out.
/// Only `handle` changes state; `render` is a pure function of it.
public final class App {
    /// How many matches a list's filter shows at most (the list says so when it hits the cap).
    static let filterLimit = 1000
    public internal(set) var state: AppState
    let store: Store
    let engine: MatchEngine
    var today: String
    var changeToken = ""
    /// The query each pane's list was loaded with, to reload only when it changes.
    var loadedQueries: [Pane: RecordQuery] = [:]
    /// Lists' lengths while the database stays as it was: clearing a filter shows the whole list
    /// again without counting 100,000 experts anew. Filtered lists are counted each time.
    var counts: [RecordQuery: (token: String, count: Int)] = [:]
    /// The meeting whose minutes are out in an external editor.
    var editingMinutes: (meeting: String, file: String)?
    /// A form put aside while the user confirms discarding it.
    var asideForm: FormState?
    /// The Overview's figures as last read, with the change token they are of.
    var overviewCache: OverviewPane.Cache?
    /// The Overview's counts of a large database, being made in the background.
    var overviewCounting: OverviewCounting?
    /// Fills an empty database with demo data and says what it loaded (injected by the caller, so
    /// the app does not depend on how demo data is made).
    let loadDemo: (Store) throws -> String
    /// This replica's signing key, for exporting bundles (nil: export says it cannot sign).
    let identity: Identity?

    public init(
        store: Store, width: Int, height: Int, today: String = Dates.today(),
        matchSettings: MatchSettings = MatchSettings(),
        identity: Identity? = nil, loadDemo: @escaping (Store) throws -> String
    ) throws {
        self.store = store
        self.identity = identity
        self.engine = MatchEngine(settings: matchSettings)
        self.loadDemo = loadDemo
        self.today = today
        state = AppState(width: width, height: height)
        state.replica = store.replicaID
        state.databasePath = store.path
        let empty = try store.read { r in
            try [Kind.centre, .expert, .task, .meeting].allSatisfy { try r.count($0) == 0 }
        }
        // A database with data opens on the Overview; an empty one on the welcome screen.
        state.pane = empty ? .welcome : .overview
        if !empty { state.region = .detail }
        try reloadAll()
    }

    deinit { overviewCounting?.cancel() }

    public var layout: Layout { Layout(width: state.width, height: state.height) }

    /// A warning from outside the app (a bad theme file) for the message line.
    public func show(warning: String) {
        state.message = Message(warning, .warning)
    }

    // MARK: - Events

    /// Applies one event. Errors from the store become a message on the message line; the app
    /// never stops for them.
    @discardableResult
    public func handle(_ event: Event) -> Outcome {
        do {
            return try update(event)
        } catch {
            state.message = Message(String(describing: error), .error)
            return .none
        }
    }

    /// Routes an event: to the modal that covers the panes, the filter being typed, a global
    /// action, or the pane's own update.
    func update(_ event: Event) throws -> Outcome {
        if overviewCounting != nil { OverviewPane.pickUpCounts(self) }
        switch event {
        case .resize(let width, let height):
            state.width = width
            state.height = height
            try reloadAll()
            return .none
        case .tick:
            // Another process (a CLI import) changed the file: show it.
            if try store.changeToken() != changeToken {
                try reloadAll(force: true)
            }
            return .none
        case .mouse(let mouse):
            try handleMouse(mouse)
            return .none
        case .key(let key):
            if state.isTooSmall, key != .character("q") { return .none }
            if state.modal != nil { return try handleModalKey(key) }
            if state.list.filtering, state.region == .list { return try handleFilterKey(key) }
            state.message = nil
            guard let action = ActionTable.action(for: key, in: state.pane) else {
                if case .character(let c) = key, !c.isWhitespace {
                    state.message = Message(
                        "'\(c)' does nothing here; \(ActionTable.key(.help)) lists the keys", .warning)
                }
                return .none
            }
            return try perform(action)
        }
    }

    /// The app's own actions (moving, panes, modals, records); the rest are the pane's.
    func perform(_ action: Action) throws -> Outcome {
        switch action {
        case .quit:
            state.quitting = true
            return .quit
        case .help: state.modal = .help
        case .toggleMouse:
            state.mouse.toggle()
            state.message = Message(
                state.mouse ? "Mouse on: click selects, the wheel scrolls" : "Mouse off: the terminal selects text")
            return .setMouse(state.mouse)
        case .up: try move(by: -1)
        case .down: try move(by: 1)
        case .pageUp: try move(by: -max(1, layout.listRows - 1))
        case .pageDown: try move(by: max(1, layout.listRows - 1))
        case .top: try move(by: -Int.max / 2)
        case .bottom: try move(by: Int.max / 2)
        case .nextRegion, .previousRegion: try toggleRegion()
        case .open: try open()
        case .back: try back()
        case .filter:
            guard !state.pane.isDetailOnly else { return .none }
            state.region = .list
            state.list.filtering = true
        case .palette: state.modal = .palette(PaletteState())
        case .add: try startAdd()
        case .edit: try startEdit()
        case .delete: try askDelete()
        default:
            if let pane = Pane.tabs.first(where: { $0.showAction == action }) {
                try switchTo(pane)
            } else {
                return try state.pane.feature.perform(action, self) ?? .none
            }
        }
        return .none
    }

    func switchTo(_ pane: Pane) throws {
        if pane != state.pane { state.pane.feature.left(self) }
        state.pane = pane
        if pane.isDetailOnly {
            // The Sync pane and the Overview are all detail: their selectable lines are what ↑↓ select.
            state.region = .detail
            try pane.feature.load(self)
            return
        }
        state.region = state.details[pane]?.stack.isEmpty == false ? .detail : .list
        try reloadList(pane)
    }

    /// The folder of the database: where written files go unless the user says otherwise.
    var databaseFolder: URL { URL(fileURLWithPath: store.path).deletingLastPathComponent() }

    /// An error as one line on the message line; nothing else changes.
    func fail(_ error: any Error) {
        state.message = Message(OneLine.of(String(describing: error)), .error)
    }

    /// Saves what `$EDITOR` left in the minutes' file (see `MeetingsPane.finishEditing`).
    public func finishEditing(succeeded: Bool) {
        MeetingsPane.finishEditing(succeeded: succeeded, self)
    }

    // MARK: - Rendering

    /// Draws the whole state into a new screen buffer.
    public func render(theme: (String) -> Style) -> ScreenBuffer {
        Views.render(state, layout: layout, theme: theme)
    }
}
