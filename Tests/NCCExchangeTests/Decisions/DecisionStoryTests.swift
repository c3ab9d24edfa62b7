import Foundation
import NCCModel
import Testing

@testable import NCCExchange
// `madeHere`: what a program other than ncc could write in its own name.
@testable import NCCStore

/// Ballots that are not what they claim: one forged by a relay in another member's name, one
/// cast by a replica that speaks for no one.
@Suite struct DecisionStoryTests {
    /// A, B and C trust one another and each speaks for someone; A proposed, B voted yes.
    func group() throws -> (Members, proposal: String, ballot: String) {
        let members = try Members(["A", "B", "C"])
        let directory = try members["A"].store.write { try Assembly.makeDirectory($0) }
        try members.meet()
        for (name, n) in [("A", 0), ("B", 1), ("C", 2)] {
            try members[name].store.write { _ = try $0.bind(person: directory[n].id) }
        }
        let proposal = try members["A"].store.write { w in
            try w.create(
                .proposal,
                [Fields.Proposal.title: .text("Meet in Vilnius"), Fields.Proposal.process: .text("consent")])
        }
        try members.meet()
        let ballot = try members["B"].store.write { try $0.cast(on: proposal, choice: "yes", now: Dates.nowUTC()) }
        // A holds B's ballot, so A's bundles carry B's operations.
        try members.deliver(try members.bundle(from: "B"), to: "A")
        return (members, proposal, ballot)
    }

    func tally(_ proposal: String, at name: String, _ members: Members) throws -> Tally {
        try members[name].store.read { try $0.tally(of: proposal, now: Dates.nowUTC()) }
    }

    @Test func aBallotForgedInAnotherMembersNameIsRefusedAndNotCounted() throws {
        let (members, proposal, ballot) = try group()
        let b = members["B"].replica
        var opened = try members.open(try members.bundle(from: "A"))
        let bLines = opened.lines.filter { Members.field($0, "replica") as? String == b }
        let real = try #require(bLines.first { Members.field($0, "kind") as? String == "ballot" })
        let seq = bLines.compactMap { Members.field($0, "seq") as? Int }.max()! + 1
        let stamp = Stamp(clock: HybridClock.wallClock() + (1 << 16), replica: b).description
        // B's ballot as B would cast it, one number on: an objection that blocks the consent.
        opened.lines.append(
            try Members.edit(real) { line in
                line["seq"] = seq
                line["stamp"] = stamp
                line["record"] = UUIDs.random()
                line["prev"] = [:] as [String: String]
                line["fields"] = [
                    "proposal": proposal, "choice": "object", "reason": "forged by A", "deleted": false,
                ]
            })
        let refusal = try members.refusal(try members.resign(opened, by: "A"), at: "C")
        #expect(refusal.contains("operation \(seq) of replica \(b)"), "\(refusal)")
        #expect(refusal.contains("past") && !refusal.contains("\n"), "\(refusal)")

        // B's real ballot altered in A's bundle: refused as well.
        var altered = try members.open(try members.bundle(from: "A"))
        let index = try #require(altered.lines.firstIndex(of: real))
        altered.lines[index] = real.replacingOccurrences(of: "\"yes\"", with: "\"object\"")
        #expect(altered.lines[index] != real)
        let alteredRefusal = try members.refusal(try members.resign(altered, by: "A"), at: "C")
        #expect(alteredRefusal.contains("of replica \(b) do not match"), "\(alteredRefusal)")

        // C counts what B really cast, once B's own bundle (or an honest relay) brings it.
        let before = try tally(proposal, at: "C", members)
        #expect(before.lines.isEmpty && before.standing == .adopted)
        try members.deliver(try members.bundle(from: "A"), to: "C")
        let after = try tally(proposal, at: "C", members)
        #expect(after.lines.map(\.ballot.record) == [ballot])
        #expect(after.lines.allSatisfy { $0.counted && $0.ballot.choice == "yes" })
        #expect(after.votes(for: "object") == 0 && after.standing == .adopted)
    }

    @Test func aBallotOfAReplicaThatSpeaksForNoOneIsShownNotCounted() throws {
        let assembly = try Assembly(count: 3)
        try assembly.bind(0, to: assembly.directory[0])
        let proposal = try assembly.propose(at: 0, "Shared calendar", process: .majority)
        try assembly.send(from: 0, to: 2)
        #expect(throws: DecisionError.speaksForNoOne) { try assembly.vote(2, on: proposal, "yes") }
        // Replica 2 binds itself to no one; replica 0 says, in its own name, that 2 speaks for
        // Eglė: no binding, since only a replica speaks for itself. A program other than ncc
        // casts 2's ballot anyway.
        try assembly[0].store.write { w in
            try w.madeHere {
                _ = try w.create(
                    .replicaBinding,
                    [
                        Fields.ReplicaBinding.replica: .text(assembly[2].replica),
                        Fields.ReplicaBinding.person: .text(assembly.directory[1].id),
                    ])
            }
        }
        try assembly.vote(0, on: proposal, "no")
        let ballot = try assembly[2].store.write { w in
            try w.madeHere {
                try w.create(.ballot, [Fields.Ballot.proposal: .text(proposal), Fields.Ballot.choice: .text("yes")])
            }
        }
        try assembly.send(from: 0, to: 1)
        try assembly.send(from: 2, to: 1)
        let tally = try assembly.tally(proposal, at: 1)
        let line = try #require(tally.line(ballot))
        #expect(!line.counted && line.voter == nil)
        #expect(line.why == "replica \(assembly[2].replica) speaks for no one")
        #expect(line.why.hasSuffix("speaks for no one"))
        #expect(tally.votes(for: "yes") == 0 && tally.votes(for: "no") == 1 && tally.participants == 1)
        #expect(tally.standing == .rejected)
        #expect(try assembly[1].store.read { try $0.speaker(of: assembly[2].replica) } == nil)
    }
}
