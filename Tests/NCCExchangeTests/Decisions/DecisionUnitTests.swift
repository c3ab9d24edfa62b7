import Foundation
import NCCModel
import NCCStore
import Testing

@Suite struct FractionTests {
    @Test(arguments: [
        ("2/3", 2, 3), (" 2 / 3 ", 2, 3), ("0.6", 6, 10), (".6", 6, 10), ("60%", 60, 100), ("66.7%", 667, 1000),
        ("1", 1, 1), ("1/1", 1, 1), ("0.000001", 1, 1_000_000), ("3/4", 3, 4), ("100%", 100, 100),
    ])
    func aShareIsParsedExactly(text: String, numerator: Int, denominator: Int) throws {
        let fraction = try #require(Fraction(text))
        #expect(fraction.numerator == numerator && fraction.denominator == denominator)
        #expect(fraction.description == "\(numerator)/\(denominator)")
    }

    @Test(arguments: [
        "", " ", "0", "0/3", "0%", "0.0", "4/3", "1.5", "101%", "2/0", "-1/3", "1/-3", "abc", "2/3/4", "1/", "/3",
        "0.1234567", "½", "٠.٦", "6O%", "60%%", "9223372036854775807.5", "9223372036854775807%",
        "99999999999999999999/3",
    ])
    func anythingElseIsNoShare(text: String) {
        #expect(Fraction(text) == nil, "'\(text)' parsed as \(Fraction(text).map(\.description) ?? "")")
    }

    @Test func aShareIsReachedInWholeNumbers() throws {
        let twoThirds = try #require(Fraction("2/3"))
        #expect(twoThirds.isReached(by: 2, of: 3) && twoThirds.isReached(by: 4, of: 6))
        #expect(!twoThirds.isReached(by: 3, of: 5) && !twoThirds.isReached(by: 0, of: 0))
        #expect(!twoThirds.isReached(by: 666_666, of: 1_000_000) && twoThirds.isReached(by: 666_667, of: 1_000_000))
        let sixty = try #require(Fraction("60%"))
        #expect(sixty.isReached(by: 3, of: 5) && !sixty.isReached(by: 5, of: 9))
        #expect(try #require(Fraction("0.6")) == Fraction("6/10"))
        #expect(try #require(Fraction("1")).isReached(by: 7, of: 7) && !Fraction("1")!.isReached(by: 6, of: 7))
        // A share of huge numbers (a peer's, or typed) is compared without overflowing.
        let tiny = try #require(Fraction("1/9223372036854775807"))
        #expect(tiny.isReached(by: 1, of: 1000) && !tiny.isReached(by: 0, of: 1000))
        let almostAll = try #require(Fraction("9223372036854775806/9223372036854775807"))
        #expect(almostAll.isReached(by: 1000, of: 1000) && !almostAll.isReached(by: 999, of: 1000))
    }
}

/// What casting, binding and closing refuse, through a real database.
@Suite struct DecisionRefusalTests {
    let database: TestDatabase
    let person: String
    let now = "2026-03-02T09:00:00Z"

    init() throws {
        database = try TestDatabase()
        person = try database.store.write { try $0.create(.person, [Fields.Person.name: .text("Ana Novak")]) }
    }

    func propose(_ values: [FieldName: Value]) throws -> String {
        var all: [FieldName: Value] = [Fields.Proposal.title: .text("Shared calendar")]
        all.merge(values) { $1 }
        return try database.store.write { try $0.create(.proposal, all) }
    }

    func vote(_ proposal: String, _ choice: String, reason: String = "", now: String? = nil) throws -> String {
        try database.store.write { try $0.cast(on: proposal, choice: choice, reason: reason, now: now ?? self.now) }
    }

    func bind() throws { try database.store.write { _ = try $0.bind(person: person) } }

    @Test func votingWithoutABindingIsRefused() throws {
        let proposal = try propose([:])
        #expect(throws: DecisionError.speaksForNoOne) { try vote(proposal, "yes") }
        #expect(try database.store.read { try $0.castBallots(on: proposal) }.isEmpty)
        try bind()
        #expect(try database.store.read { try $0.speaker(of: database.store.replicaID) }?.person == person)
        let ballot = try vote(proposal, "YES")
        #expect(try database.store.read { try $0.castBallots(on: proposal) }.map(\.choice) == ["yes"])
        #expect(try database.store.read { try $0.tally(of: proposal, now: now) }.line(ballot)?.counted == true)
    }

    @Test func bindingToNoOneKnownIsRefusedAndBindingTwiceMakesNothing() throws {
        #expect(throws: StoreError.self) { try database.store.write { _ = try $0.bind(person: "no-such-person") } }
        try bind()
        try bind()
        let bindings = try database.store.read { try $0.speakers()[database.store.replicaID] ?? [] }
        #expect(bindings.count == 1)
    }

    @Test func votingOnAClosedProposalIsRefused() throws {
        try bind()
        let proposal = try propose([:])
        try vote(proposal, "yes")
        try database.store.write { _ = try $0.close(proposal, now: now) }
        #expect(throws: DecisionError.closed(title: "Shared calendar", at: now)) { try vote(proposal, "yes") }
        #expect(throws: DecisionError.closed(title: "Shared calendar", at: now)) {
            try database.store.write { _ = try $0.close(proposal, now: now) }
        }
        // Past its closing time, even while its status still says open.
        let due = try propose([Fields.Proposal.closes: .text("2026-03-01T12:00:00Z")])
        #expect(throws: DecisionError.closed(title: "Shared calendar", at: "2026-03-01T12:00:00Z")) {
            try vote(due, "yes")
        }
        #expect(try vote(due, "yes", now: "2026-03-01T12:00:00Z").isEmpty == false)
        let draft = try propose([Fields.Proposal.status: .text("draft")])
        #expect(throws: DecisionError.draft(title: "Shared calendar")) { try vote(draft, "yes") }
        let later = try propose([Fields.Proposal.opens: .text("2026-03-03T09:00:00Z")])
        #expect(throws: DecisionError.notOpenYet(title: "Shared calendar", opens: "2026-03-03T09:00:00Z")) {
            try vote(later, "yes")
        }
    }

    @Test func anObjectionNeedsItsReason() throws {
        try bind()
        let proposal = try propose([:])
        #expect(throws: DecisionError.objectionWithoutReason) { try vote(proposal, "object") }
        #expect(throws: DecisionError.objectionWithoutReason) { try vote(proposal, "Object", reason: "  \n ") }
        let ballot = try vote(proposal, "object", reason: "  Not this year  ")
        let cast = try database.store.read { try $0.castBallots(on: proposal) }
        #expect(cast.map(\.record) == [ballot] && cast[0].reason == "Not this year" && cast[0].choice == "object")
    }

    @Test func aChoiceThatIsNotOneIsRefused() throws {
        try bind()
        let majority = try propose([Fields.Proposal.process: .text("majority")])
        #expect(throws: DecisionError.notAChoice(typed: "maybe", choices: ["yes", "no", "abstain"])) {
            try vote(majority, "maybe")
        }
        #expect(throws: DecisionError.notAChoice(typed: "object", choices: ["yes", "no", "abstain"])) {
            try vote(majority, "object", reason: "No")
        }
        #expect(throws: DecisionError.self) { try vote(majority, " ; ") }
        #expect(throws: DecisionError.oneChoiceOnly) { try vote(majority, "yes;no") }
        let poll = try propose([
            Fields.Proposal.process: .text("poll"), Fields.Proposal.options: .list(["Ljubljana", "Vilnius"]),
        ])
        #expect(throws: DecisionError.notAChoice(typed: "Kaunas", choices: ["Ljubljana", "Vilnius", "abstain"])) {
            try vote(poll, "Vilnius;Kaunas")
        }
        #expect(throws: DecisionError.oneChoiceOnly) { try vote(poll, "abstain; Vilnius") }
        try vote(poll, "vilnius; LJUBLJANA; Vilnius")
        #expect(try database.store.read { try $0.castBallots(on: poll) }.map(\.choice) == ["Vilnius;Ljubljana"])
        #expect(try database.store.read { try $0.castBallots(on: majority) }.isEmpty)
    }

    @Test func aBallotOrABindingWrittenAsARecordIsRefused() throws {
        try bind()
        let proposal = try propose([:])
        #expect(throws: DecisionError.castOnly(.ballot)) {
            try database.store.write { w in
                try w.create(.ballot, [Fields.Ballot.proposal: .text(proposal), Fields.Ballot.choice: .text("yes")])
            }
        }
        #expect(throws: DecisionError.castOnly(.replicaBinding)) {
            try database.store.write { w in
                try w.create(
                    .replicaBinding,
                    [
                        Fields.ReplicaBinding.replica: .text(database.store.replicaID),
                        Fields.ReplicaBinding.person: .text(person),
                    ])
            }
        }
        let ballot = try vote(proposal, "yes")
        #expect(throws: DecisionError.castOnly(.ballot)) {
            try database.store.write { try $0.update(.ballot, id: ballot, [Fields.Ballot.choice: .text("object")]) }
        }
        #expect(try database.store.read { try $0.castBallots(on: proposal) }.map(\.choice) == ["yes"])
    }
}
