import NCCModel

/// What a proposal asks, as its record holds it.
public struct ProposalTerms: Sendable, Hashable {
    public var id: String
    public var title: String
    public var process: DecisionProcess
    public var options: [String]
    public var electorate: Electorate
    public var quorum: Int
    public var threshold: Fraction?
    public var opens: String?
    public var closes: String?
    public var status: ProposalStatus
    /// The outcome stored when it was closed, in a few words (`Tally.summary` then).
    public var recordedOutcome: String?

    public init(_ record: Record) {
        id = record.id
        title = record[Fields.Proposal.title.name].text ?? ""
        process = record[Fields.Proposal.process.name].text.flatMap(DecisionProcess.init(rawValue:)) ?? .consent
        options = record[Fields.Proposal.options.name].list
        electorate = record[Fields.Proposal.electorate.name].text.flatMap(Electorate.init(rawValue:)) ?? .members
        quorum = record[Fields.Proposal.quorum.name].int ?? 0
        threshold = record[Fields.Proposal.threshold.name].text.flatMap(Fraction.init)
        opens = record[Fields.Proposal.opens.name].text
        closes = record[Fields.Proposal.closes.name].text
        status = record[Fields.Proposal.status.name].text.flatMap(ProposalStatus.init(rawValue:)) ?? .open
        recordedOutcome = record[Fields.Proposal.outcome.name].text
    }

    /// The choices a ballot may make.
    public var choices: [String] { process.choices(options: options) }

    /// The process and its rule, in one line (README, "Deciding together", has them in full).
    public var rule: String {
        switch process {
        case .consent: "Consent: adopted at the close unless someone objects, with a reason"
        case .majority:
            if let threshold {
                "Majority: adopted when yes reaches \(threshold) of the yes and no votes"
            } else {
                "Majority: adopted when yes beats no (abstentions count for the quorum only)"
            }
        case .poll: "Poll: the option chosen most wins; options with the same highest count tie"
        case .advice: "Advice: nothing is counted; the advice is collected for the proposer"
        }
    }
}

/// A ballot with the voter its replica spoke for (nil: no one).
public struct TallyBallot: Sendable, Hashable {
    public var ballot: CastBallot
    public var voter: Voter?
    public init(ballot: CastBallot, voter: Voter?) {
        self.ballot = ballot
        self.voter = voter
    }
}

/// The count of a proposal's ballots: a pure function of its terms and its ballots (and of the
/// time, only to tell whether it is still open), so every replica that holds the same operations
/// counts the same, whatever order they came in. The rules are README's, "Decisions".
public struct Tally: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case adopted, rejected, tie
        case noQuorum = "no quorum"
        case open
        /// An advice process: nothing is computed, the advice is collected.
        case advice
    }

    public struct Line: Sendable, Hashable {
        public var ballot: CastBallot
        public var voter: Voter?
        public var counted: Bool
        /// Why it is not counted; empty when it is.
        public var why: String
        /// Who the ballot speaks for in this electorate: the person, or their centre.
        public var votesFor: String
    }

    public var terms: ProposalTerms
    /// Draft, open or closed: closed once its status says so or its closing time has passed.
    public var status: ProposalStatus
    public var outcome: Outcome
    /// What the outcome would be if it closed now (the same as `outcome` once closed).
    public var standing: Outcome
    /// A poll's winning option, or the options that tie.
    public var winners: [String]
    /// A choice and its counted votes.
    public struct Count: Sendable, Hashable {
        public var choice: String
        public var votes: Int
    }

    /// Per choice, in the proposal's order of choices, the counted votes.
    public var counts: [Count]
    /// Voters (people or centres) with a counted ballot, abstentions included.
    public var participants: Int
    public var lines: [Line]

    public var quorumMet: Bool { participants >= terms.quorum }

    /// Closed, and the ballots held now count otherwise than when it was closed (a ballot cast
    /// before the close arrived after it): the outcome stored then, else nil.
    public var outcomeRecordedOtherwise: String? {
        guard status == .closed, let recorded = terms.recordedOutcome, recorded != summary else { return nil }
        return recorded
    }

    public func votes(for choice: String) -> Int { counts.first { $0.choice == choice }?.votes ?? 0 }

    public static func count(_ terms: ProposalTerms, ballots: [TallyBallot], now: String) -> Tally {
        let closedByTime = terms.closes.map { now > $0 } ?? false
        let status: ProposalStatus =
            terms.status == .closed || (terms.status == .open && closedByTime)
            ? .closed : terms.status
        let choices = terms.choices
        // Oldest first, in the one order every replica agrees on (a stamp names its replica).
        let ordered = ballots.sorted { $0.ballot.stamp < $1.ballot.stamp }
        var lines: [Line] = []
        var latest: [String: Int] = [:]
        for entry in ordered {
            let ballot = entry.ballot
            var line = Line(ballot: ballot, voter: entry.voter, counted: false, why: "", votesFor: "")
            let time = ballot.stamp.time
            let picked = ballot.choice.split(separator: ";").map(String.init)
            if let voter = entry.voter {
                switch terms.electorate {
                case .members: line.votesFor = voter.person
                case .centres: line.votesFor = voter.centre ?? ""
                }
            }
            if entry.voter == nil {
                line.why = "replica \(ballot.replica) speaks for no one"
            } else if terms.electorate == .centres, entry.voter?.centre == nil {
                line.why = "\(entry.voter!.name) belongs to no centre"
            } else if terms.status == .draft {
                line.why = "the proposal is a draft"
            } else if let opens = terms.opens, time < opens {
                line.why = "cast before the proposal opened"
            } else if let closes = terms.closes, time > closes {
                line.why = "cast after the close"
            } else if picked.isEmpty || !picked.allSatisfy(choices.contains) || Set(picked).count < picked.count
                || (picked.count > 1 && (terms.process != .poll || picked.contains("abstain")))
            {
                line.why = "'\(ballot.choice)' is not a choice of this proposal"
            } else {
                line.counted = true
                if let earlier = latest[line.votesFor] {
                    lines[earlier].counted = false
                    lines[earlier].why =
                        terms.electorate == .centres
                        ? "replaced by a later ballot for \(entry.voter?.centreName ?? "the centre")"
                        : "replaced by a later ballot"
                }
                latest[line.votesFor] = lines.count
            }
            lines.append(line)
        }

        var counts = choices.map { Count(choice: $0, votes: 0) }
        for line in lines where line.counted {
            for choice in line.ballot.choice.split(separator: ";").map(String.init) {
                if let n = counts.firstIndex(where: { $0.choice == choice }) { counts[n].votes += 1 }
            }
        }
        let participants = latest.count
        var tally = Tally(
            terms: terms, status: status, outcome: .open, standing: .open, winners: [], counts: counts,
            participants: participants, lines: lines)
        tally.standing = tally.decide()
        if status == .closed { tally.outcome = tally.standing }
        if terms.process == .poll, tally.standing == .adopted || tally.standing == .tie {
            tally.winners = tally.pollLeaders.options
        }
        return tally
    }

    /// A poll's options chosen most, and how often (0: none was chosen).
    private var pollLeaders: (options: [String], votes: Int) {
        let options = counts.filter { terms.options.contains($0.choice) }
        let most = options.map(\.votes).max() ?? 0
        return (options.filter { $0.votes == most }.map(\.choice), most)
    }

    /// The latest ballot of a person (nil: none, or no person): theirs from whichever replica.
    public func latest(of person: String?) -> Line? {
        guard let person else { return nil }
        return lines.last { $0.voter?.person == person }
    }

    /// The outcome by the counted ballots, as if the proposal closed now.
    private func decide() -> Outcome {
        if status == .draft { return .open }
        if terms.process == .advice { return .advice }
        guard participants >= terms.quorum else { return .noQuorum }
        switch terms.process {
        case .consent:
            return votes(for: "object") > 0 ? .rejected : .adopted
        case .majority:
            let yes = votes(for: "yes")
            let no = votes(for: "no")
            if let threshold = terms.threshold {
                return threshold.isReached(by: yes, of: yes + no) ? .adopted : .rejected
            }
            return yes > no ? .adopted : yes < no ? .rejected : .tie
        case .poll:
            let leaders = pollLeaders
            guard leaders.votes > 0 else { return .rejected }
            return leaders.options.count > 1 ? .tie : .adopted
        case .advice:
            return .advice
        }
    }

    /// The outcome in a few words, for the decision it becomes and for lists: "adopted (5 yes,
    /// 1 no, 2 abstain)", "chosen: Ljubljana (4 of 7)", "no quorum (2 of 5)".
    public var summary: String {
        let outcome = status == .closed ? outcome : standing
        let shown = counts.filter { $0.votes > 0 }.map { "\($0.votes) \($0.choice)" }.joined(separator: ", ")
        let tail = shown.isEmpty ? "no ballots" : shown
        // Nothing counted yet: no standing to speak of.
        if status != .closed, outcome != .advice, !lines.contains(where: \.counted) { return "no ballots yet" }
        switch outcome {
        case .noQuorum: return "no quorum (\(participants) of \(terms.quorum))"
        case .advice:
            let n = lines.filter(\.counted).count
            return "advice collected (\(n) \(n == 1 ? "ballot" : "ballots"))"
        case .adopted where terms.process == .poll:
            return "chosen: \(winners.joined()) (\(votes(for: winners.first ?? "")) of \(participants))"
        case .tie where terms.process == .poll:
            return "tie: \(winners.joined(separator: ", ")) (\(votes(for: winners.first ?? "")) each)"
        default:
            return "\(outcome.rawValue) (\(tail))"
        }
    }
}
