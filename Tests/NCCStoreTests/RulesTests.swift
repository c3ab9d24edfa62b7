import Foundation
import NCCModel
import NCCStore
import Testing

/// The working group's rules as the store keeps them: each one transaction, the same for the
/// app and the CLI.
@Suite struct RulesTests {
    func meeting(_ db: TestDatabase) throws -> String {
        try db.store.write {
            try $0.create(.meeting, ["title": .text("Quarterly"), "start": .text("2026-12-01T09:00:00Z")])
        }
    }

    @Test func anActionItemBecomesATaskLinkedBothWays() throws {
        let db = try TestDatabase()
        let meeting = try meeting(db)
        let owner = try db.store.write { try $0.create(.person, ["name": .text("Eglė Butkevičienė")]) }
        let (item, task) = try db.store.write {
            try $0.recordActionItem(
                meeting: meeting, text: "Write up the pilot", owner: .text(owner), due: .text("2026-12-20"))
        }
        let saved = try #require(try db.store.read { try $0.record(.task, id: task) })
        #expect(saved["title"] == .text("Write up the pilot") && saved["origin"] == .text(item))
        #expect(saved["owner"] == .text(owner) && saved["due"] == .text("2026-12-20"))
        #expect(saved["description"] == .text("Action item of Quarterly"))
        #expect(try db.store.read { try $0.record(.actionItem, id: item) }?["task"] == .text(task))
    }

    @Test func anActionItemForAMeetingThatIsGoneLeavesNothing() throws {
        let db = try TestDatabase()
        let before = try db.store.read { (try $0.count(.actionItem), try $0.count(.task)) }
        #expect(throws: (any Error).self) {
            try db.store.write {
                try $0.recordActionItem(meeting: "01a205b3-0000-7000-8000-000000000000", text: "Orphan")
            }
        }
        #expect(try db.store.read { (try $0.count(.actionItem), try $0.count(.task)) } == before)
    }

    @Test func notesJoinTheMinutesLineByLineAndDecisionsTakeTheNextPosition() throws {
        let db = try TestDatabase()
        let meeting = try meeting(db)
        try db.store.write { w in
            try w.appendToMinutes(meeting: meeting, note: "Welcome.")
            try w.appendToMinutes(meeting: meeting, note: "Žiga presents.")
        }
        #expect(
            try db.store.read { try $0.record(.meeting, id: meeting) }?["minutes"] == .text("Welcome.\nŽiga presents."))
        let (first, second) = try db.store.write { w in
            (
                try w.recordDecision(meeting: meeting, text: "Adopt the plan"),
                try w.recordDecision(meeting: meeting, text: "Meet in Riga")
            )
        }
        #expect(try db.store.read { try $0.record(.decision, id: first) }?["position"] == .int(0))
        #expect(try db.store.read { try $0.record(.decision, id: second) }?["position"] == .int(1))
    }

    @Test func anEngagementIsProposedOnceAgreedThenDoneWithFeedbackOrDeclined() throws {
        let db = try TestDatabase()
        let (expert, need) = try db.store.write { w -> (String, String) in
            let person = try w.create(.person, ["name": .text("Žiga Novak")])
            let centre = try w.create(.centre, ["name": .text("NCC Slovenia"), "country": .text("SI")])
            return (
                try w.create(.expert, ["person": .text(person)]),
                try w.create(.need, ["centre": .text(centre), "title": .text("SROI")])
            )
        }
        guard case .proposed(let id) = try db.store.write({ try $0.proposeEngagement(expert: expert, need: need) })
        else {
            Issue.record("not proposed")
            return
        }
        #expect(
            try db.store.write { try $0.proposeEngagement(expert: expert, need: need) } == .already(status: "proposed"))
        #expect(try db.store.read { try $0.count(.engagement) } == 1)
        #expect(try db.store.write { try $0.advanceEngagement(id, today: "2026-12-01") } == .agreed)
        #expect(try db.store.read { try $0.record(.engagement, id: id) }?["starts"] == .text("2026-12-01"))
        #expect(try db.store.write { try $0.advanceEngagement(id, today: "2026-12-02") } == .needsFeedback)
        #expect(throws: FieldError.self) {
            try db.store.write {
                try $0.completeEngagement(id, feedback: .null, notes: .text("Fine"), today: "2026-12-09")
            }
        }
        #expect(
            try db.store.read { try $0.record(.engagement, id: id) }?["status"] == .text("agreed"),
            "nothing half written")
        try db.store.write {
            try $0.completeEngagement(id, feedback: .int(4), notes: .text("Fine"), today: "2026-12-09")
        }
        let done = try #require(try db.store.read { try $0.record(.engagement, id: id) })
        #expect(done["status"] == .text("done") && done["feedback"] == .int(4) && done["ends"] == .text("2026-12-09"))
        #expect(
            try db.store.write { try $0.advanceEngagement(id, today: "2026-12-10") } == .nothingFollows(status: "done"))
        try db.store.write { try $0.declineEngagement(id) }
        #expect(try db.store.read { try $0.record(.engagement, id: id) }?["status"] == .text("declined"))
    }

    @Test func aTaskMovesThroughEveryStatusAndBackToTodo() throws {
        let db = try TestDatabase()
        let task = try db.store.write { try $0.create(.task, ["title": .text("Map the coast")]) }
        let seen = try (0..<4).map { _ in try db.store.write { try $0.advanceTaskStatus(task) } }
        #expect(seen == ["doing", "blocked", "done", "todo"])
        #expect(try db.store.read { try $0.record(.task, id: task) }?["status"] == .text("todo"))
    }
}
