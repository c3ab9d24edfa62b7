import ArgumentParser
import Foundation
import NCCExchange
import NCCModel
import NCCStore
import TerminalText

/// `ncc vote PROPOSAL CHOICE [--reason TEXT]`
struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Cast this replica's ballot on a proposal (a later ballot replaces it until the close).",
        discussion:
            "CHOICE is yes, no, abstain or object (consent: yes, object, abstain), or a poll's option (several separated by ';'). An objection needs its --reason. The ballot is the person's this replica speaks for (ncc whoami --person)."
    )

    @Argument(help: "The proposal's id, id prefix or exact title.") var proposal: String
    @Argument(help: "yes, no, abstain, object, or an option's name.") var choice: String
    @Option(help: "Why (shown with the ballot; an objection needs one).") var reason = ""
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let now = Dates.nowUTC()
        let said = try store.write { writer -> String in
            let id = try writer.reader.resolve(.proposal, proposal)
            try writer.cast(on: id, choice: choice, reason: reason, now: now)
            let tally = try writer.reader.tally(of: id, now: now)
            let mine = tally.lines.last { $0.ballot.replica == writer.replica }
            let voter = mine?.voter.map(ProposalText.voter) ?? "no one"
            return
                "Voted \(mine?.ballot.choice ?? choice) on '\(tally.terms.title)' as \(voter); standing: \(tally.summary)"
        }
        Console.out(Console.oneLine(said))
    }
}

/// `ncc close PROPOSAL [--review DATE] [--follow-up TEXT]... [--supersedes DECISION]`
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a proposal: count its ballots and record the outcome as a decision.",
        discussion:
            "The decision belongs to the proposal's meeting (or stands alone), with its follow-up tasks and review date. Ballots stamped after the close are shown but not counted."
    )

    @Argument(help: "The proposal's id, id prefix or exact title.") var proposal: String
    @Option(help: ArgumentHelp("When to review the decision.", valueName: "YYYY-MM-DD")) var review: String?
    @Option(
        name: .customLong("follow-up"),
        help: ArgumentHelp("A follow-up task's title (repeatable).", valueName: "title"))
    var followUps: [String] = []
    @Option(help: ArgumentHelp("The earlier decision this one replaces.", valueName: "decision")) var supersedes:
        String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let review, Dates.normalizedDate(review) == nil {
            throw ValidationError("--review: '\(review)' is not a valid date YYYY-MM-DD")
        }
    }

    func run() throws {
        let store = try database.open()
        let now = Dates.nowUTC()
        let said = try store.write { writer -> String in
            let id = try writer.reader.resolve(.proposal, proposal)
            let replaced = try supersedes.map { try writer.reader.resolve(.decision, $0) }
            let decision = try writer.close(
                id, now: now, review: review.flatMap(Dates.normalizedDate), followUps: followUps,
                supersedes: replaced)
            let tally = try writer.reader.tally(of: id, now: now)
            let tasks = followUps.filter { !$0.allSatisfy(\.isWhitespace) }.count
            return "Closed '\(tally.terms.title)': \(tally.summary); decision \(decision.shortID)"
                + (tasks > 0 ? " with \(English.count(tasks, "follow-up task"))" : "")
                + (review.map { ", review \($0)" } ?? "")
        }
        Console.out(Console.oneLine(said))
    }
}

/// `ncc proposals [--open] [--json]`
struct ProposalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposals", abstract: "List proposals with where each stands and this replica's vote.")

    @Flag(help: "Only those still open.") var open = false
    @Flag(help: "Print a JSON array.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let now = Dates.nowUTC()
        try store.read { reader in
            let presenter = RecordPresenter(reader: reader)
            var rows: [(Record, Tally)] = []
            for record in try reader.list(.proposal, limit: 100_000) {
                let tally = try reader.tally(of: record.id, now: now)
                if open, tally.status != .open { continue }
                rows.append((record, tally))
            }
            // My vote: the latest ballot of the person this replica speaks for, from any of their replicas.
            let me = try reader.speaker(of: store.replicaID)?.person
            if json {
                let items = try rows.map { record, tally in
                    try presenter.json(
                        record,
                        extra: [
                            "state": .text(tally.status.rawValue), "standing": .text(tally.standing.rawValue),
                            "summary": .text(tally.summary),
                            "my_vote": tally.latest(of: me).map { .text($0.ballot.choice) } ?? .null,
                        ])
                }
                Console.out("[" + items.joined(separator: ",\n ") + "]")
                return
            }
            guard !rows.isEmpty else {
                Console.out(
                    open
                        ? "No open proposals."
                        : "No proposals yet. Add one with 'ncc add proposal --title T --process consent'.")
                return
            }
            var table = TextTable(headers: ["id", "state", "closes", "title", "process", "standing", "my vote"])
            for (record, tally) in rows {
                table.append([
                    record.id.shortID, tally.status.rawValue, tally.terms.closes ?? "", tally.terms.title,
                    tally.terms.process.rawValue, tally.summary, tally.latest(of: me)?.ballot.choice ?? "",
                ])
            }
            Console.out(table.render(width: Console.width))
        }
    }
}

/// `ncc tally PROPOSAL [--json]`
struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Count a proposal's ballots: the outcome, the counts and every ballot, counted or why not.")

    @Argument(help: "The proposal's id, id prefix or exact title.") var proposal: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let now = Dates.nowUTC()
        try store.read { reader in
            let id = try reader.resolve(.proposal, proposal)
            let tally = try reader.tally(of: id, now: now)
            guard let record = try reader.record(.proposal, id: id) else {
                throw StoreError.notFound(kind: .proposal, reference: proposal)
            }
            if json {
                Console.out(try ProposalText.json(tally, record, RecordPresenter(reader: reader)))
                return
            }
            for line in ProposalText.lines(tally, now: now) { Console.out(line) }
            var table = TextTable(headers: ["cast", "voter", "choice", "counted", "reason"])
            for line in tally.lines {
                table.append([
                    line.ballot.stamp.time, line.voter.map(ProposalText.voter) ?? "replica \(line.ballot.replica)",
                    line.ballot.choice, line.counted ? "yes" : "no: \(line.why)", line.ballot.reason,
                ])
            }
            if !tally.lines.isEmpty { Console.out(table.render(width: Console.width)) }
        }
    }
}

/// `ncc decisions [--due-for-review] [--json]`
struct DecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions",
        abstract: "The register of decisions: each with its proposal, follow-up tasks and state.")

    @Flag(help: "Only those whose review date has come.") var dueForReview = false
    @Flag(help: "Print a JSON array.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let presenter = RecordPresenter(reader: reader)
            let register = try reader.decisionRegister(today: Dates.today()).filter {
                !dueForReview || $0.state == .dueForReview
            }
            if json {
                let items = try register.map { entry in
                    try presenter.json(
                        entry.decision,
                        extra: [
                            "state": .text(entry.state.rawValue), "tasks": .list(entry.tasks.map(\.id)),
                            "superseded_by": entry.supersededBy.map { .text($0.id) } ?? .null,
                        ])
                }
                Console.out("[" + items.joined(separator: ",\n ") + "]")
                return
            }
            guard !register.isEmpty else {
                Console.out(
                    dueForReview ? "No decision is due for review." : "No decisions yet: close a proposal (ncc close).")
                return
            }
            var table = TextTable(headers: ["id", "state", "review", "decision", "meeting", "tasks"])
            for entry in register {
                table.append([
                    entry.decision.id.shortID, entry.state.rawValue,
                    entry.decision[Fields.Decision.review.name].text ?? "",
                    entry.decision[Fields.Decision.text.name].text ?? "", entry.meetingTitle ?? "standalone",
                    entry.tasks.isEmpty
                        ? ""
                        : "\(entry.tasks.filter { $0[Fields.Task.status.name].text == "done" }.count)/\(entry.tasks.count) done",
                ])
            }
            Console.out(table.render(width: Console.width))
        }
    }
}

/// How the CLI words a proposal and its tally.
enum ProposalText {
    static func voter(_ voter: Voter) -> String {
        voter.centreName.map { "\(voter.name) (\($0))" } ?? voter.name
    }

    /// The head of `ncc tally`: the terms, where it stands, a bar per choice.
    static func lines(_ tally: Tally, now: String) -> [String] {
        let terms = tally.terms
        var lines = [Console.oneLine(terms.title), Console.oneLine(terms.rule)]
        lines.append(
            "Electorate: "
                + (terms.electorate == .centres ? "one vote per centre" : "one vote per member")
                + (terms.quorum > 0
                    ? "; quorum \(terms.quorum): \(tally.participants) taking part, \(tally.quorumMet ? "met" : "not met")"
                    : "; no quorum needed"))
        switch tally.status {
        case .closed:
            lines.append("Closed \(terms.closes ?? ""): \(Console.oneLine(tally.summary))")
            if let recorded = tally.outcomeRecordedOtherwise {
                lines.append(
                    Console.oneLine(
                        "The outcome recorded at the close was \(recorded): ballots cast before it arrived since"))
            }
        case .draft: lines.append("Draft: ballots are not counted until it opens")
        case .open:
            lines.append(
                "Open" + (terms.closes.map { ", closes \($0)" } ?? ", no closing time")
                    + "; standing: \(Console.oneLine(tally.summary))")
        }
        let most = max(1, tally.counts.map(\.votes).max() ?? 0)
        let width = tally.counts.map { DisplayWidth.of(Sanitizer.clean($0.choice)) }.max() ?? 0
        for count in tally.counts {
            let bar = String(repeating: "█", count: count.votes * 20 / most)
            lines.append(
                "  " + DisplayWidth.fit(Sanitizer.clean(count.choice), to: width) + "  " + bar
                    + (bar.isEmpty ? "" : " ")
                    + "\(count.votes)")
        }
        return lines
    }

    /// `ncc tally --json`: the proposal as `ncc show --json` gives it, and the count.
    static func json(_ tally: Tally, _ record: Record, _ presenter: RecordPresenter) throws -> String {
        var counts: [String: Value] = [:]
        for count in tally.counts { counts[count.choice] = .int(count.votes) }
        let ballots = tally.lines.map { line in
            CanonicalJSON.encode([
                "voter": line.voter.map { .text($0.name) } ?? .null,
                "person": line.voter.map { .text($0.person) } ?? .null,
                "centre": line.voter?.centreName.map(Value.text) ?? .null,
                "replica": .text(line.ballot.replica), "cast": .text(line.ballot.stamp.time),
                "choice": .text(line.ballot.choice), "reason": .text(line.ballot.reason),
                "counted": .bool(line.counted), "why": line.counted ? .null : .text(line.why),
            ])
        }
        let head: [String: Value] = [
            "status": .text(tally.status.rawValue), "outcome": .text(tally.outcome.rawValue),
            "standing": .text(tally.standing.rawValue), "summary": .text(tally.summary),
            "winners": .list(tally.winners), "participants": .int(tally.participants),
            "quorum": .int(tally.terms.quorum), "quorum_met": .bool(tally.quorumMet),
        ]
        // One object, keys in order: the flat head's keys and the three nested ones.
        var object = String(CanonicalJSON.encode(head).dropLast())
        object += ",\"ballots\":[" + ballots.joined(separator: ",") + "]"
        object += ",\"counts\":" + CanonicalJSON.encode(counts)
        object += ",\"proposal\":" + (try presenter.json(record)) + "}"
        return object
    }
}
