import Foundation
import NCCModel
import NCCStore
import Testing

/// Every kind goes in with every field set and comes back out of a re-opened file the same.
@Suite struct RoundTripTests {
    /// A value for every field of `kind`, with references pointing at `refs`.
    static func sampleValues(_ kind: Kind, refs: [Kind: String]) -> [String: Value] {
        var values: [String: Value] = [:]
        for field in Schema.fields(of: kind) {
            switch field.type {
            case .text: values[field.name] = .text("Žiga’s \(field.name) — Ελληνικά, \"quoted\"")
            case .longText: values[field.name] = .text("Eglė Butkevičienė wrote:\nline two, with a comma\n")
            case .integer(let range): values[field.name] = .int(range.upperBound)
            case .bool: values[field.name] = .bool(true)
            case .date: values[field.name] = .text("2026-02-28")
            case .dateTime: values[field.name] = .text("2026-03-05T09:30:00Z")
            case .country: values[field.name] = .text("EL")
            case .countries: values[field.name] = .list(["LT", "SI", "UK"])
            case .languages: values[field.name] = .list(["lt", "el", "en"])
            case .tags: values[field.name] = .list(["social finance", "impact measurement"])
            case .email: values[field.name] = .text("egle@example.org")
            case .choice(let options): values[field.name] = .text(options.last!)
            case .fraction: values[field.name] = .text("2/3")
            case .number: values[field.name] = .text("-12.5")
            case .reference(let target): values[field.name] = refs[target].map(Value.text) ?? .null
            }
        }
        return values
    }

    /// Kinds in an order where everything a kind refers to exists before it (the task ↔ action
    /// item cycle is closed by an update at the end).
    static let creationOrder: [Kind] = [
        .consortium, .centre, .membership, .organisation, .person, .workingArea, .objective, .indicator,
        .measurement, .dimension, .assessment, .expert, .need, .engagement, .meeting, .pathwayStep, .stepDone,
        .agendaItem, .attendance, .proposal, .replicaBinding, .ballot, .decision, .task, .actionItem,
    ]

    @Test func everyKindWithEveryFieldSurvivesReopening() throws {
        #expect(Set(Self.creationOrder) == Set(Kind.allCases))
        let db = try TestDatabase()
        var refs: [Kind: String] = [:]
        var written: [Kind: [String: Value]] = [:]
        try db.store.write { w in
            for kind in Self.creationOrder {
                var values = Self.sampleValues(kind, refs: refs)
                switch kind {
                case .replicaBinding:
                    // Made only by binding this replica, and by casting a ballot.
                    refs[kind] = try w.bind(person: refs[.person]!)
                    values = ["replica": .text(w.replica), "person": .text(refs[.person]!)]
                case .ballot:
                    values = [
                        "proposal": .text(refs[.proposal]!), "choice": .text("yes"),
                        "reason": .text("Eglė Butkevičienė wrote:\nline two"),
                    ]
                    refs[kind] = try w.cast(
                        on: refs[.proposal]!, choice: "yes", reason: "Eglė Butkevičienė wrote:\nline two",
                        now: "2026-03-05T09:30:00Z")
                case .proposal:
                    // Open, and closing after the ballot below, so that it may be cast.
                    values["status"] = .text("open")
                    values["opens"] = .text("2026-01-01T00:00:00Z")
                    values["closes"] = .text("2099-01-01T00:00:00Z")
                    refs[kind] = try w.create(kind, values)
                default:
                    refs[kind] = try w.create(kind, values)
                }
                written[kind] = values
            }
            try w.update(.task, id: refs[.task]!, ["origin": .text(refs[.actionItem]!)])
            written[.task]!["origin"] = .text(refs[.actionItem]!)
        }
        let reopened = try Store.open(path: db.path)
        for kind in Kind.allCases {
            let record = try #require(try reopened.read { try $0.record(kind, id: refs[kind]!) }, "\(kind)")
            for (name, value) in written[kind]! {
                #expect(record[name] == value, "\(kind).\(name)")
            }
            #expect(record.createdAt.hasSuffix("Z") && record.createdAt.count == 20)
        }
    }

    @Test func theOperationLogAloneRebuildsEveryRecord() throws {
        // What a bundle will carry must already be complete: replaying a kind's operations field
        // by field gives the record as stored.
        let db = try TestDatabase()
        let id = try db.store.write { w in
            try w.create(
                .centre, ["name": .text("NCC Greece"), "country": .text("EL"), "topics": .list(["social economy"])])
        }
        _ = try db.store.write { try $0.update(.centre, id: id, ["status": .text("planned"), "topics": .list([])]) }
        _ = try db.store.write { try $0.update(.centre, id: id, ["name": .text("Κέντρο Κοινωνικής Καινοτομίας")]) }
        var replayed: [String: Value] = [:]
        for op in try db.store.read({ try $0.operations(.centre, record: id) }) {
            for (name, value) in op.fields { replayed[name] = value }
        }
        let record = try #require(try db.store.read { try $0.record(.centre, id: id) })
        for field in Schema.fields(of: .centre) {
            #expect(
                replayed[field.name] ?? .null == record[field.name]
                    || (field.type.isList && record[field.name] == .list([])),
                "\(field.name)")
        }
        #expect(replayed["deleted"] == .bool(false))
        try db.store.write { try $0.delete(.centre, id: id) }
        let tombstone = try db.store.read { try $0.operations(.centre, record: id) }.last!
        #expect(tombstone.fields == ["deleted": .bool(true)])
    }
}
