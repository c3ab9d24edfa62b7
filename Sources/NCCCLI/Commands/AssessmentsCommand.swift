import ArgumentParser
import Foundation
import NCCExchange
import NCCModel
import NCCStore
import TerminalText

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
    static func number(_ value: Double?) -> String { JSONText.number(orNull: value) }

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
                            ("evidence", JSONText.string(orNull: rating.evidence)),
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
