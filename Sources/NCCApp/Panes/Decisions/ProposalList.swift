import NCCModel
import NCCStore

/// The proposals: open ones first, closing soonest first, then drafts, then closed ones ("open",
/// "draft", "closed" sort that way backwards), each with the vote of the person this replica
/// speaks for.
enum ProposalList {
    static let columns = [
        ColumnSpec("Status", 7, whole: true), ColumnSpec("Closes", 16, whole: true), ColumnSpec("Title", 0),
        ColumnSpec("Process", 10), ColumnSpec("My vote", 12),
    ]
    static let query = RecordQuery(
        .proposal, order: [(Fields.Proposal.status, false), (Fields.Proposal.closes, true)])

    static func list(replica: String) -> PaneList {
        PaneList(
            query: query, columns: columns,
            emptyMessage: "No proposals yet: press \(ActionTable.key(.add, in: .decisions)) to put one to the group.",
            row: { record, _, loader in try row(record, loader, replica: replica) })
    }

    static func row(_ proposal: Record, _ loader: Loader, replica: String) throws -> ListRow {
        let tally = try loader.reader.tally(of: proposal.id, now: loader.now)
        let me = try loader.reader.speaker(of: replica)?.person
        let mine = tally.latest(of: me)
        let vote: String =
            switch (me, mine) {
            case (nil, _): "—"
            case (_, nil): tally.status == .open ? "not voted" : "—"
            case (_, let line?): ProposalWords.choice(line.ballot.choice)
            }
        return ListRow(
            kind: .proposal, id: proposal.id,
            cells: [
                tally.status.rawValue, ProposalWords.time(tally.terms.closes), OneLine.of(tally.terms.title),
                tally.terms.process.rawValue, vote,
            ],
            role: tally.status == .closed ? "ui.text" : nil)
    }
}
