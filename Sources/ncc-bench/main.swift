import ArgumentParser
import Foundation
import NCCMatch
import NCCModel
import NCCStore

/// `ncc-bench`: measures ncc at many times the real size, in a release build.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ncc-bench",
        abstract: "Measure ncc on large generated databases (run with: swift run -c release ncc-bench).",
        subcommands: [MatchBench.self, BundleBench.self, UIBench.self, UIBrowse.self, ProgressBench.self],
        defaultSubcommand: MatchBench.self)
}

/// Matching over many experts: p50 and p95 of one ranking, end to end (need read, full-text
/// candidates, scoring, sorting).
struct MatchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Time the ranking of experts for needs.")

    @Option(help: "Experts in the generated database.") var experts = 100_000
    @Option(help: "Rankings to time.") var runs = 200
    @Option(help: "Where to build the database (reused when it already holds the experts).") var db =
        "/tmp/ncc-bench-match.sqlite"
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = try Store.open(path: db, cacheMegabytes: 256)
        var random = SystemRandomNumberGenerator()
        let generation = Date()
        let have = try store.read { try $0.count(.expert) }
        if have < experts {
            try store.write { w in
                try w.beginBulkLoad()
                let centre = try w.create(
                    .centre, [Fields.Centre.name: .text("NCC Bench \(have)"), Fields.Centre.country: .text("SI")])
                for i in have..<experts {
                    let person = try w.create(
                        .person, [Fields.Person.name: .text("Expert \(i) \(Self.surnames[i % Self.surnames.count])")])
                    let topics = (0..<3).map { _ in Self.topics.randomElement(using: &random)! }
                    try w.create(
                        .expert,
                        [
                            Fields.Expert.person: .text(person),
                            Fields.Expert.languages: .list([Self.languages.randomElement(using: &random)!, "en"]),
                            Fields.Expert.countries: .list([Self.countries.randomElement(using: &random)!]),
                            Fields.Expert.topics: .list(topics),
                            Fields.Expert.availabilityDays: .int(Int.random(in: 0...10, using: &random)),
                            Fields.Expert.bio: .text(
                                "Works on \(topics[0]) and \(topics[1]) with \(Self.partners.randomElement(using: &random)!)."
                            ),
                        ])
                }
                for (i, topic) in Self.topics.enumerated() {
                    try w.create(
                        .need,
                        [
                            Fields.Need.centre: .text(centre), Fields.Need.title: .text("Support with \(topic) \(i)"),
                            Fields.Need.description: .text("The centre asks for help with \(topic)."),
                            Fields.Need.topics: .list([topic, Self.topics[(i + 7) % Self.topics.count]]),
                            Fields.Need.languages: .list(["en"]), Fields.Need.country: .text("SI"),
                        ])
                }
                try w.endBulkLoad()
            }
        }
        let generated = Date().timeIntervalSince(generation)
        let needs = try store.read { try $0.list(.need, limit: 1000) }
        let engine = MatchEngine()
        var times: [Double] = []
        for run in 0..<runs {
            let need = needs[run % needs.count]
            let start = DispatchTime.now().uptimeNanoseconds
            let matches = try store.read { try engine.rank(need: need, reader: $0, limit: 10) }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            precondition(!matches.isEmpty, "a ranking found nothing: the benchmark data is broken")
        }
        if ProcessInfo.processInfo.environment["NCC_BENCH_DETAIL"] != nil {
            // Where the time of one ranking goes: finding candidates, and the rest.
            var candidates: [Double] = []
            for run in 0..<50 {
                let need = needs[run % needs.count]
                let themes = need[Fields.Need.topics].list.map { topic in
                    engine.thesaurus.concept(of: topic).map(engine.thesaurus.phrases(of:)) ?? [topic]
                }
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try store.read { try $0.expertCandidates(themes: themes, limit: 150) }
                candidates.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            candidates.sort()
            print(String(format: "candidates p50         %.1f ms", candidates[candidates.count / 2]))
        }
        times.sort()
        let p50 = times[times.count / 2]
        let p95 = times[min(times.count - 1, Int(Double(times.count) * 0.95))]
        if json {
            print(
                #"{"experts":\#(experts),"runs":\#(runs),"generation_seconds":\#(String(format: "%.1f", generated)),"match_p50_ms":\#(String(format: "%.1f", p50)),"match_p95_ms":\#(String(format: "%.1f", p95))}"#
            )
        } else {
            print("experts                \(experts)")
            print(String(format: "generation             %.1f s", generated))
            print(String(format: "match p50              %.1f ms", p50))
            print(String(format: "match p95              %.1f ms   (target < 50 ms)", p95))
        }
    }

    static let topics = [
        "impact measurement", "SROI", "outcome indicators", "ecosystem mapping", "stakeholder mapping",
        "social finance", "blended finance", "financial instruments", "social procurement", "co-creation",
        "Horizon Europe", "EU Missions", "governance models", "scaling", "validation", "capacity building",
        "migrant integration", "social inclusion", "rural communities", "coastal communities",
        "policy analysis", "digital social innovation", "social economy", "learning strategies",
    ]
    static let languages = ["lt", "sl", "el", "cs", "pl", "hu", "de", "fr", "it", "es", "pt", "nl"]
    static let countries = ["LT", "SI", "EL", "CZ", "PL", "HU", "DE", "FR", "IT", "ES", "PT", "NL"]
    static let surnames = ["Novak", "Kowalska", "Nagy", "Dvořáková", "Papadopoulou", "Müller", "Rossi", "García"]
    static let partners = ["municipalities", "social enterprises", "ministries", "universities", "cooperatives"]
}

Bench.main()
