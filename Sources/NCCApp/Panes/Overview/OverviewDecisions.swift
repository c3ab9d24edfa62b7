import NCCModel
import NCCStore

/// The Overview's part of the decisions: the open proposals that wait for the vote of the person
/// this replica speaks for, and the decisions whose review date has come.
extension OverviewPane {
    struct Votes: Sendable {
        var awaiting: [Item] = []
        var awaitingCount = 0
        /// This replica speaks for no one, so every open proposal waits for a vote it cannot cast yet.
        var speaksForNoOne = false
        var due: [Item] = []
        var dueCount = 0
    }

    /// Read with the figures (a working group has a handful of open proposals and decisions).
    static func votes(_ loader: Loader, replica: String, now: String) throws -> Votes {
        let reader = loader.reader
        var votes = Votes()
        let me = try reader.speaker(of: replica)?.person
        votes.speaksForNoOne = me == nil
        for proposal in try reader.openProposals() {
            let tally = try reader.tally(of: proposal.id, now: now)
            guard tally.status == .open, tally.latest(of: me)?.counted != true else { continue }
            votes.awaitingCount += 1
            guard votes.awaiting.count < listed else { continue }
            let closes = tally.terms.closes.map { "closes \(ProposalWords.time($0))" } ?? "no closing time"
            votes.awaiting.append(
                Item(
                    text: [closes, OneLine.of(tally.terms.title), tally.terms.process.rawValue].joined(
                        separator: " · "),
                    ref: RecordRef(.proposal, proposal.id)))
        }
        for entry in try reader.decisionRegister(today: loader.today) where entry.state == .dueForReview {
            votes.dueCount += 1
            guard votes.due.count < listed else { continue }
            let review = entry.decision[Fields.Decision.review].text ?? ""
            votes.due.append(
                Item(
                    text: "review \(review) · \(OneLine.of(entry.decision[Fields.Decision.text].text ?? ""))",
                    ref: RecordRef(.decision, entry.decision.id), warning: true))
        }
        return votes
    }

    static func voteLines(_ votes: Votes) -> [DetailLine] {
        let pane = ActionTable.key(Pane.decisions.showAction)
        var lines = [DetailLine(""), DetailLine("Proposals awaiting my vote (\(votes.awaitingCount))", .heading)]
        if votes.speaksForNoOne, votes.awaitingCount > 0 {
            lines.append(DetailLine("  this replica speaks for no one: ncc whoami --person NAME", .warning))
        }
        lines += votes.awaiting.map { DetailLine("  " + $0.text, target: $0.ref) }
        if votes.awaitingCount == 0 {
            lines.append(DetailLine("  None: no open proposal waits for your vote", .dim))
        } else if votes.awaitingCount > listed {
            lines.append(DetailLine("  … and \(votes.awaitingCount - listed) more: \(pane) lists them", .dim))
        }
        lines.append(DetailLine(""))
        lines.append(DetailLine("Decisions due for review (\(votes.dueCount))", .heading))
        lines += votes.due.map { DetailLine("  " + $0.text, .warning, target: $0.ref) }
        if votes.dueCount == 0 {
            lines.append(DetailLine("  None due", .dim))
        } else if votes.dueCount > listed {
            lines.append(
                DetailLine(
                    "  … and \(votes.dueCount - listed) more: \(pane) then \(ActionTable.key(.showRegister, in: .decisions)) shows the register",
                    .dim))
        }
        return lines
    }
}
