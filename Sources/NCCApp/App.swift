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

    public init(store: Store, width: Int, height: Int, today: String = Dates.today(), matchSettings: MatchSettings = MatchSettings(),
                identity: Identity? = nil, loadDemo: @escaping (Store) throws -> String) throws {
        self.store = store
        self.identity = identity
        self.engine = MatchEngine(settings: matchSettings)
        self.loadDemo = loadDemo
        self.today = today
        state = AppState(width: width, height: height)
        state.replica = store.replicaID
        state.databasePath = store.path
        let empty = try store.read { r in try [Kind.centre, .expert, .task, .meeting].allSatisfy { try r.count($0) == 0 } }
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

    func update(_ event: Event) throws -> Outcome {
        if overviewCounting != nil { pickUpOverviewCounts() }
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
                    state.message = Message("'\(c)' does nothing here; ? lists the keys", .warning)
                }
                return .none
            }
            return try perform(action)
        }
    }

    func perform(_ action: Action) throws -> Outcome {
        switch action {
        case .quit:
            state.quitting = true
            return .quit
        case .help: state.modal = .help
        case .toggleMouse:
            state.mouse.toggle()
            state.message = Message(state.mouse ? "Mouse on: click selects, the wheel scrolls" : "Mouse off: the terminal selects text")
            return .setMouse(state.mouse)
        case .paneOverview: try switchTo(.overview)
        case .paneDirectory: try switchTo(.directory)
        case .paneExperts: try switchTo(.experts)
        case .paneTasks: try switchTo(.tasks)
        case .paneMeetings: try switchTo(.meetings)
        case .paneSync: try switchTo(.sync)
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
        case .cycleStatus: try cycleTaskStatus()
        case .sortNext:
            if state.tasks.sortIndex == TaskView.sortFields.count - 1 && !state.tasks.ascending {
                state.tasks.sortIndex = 0
                state.tasks.ascending = true
            } else if state.tasks.ascending {
                state.tasks.ascending = false
            } else {
                state.tasks.sortIndex += 1
                state.tasks.ascending = true
            }
            try reloadList(.tasks)
        case .filterStatus:
            let all = Schema.taskStatuses
            if let s = state.tasks.status, let i = all.firstIndex(of: s) {
                state.tasks.status = i + 1 < all.count ? all[i + 1] : nil
            } else {
                state.tasks.status = all[0]
            }
            try reloadList(.tasks)
        case .filterArea: try cycleAreaFilter()
        case .filterOwner:
            if state.tasks.owner != nil {
                state.tasks.owner = nil
                state.tasks.ownerName = nil
            } else if let row = state.list.selectedRow, let task = try store.read({ try $0.record(.task, id: row.id) }),
                      let owner = task["owner"].text {
                state.tasks.owner = owner
                state.tasks.ownerName = try store.read { try $0.title(.person, id: owner) }
            } else {
                state.message = Message("The selected task has no owner", .warning)
            }
            try reloadList(.tasks)
        case .filterOverdue:
            state.tasks.overdueOnly.toggle()
            try reloadList(.tasks)
        case .clearFilters:
            let sort = (state.tasks.sortIndex, state.tasks.ascending)
            state.tasks = TaskView()
            (state.tasks.sortIndex, state.tasks.ascending) = sort
            try reloadList(.tasks)
        case .showNeeds:
            state.expertsShowNeeds.toggle()
            state.details[.experts] = DetailState()
            try reloadList(.experts, force: true)
        case .propose: try proposeSelected()
        case .toggleLanguageFilter, .toggleAvailabilityFilter, .toggleDeclinedFilter:
            let (name, on): (String, Bool)
            switch action {
            case .toggleLanguageFilter:
                state.matchFilters.language.toggle()
                (name, on) = ("Language", state.matchFilters.language)
            case .toggleAvailabilityFilter:
                state.matchFilters.availability.toggle()
                (name, on) = ("Availability", state.matchFilters.availability)
            default:
                state.matchFilters.declined.toggle()
                (name, on) = ("Declined-before", state.matchFilters.declined)
            }
            state.message = Message("\(name) filter \(on ? "on" : "off")")
            try loadDetail(.experts)
        case .advanceEngagement: try advanceEngagement()
        case .declineEngagement:
            if let engagement = selectedEngagement {
                state.modal = .confirm(Confirm(question: "Mark this engagement declined?", onYes: .decline(engagement: engagement)))
            }
        case .addNote: try startMinuteEntry(.note)
        case .addDecision: try startMinuteEntry(.decision)
        case .addActionItem: try startMinuteEntry(.actionItem)
        case .editMinutes: return try startExternalEdit()
        case .exportMinutes: try startMinutesExport()
        case .exportReport: startReportExport()
        case .importBundle: startImport()
        case .exportBundle: startExport()
        case .keepCurrent: try settleConflict(takeOther: false)
        case .takeOther: try settleConflict(takeOther: true)
        case .loadDemo:
            let summary = try loadDemo(store)
            state.pane = .overview
            state.region = .detail
            try reloadAll(force: true)
            state.message = Message(summary)
        case .startEmpty:
            state.pane = .directory
            try reloadAll(force: true)
            state.message = Message("An empty database: press a to add a centre, or run 'ncc import-csv'")
        }
        return .none
    }

    func switchTo(_ pane: Pane) throws {
        if pane != .overview { stopOverviewCounting() }
        state.pane = pane
        if pane.isDetailOnly {
            // The Sync pane and the Overview are all detail: their selectable lines are what ↑↓ select.
            state.region = .detail
            try pane == .sync ? loadSync() : loadOverview()
            return
        }
        state.region = state.details[pane]?.stack.isEmpty == false ? .detail : .list
        try reloadList(pane)
    }

    // MARK: - Moving

    func move(by delta: Int) throws {
        if state.region == .detail {
            moveInDetail(by: delta)
            return
        }
        var list = state.list
        let target = delta > 0 ? min(list.total - 1, list.selected + min(delta, list.total)) : max(0, list.selected + max(delta, -list.total))
        guard target != list.selected, list.total > 0 else { return }
        list.selected = target
        state.list = list
        try ensureWindow(state.pane)
        try loadDetail(state.pane)
    }

    func moveInDetail(by delta: Int) {
        var detail = state.detail
        let openable = detail.lines.indices.filter { detail.lines[$0].target != nil }
        let height = detailArea.height
        // Lines are placed in rows: one per line, or two columns side by side (a wide Overview).
        let placed = DetailColumns(detail.lines, area: detailArea)
        let rows = placed.rows
        if openable.isEmpty {
            detail.scroll = max(0, min(detail.scroll + delta, max(0, rows - height)))
        } else {
            let current = detail.selected.flatMap { openable.firstIndex(of: $0) } ?? 0
            let next = max(0, min(openable.count - 1, current + (delta > 0 ? min(delta, openable.count) : max(delta, -openable.count))))
            detail.selected = openable[next]
            let line = placed.place(of: openable[next])?.row ?? openable[next]
            if line < detail.scroll { detail.scroll = max(0, line - 1) }
            if line >= detail.scroll + height { detail.scroll = line - height + 2 }
            if next == 0 { detail.scroll = 0 }
            if delta > 0, next == openable.count - 1, next == current || delta > openable.count {
                // Past the last selectable line (or to the end): scroll on to the lines under it, keeping it in view.
                detail.scroll = max(detail.scroll, min(detail.scroll + delta, rows - height, line))
            }
        }
        state.detail = detail
    }

    func toggleRegion() throws {
        if state.pane == .overview {
            // Tab goes to the first selectable line of the other column (charts, lists).
            state.region = .detail
            let lines = state.detail.lines
            let column = state.detail.selected.map { lines[$0].column } ?? 1
            if let first = lines.indices.first(where: { lines[$0].target != nil && lines[$0].column != column }) {
                let placed = DetailColumns(lines, area: detailArea)
                state.detail.selected = first
                let row = placed.place(of: first)?.row ?? first
                if row < state.detail.scroll || row >= state.detail.scroll + detailArea.height { state.detail.scroll = max(0, row - 1) }
            }
            return
        }
        if state.pane == .sync {
            state.region = .detail
            moveInDetail(by: 0)
            return
        }
        guard state.pane != .welcome else { return }
        if state.region == .list {
            state.region = .detail
            if state.detail.selected == nil { moveInDetail(by: 0) }
        } else {
            state.region = .list
        }
    }

    func open() throws {
        if state.pane == .welcome { return }
        if state.region == .list {
            guard state.list.selectedRow != nil else { return }
            state.region = .detail
            moveInDetail(by: 0)
            return
        }
        guard let index = state.detail.selected, let target = state.detail.lines[index].target else { return }
        // On the Overview, Enter on a status bar shows those tasks.
        if state.pane == .overview, state.detail.stack.isEmpty, let link = state.overviewTaskLinks.first(where: { $0.line == index }) {
            return try showTasks(link)
        }
        // In a need's ranking, Enter on an expert proposes them.
        if state.pane == .experts, state.expertsShowNeeds, state.detail.stack.isEmpty, target.kind == .expert,
           let need = state.list.selectedRow?.id {
            askPropose(expert: target.id, need: need)
            return
        }
        var detail = state.detail
        detail.stack.append(target)
        detail.openedFrom.append(index)
        detail.selected = nil
        detail.scroll = 0
        state.detail = detail
        try loadDetail(state.pane)
        moveInDetail(by: 0)
    }

    func back() throws {
        if state.region == .detail, !state.detail.stack.isEmpty {
            var detail = state.detail
            detail.stack.removeLast()
            // The line the record was opened from is selected again.
            detail.openedFrom = Array(detail.openedFrom.prefix(detail.stack.count + 1))
            detail.selected = detail.openedFrom.count > detail.stack.count ? detail.openedFrom.removeLast() : nil
            detail.scroll = 0
            state.detail = detail
            try loadDetail(state.pane)
            if let selected = state.detail.selected, selected < state.detail.lines.count,
               state.detail.lines[selected].target != nil {
                let placed = DetailColumns(state.detail.lines, area: detailArea)
                let row = placed.place(of: selected)?.row ?? selected
                if row >= detailArea.height { state.detail.scroll = max(0, row - detailArea.height / 2) }
            } else {
                state.detail.selected = nil
            }
            moveInDetail(by: 0)
        } else if state.pane.isDetailOnly {
            state.message = Message("Nothing to back out of; q quits")
        } else if state.region == .detail {
            state.region = .list
        } else if !state.list.filter.isEmpty {
            state.list.filter = TextInput()
            try reloadList(state.pane, force: true)
        } else if state.pane == .tasks, state.tasks.isFiltered {
            _ = try perform(.clearFilters)
        } else {
            state.message = Message("Nothing to back out of; q quits")
        }
    }

    // MARK: - Filtering

    func handleFilterKey(_ key: Key) throws -> Outcome {
        switch key {
        case .enter:
            state.list.filtering = false
            if state.list.filter.isEmpty { return .none }
            state.message = Message("\(state.list.total) match '\(state.list.filter.text)'; Esc clears the filter")
        case .escape:
            state.list.filtering = false
            state.list.filter = TextInput()
            try reloadList(state.pane, force: true)
        case .up, .down, .pageUp, .pageDown:
            return try perform(key == .up ? .up : key == .down ? .down : key == .pageUp ? .pageUp : .pageDown)
        default:
            var list = state.list
            guard list.filter.handle(key) else { return .none }
            list.selected = 0
            list.top = 0
            state.list = list
            try reloadList(state.pane, force: true)
        }
        return .none
    }

    // MARK: - Mouse

    func handleMouse(_ mouse: MouseEvent) throws {
        guard state.modal == nil, !state.isTooSmall else { return }
        let layout = self.layout
        let detailArea = self.detailArea
        let sync = state.pane.isDetailOnly
        switch mouse.button {
        case .wheelUp, .wheelDown:
            let delta = mouse.button == .wheelUp ? -3 : 3
            if sync || layout.detail.contains(x: mouse.x, y: mouse.y) {
                var detail = state.detail
                let rows = DetailColumns(detail.lines, area: detailArea).rows
                detail.scroll = max(0, min(detail.scroll + delta, max(0, rows - detailArea.height)))
                state.detail = detail
            } else {
                state.region = .list
                try move(by: delta)
            }
        case .left:
            if layout.tabs.contains(x: mouse.x, y: mouse.y) {
                if let pane = Views.tab(atColumn: mouse.x) { try switchTo(pane) }
            } else if sync {
                guard detailArea.contains(x: mouse.x, y: mouse.y) else { return }
                let row = mouse.y - detailArea.y - (state.detail.stack.isEmpty ? 0 : 1)
                let placed = DetailColumns(state.detail.lines, area: detailArea)
                if let index = placed.line(atX: mouse.x, row: row, scroll: state.detail.scroll), state.detail.lines[index].target != nil {
                    state.detail.selected = index
                }
            } else if layout.list.contains(x: mouse.x, y: mouse.y), mouse.y > layout.list.y + 1 {
                state.region = .list
                let position = state.list.top + (mouse.y - layout.list.y - 2)
                if position < state.list.total { try move(by: position - state.list.selected) }
            } else if layout.detail.contains(x: mouse.x, y: mouse.y) {
                state.region = .detail
                let index = state.detail.scroll + (mouse.y - layout.detail.y)
                if index < state.detail.lines.count, state.detail.lines[index].target != nil {
                    state.detail.selected = index
                }
            }
        default: break
        }
    }

    // MARK: - Loading

    func loader(_ reader: StoreReader) -> Loader { Loader(reader: reader, today: today) }

    func reloadAll(force: Bool = false) throws {
        if force { loadedQueries = [:] }
        changeToken = try store.changeToken()
        if state.pane == .sync || force { try loadSync() }
        if state.pane == .overview { return try loadOverview() }
        guard state.pane != .welcome else { return }
        try reloadList(state.pane, force: force)
    }

    /// The query a pane's list shows now, or nil when it shows search hits.
    func query(for pane: Pane) -> RecordQuery? {
        switch pane {
        case .directory: DirectoryPane.query
        case .experts: state.expertsShowNeeds ? ExpertsPane.needQuery : ExpertsPane.expertQuery
        case .tasks: TasksPane.query(state.tasks, today: today)
        case .meetings: MeetingsPane.query
        case .sync, .welcome, .overview: nil
        }
    }

    /// Recounts and reloads a pane's list when its query or filter changed, keeping the selected
    /// record selected when it is still there.
    func reloadList(_ pane: Pane, force: Bool = false) throws {
        guard var baseQuery = query(for: pane) else { return }
        var list = state.lists[pane] ?? ListState()
        list.columns = columns(for: pane)
        let filterText = list.filter.text.trimmingCharacters(in: .whitespaces)
        let selectedID = list.selectedRow?.id
        if pane == .directory, !filterText.isEmpty {
            // The directory's filter finds centres, organisations and people alike, best first.
            let rows = try store.read { r -> [ListRow] in
                let hits = try r.quickSearch(filterText, kinds: DirectoryPane.filterKinds, limit: 200)
                let l = loader(r)
                return try hits.map { try DirectoryPane.hitRow($0, l) }
            }
            list.window = rows
            list.windowStart = 0
            list.total = rows.count
            list.emptyMessage = "Nothing matches '\(filterText)'."
            state.lists[pane] = list
            loadedQueries[pane] = nil
            try reselect(pane, selectedID)
            return
        }
        if !filterText.isEmpty {
            let kind = baseQuery.kind
            // The first 1000 matches: a filter is for narrowing down, and a keystroke must stay within a frame.
            let ids = try store.read { try $0.matchingIDs(filterText, kind: kind, limit: App.filterLimit) }
            baseQuery.conditions.append(.ids(ids))
            if ids.count == App.filterLimit {
                state.message = Message("The first \(App.filterLimit) matches: type more to narrow them down")
            }
        }
        if !force, loadedQueries[pane] == baseQuery, state.lists[pane] != nil {
            try ensureWindow(pane)
            return
        }
        list.total = try count(baseQuery)
        list.window = []
        list.emptyMessage = filterText.isEmpty ? emptyMessage(pane) : "Nothing matches '\(filterText)'."
        state.lists[pane] = list
        loadedQueries[pane] = baseQuery
        try reselect(pane, selectedID)
    }

    func count(_ query: RecordQuery) throws -> Int {
        // A filter alone: its ids come from the search index, which holds the live records of
        // the kind, each once (kept so in the transaction that changes a record).
        if query.conditions.count == 1, case .ids(let ids) = query.conditions[0] { return ids.count }
        let filtered = query.conditions.contains { if case .ids = $0 { true } else { false } }
        if filtered { return try store.read { try $0.count(query) } }
        // The token first: a write in between makes the next look count again.
        let token = try store.changeToken()
        if let known = counts[query], known.token == token { return known.count }
        let count = try store.read { try $0.count(query) }
        counts[query] = (token, count)
        return count
    }

    func reselect(_ pane: Pane, _ id: String?) throws {
        if let id, let query = loadedQueries[pane], state.lists[pane]?.selectedRow?.id != id,
           let position = try store.read({ try $0.position(of: id, in: query) }) {
            state.lists[pane]?.selected = position
        } else if let id, loadedQueries[pane] == nil, let position = state.lists[pane]?.window.firstIndex(where: { $0.id == id }) {
            state.lists[pane]?.selected = position
        }
        try ensureWindow(pane, force: true)
        try loadDetail(pane)
    }

    /// Loads the rows around the visible part of the list (a page above and below).
    func ensureWindow(_ pane: Pane, force: Bool = false) throws {
        guard var list = state.lists[pane] else { return }
        let height = layout.listRows
        list.clamp(height: height)
        if let query = loadedQueries[pane] {
            let needed = list.top..<min(list.total, list.top + height)
            let loaded = list.windowStart..<(list.windowStart + list.window.count)
            if force || !(needed.isEmpty || (loaded.contains(needed.lowerBound) && loaded.contains(needed.upperBound - 1))) {
                let start = max(0, list.top - height)
                let rows = try store.read { r -> [ListRow] in
                    let l = loader(r)
                    // The visible rows and a page on each side (none above the first page).
                    let records = try r.records(query, limit: list.top - start + height * 2, offset: start)
                    var previous: Record? = start > 0 ? try r.records(query, limit: 1, offset: start - 1).first : nil
                    return try records.map { record in
                        defer { previous = record }
                        return try row(pane, record, previous: previous, l)
                    }
                }
                list.window = rows
                list.windowStart = start
            }
        }
        state.lists[pane] = list
    }

    func row(_ pane: Pane, _ record: Record, previous: Record?, _ loader: Loader) throws -> ListRow {
        switch record.kind {
        case .centre: try DirectoryPane.row(record, previous: previous, loader)
        case .expert: try ExpertsPane.expertRow(record, loader)
        case .need: try ExpertsPane.needRow(record, loader)
        case .task: try TasksPane.row(record, loader)
        case .meeting: try MeetingsPane.row(record, loader)
        default: ListRow(kind: record.kind, id: record.id, cells: [try loader.reader.title(record.kind, id: record.id)])
        }
    }

    func columns(for pane: Pane) -> [ColumnSpec] {
        switch pane {
        case .directory: DirectoryPane.columns
        case .experts: state.expertsShowNeeds ? ExpertsPane.needColumns : ExpertsPane.expertColumns
        case .tasks: TasksPane.columns
        case .meetings: MeetingsPane.columns
        default: []
        }
    }

    func emptyMessage(_ pane: Pane) -> String {
        switch pane {
        case .directory: "No centres yet: press a to add one."
        case .experts: state.expertsShowNeeds ? "No needs yet: press a to add one." : "No experts yet: press a to add one."
        case .tasks: state.tasks.isFiltered ? "No task matches these filters (c clears them)." : "No tasks yet: press a to add one."
        case .meetings: "No meetings yet: press a to add one."
        default: ""
        }
    }

    /// The detail of the selected row, or of the record opened last from it.
    func loadDetail(_ pane: Pane) throws {
        if pane == .sync { return try loadSync() }
        if pane == .overview { return try loadOverview() }
        guard pane != .welcome else { return }
        var detail = state.details[pane] ?? DetailState()
        let row = state.lists[pane]?.selectedRow
        let shown = detail.stack.last ?? row.map { RecordRef($0.kind, $0.id) }
        guard let shown else {
            detail.lines = []
            state.details[pane] = detail
            return
        }
        detail.lines = try store.read { r -> [DetailLine] in
            let l = loader(r)
            if !detail.stack.isEmpty { return try l.genericDetail(shown) }
            switch (pane, shown.kind) {
            case (.directory, .centre): return try DirectoryPane.detail(shown, l)
            case (.experts, .need): return try ExpertsPane.needDetail(shown, l, engine: engine, filters: state.matchFilters)
            case (.meetings, .meeting): return try MeetingsPane.detail(shown, l)
            default: return try l.genericDetail(shown)
            }
        }
        if let selected = detail.selected, selected >= detail.lines.count || detail.lines[selected].target == nil {
            detail.selected = nil
        }
        if detail.stack.isEmpty, state.region == .list { detail.scroll = 0; detail.selected = nil }
        state.details[pane] = detail
    }

    /// The record the user means by e/d: the one opened in the detail, else the selected row.
    var currentRecord: RecordRef? {
        if state.region == .detail, let top = state.detail.stack.last { return top }
        return state.list.selectedRow.map { RecordRef($0.kind, $0.id) }
    }

    // MARK: - Rendering

    /// Draws the whole state into a new screen buffer.
    public func render(theme: (String) -> Style) -> ScreenBuffer {
        Views.render(state, layout: layout, theme: theme)
    }
}
