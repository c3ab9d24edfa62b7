import ArgumentParser
import Foundation
import NCCExchange
import NCCModel
import NCCStore
import TerminalText

/// `ncc assess CENTRE --DIMENSION N [--DIMENSION-evidence TEXT] ... [--round R] [--date D] [--sharing S]`
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Record a round of a centre's self-assessment: a score from 1 to 5 per dimension.",
        usage:
            "ncc assess <centre> --DIMENSION N [--DIMENSION-evidence TEXT] ... [--round R] [--date D] [--sharing all|averages]",
        discussion: """
            DIMENSION is a dimension's title in lower case with dashes: with the default dimensions \
            (made on the first assessment when there is none) \(DimensionFlags.defaultHelp). Assessing \
            the same centre, round and dimension again updates that rating. --sharing averages keeps the \
            scores and evidence on this centre's own machines: bundles carry them only into the group's \
            averages. Prints what changed since the centre's previous round.
            """)

    @Argument(help: "The centre's id, id prefix or exact name.") var centre: String
    @Option(help: ArgumentHelp("The round's label (default: the year of the date).", valueName: "round")) var round:
        String?
    @Option(help: ArgumentHelp("The day of the assessment (default: today).", valueName: "YYYY-MM-DD")) var date:
        String?
    @Option(help: ArgumentHelp("Who sees the scores: all, or averages (only into averages).", valueName: "sharing"))
    var sharing = ScoreSharing.all.rawValue
    @Argument(parsing: .allUnrecognized, help: .hidden) var ratings: [String] = []
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let date, Dates.normalizedDate(date) == nil {
            throw ValidationError("--date: '\(date)' is not a valid date YYYY-MM-DD")
        }
        guard ScoreSharing(rawValue: sharing) != nil else {
            throw ValidationError("--sharing: '\(sharing)' is not all or averages")
        }
        if let round, Text.trimmed(round).isEmpty { throw ValidationError("--round: give the round's label") }
    }

    func run() throws {
        let store = try database.open()
        let day = date.flatMap(Dates.normalizedDate) ?? Dates.today()
        let label = round.map { Text.trimmed($0) } ?? String(day.prefix(4))
        let shared = ScoreSharing(rawValue: sharing) ?? .all
        // One transaction: a mistake in any flag leaves nothing written, the default dimensions included.
        let lines = try store.write { writer -> [String] in
            try writer.ensureDefaultDimensions()
            let flags = DimensionFlags(try writer.reader.dimensions())
            let given = try flags.parse(ratings)
            let id = try writer.reader.resolve(.centre, centre)
            try writer.assess(
                centre: id, round: label, date: day, scores: given.scores, evidence: given.evidence, sharing: shared)
            let name = try writer.reader.title(.centre, id: id)
            let count = Set(given.scores.keys).union(given.evidence.keys).count
            let head = Console.oneLine(
                "Assessed \(name), round \(label) (\(day)): \(English.count(count, "dimension"))"
                    + (shared == .averages ? ", scores shared into averages only" : ""))
            return [head] + (try AssessmentText.change(of: id, writer.reader))
        }
        for line in lines { Console.out(line) }
    }
}

/// `ncc assessments [CENTRE] [--round R] [--json]`
struct AssessmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessments",
        abstract: "A centre's self-assessment rounds with the change since the last, or a round across the centres.",
        discussion: """
            With a CENTRE: its rounds, newest first (--round: that one only), and the change of its latest \
            round against the one before. Without: a round's mean, lowest and highest score per dimension \
            (--round, else the newest), over the scores held here (a centre that shares into averages only \
            is counted apart), and the dimensions on which more than half of the centres score 2 or less.
            """)

    @Argument(help: "The centre's id, id prefix or exact name.") var centre: String?
    @Option(help: ArgumentHelp("One round only.", valueName: "round")) var round: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            if let centre {
                try show(centre: try reader.resolve(.centre, centre), reader)
            } else {
                try summary(reader)
            }
        }
    }

    func show(centre id: String, _ reader: StoreReader) throws {
        let name = try reader.title(.centre, id: id)
        var rounds = try reader.assessmentRounds(of: id)
        if let round {
            rounds = rounds.filter { $0.round == Text.normalized(Text.trimmed(round)) }
            if rounds.isEmpty { throw CLIError("\(name) has no round '\(round)' of self-assessment") }
        }
        let change = round == nil ? try reader.changeSinceLastRound(of: id) : []
        if json {
            Console.out(
                JSONText.object([
                    ("centre", JSONText.string(id)), ("name", JSONText.string(name)),
                    ("rounds", JSONText.array(rounds.map(AssessmentText.json))),
                    ("change", JSONText.array(change.map(AssessmentText.json))),
                ]))
            return
        }
        guard !rounds.isEmpty else {
            Console.out(
                Console.oneLine(
                    "\(name) has not assessed itself yet: ncc assess '\(name)' \(DimensionFlags.example)"))
            return
        }
        for entry in rounds {
            Console.out(Console.oneLine(AssessmentText.heading(entry)))
            var table = TextTable(headers: ["dimension", "score", "evidence"])
            for rating in entry.ratings {
                table.append([
                    rating.dimensionTitle, rating.score.map(String.init) ?? (entry.withheld ? "kept" : ""),
                    rating.evidence ?? "",
                ])
            }
            Console.out(table.render(width: Console.width))
            Console.out("")
        }
        if round == nil { for line in try AssessmentText.change(of: id, reader) { Console.out(line) } }
    }

    func summary(_ reader: StoreReader) throws {
        guard let summary = try reader.roundSummary(round) else {
            if let round {
                let known = try reader.rounds()
                throw CLIError(
                    "no centre assessed itself in round '\(round)'"
                        + (known.isEmpty ? "" : " (rounds: \(known.joined(separator: ", ")))"))
            }
            if json {
                Console.out("null")
            } else {
                Console.out("No self-assessment yet: ncc assess CENTRE \(DimensionFlags.example)")
            }
            return
        }
        // The sessions follow each centre's latest round, so they are shown with the newest round only.
        let sessions = round == nil ? try reader.candidateSessions() : []
        if json {
            Console.out(
                JSONText.object([
                    ("round", JSONText.string(summary.round)),
                    ("centres_assessed", String(summary.centresAssessed)),
                    ("centres_withheld", String(summary.centresWithheld)),
                    (
                        "dimensions",
                        JSONText.array(
                            summary.dimensions.map { d in
                                JSONText.object([
                                    ("dimension", JSONText.string(d.dimension)),
                                    ("dimension_name", JSONText.string(d.title)),
                                    ("mean", AssessmentText.number(d.mean)), ("min", AssessmentText.number(d.min)),
                                    ("max", AssessmentText.number(d.max)), ("count", String(d.count)),
                                ])
                            })
                    ),
                    (
                        "candidate_sessions",
                        JSONText.array(
                            sessions.map { s in
                                JSONText.object([
                                    ("dimension", JSONText.string(s.dimension)),
                                    ("dimension_name", JSONText.string(s.title)),
                                    ("weak_centres", JSONText.array(s.weakCentres.map(JSONText.string))),
                                    ("assessed", String(s.assessed)),
                                ])
                            })
                    ),
                ]))
            return
        }
        Console.out(
            Console.oneLine(
                "Round \(summary.round): \(English.count(summary.centresAssessed, "centre")) assessed"
                    + (summary.centresWithheld == 0
                        ? ""
                        : "; \(summary.centresWithheld) \(summary.centresWithheld == 1 ? "keeps its" : "keep their") "
                            + "scores (not in these figures)")))
        var table = TextTable(headers: ["dimension", "mean", "lowest", "highest", "scores"])
        for d in summary.dimensions {
            table.append([
                d.title, d.mean.map(PeerGroupText.decimal) ?? "", d.min.map(String.init) ?? "",
                d.max.map(String.init) ?? "", String(d.count),
            ])
        }
        Console.out(table.render(width: Console.width))
        for session in sessions {
            Console.out(
                Console.oneLine(
                    "A session for everyone on \(session.title): \(session.weakCentres.count) of \(session.assessed) "
                        + "centres score 2 or less (\(session.weakCentres.joined(separator: ", ")))"))
        }
    }
}

/// `ncc peers-for CENTRE [--limit N] [--json]`
struct PeersForCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers-for",
        abstract: "The centres a centre could learn from, best first, with the reasons.",
        discussion: """
            Among the centres whose latest scores are held here, each scores 1 per point it is stronger \
            on a dimension where the centre scores 3 or less, 1 for a shared official language, 1 per \
            consortium both are in, and 0.25 per meeting both attended (up to 1).
            """)

    @Argument(help: "The centre's id, id prefix or exact name.") var centre: String
    @Option(help: "At most this many peers.") var limit = 5
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let id = try reader.resolve(.centre, centre)
            let name = try reader.title(.centre, id: id)
            let peers = try reader.peersToLearnFrom(id, limit: limit)
            if json {
                Console.out(
                    JSONText.object([
                        ("centre", JSONText.string(id)), ("name", JSONText.string(name)),
                        (
                            "peers",
                            JSONText.array(
                                peers.map { peer in
                                    JSONText.object([
                                        ("centre_id", JSONText.string(peer.centre)),
                                        ("name", JSONText.string(peer.name)),
                                        ("score", JSONText.number(peer.score)),
                                        ("reasons", JSONText.array(peer.reasons.map(JSONText.string))),
                                    ])
                                })
                        ),
                    ]))
                return
            }
            Console.out(Console.oneLine("Centres \(name) could learn from:"))
            if try reader.assessmentRounds(of: id).first?.holdsScores != true {
                Console.out(
                    Console.oneLine("  (\(name) has no self-assessment here, so strengths are not compared)"))
            }
            if peers.isEmpty {
                Console.out("  None yet: no other centre's scores are held here, or none has a reason.")
            }
            for (i, peer) in peers.enumerated() {
                Console.out(
                    String(format: "%2d", i + 1) + ". " + PeerGroupText.score(peer.score) + "  "
                        + Console.oneLine(peer.name))
                for reason in peer.reasons { Console.out("      " + Console.oneLine(reason)) }
            }
        }
    }
}

/// `ncc groups [--count N] [--apply] [--json]`
struct GroupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "Propose peer groups from the centres' latest self-assessments, and with --apply set them.",
        discussion: """
            k-means on each centre's latest scores, the same on every replica for the same scores: group \
            1 is the most experienced. Each member is told why (where its group stands out from the \
            average, how much nearer it is to its group than to the next) and what would change from its \
            capacity group now. Centres whose scores are kept by them are not placed. --apply writes each \
            placed centre's capacity group.
            """)

    @Option(help: "How many groups (1 to 9).") var count = 3
    @Flag(help: "Set each placed centre's capacity group to the proposed one.") var apply = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...PeerGroups.maximumCount).contains(count) else {
            throw ValidationError("--count must be from 1 to \(PeerGroups.maximumCount)")
        }
    }

    func run() throws {
        let store = try database.open()
        let (proposal, applied): (PeerGroupProposal, Int?)
        if apply {
            (proposal, applied) = try store.write { writer in
                let proposal = try writer.reader.proposedPeerGroups(count: count)
                return (proposal, try writer.applyPeerGroups(proposal))
            }
        } else {
            (proposal, applied) = (try store.read { try $0.proposedPeerGroups(count: count) }, nil)
        }
        if json {
            Console.out(PeerGroupText.json(proposal, applied: applied))
            return
        }
        guard !proposal.groups.isEmpty || !proposal.unplaced.isEmpty else {
            Console.out("No self-assessment yet: ncc assess CENTRE \(DimensionFlags.example)")
            return
        }
        for line in PeerGroupText.lines(proposal) { Console.out(line) }
        let changes = proposal.changes.count
        if let applied {
            Console.out("Applied: \(English.count(applied, "centre")) changed capacity group.")
        } else if changes > 0 {
            Console.out("\(English.count(changes, "centre")) would change capacity group: ncc groups --apply")
        } else if !proposal.groups.isEmpty {
            Console.out("Every placed centre is in its proposed group already.")
        }
    }
}

/// `ncc pathway [--group N | --centre C] [--json]`
struct PathwayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathway",
        abstract: "A peer group's mutual-learning pathway and who has taken each step, or where a centre stands on it.",
        discussion: """
            A group's pathway is its steps and every group's (peer group 0), by position. A centre has \
            taken a step when a step done says so (ncc add step-done --step S --centre C), or when a \
            person of one of its organisations attended the step's meeting. Without --group or --centre: \
            every group's pathway.
            """)

    @Option(help: "The peer group (1 to 9; 0: the steps of every group).") var group: Int?
    @Option(help: "The centre's id, id prefix or exact name.") var centre: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if group != nil, centre != nil { throw ValidationError("give --group or --centre, not both") }
        if let group, !(0...9).contains(group) { throw ValidationError("--group must be from 0 to 9") }
    }

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let presenter = RecordPresenter(reader: reader)
            if let centre {
                try show(
                    progress: try reader.pathwayProgress(of: try reader.resolve(.centre, centre)), reader, presenter)
                return
            }
            let groups = try group.map { [$0] } ?? Self.groups(reader)
            if json {
                let items = try groups.map { number in
                    JSONText.object([
                        ("group", String(number)),
                        (
                            "steps",
                            JSONText.array(
                                try reader.pathway(group: number).map { status in
                                    try presenter.json(
                                        status.step,
                                        extra: [
                                            "done_by": .list(status.doneBy),
                                            "done_by_names": .list(
                                                try status.doneBy.map { try presenter.title(.centre, id: $0) }),
                                        ])
                                })
                        ),
                    ])
                }
                Console.out(group == nil ? JSONText.array(items) : items[0])
                return
            }
            let steps = try reader.count(.pathwayStep)
            if groups.isEmpty || (group == nil && steps == 0) {
                Console.out("No pathway steps yet: ncc add pathway-step --title T --peer-group N --position P")
                return
            }
            for (i, number) in groups.enumerated() {
                if i > 0 { Console.out("") }
                try show(group: number, reader, presenter)
            }
        }
    }

    /// The groups to show when none is asked for: each group with steps of its own or centres in
    /// it; only the steps of every group when there is no such group.
    static func groups(_ reader: StoreReader) throws -> [Int] {
        var numbers = Set(
            try reader.list(.pathwayStep, limit: 10_000).compactMap { $0[Fields.PathwayStep.peerGroup.name].int })
        numbers.formUnion(
            try reader.list(.centre, limit: 10_000).compactMap { $0[Fields.Centre.capacityGroup.name].int })
        numbers.remove(0)
        return numbers.isEmpty ? [0] : numbers.sorted()
    }

    func show(group number: Int, _ reader: StoreReader, _ presenter: RecordPresenter) throws {
        let steps = try reader.pathway(group: number)
        let members = Set(
            try reader.list(.centre, limit: 10_000).filter { $0[Fields.Centre.capacityGroup.name].int == number }
                .map(\.id))
        Console.out(
            number == 0
                ? "The steps of every group (\(English.count(steps.count, "step")))"
                : "Group \(number): \(English.count(steps.count, "step")), \(English.count(members.count, "centre"))")
        guard !steps.isEmpty else { return }
        var table = TextTable(headers: ["#", "step", "type", "due", "meeting", "done by"])
        for status in steps {
            let step = status.step
            let names = try status.doneBy.map { try presenter.title(.centre, id: $0) }
            let inGroup = status.doneBy.filter(members.contains).count
            table.append([
                step[Fields.PathwayStep.position.name].plain, step[Fields.PathwayStep.title.name].text ?? "",
                step[Fields.PathwayStep.type.name].text ?? "", step[Fields.PathwayStep.due.name].text ?? "",
                try step[Fields.PathwayStep.meeting.name].text.map { try presenter.title(.meeting, id: $0) } ?? "",
                (number == 0 || members.isEmpty ? "" : "\(inGroup)/\(members.count): ")
                    + names.joined(separator: ", "),
            ])
        }
        Console.out(table.render(width: Console.width))
    }

    func show(progress: PathwayProgress, _ reader: StoreReader, _ presenter: RecordPresenter) throws {
        let name = try reader.title(.centre, id: progress.centre)
        if json {
            Console.out(
                JSONText.object([
                    ("centre", JSONText.string(progress.centre)), ("name", JSONText.string(name)),
                    ("group", progress.group.map(String.init) ?? "null"), ("done", String(progress.done)),
                    ("total", String(progress.total)),
                    (
                        "steps",
                        JSONText.array(
                            try progress.steps.map { step in
                                try presenter.json(
                                    step.step,
                                    extra: [
                                        "done": .bool(step.done), "recorded": .bool(step.recorded),
                                        "attended": .bool(step.attended),
                                    ])
                            })
                    ),
                ]))
            return
        }
        Console.out(
            Console.oneLine(
                "\(name), " + (progress.group.map { "group \($0)" } ?? "in no peer group yet")
                    + ": \(progress.done) of \(English.count(progress.total, "step")) done"))
        guard !progress.steps.isEmpty else { return }
        var table = TextTable(headers: ["#", "step", "type", "due", "done"])
        for step in progress.steps {
            let record = step.step
            table.append([
                record[Fields.PathwayStep.position.name].plain, record[Fields.PathwayStep.title.name].text ?? "",
                record[Fields.PathwayStep.type.name].text ?? "", record[Fields.PathwayStep.due.name].text ?? "",
                step.recorded ? "done" : step.attended ? "done (attended its meeting)" : "",
            ])
        }
        Console.out(table.render(width: Console.width))
    }
}

/// The `--DIMENSION N` and `--DIMENSION-evidence TEXT` flags of `ncc assess`, from the dimensions' titles.
struct DimensionFlags {
    /// Flag (without its dashes) to dimension id, in dimension order.
    var flags: [(flag: String, dimension: String)] = []

    init(_ dimensions: [Record]) {
        for dimension in dimensions {
            let flag = Self.flag(dimension[Fields.Dimension.title.name].text ?? dimension.id)
            if !flag.isEmpty, !flags.contains(where: { $0.flag == flag }) { flags.append((flag, dimension.id)) }
        }
    }

    /// A title as a flag: folded to lower case without accents, every run of other characters
    /// than letters and digits one dash ("Scaling in complex systems": scaling-in-complex-systems).
    static func flag(_ title: String) -> String {
        var flag = ""
        var gap = false
        for character in Folding.key(title) {
            if character.isLetter || character.isNumber {
                if gap, !flag.isEmpty { flag.append("-") }
                flag.append(character)
                gap = false
            } else {
                gap = true
            }
        }
        return flag
    }

    static let evidenceSuffix = "-evidence"

    static var defaultHelp: String {
        Competence.defaults.map { "--" + flag($0.title) }.joined(separator: ", ")
    }

    static var example: String { "--\(flag(Competence.defaults[2].title)) N ..." }

    var valid: String { "the dimensions are " + flags.map { "--" + $0.flag }.joined(separator: ", ") }

    /// The scores and evidence given, by dimension id; a flag that names no dimension, a value
    /// missing, a score that is not 1 to 5, or a flag given twice is an error naming it.
    func parse(_ arguments: [String]) throws -> (scores: [String: Int], evidence: [String: String]) {
        var scores: [String: Int] = [:]
        var evidence: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw CLIError("unexpected '\(argument)': give scores as --DIMENSION N (\(valid))")
            }
            var name = String(argument.dropFirst(2))
            var raw: String?
            if let equals = name.firstIndex(of: "=") {
                raw = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let isEvidence = name.hasSuffix(Self.evidenceSuffix) && dimension(of: name) == nil
            let flag = isEvidence ? String(name.dropLast(Self.evidenceSuffix.count)) : name
            guard let dimension = dimension(of: flag) else {
                throw CLIError("unknown dimension --\(name): \(valid) (and --DIMENSION-evidence)")
            }
            if raw == nil, index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                raw = arguments[index + 1]
                index += 1
            }
            guard let raw else {
                throw CLIError("--\(name) needs " + (isEvidence ? "its text" : "a score from 1 to 5"))
            }
            if isEvidence {
                guard evidence[dimension] == nil else { throw CLIError("--\(name) is given twice") }
                evidence[dimension] = raw
            } else {
                guard scores[dimension] == nil else { throw CLIError("--\(name) is given twice") }
                guard let score = Int(Text.trimmed(raw)), (1...5).contains(score) else {
                    throw CLIError("--\(name): '\(raw)' is not a score from 1 to 5")
                }
                scores[dimension] = score
            }
            index += 1
        }
        guard !scores.isEmpty || !evidence.isEmpty else {
            throw CLIError("give at least one score as --DIMENSION N: \(valid)")
        }
        return (scores, evidence)
    }

    func dimension(of flag: String) -> String? {
        flags.first { $0.flag == flag.lowercased() }?.dimension
    }
}

/// How the CLI words a self-assessment.
enum AssessmentText {
    static func heading(_ round: AssessmentRound) -> String {
        "Round \(round.round) (\(round.date))"
            + (round.withheld
                ? ": scores kept by the centre"
                : round.sharing == .averages ? ", scores shared into averages only" : "")
            + (round.mean.map { ", mean \(PeerGroupText.decimal($0))" } ?? "")
    }

    /// The centre's latest round against the one before ("Co-creation 3 → 4 (+1)"), sanitised
    /// for the terminal.
    static func change(of centre: String, _ reader: StoreReader) throws -> [String] {
        let rounds = try reader.assessmentRounds(of: centre)
        guard let latest = rounds.first else { return [] }
        guard rounds.count > 1 else {
            return [Console.oneLine("First round of \(latest.round): nothing to compare with yet.")]
        }
        let previous = rounds[1].round
        return [Console.oneLine("Round \(latest.round) against \(previous):")]
            + (try reader.changeSinceLastRound(of: centre)).map { change in
                "  " + Console.oneLine("\(change.dimensionTitle) " + line(change, previous: previous))
            }
    }

    static func line(_ change: RatingChange, previous round: String) -> String {
        switch (change.previous, change.latest) {
        case (let before?, let now?):
            let delta = now - before
            return "\(before) → \(now) (\(delta == 0 ? "no change" : delta > 0 ? "+\(delta)" : "\(delta)"))"
        case (nil, let now?): return "\(now) (not rated in \(round))"
        case (let before?, nil): return "not rated now (\(before) in \(round))"
        case (nil, nil): return "not held here"
        }
    }

    static func number(_ value: Int?) -> String { value.map(String.init) ?? "null" }
    static func number(_ value: Double?) -> String { value.map(JSONText.number) ?? "null" }

    static func json(_ round: AssessmentRound) -> String {
        JSONText.object([
            ("round", JSONText.string(round.round)), ("date", JSONText.string(round.date)),
            ("sharing", JSONText.string(round.sharing.rawValue)), ("withheld", round.withheld ? "true" : "false"),
            ("mean", number(round.mean)),
            (
                "ratings",
                JSONText.array(
                    round.ratings.map { rating in
                        JSONText.object([
                            ("dimension", JSONText.string(rating.dimension)),
                            ("dimension_name", JSONText.string(rating.dimensionTitle)),
                            ("score", number(rating.score)),
                            ("evidence", rating.evidence.map(JSONText.string) ?? "null"),
                        ])
                    })
            ),
        ])
    }

    static func json(_ change: RatingChange) -> String {
        JSONText.object([
            ("dimension", JSONText.string(change.dimension)),
            ("dimension_name", JSONText.string(change.dimensionTitle)), ("previous", number(change.previous)),
            ("latest", number(change.latest)), ("delta", number(change.delta)),
        ])
    }
}

/// How the CLI words peer groups and scores.
enum PeerGroupText {
    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    static func score(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Each group with what sets it apart, its members with their capacity group now and how near
    /// they are to it; then the centres not placed. Sanitised for the terminal.
    static func lines(_ proposal: PeerGroupProposal) -> [String] {
        var lines: [String] = []
        for group in proposal.groups {
            lines.append(
                "Group \(group.number): \(English.count(group.members.count, "centre")), mean \(decimal(group.mean))"
            )
            // What sets the group apart is said once; the rest is each member's own.
            let shared = group.standsOut
            for line in shared { lines.append("  " + Console.oneLine(line)) }
            for member in group.members {
                let now =
                    member.current == group.number
                    ? "stays"
                    : member.current.map { "now \($0), moves" } ?? "in no group now"
                let own = member.explanation.filter { !shared.contains($0) }
                lines.append(
                    "    "
                        + Console.oneLine(
                            "\(member.name) (\(now))" + (own.isEmpty ? "" : ": " + own.joined(separator: "; "))))
            }
        }
        if !proposal.unplaced.isEmpty {
            lines.append("Not placed:")
            for centre in proposal.unplaced {
                lines.append("    " + Console.oneLine("\(centre.name): \(centre.reason)"))
            }
        }
        return lines
    }

    static func json(_ proposal: PeerGroupProposal, applied: Int?) -> String {
        let groups = proposal.groups.map { group in
            JSONText.object([
                ("number", String(group.number)), ("mean", JSONText.number(group.mean)),
                (
                    "centroid",
                    JSONText.array(
                        group.centroid.map { value in
                            JSONText.object([
                                ("dimension", JSONText.string(value.dimension)),
                                ("dimension_name", JSONText.string(value.title)),
                                ("value", JSONText.number(value.value)),
                            ])
                        })
                ),
                (
                    "members",
                    JSONText.array(
                        group.members.map { member in
                            JSONText.object([
                                ("centre_id", JSONText.string(member.centre)), ("name", JSONText.string(member.name)),
                                ("current", AssessmentText.number(member.current)),
                                ("explanation", JSONText.array(member.explanation.map(JSONText.string))),
                            ])
                        })
                ),
            ])
        }
        let unplaced = proposal.unplaced.map { centre in
            JSONText.object([
                ("centre_id", JSONText.string(centre.centre)), ("name", JSONText.string(centre.name)),
                ("reason", JSONText.string(centre.reason)), ("current", AssessmentText.number(centre.current)),
            ])
        }
        return JSONText.object([
            ("groups", JSONText.array(groups)), ("unplaced", JSONText.array(unplaced)),
            ("changes", String(proposal.changes.count)), ("applied", AssessmentText.number(applied)),
        ])
    }
}
