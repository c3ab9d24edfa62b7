import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCMatch

@Suite struct MatchEngineTests {
    let store: Store
    let needs: [String: String]
    let experts: [String: String]

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-match-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store.open(path: folder.appendingPathComponent("ncc.sqlite").path)
        (needs, experts) = try EvaluationSet.load(into: store)
    }

    func rank(_ key: String, filters: MatchFilters = MatchFilters()) throws -> [Match] {
        try store.read { r in
            try MatchEngine().rank(need: try r.record(.need, id: needs[key]!)!, reader: r, filters: filters)
        }
    }

    func key(_ match: Match) -> String { experts[match.expertID]! }

    @Test func scoresAreInZeroOneBestFirstWithReasonsThatAddUp() throws {
        let matches = try rank("impact")
        #expect(!matches.isEmpty)
        #expect(matches.map(\.score) == matches.map(\.score).sorted(by: >))
        for match in matches {
            #expect((0...1).contains(match.score))
            let sum = match.reasons.reduce(0) { $0 + $1.contribution }
            #expect(abs(sum - match.score) < 1e-9, "the reasons explain the whole score")
            #expect(
                Set(match.reasons.map(\.factor)).isSuperset(of: ["text", "topics", "country", "workload", "feedback"]))
        }
        let egle = try #require(matches.first { key($0) == "egle" })
        #expect(
            egle.reasons.first { $0.factor == "topics" }?.detail.contains("impact measurement") == true,
            "SROI counts as impact measurement")
    }

    @Test func matchedWordsAreShownWithoutTheSeparatorBetweenTopics() {
        // Among many candidates the engine marks whole topic tokens, which carry the "; " that joins topics.
        #expect(
            MatchEngine.markedWords("[coastal] [communities;] tourism; [SROI]") == ["coastal", "communities", "sroi"])
        #expect(MatchEngine.markedWords("[;] [] plain") == [])
    }

    @Test func filtersRemoveTheWrongLanguageAndTheUnavailableAndCanBeSwitchedOff() throws {
        let filtered = try rank("impact").map(key)
        #expect(!filtered.contains("impactes"), "speaks only Spanish")
        #expect(!filtered.contains("stuffed"), "no days available")
        let open = try rank("impact", filters: MatchFilters(language: false, availability: false)).map(key)
        #expect(open.contains("impactes") && open.contains("stuffed"))
        let stuffed = try rank("impact", filters: MatchFilters(language: false, availability: false)).first {
            key($0) == "stuffed"
        }
        #expect(stuffed?.flags.contains("no days available") == true)
    }

    @Test func aConflictOfInterestIsFlaggedAndRankedDown() throws {
        let matches = try rank("governance")
        let jure = try #require(matches.first { key($0) == "jure" })
        #expect(jure.flags.contains { $0.hasPrefix("conflict of interest") })
        #expect(jure.reasons.contains { $0.factor == "conflict" && $0.contribution < 0 })
        #expect(key(matches[0]) == "governanceen")
    }

    @Test func aDeclinedExpertIsLeftOutForThatNeed() throws {
        let first = try #require(try rank("finance").first)
        _ = try store.write { w in
            try w.create(
                .engagement,
                ["expert": .text(first.expertID), "need": .text(needs["finance"]!), "status": .text("declined")])
        }
        #expect(!(try rank("finance")).contains { $0.expertID == first.expertID })
        #expect(try rank("finance", filters: MatchFilters(declined: false)).contains { $0.expertID == first.expertID })
    }

    @Test func theReverseFindsTheNeedsAnExpertFits() throws {
        let matches = try store.read { r in
            try MatchEngine().needs(for: try MatchEngine().expert("Eglė Butkevičienė", reader: r), reader: r)
        }
        #expect(matches.prefix(2).map(\.needID).contains(needs["impact"]!))
        #expect(matches.first?.name.isEmpty == false)
    }

    @Test func unknownAndEmptyNeedsGetClearErrors() throws {
        try store.read { r in
            #expect(throws: MatchError.self) { try MatchEngine().need("impact framework", reader: r) }
            do { _ = try MatchEngine().need("impact framwork", reader: r) } catch {
                #expect(String(describing: error).contains("'Impact measurement framework'"), "\(error)")
            }
        }
        let empty = try store.write { w in
            try w.create(.need, ["centre": .text(try w.reader.resolve(.centre, "NCC LT")), "title": .text("Help")])
        }
        #expect(throws: MatchError.emptyNeed("Help")) {
            try store.read { r in try MatchEngine().rank(need: try r.record(.need, id: empty)!, reader: r) }
        }
    }

    @Test func settingsComeFromConfigAndScaleToOne() throws {
        let settings = try MatchSettings.parse(
            """
            [match]
            text = 2
            topics = 2
            country = 0
            workload = 0
            feedback = 0
            [thesaurus]
            groups = [["circular economy", "waste reduction"]]
            """, file: "config.toml")
        #expect(settings.text == 0.5 && settings.topics == 0.5)
        #expect(
            MatchEngine(settings: settings).thesaurus.concept(of: "waste reduction")
                == MatchEngine(settings: settings).thesaurus.concept(of: "Circular Economy"))
        #expect(throws: MatchSettings.Problem.self) {
            try MatchSettings.parse("[match]\nspeed = 1", file: "config.toml")
        }
        #expect(throws: MatchSettings.Problem.self) {
            try MatchSettings.parse("[match]\ntext = -1", file: "config.toml")
        }
    }
}
