import NCCModel
import NCCStore

/// Loading what a pane shows: its list paged from SQLite around the visible rows (a page above
/// and below), its length counted once per change of the database, and the selected record's
/// detail. What a pane lists and how, it says in its feature (`PaneFeature.list`).
extension App {
    func loader(_ reader: StoreReader) -> Loader { Loader(reader: reader, today: today) }

    func reloadAll(force: Bool = false) throws {
        if force { loadedQueries = [:] }
        changeToken = try store.changeToken()
        // A pane that lists what every change touches (Sync: operations, conflicts) is read
        // again after any change, even while another pane is shown.
        for pane in Pane.allCases where pane.feature.reloadsAfterEveryChange && (force || pane == state.pane) {
            try pane.feature.load(self)
        }
        if state.pane.isDetailOnly, !state.pane.feature.reloadsAfterEveryChange {
            return try state.pane.feature.load(self)
        }
        try reloadList(state.pane, force: force)
    }

    /// Recounts and reloads a pane's list when its query or filter changed, keeping the selected
    /// record selected when it is still there.
    func reloadList(_ pane: Pane, force: Bool = false) throws {
        guard let paneList = pane.feature.list(self) else { return }
        var baseQuery = paneList.query
        var list = state.lists[pane] ?? ListState()
        list.columns = paneList.columns
        let filterText = list.filter.text.trimmingCharacters(in: .whitespaces)
        let selectedID = list.selectedRow?.id
        if let search = paneList.search, !filterText.isEmpty {
            // A filter that searches several kinds (the directory's: centres, organisations and
            // people alike), best first.
            let rows = try store.read { r in try search(filterText, r, loader(r)) }
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
        list.emptyMessage = filterText.isEmpty ? paneList.emptyMessage : "Nothing matches '\(filterText)'."
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
            let position = try store.read({ try $0.position(of: id, in: query) })
        {
            state.lists[pane]?.selected = position
        } else if let id, loadedQueries[pane] == nil,
            let position = state.lists[pane]?.window.firstIndex(where: { $0.id == id })
        {
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
            // The pane's rows are asked for only when rows are read (most moves stay in the window).
            if force
                || !(needed.isEmpty || (loaded.contains(needed.lowerBound) && loaded.contains(needed.upperBound - 1))),
                let paneList = pane.feature.list(self)
            {
                let start = max(0, list.top - height)
                let rows = try store.read { r -> [ListRow] in
                    let l = loader(r)
                    // The visible rows and a page on each side (none above the first page).
                    let records = try r.records(query, limit: list.top - start + height * 2, offset: start)
                    var previous: Record? = start > 0 ? try r.records(query, limit: 1, offset: start - 1).first : nil
                    return try records.map { record in
                        defer { previous = record }
                        return try paneList.row(record, previous, l)
                    }
                }
                list.window = rows
                list.windowStart = start
            }
        }
        state.lists[pane] = list
    }

    /// The detail of the selected row, or of the record opened last from it.
    func loadDetail(_ pane: Pane) throws {
        if pane.isDetailOnly { return try pane.feature.load(self) }
        guard pane.feature.list(self) != nil else { return }
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
            return try pane.feature.detail(shown, l, self) ?? l.genericDetail(shown)
        }
        if let selected = detail.selected, selected >= detail.lines.count || detail.lines[selected].target == nil {
            detail.selected = nil
        }
        if detail.stack.isEmpty, state.region == .list {
            detail.scroll = 0
            detail.selected = nil
        }
        state.details[pane] = detail
    }

    /// The record the user means by e/d: the one opened in the detail, else the selected row.
    var currentRecord: RecordRef? {
        if state.region == .detail, let top = state.detail.stack.last { return top }
        return state.list.selectedRow.map { RecordRef($0.kind, $0.id) }
    }
}
