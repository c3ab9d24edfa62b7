import Testing
import NCCModel
import NCCStore

/// The one FTS5 index: diacritics and case ignored, prefixes, every kind, ranked.
@Suite struct SearchTests {
    let db: TestDatabase
    let ids: [String: String]

    init() throws {
        db = try TestDatabase()
        var ids: [String: String] = [:]
        try db.store.write { w in
            let egle = try w.create(.person, ["name": .text("Eglė Butkevičienė")])
            ids["expert"] = try w.create(.expert, ["person": .text(egle), "topics": .list(["impact measurement"]),
                                                   "bio": .text("Designs outcome indicators for social enterprises.")])
            ids["kuhne"] = try w.create(.person, ["name": .text("Jonas Kühne")])
            ids["greek"] = try w.create(.person, ["name": .text("Ελένη Παπαδοπούλου")])
            let centre = try w.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")])
            ids["need"] = try w.create(.need, ["centre": .text(centre), "title": .text("Impact measurement framework"),
                                               "description": .text("A framework the centre can use.")])
            ids["meeting"] = try w.create(.meeting, ["title": .text("Quarterly meeting"), "start": .text("2026-03-05T09:00:00Z"),
                                                     "minutes": .text("We agreed on ecosystem mapping in coastal communities.")])
            ids["task"] = try w.create(.task, ["title": .text("Draft the impact measurement guide")])
        }
        self.ids = ids
    }

    @Test func anInteractiveSearchRanksOnlyTheNewestMatchesOfAVeryCommonWord() throws {
        // The best match, by title, is the oldest; 30 weaker matches (in the body) come after it.
        var weaker: [String] = []
        let best = try db.store.write { w -> String in
            let best = try w.create(.task, ["title": .text("Review the review of reviews")])
            for n in 0..<30 {
                weaker.append(try w.create(.task, ["title": .text("Task \(n)"), "description": .text("Needs a review.")]))
            }
            return best
        }
        let everything = try db.store.read { try $0.search("review", limit: 5) }
        #expect(everything.first?.id == best, "without a cap every match is ranked")
        let capped = try db.store.read { try $0.search("review", limit: 5, rankingAtMost: 10) }
        #expect(capped.count == 5)
        #expect(capped.allSatisfy { Array(weaker.suffix(10)).contains($0.id) }, "only the 10 newest matches are ranked")
        // Under the cap, nothing changes.
        let few = try db.store.read { try $0.search("review", limit: 5, rankingAtMost: 100) }
        #expect(few.map(\.id) == everything.map(\.id))
    }

    @Test func diacriticsAndCaseAreIgnored() throws {
        #expect(try db.store.read { try $0.search("kuhne") }.map(\.id).contains(ids["kuhne"]!))
        #expect(try db.store.read { try $0.search("KÜHNE") }.map(\.id).contains(ids["kuhne"]!))
        #expect(try db.store.read { try $0.search("butkeviciene") }.map(\.id).contains(ids["expert"]!))
        #expect(try db.store.read { try $0.search("ελενη") }.map(\.id) == [ids["greek"]!], "Greek accents too")
        #expect(try db.store.read { try $0.search("παπαδοπ") }.map(\.id) == [ids["greek"]!])
    }

    @Test func prefixesMatchAndEveryWordMustMatch() throws {
        let hits = try db.store.read { try $0.search("butk") }
        #expect(hits.contains { $0.kind == .expert && $0.id == ids["expert"]! })
        #expect(try db.store.read { try $0.search("butk kuhne") }.isEmpty)
    }

    @Test func bodiesOfEveryKindAreSearchedAndTitlesRankFirst() throws {
        let minutes = try db.store.read { try $0.search("coastal") }
        #expect(minutes.map(\.id) == [ids["meeting"]!])
        #expect(minutes[0].snippet.contains("[coastal]"))
        let impact = try db.store.read { try $0.search("impact measurement") }
        #expect(Set(impact.map(\.kind)) == [.need, .task, .expert])
        #expect(impact.last?.kind == .expert, "a match in topics ranks below matches in titles")
    }

    @Test func syntaxCharactersAreTakenLiterally() throws {
        #expect(try db.store.read { try $0.search("\"impact* (") }.count == 3)
        #expect(try db.store.read { try $0.search("  ") }.isEmpty)
    }

    @Test func renamesAndDeletesReachTheIndex() throws {
        let person = try db.store.read { try $0.record(.expert, id: ids["expert"]!)!["person"].text! }
        _ = try db.store.write { try $0.update(.person, id: person, ["name": .text("Eglė Jankauskienė")]) }
        #expect(try db.store.read { try $0.search("butkeviciene") }.isEmpty)
        let hits = try db.store.read { try $0.search("jankausk") }
        #expect(Set(hits.map(\.kind)) == [.person, .expert], "the expert is retitled with their person")
        try db.store.write { try $0.delete(.task, id: ids["task"]!) }
        #expect(try db.store.read { try $0.search("guide") }.isEmpty)
    }
}
