import NCCExchange
import NCCModel
import NCCStore
import TerminalText

/// A proposal as the room reads it before voting: what it says, how it is decided, what is still
/// needed, the tally as a bar per choice, then every ballot with its reason and whether it counts.
/// Closed, it shows the outcome and the decision it became.
enum ProposalDetail {
    static func lines(_ id: String, _ loader: Loader, replica: String) throws -> [DetailLine] {
        let reader = loader.reader
        let now = loader.now
        guard let record = try reader.record(.proposal, id: id) else {
            return [DetailLine("This proposal no longer exists.", .dim)]
        }
        let tally = try reader.tally(of: id, now: now)
        let terms = tally.terms
        let me = try reader.speaker(of: replica)?.person
        var lines = [DetailLine(OneLine.of(terms.title), .title)]
        lines.append(DetailLine(terms.rule, .dim))
        let text = record[Fields.Proposal.text].text ?? ""
        if !text.isEmpty {
            lines.append(DetailLine(""))
            // Each paragraph one line; the view wraps it at word boundaries.
            lines += text.split(whereSeparator: \.isNewline).map { DetailLine("  " + OneLine.of(String($0))) }
        }

        lines.append(DetailLine(""))
        lines += termLines(tally, record, loader)
        if tally.status == .open { lines += stillNeeded(tally, me: me, now: now) }
        if tally.status == .closed { lines += try outcome(tally, record, reader) }
        lines += bars(tally)
        lines += ballots(tally, me: me)
        return lines
    }

    /// Status and time, who votes, the quorum (have/need), the threshold, its meeting and area.
    static func termLines(_ tally: Tally, _ record: Record, _ loader: Loader) -> [DetailLine] {
        let terms = tally.terms
        var lines: [DetailLine] = []
        switch tally.status {
        case .draft: lines.append(DetailLine("Status: draft · ballots are not counted until it is open", .warning))
        case .open:
            lines.append(
                DetailLine(
                    terms.closes.map { "Status: open · closes \(SyncPane.time($0))" }
                        ?? "Status: open · no closing time: open until someone closes it",
                    .field("status")))
        case .closed:
            lines.append(DetailLine("Status: closed \(terms.closes.map { SyncPane.time($0) } ?? "")", .field("status")))
        }
        lines.append(DetailLine("Electorate: \(ProposalWords.electorate(terms))", .field("electorate")))
        lines.append(
            DetailLine(
                terms.quorum > 0
                    ? "Quorum: \(tally.participants) of \(ProposalWords.voters(terms, terms.quorum))\(tally.quorumMet ? ", met" : "")"
                    : "Quorum: none (\(ProposalWords.voters(terms, tally.participants)) so far)",
                .field("quorum")))
        if terms.process == .majority {
            lines.append(
                DetailLine(
                    "Threshold: \(terms.threshold.map { "\($0) of the yes and no votes" } ?? "more yes than no")",
                    .field("threshold")))
        }
        if terms.process == .poll {
            lines.append(DetailLine("Options: \(OneLine.of(terms.options.joined(separator: ", ")))", .field("options")))
        }
        for (field, kind) in [(Fields.Proposal.meeting, Kind.meeting), (Fields.Proposal.workingArea, .workingArea)] {
            guard let target = record[field].text, let title = try? loader.title(kind, target) else { continue }
            lines.append(
                DetailLine(
                    "\(loader.label(field.name)): \(OneLine.of(title))", .field(field.name),
                    target: RecordRef(kind, target)))
        }
        return lines
    }

    /// What an open proposal still needs: voters for its quorum, time, and the reader's own vote.
    static func stillNeeded(_ tally: Tally, me: String?, now: String) -> [DetailLine] {
        let terms = tally.terms
        var lines = [DetailLine(""), DetailLine("Still needed", .heading)]
        if !tally.quorumMet {
            let missing = terms.quorum - tally.participants
            lines.append(
                DetailLine(
                    "  quorum: \(ProposalWords.voters(terms, missing)) more (\(tally.participants) of \(terms.quorum))",
                    .warning))
        } else if terms.quorum > 0 {
            lines.append(DetailLine("  quorum: met (\(tally.participants) of \(terms.quorum))", .dim))
        }
        if let closes = terms.closes {
            let left = ProposalWords.timeLeft(until: closes, now: now) ?? "closing now"
            lines.append(DetailLine("  time left: \(left) (closes \(SyncPane.time(closes)))"))
        } else {
            lines.append(
                DetailLine(
                    "  time: no closing time; \(ActionTable.key(.closeProposal, in: .decisions)) closes it when the room is done",
                    .dim))
        }
        guard me != nil else {
            lines.append(DetailLine("  this replica speaks for no one: ncc whoami --person NAME", .warning))
            return lines
        }
        if let mine = tally.latest(of: me) {
            let counted = mine.counted ? "counted" : "not counted: \(OneLine.of(mine.why))"
            lines.append(
                DetailLine(
                    "  your vote: \(ProposalWords.choice(mine.ballot.choice)) (\(counted)); vote again to change it",
                    mine.counted ? .text : .warning))
        } else {
            lines.append(DetailLine("  you have not voted: \(votingKeys(terms))", .warning))
        }
        return lines
    }

    /// The keys that vote on a proposal of this process.
    static func votingKeys(_ terms: ProposalTerms) -> String {
        func key(_ action: Action) -> String { ActionTable.key(action, in: .decisions) }
        let typed = "\(key(.vote)) types a choice"
        switch terms.process {
        case .consent: return "\(key(.voteYes)) yes · \(key(.object)) object · \(key(.abstain)) abstain · \(typed)"
        case .majority: return "\(key(.voteYes)) yes · \(key(.voteNo)) no · \(key(.abstain)) abstain · \(typed)"
        case .poll: return "\(key(.vote)) picks an option (several with ;) · \(key(.abstain)) abstain"
        case .advice:
            return
                "\(key(.voteYes)) yes · \(key(.voteNo)) no · \(key(.object)) object · \(key(.abstain)) abstain · \(typed)"
        }
    }

    /// A closed proposal's outcome and the decision (or decisions) it became.
    static func outcome(_ tally: Tally, _ record: Record, _ reader: StoreReader) throws -> [DetailLine] {
        var lines = [DetailLine(""), DetailLine("Outcome", .heading)]
        let outcome = record[Fields.Proposal.outcome].text ?? tally.summary
        lines.append(DetailLine("  \(OneLine.of(outcome))", tally.outcome == .adopted ? .text : .warning))
        if tally.outcomeRecordedOtherwise != nil {
            // A ballot cast before the close reached this replica after it: the count moved on.
            lines.append(
                DetailLine(
                    "  the ballots held now count: \(OneLine.of(tally.summary)) (some cast before the close arrived since)",
                    .warning))
        }
        let decisions = try reader.records(where: Fields.Decision.proposal, is: record.id, limit: 20)
        if decisions.isEmpty {
            lines.append(DetailLine("  no decision recorded for it", .dim))
        }
        for decision in decisions {
            let review = decision[Fields.Decision.review].text.map { " · review \($0)" } ?? ""
            lines.append(
                DetailLine(
                    "  decision: \(OneLine.of(decision[Fields.Decision.text].text ?? ""))\(review)",
                    target: RecordRef(.decision, decision.id)))
        }
        return lines
    }

    /// A bar per choice, the counted votes beside it; then what it would be if it closed now.
    static func bars(_ tally: Tally) -> [DetailLine] {
        var lines = [DetailLine(""), DetailLine("Tally", .heading)]
        let labels = tally.counts.map { OneLine.of($0.choice, limit: 40) }
        let labelWidth = min(28, labels.map { DisplayWidth.of($0) }.max() ?? 0)
        let maximum = tally.counts.map(\.votes).max() ?? 0
        for (count, label) in zip(tally.counts, labels) {
            var line = DetailLine("  ", count.choice == "object" && count.votes > 0 ? .warning : .text)
            line.bar = ChartBar(label: label, labelWidth: labelWidth, count: count.votes, maximum: maximum)
            lines.append(line)
        }
        if tally.status == .open {
            lines.append(DetailLine("  if it closed now: \(OneLine.of(tally.summary))", .dim))
        }
        return lines
    }

    /// Every ballot, oldest first: who, what, when, whether it counts (or why not), its reason.
    static func ballots(_ tally: Tally, me: String?) -> [DetailLine] {
        var lines = [DetailLine(""), DetailLine("Ballots (\(tally.lines.count))", .heading)]
        if tally.lines.isEmpty { lines.append(DetailLine("  none yet", .dim)) }
        for line in tally.lines {
            let who: String
            if let voter = line.voter {
                let centre = voter.centreName.map { ", \(OneLine.of($0))" } ?? ""
                who = OneLine.of(voter.name) + centre + (voter.person == me ? " (you)" : "")
            } else {
                who = "replica \(OneLine.of(line.ballot.replica))"
            }
            let counted = line.counted ? "counted" : "not counted: \(OneLine.of(line.why))"
            lines.append(
                DetailLine(
                    "  \(who): \(ProposalWords.choice(line.ballot.choice)) · \(counted)", line.counted ? .text : .dim,
                    target: RecordRef(.ballot, line.ballot.record)))
            // When, and the reason the room reads with it.
            let reason = line.ballot.reason.isEmpty ? "" : " · “\(OneLine.of(line.ballot.reason))”"
            lines.append(DetailLine("      \(SyncPane.time(line.ballot.stamp.time))\(reason)", .dim))
        }
        return lines
    }
}
