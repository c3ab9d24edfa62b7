import Foundation
import NCCModel
import NCCStore
import Testing

@Suite struct StoreWriteTests {
    @Test func createReadUpdateDeleteACentre() throws {
        let db = try TestDatabase()
        let id = try db.store.write { w in
            try w.create(
                .centre, ["name": .text("CCSI"), "country": .text("SI"), "topics": .list(["ecosystem mapping"])])
        }
        let created = try #require(try db.store.read { try $0.record(.centre, id: id) })
        #expect(created["name"] == .text("CCSI"))
        #expect(created["status"] == .text("active"), "the default status fills in")
        #expect(created["topics"] == .list(["ecosystem mapping"]))

        let change = try db.store.write {
            try $0.update(.centre, id: id, ["status": .text("closed"), "name": .text("CCSI")])
        }
        #expect(change == .updated)
        let again = try db.store.write { try $0.update(.centre, id: id, ["status": .text("closed")]) }
        #expect(again == .unchanged)
        #expect(
            try db.store.read { try $0.operationCount() } == 2, "a create and one real edit; the no-op wrote nothing")

        try db.store.write { try $0.delete(.centre, id: id) }
        #expect(try db.store.read { try $0.record(.centre, id: id) } == nil)
        #expect(try db.store.read { try $0.search("CCSI") }.isEmpty)
    }

    @Test func everyFieldEditIsAnOperationNamingTheStampItReplaced() throws {
        let db = try TestDatabase()
        let id = try db.store.write {
            try $0.create(.workingArea, ["title": .text("Ecosystem mapping"), "number": .int(2)])
        }
        _ = try db.store.write {
            try $0.update(.workingArea, id: id, ["title": .text("Ecosystem mapping methodology")])
        }
        let ops = try db.store.read { try $0.operations(.workingArea, record: id) }
        #expect(ops.count == 2)
        #expect(ops[0].fields.keys.sorted() == ["deleted", "description", "number", "title"])
        #expect(ops[1].fields == ["title": .text("Ecosystem mapping methodology")])
        #expect(ops[1].prev["title"] == ops[0].stamp.description)
        #expect(ops[0].stamp < ops[1].stamp)
        #expect(ops[1].seq == ops[0].seq + 1)
        #expect(ops[0].replica == db.store.replicaID)
    }

    @Test func invalidValuesAndReferencesAreRefused() throws {
        let db = try TestDatabase()
        #expect(throws: StoreError.self) {
            try db.store.write { try $0.create(.centre, ["name": .text("X"), "country": .text("XX")]) }
        }
        #expect(throws: StoreError.missingRequired(kind: .centre, field: "country")) {
            try db.store.write { try $0.create(.centre, ["name": .text("X")]) }
        }
        #expect(throws: StoreError.self) {
            try db.store.write { try $0.create(.need, ["title": .text("Help"), "centre": .text(UUIDs.random())]) }
        }
        #expect(try db.store.read { try $0.operationCount() } == 0)
    }

    /// A country may be typed by its English name; it is stored as the EU writes its code. A value
    /// that arrives already typed (from a bundle or the app) must be the code itself.
    @Test func countriesTypedByNameBecomeTheirCodes() throws {
        let country = try #require(Schema.field("country", of: .centre))
        let countries = try #require(Schema.field("countries", of: .consortium))
        #expect(try FieldInput.parse("Lithuania", for: country) == .text("LT"))
        #expect(try FieldInput.parse(" greece ", for: country) == .text("EL"))
        #expect(try FieldInput.parse("united kingdom", for: country) == .text("UK"))
        #expect(try FieldInput.parse("Czechia; lt;Lithuania", for: countries) == .list(["CZ", "LT"]))
        #expect(throws: FieldError.self) { try FieldInput.parse("Atlantis", for: country) }
        #expect(throws: FieldError.self) { try FieldInput.check(.text("Lithuania"), for: country) }
        #expect(throws: FieldError.self) { try FieldInput.check(.list(["Lithuania"]), for: countries) }
        #expect(throws: FieldError.self) { try FieldInput.check(.list(["lt"]), for: countries) }
        try FieldInput.check(.list(["CZ", "LT"]), for: countries)
    }

    @Test func deletingARecordStillInUseIsRefusedAndPartsGoWithTheirMeeting() throws {
        let db = try TestDatabase()
        let (centre, meeting) = try db.store.write { w -> (String, String) in
            let centre = try w.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")])
            try w.create(.need, ["title": .text("Impact framework"), "centre": .text(centre)])
            let meeting = try w.create(.meeting, ["title": .text("Quarterly"), "start": .text("2026-03-04T09:00:00Z")])
            try w.create(.agendaItem, ["meeting": .text(meeting), "title": .text("Welcome")])
            try w.create(.decision, ["meeting": .text(meeting), "text": .text("Adopt the plan")])
            return (centre, meeting)
        }
        #expect(throws: StoreError.self) { try db.store.write { try $0.delete(.centre, id: centre) } }
        try db.store.write { try $0.delete(.meeting, id: meeting) }
        #expect(try db.store.read { try $0.count(.agendaItem) } == 0)
        #expect(try db.store.read { try $0.count(.decision) } == 0)
    }

    @Test func expertsAreNamedAndFoundByTheirPersonsName() throws {
        let db = try TestDatabase()
        let (person, expert) = try db.store.write { w -> (String, String) in
            let p = try w.create(.person, ["name": .text("Eglė Butkevičienė")])
            let e = try w.create(.expert, ["person": .text(p), "topics": .list(["social impact assessment"])])
            return (p, e)
        }
        #expect(try db.store.read { try $0.resolve(.expert, "Eglė Butkevičienė") } == expert)
        _ = try db.store.write { try $0.update(.person, id: person, ["name": .text("Eglė Kairienė")]) }
        let hits = try db.store.read { try $0.search("kairiene", kinds: [.expert]) }
        #expect(hits.map(\.id) == [expert])
        #expect(try db.store.read { try $0.search("butkeviciene") }.isEmpty, "the old name left the index")
    }
}

@Suite struct DateArithmeticTests {
    @Test func dayNumbersRoundTripAndAgreeWithTheCalendar() {
        #expect(Dates.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(Dates.adding(days: 1, to: "2024-02-28") == "2024-02-29")
        #expect(Dates.adding(days: 1, to: "2026-02-28") == "2026-03-01")
        #expect(Dates.adding(days: -1, to: "2026-01-01") == "2025-12-31")
        #expect(Dates.adding(days: 365, to: "2026-11-23") == "2027-11-23")
        #expect(Dates.adding(days: 1, to: "2026-13-40") == nil)
        #expect(Dates.utc(milliseconds: 1_795_000_000_000) == "2026-11-18T11:06:40Z")
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            let (y, m, d) = Dates.civil(n)
            #expect(Dates.dayNumber(year: y, month: m, day: d) == n)
        }
    }
}
