import NCCModel

/// What decides and records decisions: who this replica speaks for, casting a ballot, closing a
/// proposal into a decision. Ballots and bindings are made only here (`StoreWriter.castOnly`).
extension StoreWriter {
    /// Binds this replica to a person of the directory: from now on its ballots are theirs.
    /// Returns the binding's id (a new one, `id` if given, unless it spoke for them already).
    @discardableResult
    public func bind(person: String, id: String? = nil) throws -> String {
        guard try reader.exists(.person, id: person) else {
            throw StoreError.notFound(kind: .person, reference: person)
        }
        if let current = try reader.speaker(of: replica), current.person == person { return current.record }
        return try madeHere {
            try create(
                .replicaBinding,
                [Fields.ReplicaBinding.replica: .text(replica), Fields.ReplicaBinding.person: .text(person)], id: id)
        }
    }

    /// Casts this replica's ballot on a proposal; `choice` as typed (yes, no, abstain, object or
    /// an option, several options of a poll separated by `;`), any case and accents. Returns the
    /// ballot's id. A later ballot replaces it in the tally.
    @discardableResult
    public func cast(on proposal: String, choice typed: String, reason: String = "", now: String) throws -> String {
        guard let record = try reader.record(.proposal, id: proposal) else {
            throw StoreError.notFound(kind: .proposal, reference: proposal)
        }
        let terms = ProposalTerms(record)
        guard try reader.speaker(of: replica) != nil else { throw DecisionError.speaksForNoOne }
        switch terms.status {
        case .draft: throw DecisionError.draft(title: terms.title)
        case .closed: throw DecisionError.closed(title: terms.title, at: terms.closes ?? "")
        case .open:
            if let closes = terms.closes, now > closes { throw DecisionError.closed(title: terms.title, at: closes) }
            if let opens = terms.opens, now < opens { throw DecisionError.notOpenYet(title: terms.title, opens: opens) }
        }
        let choice = try Self.choice(typed, of: terms)
        let reason = Text.trimmed(reason)
        if choice == "object", reason.isEmpty { throw DecisionError.objectionWithoutReason }
        var values: [FieldName: Value] = [Fields.Ballot.proposal: .text(proposal), Fields.Ballot.choice: .text(choice)]
        if !reason.isEmpty { values[Fields.Ballot.reason] = .text(reason) }
        return try madeHere { try create(.ballot, values) }
    }

    /// A poll needs options to choose from, and its options must not be the words other ballots use.
    static func checkProposal(_ values: [String: Value]) throws {
        guard values[Fields.Proposal.process.name]?.text == DecisionProcess.poll.rawValue else { return }
        let options = values[Fields.Proposal.options.name]?.list ?? []
        guard options.count >= 2 else { throw DecisionError.pollWithoutOptions }
        if let taken = options.first(where: { Folding.key($0) == "abstain" }) {
            throw DecisionError.optionTaken(taken)
        }
    }

    /// A typed choice in the spelling the proposal gives it.
    static func choice(_ typed: String, of terms: ProposalTerms) throws -> String {
        let choices = terms.choices
        let picked = typed.split(separator: ";").map { Text.trimmed($0) }.filter { !$0.isEmpty }
        var result: [String] = []
        for word in picked {
            guard let match = choices.first(where: { Folding.key($0) == Folding.key(word) }) else {
                throw DecisionError.notAChoice(typed: word, choices: choices)
            }
            if !result.contains(match) { result.append(match) }
        }
        guard !result.isEmpty else { throw DecisionError.notAChoice(typed: typed, choices: choices) }
        if result.count > 1, terms.process != .poll || result.contains("abstain") {
            throw DecisionError.oneChoiceOnly
        }
        return result.joined(separator: ";")
    }

    /// Closes a proposal: its closing time is now (unless it passed already), its outcome is the
    /// tally's, and the outcome becomes a decision (of its meeting, or standalone) with its
    /// follow-up tasks and review date. Returns the decision's id. `ids`: the decision's and then
    /// the tasks' ids, for data that must come out the same every time (the demo); else new ones.
    @discardableResult
    public func close(
        _ proposal: String, now: String, review: String? = nil, followUps: [String] = [], supersedes: String? = nil,
        ids: [String] = []
    ) throws -> String {
        guard let record = try reader.record(.proposal, id: proposal) else {
            throw StoreError.notFound(kind: .proposal, reference: proposal)
        }
        let terms = ProposalTerms(record)
        if terms.status == .closed {
            throw DecisionError.closed(title: terms.title, at: terms.closes ?? "")
        }
        let closes = terms.closes.map { min($0, now) } ?? now
        var changes: [FieldName: Value] = [
            Fields.Proposal.status: .text(ProposalStatus.closed.rawValue), Fields.Proposal.closes: .text(closes),
        ]
        var closed = terms
        closed.status = .closed
        closed.closes = closes
        let tally = try reader.tally(closed, now: now)
        changes[Fields.Proposal.outcome] = .text(tally.summary)
        try update(.proposal, id: proposal, changes)

        var decision: [FieldName: Value] = [
            Fields.Decision.text: .text("\(terms.title): \(tally.summary)"),
            Fields.Decision.proposal: .text(proposal),
        ]
        if let meeting = record[Fields.Proposal.meeting.name].text {
            decision[Fields.Decision.meeting] = .text(meeting)
            decision[Fields.Decision.position] = .int(
                try reader.countRecords(where: Fields.Decision.meeting, is: meeting) + 1)
        }
        if let review { decision[Fields.Decision.review] = .text(review) }
        if let supersedes { decision[Fields.Decision.supersedes] = .text(supersedes) }
        var ids = ids.makeIterator()
        let id = try create(.decision, decision, id: ids.next())
        for title in followUps.map({ Text.trimmed($0) }) where !title.isEmpty {
            var task: [FieldName: Value] = [Fields.Task.title: .text(title), Fields.Task.decision: .text(id)]
            if let area = record[Fields.Proposal.workingArea.name].text { task[Fields.Task.workingArea] = .text(area) }
            try create(.task, task, id: ids.next())
        }
        return id
    }
}

/// What casting and closing refuse, each in the line a member reads.
public enum DecisionError: Error, Sendable, Equatable, CustomStringConvertible {
    case speaksForNoOne
    case draft(title: String)
    case closed(title: String, at: String)
    case notOpenYet(title: String, opens: String)
    case notAChoice(typed: String, choices: [String])
    case oneChoiceOnly
    case objectionWithoutReason
    /// A ballot or a binding written as an ordinary record.
    case castOnly(Kind)
    case pollWithoutOptions
    case optionTaken(String)

    public var description: String {
        switch self {
        case .speaksForNoOne:
            "this replica speaks for no one yet: say who you are first (ncc whoami --person NAME)"
        case .draft(let title): "'\(title)' is a draft: open it before voting (set its status to open)"
        case .closed(let title, let at): "'\(title)' closed at \(at)"
        case .notOpenYet(let title, let opens): "'\(title)' opens at \(opens)"
        case .notAChoice(let typed, let choices):
            "'\(typed)' is not a choice here (choices: \(choices.joined(separator: ", ")))"
        case .oneChoiceOnly: "one choice only (several options are for polls, without abstain)"
        case .objectionWithoutReason: "an objection needs its reason (--reason TEXT)"
        case .pollWithoutOptions: "a poll needs at least two options (--options \"Ljubljana;Vilnius\")"
        case .optionTaken(let option): "'\(option)' cannot be an option: it is what an abstaining ballot says"
        case .castOnly(.ballot): "a ballot is cast, not written or edited: vote again to change it"
        case .castOnly(let kind): "a \(kind.singular) is made by ncc whoami --person, not written or edited"
        }
    }
}
