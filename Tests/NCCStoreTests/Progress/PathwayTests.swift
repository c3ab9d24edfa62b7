import Foundation
import NCCModel
import NCCStore
import Testing

/// A peer group's mutual-learning pathway: its steps and every group's, in order, each taken by
/// a step-done record or by attending the step's meeting.
@Suite struct PathwayTests {
    typealias F = AssessmentFixture

    struct World {
        var lietuva: String, slovenija: String, malta: String
        var kickOff: String, clinic: String, lab: String, exchange: String
        var done: String, attendance: String
    }

    /// Kick-off (every group, position 1, at the Vilnius meeting), the mapping clinic (group 1,
    /// position 2), the scaling lab (group 2, position 2), a peer exchange (group 1, position 3).
    /// Lietuva (group 1) marked the clinic done; a person of Slovenija's (group 2) was in Vilnius;
    /// Malta is in no group.
    func world(_ db: TestDatabase) throws -> World {
        try db.store.write { w in
            let lietuva = try F.centre(w, "NCC Lietuva", "LT", group: 1)
            let slovenija = try F.centre(w, "NCC Slovenija", "SI", group: 2)
            let malta = try F.centre(w, "NCC Malta", "MT")
            let vilnius = try w.create(
                .meeting,
                [
                    Fields.Meeting.title: .text("Kick-off in Vilnius"),
                    Fields.Meeting.start: .text("2025-04-01T09:00:00Z"),
                ])
            let step = { (title: String, group: Int, position: Int, meeting: String?) -> String in
                var values: [FieldName: Value] = [
                    Fields.PathwayStep.title: .text(title), Fields.PathwayStep.peerGroup: .int(group),
                    Fields.PathwayStep.position: .int(position),
                ]
                if let meeting { values[Fields.PathwayStep.meeting] = .text(meeting) }
                return try w.create(.pathwayStep, values)
            }
            // Made out of order: the pathway is ordered by position.
            let exchange = try step("Peer exchange with a mentor centre", 1, 3, nil)
            let lab = try step("Scaling lab", 2, 2, nil)
            let clinic = try step("Mapping clinic", 1, 2, nil)
            let kickOff = try step("Kick-off", 0, 1, vilnius)
            let done = try w.create(
                .stepDone,
                [
                    Fields.StepDone.step: .text(clinic), Fields.StepDone.centre: .text(lietuva),
                    Fields.StepDone.date: .text("2025-05-02"),
                ])
            let organisation = try w.create(
                .organisation,
                [
                    Fields.Organisation.name: .text("Center za socialne inovacije"),
                    Fields.Organisation.centre: .text(slovenija),
                ])
            let person = try w.create(
                .person, [Fields.Person.name: .text("Žiga Kovač"), Fields.Person.organisation: .text(organisation)])
            let attendance = try w.create(
                .attendance, [Fields.Attendance.meeting: .text(vilnius), Fields.Attendance.person: .text(person)])
            return World(
                lietuva: lietuva, slovenija: slovenija, malta: malta, kickOff: kickOff, clinic: clinic, lab: lab,
                exchange: exchange, done: done, attendance: attendance)
        }
    }

    @Test func aGroupsPathwayHasItsStepsAndEveryGroupsByPosition() throws {
        let db = try TestDatabase()
        let world = try world(db)
        let one = try db.store.read { try $0.pathway(group: 1) }
        #expect(one.map(\.step.id) == [world.kickOff, world.clinic, world.exchange])
        #expect(one.map(\.doneBy) == [[world.slovenija], [world.lietuva], []])
        let two = try db.store.read { try $0.pathway(group: 2) }
        #expect(two.map(\.step.id) == [world.kickOff, world.lab])
        #expect(try db.store.read { try $0.pathway(group: 0) }.map(\.step.id) == [world.kickOff])
    }

    @Test func aStepIsDoneByARecordOrByAttendingItsMeeting() throws {
        let db = try TestDatabase()
        let world = try world(db)
        let lietuva = try db.store.read { try $0.pathwayProgress(of: world.lietuva) }
        #expect(lietuva.group == 1 && lietuva.done == 1 && lietuva.total == 3)
        #expect(lietuva.steps.map(\.done) == [false, true, false])
        #expect(lietuva.steps[1].recorded && !lietuva.steps[1].attended)

        let slovenija = try db.store.read { try $0.pathwayProgress(of: world.slovenija) }
        #expect(slovenija.group == 2 && slovenija.done == 1 && slovenija.total == 2)
        #expect(slovenija.steps[0].step.id == world.kickOff)
        #expect(slovenija.steps[0].attended && !slovenija.steps[0].recorded)

        // In no group: only the steps of every group apply.
        let malta = try db.store.read { try $0.pathwayProgress(of: world.malta) }
        #expect(malta.group == nil && malta.steps.map(\.step.id) == [world.kickOff] && malta.done == 0)

        // Taken back: the record deleted, the attendance deleted.
        try db.store.write { w in
            try w.delete(.stepDone, id: world.done)
            try w.delete(.attendance, id: world.attendance)
        }
        #expect(try db.store.read { try $0.pathway(group: 1) }.allSatisfy(\.doneBy.isEmpty))
        #expect(try db.store.read { try $0.pathwayProgress(of: world.lietuva) }.done == 0)
        #expect(throws: StoreError.self) { try db.store.read { try $0.pathwayProgress(of: "no-such-centre") } }
    }
}
