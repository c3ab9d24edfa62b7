import Foundation
import NCCModel
import NCCStore
import Testing

/// The field names code uses (`Fields.Task.due`) are the spec's, kind by kind, and the store
/// refuses a field of another kind wherever one is named.
@Suite struct FieldNameTests {
    /// Every kind's namespace (a new kind adds its own here).
    static let namespaces: [[FieldName]] = [
        Fields.Centre.all, Fields.Consortium.all, Fields.Membership.all, Fields.Organisation.all, Fields.Person.all,
        Fields.Expert.all, Fields.Need.all, Fields.Engagement.all, Fields.WorkingArea.all, Fields.Task.all,
        Fields.Meeting.all, Fields.AgendaItem.all, Fields.Attendance.all, Fields.Decision.all, Fields.ActionItem.all,
        Fields.Proposal.all, Fields.Ballot.all, Fields.ReplicaBinding.all, Fields.Objective.all, Fields.Indicator.all,
        Fields.Measurement.all, Fields.Dimension.all, Fields.Assessment.all, Fields.PathwayStep.all,
        Fields.StepDone.all,
    ]

    @Test func everyKindHasANamespace() {
        #expect(Self.namespaces.compactMap(\.first?.kind) == Kind.allCases)
    }

    @Test(arguments: Kind.allCases)
    func eachKindsConstantsAreExactlyItsSpecsFields(_ kind: Kind) throws {
        let constants = try #require(Self.namespaces.first { $0.first?.kind == kind })
        #expect(constants.map(\.name) == kind.spec.fields.map(\.name))
        #expect(constants.allSatisfy { $0.kind == kind })
        #expect(Set(constants).count == constants.count)
        for name in constants { #expect(Schema.field(name).name == name.name) }
    }

    @Test func theSpecsNamesAndPartsAreTheirKindsFields() {
        for kind in Kind.allCases {
            let spec = kind.spec
            switch spec.naming {
            case .field(let name), .reference(let name): #expect(name.kind == kind)
            }
            if let link = spec.linkTarget { #expect(link.kind == kind) }
            for name in (spec.erasure ?? [:]).keys { #expect(name.kind == kind) }
        }
    }

    @Test func recordsAreReadAndWrittenByFieldName() throws {
        let db = try TestDatabase()
        let id = try db.store.write {
            try $0.create(.task, [Fields.Task.title: .text("Draft the plan"), Fields.Task.due: .text("2026-12-01")])
        }
        try db.store.write { _ = try $0.update(.task, id: id, [Fields.Task.status: .text("doing")]) }
        let task = try #require(try db.store.read { try $0.record(.task, id: id) })
        #expect(task[Fields.Task.title] == .text("Draft the plan") && task[Fields.Task.due] == .text("2026-12-01"))
        #expect(task[Fields.Task.status] == .text("doing") && task[Fields.Task.owner] == .null)
        #expect(task[Fields.Task.title] == task["title"])
        let doing = RecordQuery(
            .task, conditions: [.equals(Fields.Task.status, .text("doing"))], order: [(Fields.Task.due, true)])
        #expect(try db.store.read { try $0.records(doing, limit: 10) }.map(\.id) == [id])
    }

    @Test func aFieldOfAnotherKindIsRefused() throws {
        let db = try TestDatabase()
        #expect(throws: StoreError.foreignField(kind: .task, field: Fields.Need.status)) {
            try db.store.write {
                try $0.create(.task, [Fields.Task.title: .text("Plan"), Fields.Need.status: .text("open")])
            }
        }
        #expect(try db.store.read { try $0.count(.task) } == 0)
        #expect(throws: StoreError.foreignField(kind: .task, field: Fields.Need.status)) {
            try db.store.read {
                try $0.records(RecordQuery(.task, conditions: [.equals(Fields.Need.status, .text("open"))]), limit: 1)
            }
        }
        #expect(
            StoreError.foreignField(kind: .task, field: Fields.Need.status).description
                == "a task has no field of a need ('status')")
    }
}
