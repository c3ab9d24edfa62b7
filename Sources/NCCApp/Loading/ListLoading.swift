import NCCModel
import NCCStore

/// What a pane shows, asked of the runner and put in place: its list paged from SQLite around
/// the visible rows (a page above and below), its length, and the selected record's detail. What
/// a pane lists and how, it says in its feature (`PaneFeature.list`).
extension App {
    /// Loads the shown pane again (and the panes that list what every change touches); `force`
    /// after a change of the database, so no list keeps rows of before.
    func reloadAll(force: Bool = false) {
        if force { for pane in state.lists.keys { state.lists[pane]?.loadedQuery = nil } }
        emit(.noteDatabaseState)
        // A pane that lists what every change touches (Sync: operations, conflicts) is read
        // again after any change, even while another pane is shown.
        for pane in Pane.allCases where pane.feature.reloadsAfterEveryChange && (force || pane == state.pane) {
            emit(.readPane(pane))
        }
        if state.pane.isDetailOnly, !state.pane.feature.reloadsAfterEveryChange {
            return emit(.readPane(state.pane))
        }
        reloadList(state.pane, force: force)
    }

    /// Recounts and reloads a pane's list when its query or filter changed, keeping the selected
    /// record selected when it is still there (`reveal`: selecting that record instead).
    func reloadList(_ pane: Pane, force: Bool = false, reveal: RecordRef? = nil) {
        guard let paneList = pane.feature.list(state) else { return }
        let list = state.lists[pane]
        emit(
            .countList(
                ListRequest(
                    pane: pane, list: paneList, filter: (list?.filter.text ?? "").trimmingCharacters(in: .whitespaces),
                    selectedID: list?.selectedRow?.id, loadedQuery: list?.loadedQuery, force: force, reveal: reveal)))
    }

    /// Reads the rows around the visible part of the list (a page above and below) when they are
    /// not loaded, and then (`thenDetail`) the selected record's detail.
    func ensureWindow(_ pane: Pane, force: Bool = false, thenDetail: Bool = false) {
        guard var list = state.lists[pane] else {
            if thenDetail { loadDetail(pane) }
            return
        }
        // A list zoomed away still pages around the rows it would show.
        let height = layout.listRows > 0 ? layout.listRows : layout.pageRows
        list.clamp(height: height)
        var reading = false
        if let query = list.loadedQuery {
            let needed = list.top..<min(list.total, list.top + height)
            let loaded = list.windowStart..<(list.windowStart + list.window.count)
            // The pane's rows are asked for only when rows are read (most moves stay in the window).
            if force
                || !(needed.isEmpty || (loaded.contains(needed.lowerBound) && loaded.contains(needed.upperBound - 1))),
                let paneList = pane.feature.list(state)
            {
                // The visible rows and a page on each side (none above the first page).
                let start = max(0, list.top - height)
                emit(
                    .readRows(
                        RowsRequest(
                            pane: pane, query: query, start: start, limit: list.top - start + height * 2,
                            list: paneList, thenDetail: thenDetail)))
                reading = true
            }
        }
        state.lists[pane] = list
        if thenDetail, !reading { loadDetail(pane) }
    }

    /// Asks for the detail of the selected row, or of the record opened last from it.
    func loadDetail(_ pane: Pane, then followUp: DetailFollowUp = .nothing) {
        if pane.isDetailOnly { return emit(.readPane(pane, then: followUp)) }
        guard pane.feature.list(state) != nil else { return }
        let detail = state.details[pane] ?? DetailState()
        let row = state.lists[pane]?.selectedRow
        guard let shown = detail.stack.last ?? row.map({ RecordRef($0.kind, $0.id) }) else {
            state.details[pane, default: DetailState()].lines = []
            return follow(followUp, in: pane)
        }
        emit(.readDetail(DetailRequest(pane: pane, ref: shown, stacked: !detail.stack.isEmpty, followUp: followUp)))
    }

    /// The record the user means by e/d: the one opened in the detail, else the selected row.
    var currentRecord: RecordRef? {
        if state.region == .detail, let top = state.detail.stack.last { return top }
        return state.list.selectedRow.map { RecordRef($0.kind, $0.id) }
    }

    // MARK: - Replies

    func counted(_ count: ListCount) {
        let request = count.request
        let pane = request.pane
        if count.capped {
            state.message = Message("The first \(App.filterLimit) matches: type more to narrow them down")
        }
        if count.unchanged { return ensureWindow(pane) }
        var list = state.lists[pane] ?? ListState()
        list.columns = request.list.columns
        let nothing = "Nothing matches '\(request.filter)'."
        if let hits = count.hits {
            list.window = hits
            list.windowStart = 0
            list.total = hits.count
            list.emptyMessage = nothing
            list.loadedQuery = nil
        } else {
            list.total = count.total
            list.window = []
            list.emptyMessage = request.filter.isEmpty ? request.list.emptyMessage : nothing
            list.loadedQuery = count.query
        }
        if let position = count.position { list.selected = position }
        state.lists[pane] = list
        if let reveal = request.reveal { return revealed(reveal, count) }
        ensureWindow(pane, force: true, thenDetail: true)
    }

    func rowsRead(_ request: RowsRequest, _ rows: [ListRow]) {
        guard var list = state.lists[request.pane], list.loadedQuery == request.query else { return }
        list.window = rows
        list.windowStart = request.start
        state.lists[request.pane] = list
        if request.thenDetail { loadDetail(request.pane) }
    }

    func detailRead(_ request: DetailRequest, _ lines: [DetailLine]) {
        let pane = request.pane
        var detail = state.details[pane] ?? DetailState()
        // The user moved on meanwhile: that record's detail is on its way.
        let shown = detail.stack.last ?? state.lists[pane]?.selectedRow.map { RecordRef($0.kind, $0.id) }
        guard shown == request.ref else { return }
        detail.lines = lines
        if let selected = detail.selected, selected >= detail.lines.count || detail.lines[selected].target == nil {
            detail.selected = nil
        }
        if detail.stack.isEmpty, state.region == .list {
            detail.scroll = 0
            detail.selected = nil
        }
        state.details[pane] = detail
        follow(request.followUp, in: pane)
    }

    /// Puts a pane's lines in place, then selects as the update asked.
    func paneRead(_ pane: Pane, _ content: PaneContent, then followUp: DetailFollowUp) {
        if case .record(let lines) = content {
            var detail = state.details[pane] ?? DetailState()
            detail.lines = lines
            detail.keepSelectionOnAnOpenableLine()
            state.details[pane] = detail
        } else {
            pane.feature.show(content, self)
        }
        follow(followUp, in: pane)
    }

    func follow(_ followUp: DetailFollowUp, in pane: Pane) {
        guard pane == state.pane else { return }
        switch followUp {
        case .nothing: break
        case .selectOpenable: moveInDetail(by: 0)
        case .selectOpenedFrom: selectOpenedFrom()
        }
    }
}
