import Foundation
import NCCDemo
import NCCModel
import NCCStore
import Testing

@Suite struct DemoDataTests {
    func fresh() throws -> (Store, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try Store.open(path: folder.appendingPathComponent("ncc.sqlite").path), folder)
    }

    func snapshot(_ store: Store, _ kind: Kind) throws -> [String] {
        try store.read { r in try r.list(kind, limit: 100_000).map { "\($0.id) \(try r.title(kind, id: $0.id))" } }
    }

    @Test func theSameSeedGivesTheSameDataAndIds() throws {
        let (a, fa) = try fresh()
        let (b, fb) = try fresh()
        defer {
            try? FileManager.default.removeItem(at: fa)
            try? FileManager.default.removeItem(at: fb)
        }
        _ = try DemoData.load(into: a, seed: 7, today: "2026-11-23")
        _ = try DemoData.load(into: b, seed: 7, today: "2026-11-23")
        for kind in [Kind.person, .expert, .task, .meeting, .need, .proposal, .ballot, .decision, .replicaBinding] {
            #expect(try snapshot(a, kind) == snapshot(b, kind), "\(kind)")
        }
        let (c, fc) = try fresh()
        defer { try? FileManager.default.removeItem(at: fc) }
        _ = try DemoData.load(into: c, seed: 8, today: "2026-11-23")
        #expect(try snapshot(a, .person) != snapshot(c, .person), "another seed invents other people")
    }

    @Test func scaleOneHasTheRealPartsAndAboutTheAskedSizes() throws {
        let (store, folder) = try fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try DemoData.load(into: store, today: "2026-11-23")
        #expect((180...220).contains(summary.counts[.task] ?? 0))
        #expect(summary.counts[.meeting] == 24)
        #expect(summary.counts[.need] == 40)
        #expect(summary.counts[.workingArea] == 4)
        #expect(summary.counts[.consortium] == 10)
        try store.read { r in
            #expect(
                try r.search("kick-off working group", kinds: [.meeting]).count >= 1,
                "the real kick-off meeting is there")
            let insisst = try r.record(.consortium, id: try r.resolve(.consortium, "INSISST"))
            #expect(insisst?["countries"] == .list(["BE", "FI", "CZ", "PL", "DK", "IE"]))
            // Bulgaria sits in two consortia of the first call: one centre, two memberships.
            let bulgaria = try r.resolve(.centre, "NCC Bulgaria")
            #expect(try r.countRecords(.membership, where: "centre", is: bulgaria) == 2)
            #expect(try r.search("butkeviciene", kinds: [.expert]).map(\.title) == ["Eglė Butkevičienė"])
            #expect(try !r.search("ziga", kinds: [.person]).isEmpty)
            #expect(
                try r.search("Παπαδοπούλου").count + r.search("Οικονόμου").count + r.search("Γεωργίου").count > 0,
                "Greek names in Greek script")
            // Every kind of organisation appears.
            for kind in Schema.organisationKinds {
                #expect(
                    try r.count(
                        RecordQuery(.organisation, conditions: [.equals(Fields.Organisation.kind, .text(kind))])) > 0,
                    "\(kind)")
            }
            // Some tasks are overdue and action items became tasks.
            #expect(
                try r.count(
                    RecordQuery(
                        .task,
                        conditions: [
                            .below(Fields.Task.due, "2026-11-23"),
                            .notEquals(Fields.Task.status, .text("done")),
                        ])) > 0)
            let item = try #require(try r.list(.actionItem, limit: 1).first)
            #expect(try r.record(.task, id: item["task"].text ?? "")?["origin"] == .text(item.id))
            // Every address is an invented one.
            let people = try r.list(.person, limit: 100_000)
            #expect(people.allSatisfy { ($0["email"].text ?? "").contains("@example.") })
            // No namesakes at this size (11 of 141 people were before names were drawn again).
            let names = people.compactMap { $0["name"].text }
            #expect(
                Set(names).count == names.count,
                "\(Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        }
    }

    @Test func scaleMultipliesOnlyTheInventedParts() throws {
        let (store, folder) = try fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = try DemoData.load(into: store, today: "2026-11-23")
        let (store2, folder2) = try fresh()
        defer { try? FileManager.default.removeItem(at: folder2) }
        let two = try DemoData.load(into: store2, scale: 2, today: "2026-11-23")
        #expect(two.counts[.task] == 2 * one.counts[.task]!)
        #expect(two.counts[.expert] == 2 * one.counts[.expert]!)
        #expect(two.counts[.meeting] == 2 * one.counts[.meeting]! - 4, "the four real meetings appear once")
        #expect(two.counts[.consortium] == one.counts[.consortium])
        #expect(two.counts[.centre] == one.counts[.centre])
    }

    @Test func aStoreWithCentresIsRefused() throws {
        let (store, folder) = try fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.write { try $0.create(.centre, ["name": .text("Mine"), "country": .text("MT")]) }
        #expect(throws: DemoError.self) { try DemoData.load(into: store) }
        #expect(try store.read { try $0.count(.centre) } == 1)
    }
}

@Suite struct DemoDataValidityTests {
    /// The demo skips the store's field checks for speed; this holds it to the same rules.
    @Test func everyGeneratedRecordPassesTheFieldRules() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store.open(path: folder.appendingPathComponent("ncc.sqlite").path)
        _ = try DemoData.load(into: store, scale: 2, today: "2026-11-23")
        try store.read { r in
            for kind in Kind.allCases {
                for record in try r.list(kind, limit: 100_000) {
                    for field in Schema.fields(of: kind) {
                        let value = record[field.name]
                        #expect((try? FieldInput.check(value, for: field)) != nil, "\(kind).\(field.name) = \(value)")
                        if field.required { #expect(!value.isNull, "\(kind).\(field.name) is required") }
                        if field.type.isList {
                            #expect(
                                (try? FieldInput.parse(value.list.joined(separator: ";"), for: field)) == value,
                                "\(kind).\(field.name) is a list in normal form")
                        }
                        if case .text(let s) = value { #expect(s == Text.normalized(s)) }
                        if let target = field.type.referencedKind, let id = value.text {
                            #expect(try r.exists(target, id: id), "\(kind).\(field.name) points at a live \(target)")
                        }
                    }
                }
            }
        }
    }
}
