import NCCModel
import NCCStore

/// Voting from this replica and closing a proposal: the keys' update (a ballot, or a prompt for
/// what it needs), and the runner's side, which casts or closes through the store's rules. What
/// the store refuses (a closed proposal, a choice it does not offer) is the message line's.
extension DecisionsPane {
    /// What a prompt about a proposal asks for.
    enum Asking: Sendable, Hashable { case vote, object, close }

    static func perform(_ action: Action, _ app: App) throws -> Bool {
        switch action {
        case .showRegister:
            app.state.decisionsShowRegister.toggle()
            app.state.details[.decisions] = DetailState()
            app.reloadList(.decisions, force: true)
        case .voteYes: cast("yes", app)
        case .voteNo: cast("no", app)
        case .abstain: cast("abstain", app)
        case .object: ask(.object, app)
        case .vote: ask(.vote, app)
        case .closeProposal: ask(.close, app)
        default: return false
        }
        return true
    }

    /// The proposal the keys act on: the one opened in the detail, else the list's selected one.
    static func selectedProposal(_ app: App) -> String? {
        if let shown = app.state.detail.stack.last, shown.kind == .proposal { return shown.id }
        if !app.state.decisionsShowRegister, let row = app.state.list.selectedRow, row.kind == .proposal {
            return row.id
        }
        let hint =
            app.state.decisionsShowRegister
            ? "Votes are on proposals: \(ActionTable.key(.showRegister, in: .decisions)) shows them"
            : "Select a proposal first (\(ActionTable.key(.add, in: .decisions)) adds one)"
        app.state.message = Message(hint, .warning)
        return nil
    }

    static func cast(_ choice: String, reason: String = "", _ app: App) {
        guard let proposal = selectedProposal(app) else { return }
        app.emit(.change(.castBallot(proposal: proposal, choice: choice, reason: reason)))
    }

    static func ask(_ asking: Asking, _ app: App) {
        guard let proposal = selectedProposal(app) else { return }
        app.emit(.ask(.proposal(proposal, for: asking)))
    }

    /// The proposal's title, standing and choices are in: the prompt opens.
    static func ask(_ asking: Asking, proposal: String, terms: [String], _ app: App) {
        guard terms.count >= 2 else { return }
        let title = OneLine.of(terms[0], limit: 50)
        let choices = terms.dropFirst(2).map { OneLine.of($0) }.joined(separator: ", ")
        let prompt: PromptState =
            switch asking {
            case .vote:
                PromptState(
                    title: "Vote on '\(title)' · choices: \(choices)", label: "Choice",
                    purpose: .vote(proposal: proposal),
                    verb: "vote", hint: "a reason may follow a colon (yes: it fits the budget)")
            case .object:
                PromptState(
                    title: "Object to '\(title)'", label: "Your reason", purpose: .object(proposal: proposal),
                    verb: "object", hint: "the room reads it with your ballot")
            case .close:
                PromptState(
                    title: "Close '\(title)' now? It would be: \(OneLine.of(terms[1]))",
                    label: "Review date (optional)",
                    purpose: .closeProposal(proposal: proposal), verb: "close it",
                    hint: "YYYY-MM-DD or empty for none; Esc leaves it open")
            }
        app.state.modal = .prompt(prompt)
    }

    /// Enter in one of the prompts above; false for a prompt that is not about a proposal.
    static func submit(_ prompt: PromptState, text: String, _ app: App) -> Bool {
        switch prompt.purpose {
        case .vote(let proposal):
            guard !text.isEmpty else {
                app.state.message = Message(
                    "Type a choice, or \(ActionTable.key(.cancel, in: .prompt)) to cancel", .warning)
                return true
            }
            let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            app.state.modal = nil
            app.emit(
                .change(.castBallot(proposal: proposal, choice: parts[0], reason: parts.count > 1 ? parts[1] : "")))
        case .object(let proposal):
            guard !text.isEmpty else {
                app.state.message = Message(
                    "An objection needs its reason: the room has to know what to change", .warning)
                return true
            }
            app.state.modal = nil
            app.emit(.change(.castBallot(proposal: proposal, choice: "object", reason: text)))
        case .closeProposal(let proposal):
            let review = text.isEmpty ? nil : Dates.normalizedDate(text)
            guard text.isEmpty || review != nil else {
                app.state.message = Message(
                    "'\(OneLine.of(text))' is not a date: YYYY-MM-DD, or empty for none", .warning)
                return true
            }
            app.state.modal = nil
            app.emit(.change(.closeProposal(proposal: proposal, review: review)))
        default: return false
        }
        return true
    }

    /// A ballot cast or a proposal closed: the lists, the tally and the Overview are read again.
    static func decided(_ message: String, _ app: App) {
        app.state.message = Message(message)
        app.reloadAll(force: true)
    }

    // MARK: - The runner's side

    /// The title, what it would be if it closed now, and the choices (for `Question.proposal`).
    static func terms(of proposal: String, _ reader: StoreReader, now: String) throws -> Answer {
        guard try reader.exists(.proposal, id: proposal) else { return .missing }
        let tally = try reader.tally(of: proposal, now: now)
        return .titles([tally.terms.title, tally.summary] + tally.terms.choices)
    }

    /// Casts this replica's ballot; says what it was, what it replaced and how the tally stands.
    static func cast(on proposal: String, choice: String, reason: String, _ store: Store) throws -> String {
        let now = store.now
        return try store.write { w in
            let me = try w.reader.speaker(of: w.replica)?.person
            let before = (try w.reader.tally(of: proposal, now: now)).latest(of: me)
            try w.cast(on: proposal, choice: choice, reason: reason, now: now)
            let tally = try w.reader.tally(of: proposal, now: now)
            let cast = tally.latest(of: me).map { ProposalWords.choice($0.ballot.choice) } ?? choice
            let title = OneLine.of(tally.terms.title, limit: 60)
            let what =
                before.map {
                    "Changed your vote on '\(title)' from \(ProposalWords.choice($0.ballot.choice)) to \(cast)"
                }
                ?? "Voted \(cast) on '\(title)'"
            return "\(what) · now \(OneLine.of(tally.summary))"
        }
    }

    /// Closes the proposal into a decision; says its outcome.
    static func close(_ proposal: String, review: String?, _ store: Store) throws -> String {
        let now = store.now
        return try store.write { w in
            try w.close(proposal, now: now, review: review)
            let tally = try w.reader.tally(of: proposal, now: now)
            let register = ActionTable.key(.showRegister, in: .decisions)
            return
                "Closed '\(OneLine.of(tally.terms.title, limit: 60))': \(OneLine.of(tally.summary)); the decision is in the register (\(register))"
        }
    }
}
