import NCCModel
import NCCStore

extension Action {
    public static let showRegister = Action("showRegister")
    public static let voteYes = Action("voteYes"), voteNo = Action("voteNo"), abstain = Action("abstain")
    public static let object = Action("object"), vote = Action("vote"), closeProposal = Action("closeProposal")
}

/// How the working group decides: the proposals with their tally and ballots, voting on them from
/// this replica (for the person it speaks for), closing one into a decision, and the register of
/// decisions. Titles, reasons and names come from peers' bundles: each is made one line.
enum DecisionsPane: PaneFeature {
    static let title = "Decisions"
    static let summary = "Show proposals, vote on them, and the register of decisions"
    static let group: RecordGroup? = .decisions

    static let bindings = [
        ActionTable.add, ActionTable.edit, ActionTable.delete,
        Binding(.voteYes, [.character("y")], "y", "yes", "Vote yes on the selected proposal", footer: true),
        Binding(.voteNo, [.character("n")], "n", "no", "Vote no on the selected proposal", footer: true),
        Binding(
            .abstain, [.character("b")], "b", "abstain",
            "Abstain (a blank ballot: it counts for the quorum, for no side)", footer: true),
        Binding(
            .object, [.character("o")], "o", "object", "Object to the selected proposal (asks for your reason)",
            footer: true),
        Binding(
            .vote, [.character("v")], "v", "vote…",
            "Vote by typing the choice: a poll's option (several with ;), and a reason after a colon", footer: true),
        Binding(
            .closeProposal, [.character("c")], "c", "close",
            "Close the selected proposal: its outcome becomes a decision (asks first, and for a review date)",
            footer: true),
        Binding(
            .showRegister, [.character("r")], "r", "register",
            "Switch between the proposals and the decisions register",
            footer: true),
    ]

    static func list(_ state: AppState) -> PaneList? {
        state.decisionsShowRegister ? DecisionRegisterList.list : ProposalList.list(replica: state.replica)
    }

    static func caption(_ state: AppState) -> String {
        let key = ActionTable.key(.showRegister, in: .decisions)
        return state.decisionsShowRegister
            ? "Decisions register, newest first · \(key) shows the proposals"
            : "Proposals, open ones first · \(key) shows the register"
    }

    static func detail(_ ref: RecordRef, _ loader: Loader, _ state: AppState) throws -> [DetailLine]? {
        switch ref.kind {
        case .proposal: try ProposalDetail.lines(ref.id, loader, replica: state.replica)
        case .decision: try DecisionRegisterList.detail(ref.id, loader)
        default: nil
        }
    }

    /// `a` adds a proposal; in the register, a follow-up task of the selected decision.
    static func newRecord(_ app: App) throws -> NewRecord? {
        let state = app.state
        if state.decisionsShowRegister, let row = state.list.selectedRow, row.kind == .decision {
            return NewRecord(kind: .task, preset: [Fields.Task.decision: (row.cells[2], row.id)])
        }
        return NewRecord(kind: .proposal)
    }

    /// A decision jumped to is shown in the register; anything else among the proposals.
    static func prepareToShow(_ ref: RecordRef, _ app: App) { app.state.decisionsShowRegister = ref.kind == .decision }

    /// A new proposal (added here or from a meeting's minutes) is shown selected, ready for votes
    /// (the message line names it, as the jump list does).
    static func show(_ proposal: RecordRef, _ app: App) {
        app.reloadAll(force: true)
        do { try app.jump(to: proposal) } catch { app.fail(error) }
    }
}
