import Foundation
import NCCExchange
import NCCMatch
import NCCModel
import NCCStore

/// Performs the update's effects: the one part of the app that reads and writes the database and
/// files. It owns the store and what is cached of it (lists' lengths, the Overview's figures) and
/// answers each effect with a `Reply`. Long work (the Overview's counts of a large database, a
/// bundle's import) runs on a queue of its own; its reply is posted when it is done.
final class Runner {
    let store: Store
    let engine: MatchEngine
    /// This replica's signing key, for exporting bundles (nil: export says it cannot sign).
    let identity: Identity?
    /// Fills an empty database with demo data and says what it loaded.
    let loadDemo: (Store) throws -> String
    let today: String
    /// Imports run on the queue (the terminal app); in a headless harness they run at once.
    let runsInBackground: Bool
    /// Where replies of background work go (set by the app: its inbox).
    var post: @Sendable (Reply) -> Void = { _ in }

    /// The change token of the database the app shows.
    private var knownToken = ""
    /// Lists' lengths while the database stays as it was: clearing a filter shows the whole list
    /// again without counting 100,000 experts anew. Filtered lists are counted each time.
    private var counts: [RecordQuery: (token: String, count: Int)] = [:]
    /// The Overview's figures as last read, with the change token they are of.
    var overviewCache: OverviewPane.Cache?
    /// The Overview's counts of a large database, being made in the background.
    var overviewCounting: OverviewCounting?
    private let queue = DispatchQueue(label: "ncc.runner.background", qos: .userInitiated)

    init(
        store: Store, engine: MatchEngine, identity: Identity?, today: String, runsInBackground: Bool,
        loadDemo: @escaping (Store) throws -> String
    ) {
        self.store = store
        self.engine = engine
        self.identity = identity
        self.today = today
        self.runsInBackground = runsInBackground
        self.loadDemo = loadDemo
    }

    deinit { overviewCounting?.cancel() }

    func loader(_ reader: StoreReader) -> Loader {
        Loader(reader: reader, today: today, now: store.now, engine: engine)
    }

    /// Whether the database holds none of the records a member starts from (the welcome screen).
    func isEmpty() throws -> Bool {
        try store.read { r in try [Kind.centre, .expert, .task, .meeting].allSatisfy { try r.count($0) == 0 } }
    }

    /// Reads through a loader of its own (titles are looked up once per read).
    func read<T>(_ body: (Loader) throws -> T) throws -> T {
        try store.read { try body(loader($0)) }
    }

    /// Performs one effect; nil when its reply comes later (background work) or there is none.
    func perform(_ effect: Effect, _ state: AppState) -> Reply? {
        do {
            switch effect {
            case .countList(let request): return .listCounted(try count(request))
            case .readRows(let request): return .rowsRead(request, try rows(request))
            case .readDetail(let request): return .detailRead(request, try detail(request, state))
            case .readPane(let pane, let followUp): return .paneRead(pane, try content(of: pane, state), then: followUp)
            case .search(let request): return .found(request, try search(request))
            case .ask(let question): return .answered(question, try answer(question))
            case .change(let change): return .changed(change, perform(change))
            case .file(let job): return perform(job)
            case .noteDatabaseState:
                knownToken = try store.changeToken()
                return nil
            case .checkForChanges:
                let token = try store.changeToken()
                guard token != knownToken else { return nil }
                knownToken = token
                return .databaseChanged
            case .stopCounting:
                stopCounting()
                return nil
            case .terminal: return nil
            }
        } catch {
            return .failed(error)
        }
    }

    /// Runs work in the background and posts its reply, or runs it now in a headless harness.
    func background(_ work: @escaping () -> Reply) -> Reply? {
        guard runsInBackground else { return work() }
        let post = self.post
        let job = UncheckedWork(work)
        queue.async { post(job.run()) }
        return nil
    }

    // MARK: - Lists

    func count(_ request: ListRequest) throws -> ListCount {
        var count = ListCount(request: request)
        let filter = request.filter
        let reveal = request.reveal
        if let search = request.list.search, !filter.isEmpty {
            // A filter that searches several kinds (the directory's: centres, organisations and
            // people alike), best first.
            let hits = try read { l in try search(filter, l.reader, l) }
            count.hits = hits
            count.total = hits.count
            count.position = hits.firstIndex { $0.id == request.selectedID }
            if let reveal { count.revealedTitle = try store.read { try $0.title(reveal.kind, id: reveal.id) } }
            return count
        }
        var query = request.list.query
        if !filter.isEmpty {
            let kind = query.kind
            // The first 1000 matches: a filter is for narrowing down, and a keystroke must stay within a frame.
            let ids = try store.read { try $0.matchingIDs(filter, kind: kind, limit: App.filterLimit) }
            query.conditions.append(.ids(ids))
            count.capped = ids.count == App.filterLimit
        }
        count.query = query
        if !request.force, request.loadedQuery == query {
            count.unchanged = true
            return count
        }
        count.total = try self.count(query)
        try store.read { r in
            if let id = request.selectedID { count.position = try r.position(of: id, in: query) }
            if let reveal {
                if query.kind == reveal.kind { count.revealedPosition = try r.position(of: reveal.id, in: query) }
                count.revealedTitle = try r.title(reveal.kind, id: reveal.id)
            }
        }
        return count
    }

    private func count(_ query: RecordQuery) throws -> Int {
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

    func rows(_ request: RowsRequest) throws -> [ListRow] {
        try read { l in
            let r = l.reader
            let start = request.start
            let records = try r.records(request.query, limit: request.limit, offset: start)
            var previous: Record? = start > 0 ? try r.records(request.query, limit: 1, offset: start - 1).first : nil
            return try records.map { record in
                defer { previous = record }
                return try request.list.row(record, previous, l)
            }
        }
    }

    func detail(_ request: DetailRequest, _ state: AppState) throws -> [DetailLine] {
        try read { l in
            let lines =
                request.stacked
                ? try l.genericDetail(request.ref)
                : try request.pane.feature.detail(request.ref, l, state) ?? l.genericDetail(request.ref)
            return Loader.withID(lines, request.ref)
        }
    }

    func content(of pane: Pane, _ state: AppState) throws -> PaneContent {
        if let shown = state.details[pane]?.stack.last {
            return .record(Loader.withID(try read { try $0.genericDetail(shown) }, shown))
        }
        return try pane.feature.read(self, state)
    }

    func search(_ request: SearchRequest) throws -> [PaletteHit] {
        try store.read { r in
            switch request.purpose {
            case .picker(_, let text):
                guard !text.isEmpty else { return [] }
                return try r.quickSearch(text, kinds: request.kinds, limit: request.limit).map {
                    PaletteHit(ref: RecordRef($0.kind, $0.id), title: $0.title, snippet: "")
                }
            case .palette(let text):
                return try r.quickSearch(text, limit: request.limit, mark: ("", "")).map {
                    PaletteHit(ref: RecordRef($0.kind, $0.id), title: $0.title, snippet: $0.snippet)
                }
            }
        }
    }

    // MARK: - The Overview's counts

    /// Counts a large database's figures in the background; posts `countsMade` when done.
    func startCounting(_ cache: OverviewPane.Cache) {
        guard overviewCounting == nil else { return }
        let job = OverviewCounting(token: cache.token)
        let post = self.post
        job.start(store: store, figures: cache.figures) { post(.countsMade) }
        overviewCounting = job
    }

    /// Takes the background counts into the cache once they are made.
    func pickUpCounts() throws {
        guard let job = overviewCounting, let result = job.result else { return }
        overviewCounting = nil
        guard job.token == overviewCache?.token else { return }
        switch result {
        case .success(let counts): overviewCache?.counts = counts
        case .failure(let error): if !(error is CancellationError) { throw error }
        }
    }

    func stopCounting() {
        overviewCounting?.cancel()
        overviewCounting = nil
    }
}

/// Work handed to the background queue: the runner's replies hold values, not shared state.
private struct UncheckedWork: @unchecked Sendable {
    let run: () -> Reply
    init(_ run: @escaping () -> Reply) { self.run = run }
}
