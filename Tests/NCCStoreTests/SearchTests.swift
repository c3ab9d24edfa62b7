import GRDB
import NCCModel
import Testing

@testable import NCCStore

/// The one FTS5 index: diacritics and case ignored, prefixes, every kind, ranked.
@Suite struct SearchTests {
    let db: TestDatabase
    let ids: [String: String]

    init() throws {
        db = try TestDatabase()
        var ids: [String: String] = [:]
        try db.store.write { w in
            let egle = try w.create(.person, ["name": .text("Eglė Butkevičienė")])
            ids["expert"] = try w.create(
                .expert,
                [
                    "person": .text(egle), "topics": .list(["impact measurement"]),
                    "bio": .text("Designs outcome indicators for social enterprises."),
                ])
            ids["kuhne"] = try w.create(.person, ["name": .text("Jonas Kühne")])
            ids["greek"] = try w.create(.person, ["name": .text("Ελένη Παπαδοπούλου")])
            let centre = try w.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")])
            ids["need"] = try w.create(
                .need,
                [
                    "centre": .text(centre), "title": .text("Impact measurement framework"),
                    "description": .text("A framework the centre can use."),
                ])
            ids["meeting"] = try w.create(
                .meeting,
                [
                    "title": .text("Quarterly meeting"), "start": .text("2026-03-05T09:00:00Z"),
                    "minutes": .text("We agreed on ecosystem mapping in coastal communities."),
                ])
            ids["task"] = try w.create(.task, ["title": .text("Draft the impact measurement guide")])
        }
        self.ids = ids
    }

    @Test func aSearchAsYouTypeRanksTheNewestMatchesTitlesFirst() throws {
        // The best match, by title, is the oldest; 30 weaker matches (in the body) come after it.
        var weaker: [String] = []
        let best = try db.store.write { w -> String in
            let best = try w.create(.task, ["title": .text("Review the review of reviews")])
            for n in 0..<30 {
                weaker.append(
                    try w.create(.task, ["title": .text("Task \(n)"), "description": .text("Needs a review by Žiga.")]))
            }
            return best
        }
        let everything = try db.store.read { try $0.search("review", limit: 5) }
        #expect(everything.first?.id == best, "the CLI's search ranks every match")
        let quick = try db.store.read { try $0.quickSearch("review", limit: 5) }
        #expect(quick.map(\.id) == [best] + weaker.suffix(4).reversed(), "the title match, then the newest")
        #expect(quick[0].snippet == "", "a match in the name alone: the name is shown already")
        #expect(quick[1].snippet == "Needs a [review] by Žiga.")
        let capped = try db.store.read { try $0.quickSearch("REVIEW", limit: 5, mark: ("<", ">"), newest: 10) }
        #expect(capped.map(\.id) == weaker.suffix(5).reversed(), "only the 10 newest matches are looked at")
        #expect(capped[0].snippet == "Needs a <review> by Žiga.")
    }

    @Test func everyWordButTheLastIsAWholeWord() throws {
        #expect(try db.store.read { try $0.search("impact measur", kinds: [.task]) }.map(\.id) == [ids["task"]!])
        #expect(
            try db.store.read { try $0.search("impac measurement", kinds: [.task]) }.isEmpty,
            "'impac' is followed by a word: finished")
        #expect(try db.store.read { try $0.quickSearch("draft impact guid") }.map(\.id) == [ids["task"]!])
        #expect(try db.store.read { try $0.matchingIDs("eglė butk", kind: .expert, limit: 5) } == [ids["expert"]!])
    }

    @Test func diacriticsAndCaseAreIgnored() throws {
        #expect(try db.store.read { try $0.search("kuhne") }.map(\.id).contains(ids["kuhne"]!))
        #expect(try db.store.read { try $0.search("KÜHNE") }.map(\.id).contains(ids["kuhne"]!))
        #expect(try db.store.read { try $0.search("butkeviciene") }.map(\.id).contains(ids["expert"]!))
        #expect(try db.store.read { try $0.search("ελενη") }.map(\.id) == [ids["greek"]!], "Greek accents too")
        #expect(try db.store.read { try $0.search("παπαδοπ") }.map(\.id) == [ids["greek"]!])
        // Shown as written, not as the accent-free column spells it (`[ελενη] παπαδοπουλου`).
        #expect(try db.store.read { try $0.search("ΕΛΕΝΗ") }.map(\.snippet) == ["[Ελένη] Παπαδοπούλου"])
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

    @Test func aListFilterAndAKindLimitedSearchKeepToTheirKinds() throws {
        let people = try db.store.read { try $0.search("butk", kinds: [.person, .centre]) }
        #expect(people.map(\.kind) == [.person])
        // The expert and the person share the name; each list finds its own.
        #expect(try db.store.read { try $0.matchingIDs("butk", kind: .expert, limit: 10) } == [ids["expert"]!])
        #expect(try db.store.read { try $0.matchingIDs("impact", kind: .task, limit: 10) } == [ids["task"]!])
        #expect(try db.store.read { try $0.matchingIDs("guide", kind: .need, limit: 10) }.isEmpty)
    }
}

/// Snippets and title matches as a search as you type makes them.
@Suite struct FoldedWordsTests {
    @Test func matchedWordsAreMarkedWithTheirContextAndCutsShown() {
        let text =
            "One two three four five six seven eight nine ten eleven Kühne twelve thirteen fourteen fifteen sixteen"
        #expect(
            FoldedWords(text).snippet(["kuhne"], mark: ("[", "]"), length: 5) == "…ten eleven [Kühne] twelve thirteen…")
        #expect(FoldedWords(text).snippet(["one", "thr"], mark: ("[", "]"), length: 4) == "[One] two [three] four…")
        #expect(
            FoldedWords("Ελένη Παπαδοπούλου, Athens.").snippet(["ελενη"], mark: ("<", ">"))
                == "<Ελένη> Παπαδοπούλου, Athens.")
        #expect(FoldedWords("nothing here").snippet(["kuhne"], mark: ("[", "]")) == nil)
        #expect(FoldedWords("").snippet(["a"], mark: ("[", "]")) == nil)
    }

    @Test func aTitleCountsTheWordsThatBeginOneOfItsWords() {
        let title = "Eglė Butkevičienė – SROI (Jonas-Kühne)"
        #expect(FoldedWords.matches(["egle", "butk"], in: title) == 2)
        #expect(FoldedWords.matches(["sroi", "kuhne", "jonas", "x"], in: title) == 3)
        #expect(FoldedWords.matches(["utk", "ienė", "oi"], in: title) == 0, "the start of a word, not its middle")
        #expect(FoldedWords.matches(["ελενη", "παπ"], in: "Ελένη Παπαδοπούλου") == 2)
        #expect(FoldedWords.matches(["λενη"], in: "Ελένη") == 0)
        #expect(FoldedWords.matches(["a"], in: "") == 0)
    }
}

/// Migration v5 rebuilds the search index with one-letter prefixes, keeping its entries.
@Suite struct SearchMigrationTests {
    @Test func aDatabaseWithTheEarlierIndexKeepsEveryEntry() throws {
        let db = try TestDatabase()
        let (task, person) = try db.store.write { w in
            (
                try w.create(.task, ["title": .text("Map the Baltic ecosystem")]),
                try w.create(.person, ["name": .text("Žiga Novak")])
            )
        }
        // Put the index back as migration v1 made it, with the same entries, and forget v5.
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { d in
            try d.execute(
                sql: """
                    CREATE VIRTUAL TABLE search_v1 USING fts5(kind UNINDEXED, record UNINDEXED, title, body, folded,
                        tokenize = "unicode61 remove_diacritics 2");
                    INSERT INTO search_v1 (rowid, kind, record, title, body, folded) SELECT rowid, kind, record, title, body, folded FROM search;
                    DROP TABLE search;
                    ALTER TABLE search_v1 RENAME TO search;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v5 %';
                    """)
        }
        try queue.close()
        let reopened = try Store.open(path: db.path)
        #expect(try reopened.read { try $0.matchingIDs("b", kind: .task, limit: 10) } == [task])
        #expect(try reopened.read { try $0.quickSearch("zig") }.map(\.id) == [person])
        let options = try DatabaseQueue(path: db.path).read {
            try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'search'")
        }
        #expect(options?.contains("prefix = '1'") == true)
    }
}

/// Migration v6 moves the search index's rowids from `key * 16 + code` to `key * 64 + code`,
/// so that up to 63 kinds fit; entries, their kinds and their order stay.
@Suite struct SearchRowidMigrationTests {
    @Test func aDatabaseWithSixteenSlotsKeepsFindingEveryKind() throws {
        let db = try TestDatabase()
        let (task, person, meeting) = try db.store.write { w in
            (
                try w.create(.task, ["title": .text("Map the Baltic ecosystem")]),
                try w.create(.person, ["name": .text("Žiga Baltic")]),
                try w.create(.meeting, ["title": .text("Baltic meeting"), "start": .text("2026-12-01T09:00:00Z")])
            )
        }
        // Put the rowids back as v1 to v5 made them, and forget v6.
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { d in
            try d.execute(
                sql: """
                    CREATE TEMP TABLE old AS SELECT (rowid / 64) * 16 + rowid % 64 AS rowid, kind, record, title, body, folded FROM search;
                    DELETE FROM search;
                    INSERT INTO search (rowid, kind, record, title, body, folded) SELECT rowid, kind, record, title, body, folded FROM old;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v6 %';
                    """)
        }
        try queue.close()
        let reopened = try Store.open(path: db.path)
        #expect(try reopened.read { try $0.quickSearch("baltic", kinds: [.person]) }.map(\.id) == [person])
        #expect(try reopened.read { try $0.matchingIDs("baltic", kind: .task, limit: 10) } == [task])
        // In the same order as before: by key (each table's own), then by kind code.
        #expect(try reopened.read { try $0.quickSearch("baltic") }.map(\.id) == [meeting, task, person])
        let rowids = try DatabaseQueue(path: db.path).read { try Int64.fetchAll($0, sql: "SELECT rowid FROM search") }
        #expect(rowids.allSatisfy { $0 % 64 == 10 || $0 % 64 == 5 || $0 % 64 == 11 })
        // A record written after the move lands in the new scheme too.
        let later = try reopened.write { try $0.create(.task, ["title": .text("Baltic follow-up")]) }
        #expect(try reopened.read { try $0.matchingIDs("follow", kind: .task, limit: 10) } == [later])
    }
}
