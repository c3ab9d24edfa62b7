import ArgumentParser
import Foundation
import NCCMatch
import NCCModel
import NCCStore
import TerminalText

/// `ncc match NEED` and `ncc match --expert EXPERT`.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Rank the experts for a need (or, with --expert, the open needs for an expert), with reasons.",
        discussion: """
            NEED is a need's id or exact title. Scores are in [0, 1]: full-text relevance of topics and bios, \
            themes covered (through the thesaurus), experience in the country, workload and past feedback; \
            a conflict of interest is flagged and ranked down. Weights and extra thesaurus groups: \
            $XDG_CONFIG_HOME/ncc/config.toml (see README, "Matching").
            """)

    enum Filter: String, ExpressibleByArgument, CaseIterable {
        case language, availability, declined
    }

    @Argument(help: "The need's id or exact title.") var need: String?
    @Option(help: "Show the open needs that fit this expert instead.") var expert: String?
    @Option(help: "At most this many matches.") var limit = 10
    @Option(
        name: .customLong("no-filter"),
        help: "Switch a hard filter off: language, availability or declined (repeatable).")
    var noFilter: [Filter] = []
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (need == nil) != (expert == nil) else { throw ValidationError("give a NEED, or --expert EXPERT") }
        guard limit > 0 else { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let store = try database.open()
        let settings = try MatchSettings.load(environment: ProcessInfo.processInfo.environment)
        let engine = MatchEngine(settings: settings)
        let filters = MatchFilters(
            language: !noFilter.contains(.language), availability: !noFilter.contains(.availability),
            declined: !noFilter.contains(.declined))
        try store.read { reader in
            if let expert {
                let record = try engine.expert(expert, reader: reader)
                let name = try reader.title(.expert, id: record.id)
                let matches = try engine.needs(for: record, reader: reader, filters: filters, limit: limit)
                if json {
                    Console.out(
                        JSONText.object([
                            (
                                "expert",
                                JSONText.object([("id", JSONText.string(record.id)), ("name", JSONText.string(name))])
                            ),
                            (
                                "matches",
                                JSONText.array(
                                    matches.map { match(json: $0, idKey: "need_id", id: $0.needID, nameKey: "title") })
                            ),
                        ]))
                } else {
                    Console.out(Console.oneLine("Open needs for \(name):"))
                    print(matches)
                }
                return
            }
            let record = try engine.need(need ?? "", reader: reader)
            let matches = try engine.rank(need: record, reader: reader, filters: filters, limit: limit)
            if json {
                Console.out(
                    JSONText.object([
                        (
                            "need",
                            JSONText.object([
                                ("id", JSONText.string(record.id)),
                                ("title", JSONText.string(record[Fields.Need.title].text ?? "")),
                            ])
                        ),
                        (
                            "matches",
                            JSONText.array(
                                matches.map { match(json: $0, idKey: "expert_id", id: $0.expertID, nameKey: "name") })
                        ),
                    ]))
                return
            }
            Console.out(Console.oneLine("Experts for '\(record[Fields.Need.title].text ?? "")':"))
            if matches.isEmpty {
                Console.out("  No expert passes the filters; try --no-filter language or --no-filter availability.")
            }
            print(matches)
        }
    }

    func match(json match: Match, idKey: String, id: String, nameKey: String) -> String {
        JSONText.object([
            (idKey, JSONText.string(id)), (nameKey, JSONText.string(match.name)),
            ("score", JSONText.number(match.score)),
            (
                "reasons",
                JSONText.array(
                    match.reasons.map {
                        JSONText.object([
                            ("factor", JSONText.string($0.factor)), ("contribution", JSONText.number($0.contribution)),
                            ("detail", JSONText.string($0.detail)),
                        ])
                    })
            ),
            ("flags", JSONText.array(match.flags.map(JSONText.string))),
        ])
    }

    func print(_ matches: [Match]) {
        for (i, match) in matches.enumerated() {
            let filled = Int((match.score * 10).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
            Console.out(
                Sanitizer.clean(
                    "\(String(format: "%2d", i + 1)). \(bar) \(String(format: "%.2f", match.score))  \(match.name)"))
            let top = match.reasons.filter { $0.contribution != 0 }.prefix(3).map {
                "\($0.factor) \(String(format: "%+.2f", $0.contribution)): \($0.detail)"
            }
            for line in top { Console.out("      " + Console.oneLine(line)) }
            for flag in match.flags { Console.out("      ! " + Console.oneLine(flag)) }
        }
    }
}

/// JSON for the CLI's output, written by hand so that every string is escaped the canonical way
/// (control characters included) and numbers keep four decimals.
enum JSONText {
    static func string(_ s: String) -> String {
        var out = ""
        CanonicalJSON.appendString(s, to: &out)
        return out
    }
    static func number(_ d: Double) -> String { String(format: "%.4f", d) }
    /// A string, or `null` without one.
    static func string(orNull s: String?) -> String { s.map(string) ?? "null" }
    /// A number, or `null` without one.
    static func number(orNull d: Double?) -> String { d.map(number) ?? "null" }
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
