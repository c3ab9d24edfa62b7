import Foundation
import NCCModel
import Testing

@testable import NCCExchange
// `madeHere`, and the memberwise initialisers of ballots for the pure tally.
@testable import NCCStore

/// Each process's rule at its edges, through real databases that exchange bundles: replica n
/// speaks for person n of `Assembly.people` unless a test binds it otherwise.
@Suite struct DecisionRuleTests {
    func assembly(_ count: Int) throws -> Assembly {
        let assembly = try Assembly(count: count)
        for n in assembly.indices { try assembly.bind(n, to: assembly.directory[n]) }
        return assembly
    }

    /// The proposal (made at replica 0) spread, each vote cast in turn a second apart, everything
    /// spread, replica 0 closes it, and everything spread again: every replica's tally, which
    /// must be one and the same; and the decision's text.
    func decide(_ assembly: Assembly, _ proposal: String, _ votes: [(Int, String)]) throws -> (Tally, String) {
        try assembly.spreadEverything()
        for (n, choice) in votes {
            assembly.clock.advance(seconds: 1)
            try assembly.vote(n, on: proposal, choice, reason: choice == "object" ? "Not yet" : "")
        }
        try assembly.spreadEverything()
        assembly.clock.advance(seconds: 1)
        let decision = try assembly[0].store.write { try $0.close(proposal, now: assembly.clock.now) }
        try assembly.spreadEverything()
        let tallies = try assembly.indices.map { try assembly.tally(proposal, at: $0) }
        for tally in tallies.dropFirst() { #expect(tally == tallies[0]) }
        let text = try #require(try assembly[1].store.read { try $0.record(.decision, id: decision) })
        return (tallies[0], text[Fields.Decision.text.name].text ?? "")
    }

    @Test func aQuorumIsMetAtExactlyItsNumberAbstentionsIncluded() throws {
        let assembly = try assembly(3)
        let met = try assembly.propose(at: 0, "Three voters", process: .majority, quorum: 3)
        let (tally, decision) = try decide(assembly, met, [(0, "yes"), (1, "yes"), (2, "abstain")])
        #expect(tally.outcome == .adopted && tally.participants == 3 && tally.quorumMet)
        #expect(tally.votes(for: "abstain") == 1 && tally.summary == "adopted (2 yes, 1 abstain)")
        #expect(decision == "Three voters: adopted (2 yes, 1 abstain)")

        let short = try assembly.propose(at: 0, "Two voters", process: .majority, quorum: 3)
        let (shortTally, shortDecision) = try decide(assembly, short, [(0, "yes"), (1, "yes")])
        #expect(shortTally.outcome == .noQuorum && shortTally.participants == 2 && !shortTally.quorumMet)
        #expect(shortDecision == "Two voters: no quorum (2 of 3)")
    }

    @Test func aThresholdIsReachedAtExactlyItsShare() throws {
        let assembly = try assembly(5)
        let twoOfThree = try assembly.propose(at: 0, "Two of three", process: .majority, threshold: "2/3")
        let (reached, _) = try decide(assembly, twoOfThree, [(0, "yes"), (1, "yes"), (2, "no")])
        #expect(reached.outcome == .adopted && reached.votes(for: "yes") == 2 && reached.votes(for: "no") == 1)

        let threeOfFive = try assembly.propose(at: 0, "Three of five", process: .majority, threshold: "2/3")
        let fiveVotes = [(0, "yes"), (1, "yes"), (2, "yes"), (3, "no"), (4, "no")]
        let (short, _) = try decide(assembly, threeOfFive, fiveVotes)
        #expect(short.outcome == .rejected && short.votes(for: "yes") == 3 && short.votes(for: "no") == 2)

        // The same five ballots reach 60% exactly; abstentions are outside the share.
        let sixty = try assembly.propose(at: 0, "Sixty per cent", process: .majority, threshold: "60%")
        let (exact, _) = try decide(assembly, sixty, [(0, "yes"), (1, "yes"), (2, "yes"), (3, "no"), (4, "no")])
        #expect(exact.outcome == .adopted && exact.terms.threshold?.description == "60/100")
        let abstaining = try assembly.propose(at: 0, "With abstentions", process: .majority, threshold: "0.6")
        let (withAbstentions, _) = try decide(
            assembly, abstaining, [(0, "yes"), (1, "yes"), (2, "abstain"), (3, "no"), (4, "abstain")])
        #expect(withAbstentions.outcome == .adopted && withAbstentions.participants == 5)
    }

    @Test func equalVotesTie() throws {
        let assembly = try assembly(3)
        let majority = try assembly.propose(at: 0, "One each", process: .majority)
        let (tie, decision) = try decide(assembly, majority, [(0, "yes"), (1, "no"), (2, "abstain")])
        #expect(tie.outcome == .tie && decision == "One each: tie (1 yes, 1 no, 1 abstain)")

        let poll = try assembly.propose(
            at: 0, "Where", process: .poll, options: ["Ljubljana", "Vilnius", "Tallinn"])
        let (pollTie, pollDecision) = try decide(assembly, poll, [(0, "Ljubljana"), (1, "vilnius"), (2, "abstain")])
        #expect(pollTie.outcome == .tie && pollTie.winners == ["Ljubljana", "Vilnius"])
        #expect(pollDecision == "Where: tie: Ljubljana, Vilnius (1 each)")

        // Several options on one ballot: each gets the vote, and one comes out ahead.
        let several = try assembly.propose(at: 0, "Where else", process: .poll, options: ["Ljubljana", "Vilnius"])
        let (chosen, chosenDecision) = try decide(assembly, several, [(0, "Ljubljana; Vilnius"), (1, "Ljubljana")])
        #expect(chosen.outcome == .adopted && chosen.winners == ["Ljubljana"])
        #expect(chosen.votes(for: "Vilnius") == 1 && chosenDecision == "Where else: chosen: Ljubljana (2 of 2)")
    }

    @Test func anObjectionWithdrawnNoLongerBlocksConsent() throws {
        let assembly = try assembly(3)
        let proposal = try assembly.propose(at: 0, "Budget", process: .consent)
        try assembly.spreadEverything()
        try assembly.vote(0, on: proposal, "yes")
        assembly.clock.advance(seconds: 1)
        let objection = try assembly.vote(1, on: proposal, "object", reason: "Not in this year's budget")
        try assembly.send(from: 1, to: 2)
        #expect(try assembly.tally(proposal, at: 2).standing == .rejected)
        let (tally, decision) = try decide(assembly, proposal, [(1, "yes")])
        #expect(tally.outcome == .adopted && decision == "Budget: adopted (2 yes)")
        let line = try #require(tally.line(objection))
        #expect(!line.counted && line.why == "replaced by a later ballot" && line.ballot.reason.contains("budget"))

        // An objection that stands blocks it.
        let other = try assembly.propose(at: 0, "Budget again", process: .consent)
        let (blocked, _) = try decide(assembly, other, [(0, "yes"), (1, "object"), (2, "abstain")])
        #expect(blocked.outcome == .rejected && blocked.votes(for: "object") == 1)
    }

    @Test func aVoteChangedAfterTheCloseIsShownNotCounted() throws {
        let assembly = try assembly(3)
        let proposal = try assembly.propose(at: 0, "Newsletter", process: .consent, closes: "2030-01-01T00:00:00Z")
        try assembly.spreadEverything()
        let first = try assembly.vote(1, on: proposal, "yes")
        try assembly.vote(2, on: proposal, "yes")
        try assembly.spreadEverything()
        assembly.clock.advance(seconds: 1)
        let closedAt = assembly.clock.now
        try assembly[0].store.write { _ = try $0.close(proposal, now: closedAt) }
        // Replica 1 has not heard of the close: its change of mind is cast, and counts there for now.
        assembly.clock.advance(seconds: 5)
        let late = try assembly.vote(1, on: proposal, "object", reason: "Changed my mind")
        #expect(try assembly.tally(proposal, at: 1).standing == .rejected)
        try assembly.spreadEverything()
        let tallies = try assembly.indices.map { try assembly.tally(proposal, at: $0) }
        for tally in tallies {
            #expect(tally == tallies[0])
            #expect(tally.outcome == .adopted && tally.terms.closes == closedAt && tally.votes(for: "yes") == 2)
            let line = try #require(tally.line(late))
            #expect(!line.counted && line.why == "cast after the close")
            #expect(try #require(tally.line(first)).counted)
        }
        #expect(try assembly.proposal(proposal, at: 2)?[Fields.Proposal.outcome.name].text == "adopted (2 yes)")
        // Now it knows.
        #expect(throws: DecisionError.closed(title: "Newsletter", at: closedAt)) {
            try assembly.vote(1, on: proposal, "yes")
        }
    }

    @Test func aCentreVotesOnceByItsLatestDelegatesBallot() throws {
        let assembly = try Assembly(count: 4)
        // Ana and Bojan are delegates of NCC Slovenija (two organisations of it), Eglė of NCC
        // Lietuva; Lea's organisation belongs to no centre.
        let people = ["Ana Novak", "Bojan Kralj", "Eglė Jonaitė", "Lea Field"].map(assembly.person(named:))
        #expect(people[0].centre == people[1].centre && people[0].centre != people[2].centre)
        for n in assembly.indices { try assembly.bind(n, to: people[n]) }
        let proposal = try assembly.propose(at: 0, "Joint bid", process: .majority, electorate: .centres)
        let byMembers = try assembly.propose(at: 0, "Joint bid, by members", process: .majority)
        let votes = [(0, "yes"), (1, "no"), (2, "yes"), (3, "yes")]
        let (tally, _) = try decide(assembly, proposal, votes)
        #expect(tally.outcome == .tie && tally.participants == 2)
        #expect(tally.votes(for: "yes") == 1 && tally.votes(for: "no") == 1)
        let lines = tally.lines
        #expect(lines.map(\.voter?.person) == people.map(\.id))
        #expect(!lines[0].counted && lines[0].why == "replaced by a later ballot for NCC Slovenija")
        #expect(lines[0].votesFor == people[0].centre && lines[1].votesFor == people[0].centre)
        #expect(lines[1].counted && lines[2].counted && lines[2].votesFor == people[2].centre)
        #expect(!lines[3].counted && lines[3].why == "Lea Field belongs to no centre")

        // The same ballots by members: one each, all four counted.
        let (members, _) = try decide(assembly, byMembers, votes)
        #expect(members.outcome == .adopted && members.participants == 4 && members.lines.allSatisfy(\.counted))
    }

    @Test func aChoiceThatIsNotOneIsRefusedAndNotCountedFromAnotherProgram() throws {
        let assembly = try assembly(2)
        let poll = try assembly.propose(at: 0, "Venue", process: .poll, options: ["Ljubljana", "Vilnius"])
        try assembly.spreadEverything()
        #expect(throws: DecisionError.notAChoice(typed: "Kaunas", choices: ["Ljubljana", "Vilnius", "abstain"])) {
            try assembly.vote(1, on: poll, "Kaunas")
        }
        #expect(throws: DecisionError.oneChoiceOnly) { try assembly.vote(1, on: poll, "Vilnius;abstain") }
        let valid = try assembly.vote(1, on: poll, "Vilnius")
        assembly.clock.advance(seconds: 1)
        // A program other than ncc casts what ncc refuses: shown, not counted, and the earlier
        // ballot stands.
        var strays: [String] = []
        for choice in ["Kaunas", "Vilnius;abstain", "Vilnius;Vilnius"] {
            strays.append(
                try assembly[1].store.write { w in
                    try w.madeHere {
                        try w.create(
                            .ballot, [Fields.Ballot.proposal: .text(poll), Fields.Ballot.choice: .text(choice)])
                    }
                })
        }
        try assembly.vote(0, on: poll, "Ljubljana")
        try assembly.send(from: 1, to: 0)
        let tally = try assembly.tally(poll, at: 0)
        #expect(try #require(tally.line(valid)).counted)
        for stray in strays {
            let line = try #require(tally.line(stray))
            #expect(!line.counted && line.why == "'\(line.ballot.choice)' is not a choice of this proposal")
        }
        #expect(tally.votes(for: "Vilnius") == 1 && tally.votes(for: "Ljubljana") == 1 && tally.standing == .tie)
    }
}

/// The tally as a pure function, at edges a store would not let a ballot reach.
@Suite struct TallyCountTests {
    static let start: UInt64 = 1_772_442_000_000

    static func terms(_ values: [String: Value]) -> ProposalTerms {
        var all: [String: Value] = ["title": .text("Pure"), "status": .text("open")]
        all.merge(values) { $1 }
        return ProposalTerms(Record(kind: .proposal, id: "p1", values: all))
    }

    /// A ballot of `person` (one replica each), `seconds` after the start.
    static func ballot(_ person: String, _ choice: String, at seconds: UInt64, centre: String? = nil) -> TallyBallot {
        let stamp = Stamp(clock: (start + seconds * 1000) << 16, replica: "replica-\(person)")
        return TallyBallot(
            ballot: CastBallot(
                record: "\(person)-\(seconds)", replica: stamp.replica, stamp: stamp, choice: choice, reason: ""),
            voter: Voter(person: person, name: person, centre: centre, centreName: centre))
    }

    static func at(_ seconds: UInt64) -> String { Dates.utc(milliseconds: start + seconds * 1000) }

    @Test func aBallotAtTheClosingSecondCountsOneSecondLaterDoesNot() {
        let terms = Self.terms(["process": .text("majority"), "closes": .text(Self.at(10))])
        let ballots = [Self.ballot("ana", "yes", at: 10), Self.ballot("egle", "no", at: 11)]
        let open = Tally.count(terms, ballots: ballots, now: Self.at(10))
        #expect(open.status == .open && open.outcome == .open && open.standing == .adopted)
        let closed = Tally.count(terms, ballots: ballots, now: Self.at(12))
        #expect(closed.status == .closed && closed.outcome == .adopted)
        #expect(closed.lines.map(\.counted) == [true, false] && closed.lines[1].why == "cast after the close")
    }

    @Test func draftsAndBallotsBeforeTheOpeningAreNotCounted() {
        let ballots = [Self.ballot("ana", "yes", at: 1), Self.ballot("egle", "yes", at: 5)]
        let draft = Tally.count(Self.terms(["status": .text("draft")]), ballots: ballots, now: Self.at(6))
        #expect(draft.outcome == .open && draft.standing == .open && draft.participants == 0)
        #expect(draft.lines.allSatisfy { !$0.counted && $0.why == "the proposal is a draft" })
        let opens = Tally.count(Self.terms(["opens": .text(Self.at(3))]), ballots: ballots, now: Self.at(6))
        #expect(opens.lines.map(\.why) == ["cast before the proposal opened", ""] && opens.participants == 1)
    }

    @Test func theOrderBallotsArriveInChangesNothing() {
        let terms = Self.terms(["process": .text("poll"), "options": .list(["A", "B", "C"]), "quorum": .int(2)])
        let ballots = [
            Self.ballot("ana", "A", at: 1), Self.ballot("egle", "B;C", at: 2), Self.ballot("ana", "C", at: 3),
            Self.ballot("bojan", "abstain", at: 4), Self.ballot("egle", "B", at: 4),
        ]
        let tally = Tally.count(terms, ballots: ballots, now: Self.at(9))
        #expect(tally.votes(for: "C") == 1 && tally.votes(for: "B") == 1 && tally.votes(for: "A") == 0)
        #expect(tally.standing == .tie && tally.winners == ["B", "C"] && tally.participants == 3)
        var random = SeededGenerator(state: 7)
        for _ in 0..<20 {
            #expect(Tally.count(terms, ballots: ballots.shuffled(using: &random), now: Self.at(9)) == tally)
        }
    }

    @Test func aPollBallotThatNamesAnOptionTwiceIsNotCountedTwice() {
        let terms = Self.terms(["process": .text("poll"), "options": .list(["Ljubljana", "Vilnius"])])
        let tally = Tally.count(
            terms,
            ballots: [Self.ballot("ana", "Ljubljana;Ljubljana", at: 1), Self.ballot("egle", "Vilnius", at: 2)],
            now: Self.at(3))
        #expect(tally.votes(for: "Ljubljana") == 0, "one ballot gave Ljubljana \(tally.votes(for: "Ljubljana"))")
        #expect(
            !tally.lines[0].counted && tally.lines[0].why == "'Ljubljana;Ljubljana' is not a choice of this proposal")
        #expect(tally.standing == .adopted && tally.winners == ["Vilnius"] && tally.participants == 1)
    }

    @Test func aMajorityWithoutBallotsTiesAndWithAThresholdIsRejected() {
        let none = Tally.count(Self.terms(["process": .text("majority")]), ballots: [], now: Self.at(1))
        #expect(none.standing == .tie && none.summary == "no ballots yet")
        let closed = Tally.count(
            Self.terms(["process": .text("majority"), "status": .text("closed")]), ballots: [], now: Self.at(1))
        #expect(closed.outcome == .tie && closed.summary == "tie (no ballots)")
        let abstained = Tally.count(
            Self.terms(["process": .text("majority"), "threshold": .text("1/2")]),
            ballots: [Self.ballot("ana", "abstain", at: 1)], now: Self.at(2))
        #expect(abstained.standing == .rejected && abstained.participants == 1)
    }
}
