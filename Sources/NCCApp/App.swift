import Foundation
import NCCExchange
import NCCMatch
import NCCModel
import NCCStore
import Screen

/// What the app asks of whoever runs it (the terminal backend): things only a terminal can do
/// (`Effect.terminal`).
public enum Outcome: Sendable, Equatable {
    case none
    case quit
    case setMouse(Bool)
    /// Run `$VISUAL`/`$EDITOR` on this file, then call `finishEditing`.
    case editExternally(file: String)
}

/// The full-screen app: events in, state updated, effects out, screens drawn.
///
/// The update (`update`, and each pane's `perform`) only changes `state` and returns effects; the
/// `Runner` performs them (it alone holds the store) and its replies come back to the update
/// (`apply`). `render` is a pure function of the state. Work done in the background posts its
/// reply to an inbox and wakes the terminal's loop through `wakeDescriptor`.
public final class App {
    /// How many matches a list's filter shows at most (the list says so when it hits the cap).
    static let filterLimit = 1000
    public internal(set) var state: AppState
    private let runner: Runner
    var today: String { state.today }
    /// Effects the update asked for, performed in order once it returns.
    private var effects: [Effect] = []
    private let inbox = Inbox()
    /// The meeting whose minutes are out in an external editor.
    var editingMinutes: (meeting: String, file: String)?
    /// A form put aside while the user confirms discarding it.
    var asideForm: FormState?

    /// `runsInBackground`: long work (a bundle's import) runs on a queue and its reply wakes the
    /// loop (the terminal app); without it, the work is done before `handle` returns (tests).
    public init(
        store: Store, width: Int, height: Int, today: String = Dates.today(),
        matchSettings: MatchSettings = MatchSettings(),
        identity: Identity? = nil, runsInBackground: Bool = false, loadDemo: @escaping (Store) throws -> String
    ) throws {
        runner = Runner(
            store: store, engine: MatchEngine(settings: matchSettings), identity: identity, today: today,
            runsInBackground: runsInBackground, loadDemo: loadDemo)
        state = AppState(width: width, height: height)
        state.today = today
        state.replica = store.replicaID
        state.databasePath = store.path
        state.fingerprint = identity?.fingerprint
        let inbox = self.inbox
        runner.post = { inbox.post($0) }
        let empty = try runner.isEmpty()
        // A database with data opens on the Overview; an empty one on the welcome screen.
        state.pane = empty ? .welcome : .overview
        if !empty { state.region = .detail }
        reloadAll()
        _ = run()
    }

    public var layout: Layout {
        Layout(width: state.width, height: state.height, zoom: state.pane.isDetailOnly ? .split : state.zoom)
    }

    /// Readable when work done in the background has replied: the terminal's loop waits on it as
    /// well as on the keyboard, then calls `handleReplies`.
    public var wakeDescriptor: Int32 { inbox.readEnd }

    /// A warning from outside the app (a bad theme file) for the message line.
    public func show(warning: String) {
        state.message = Message(warning, .warning)
    }

    // MARK: - Events

    /// Applies one event and performs what it asked for. Errors become a message on the message
    /// line; the app never stops for them.
    @discardableResult
    public func handle(_ event: Event) -> Outcome {
        let early = handleReplies()
        dispatch { try update(event) }
        let outcome = run()
        return outcome == .none ? early : outcome
    }

    /// Applies the replies of work done in the background (the Overview's counts, an import).
    @discardableResult
    public func handleReplies() -> Outcome {
        var outcome = Outcome.none
        for reply in inbox.take() {
            dispatch { try apply(reply) }
            let asked = run()
            if asked != .none { outcome = asked }
        }
        return outcome
    }

    /// Runs one step of the update given as a function (a test's jump or edit), then its effects.
    @discardableResult
    func step(_ body: () throws -> Void) -> Outcome {
        dispatch(body)
        return run()
    }

    /// What the update asks for on an event, not performed (tests: the update itself does nothing).
    func effects(of event: Event) -> [Effect] {
        dispatch { try update(event) }
        defer { effects = [] }
        return effects
    }

    /// Asks the runner for an effect once the update returns.
    func emit(_ effect: Effect) { effects.append(effect) }

    private func dispatch(_ body: () throws -> Void) {
        do { try body() } catch { state.message = Message(String(describing: error), .error) }
    }

    /// Performs the effects, applying each reply before the effects asked for after it (so an
    /// update reads as if it had waited for its reply); returns what the terminal must do.
    private func run() -> Outcome {
        var outcome = Outcome.none
        while !effects.isEmpty {
            let effect = effects.removeFirst()
            if case .terminal(let asked) = effect {
                outcome = asked
                continue
            }
            guard let reply = runner.perform(effect, state) else { continue }
            let later = effects
            effects = []
            dispatch { try apply(reply) }
            effects += later
        }
        return outcome
    }

    /// Routes an event: to the modal that covers the panes, the filter being typed, a global
    /// action, or the pane's own update.
    func update(_ event: Event) throws {
        switch event {
        case .resize(let width, let height):
            state.width = width
            state.height = height
            reloadAll()
        case .tick:
            // Another process (a CLI import) may have changed the file (`Reply.databaseChanged`).
            emit(.checkForChanges)
        case .mouse(let mouse):
            try handleMouse(mouse)
        case .key(let key):
            if state.isTooSmall, key != .character("q") { return }
            if state.modal != nil { return try handleModalKey(key) }
            if state.list.filtering, state.region == .list { return try handleFilterKey(key) }
            state.message = nil
            guard let action = ActionTable.action(for: key, in: state.pane) else {
                if case .character(let c) = key, !c.isWhitespace {
                    state.message = Message(
                        "'\(c)' does nothing here; \(ActionTable.key(.help)) lists the keys", .warning)
                }
                return
            }
            try perform(action)
        }
    }

    /// The app's own actions (moving, panes, modals, records); the rest are the pane's.
    func perform(_ action: Action) throws {
        switch action {
        case .quit:
            state.quitting = true
            emit(.terminal(.quit))
        case .help: state.modal = .help
        case .toggleMouse:
            state.mouse.toggle()
            state.message = Message(
                state.mouse ? "Mouse on: click selects, the wheel scrolls" : "Mouse off: the terminal selects text")
            emit(.terminal(.setMouse(state.mouse)))
        case .up: try move(by: -1)
        case .down: try move(by: 1)
        case .pageUp: try move(by: -page)
        case .pageDown: try move(by: page)
        case .top: try move(by: -Int.max / 2)
        case .bottom: try move(by: Int.max / 2)
        case .nextRegion, .previousRegion: try toggleRegion()
        case .open: try open()
        case .back: try back()
        case .filter:
            guard !state.pane.isDetailOnly else { return }
            state.region = .list
            state.list.filtering = true
        case .palette: state.modal = .palette(PaletteState())
        case .zoom: zoom(to: state.zoom.next)
        case .add: try startAdd()
        case .edit: try startEdit()
        case .delete: try askDelete()
        default:
            if let pane = Pane.tabs.first(where: { $0.showAction == action }) {
                try switchTo(pane)
            } else {
                _ = try state.pane.feature.perform(action, self)
            }
        }
    }

    /// Routes a reply of the runner to the part of the update that asked for it.
    func apply(_ reply: Reply) throws {
        switch reply {
        case .listCounted(let count): counted(count)
        case .rowsRead(let request, let rows): rowsRead(request, rows)
        case .detailRead(let request, let lines): detailRead(request, lines)
        case .paneRead(let pane, let content, let followUp): paneRead(pane, content, then: followUp)
        case .found(let request, let hits): found(request, hits)
        case .answered(let question, let answer): try answered(question, answer)
        case .changed(let change, let changed): try self.changed(change, changed)
        case .fileDone(let job, let done): try fileDone(job, done)
        case .databaseChanged: reloadAll(force: true)
        case .countsMade:
            if state.pane == .overview { emit(.readPane(.overview)) }
        case .failed(let error): throw error
        }
    }

    func switchTo(_ pane: Pane) throws {
        if pane != state.pane { state.pane.feature.left(self) }
        state.pane = pane
        if pane.isDetailOnly {
            // The Sync pane and the Overview are all detail: their selectable lines are what ↑↓ select.
            state.region = .detail
            emit(.readPane(pane))
            return
        }
        state.region = state.details[pane]?.stack.isEmpty == false ? .detail : .list
        reloadList(pane)
    }

    /// Rows a page moves: the list's, or the detail's when it has the focus.
    var page: Int { max(1, (state.region == .detail ? detailArea.height : layout.listRows) - 1) }

    /// Shows the list and the detail, or one alone; the focus goes where there is something.
    func zoom(to zoom: Zoom) {
        guard !state.pane.isDetailOnly else { return }
        state.zoom = zoom
        switch zoom {
        case .split: break
        case .list: state.region = .list
        case .detail:
            state.region = .detail
            moveInDetail(by: 0)
        }
        ensureWindow(state.pane)
    }

    /// The folder of the database: where written files go unless the user says otherwise.
    var databaseFolder: URL { URL(fileURLWithPath: state.databasePath).deletingLastPathComponent() }

    /// An error as one line on the message line; nothing else changes.
    func fail(_ error: any Error) {
        state.message = Message(OneLine.of(String(describing: error)), .error)
    }

    /// Saves what `$EDITOR` left in the minutes' file (see `MeetingsPane.finishEditing`).
    @discardableResult
    public func finishEditing(succeeded: Bool) -> Outcome {
        MeetingsPane.finishEditing(succeeded: succeeded, self)
        return run()
    }

    // MARK: - Rendering

    /// Draws the whole state into a new screen buffer.
    public func render(theme: (String) -> Style) -> ScreenBuffer {
        Views.render(state, layout: layout, theme: theme)
    }
}
