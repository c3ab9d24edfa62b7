import Crypto
import Foundation
import NCCModel
import NCCStore

/// The demo's decisions: three proposals of the working group and the ballots of members of
/// several centres. Each member votes from a replica of their own, invented for the demo, whose
/// operations are chained and whose checkpoint is signed with a key made from the seed (and
/// thrown away), as a real member's bundle would bring them; this replica speaks for one of
/// them too, and has not voted on the open poll yet.
struct DemoDecisions {
    let writer: StoreWriter
    var random: SeededRandom
    let today: String

    /// An invented member's replica: its key, its operations so far and its chain's tip.
    private struct Member {
        var replica: String
        var key: Curve25519.Signing.PrivateKey
        var person: String
        var seq = 0
        var chain: Chain.Hash
        var counter: UInt64 = 0
    }

    private var members: [Member] = []
    private var idSequence: UInt64 = 0
    private var pending: [(member: Int, day: Int, values: [FieldName: Value])] = []

    init(writer: StoreWriter, seed: UInt64, today: String) {
        self.writer = writer
        self.random = SeededRandom(seed: seed ^ 0xDEC1_5105)
        self.today = today
    }

    mutating func add() throws {
        let voters = try peopleOfDistinctCentres(count: 6)
        guard voters.count >= 4 else { return }
        try writer.bind(person: voters[0], id: nextID())
        for person in voters.dropFirst() { try addMember(speakingFor: person) }
        let meetings = try writer.reader.list(.meeting, limit: 10)
        let workshop = meetings.first { $0[Fields.Meeting.title.name].text == "Mutual learning workshop" }
        let area = try writer.reader.list(.workingArea, limit: 1).first

        // Adopted: ballots of four centres, one against, closed three weeks ago.
        let mapping = try writer.create(
            .proposal,
            [
                Fields.Proposal.title: .text("Adopt the European ecosystem mapping methodology"),
                Fields.Proposal.text: .text(
                    "Each centre maps its ecosystem with the shared methodology, so that maps can be compared across countries and the European map can be built from them."
                ),
                Fields.Proposal.process: .text("majority"), Fields.Proposal.electorate: .text("centres"),
                Fields.Proposal.quorum: .int(3), Fields.Proposal.threshold: .text("2/3"),
                Fields.Proposal.opens: .text(time(-40, hour: 9)), Fields.Proposal.closes: .text(time(-21, hour: 17)),
                Fields.Proposal.meeting: workshop.map { .text($0.id) } ?? .null,
                Fields.Proposal.workingArea: area.map { .text($0.id) } ?? .null,
            ], id: nextID())
        try cast(1, on: mapping, "yes", "We used it in our coastal communities; it travels well.", day: -30)
        try cast(2, on: mapping, "yes", "", day: -29)
        try cast(3, on: mapping, "no", "Too heavy for a centre of two people; we need a light version first.", day: -28)
        try cast(4, on: mapping, "yes", "With a light version for small centres.", day: -25)

        // Open: the venue of the next on-site event; one member changed their vote, and this
        // replica's person has not voted yet.
        let venue = try writer.create(
            .proposal,
            [
                Fields.Proposal.title: .text("Venue of the next on-site event"),
                Fields.Proposal.process: .text("poll"),
                Fields.Proposal.options: .list(["Ljubljana", "Vilnius", "Lisbon"]),
                Fields.Proposal.electorate: .text("members"), Fields.Proposal.closes: .text(time(14, hour: 17)),
            ], id: nextID())
        try cast(1, on: venue, "Vilnius", "", day: -3)
        try cast(2, on: venue, "Ljubljana", "Close to the Slovenian centre's living lab.", day: -2)
        try cast(1, on: venue, "Ljubljana", "Changed my mind: the living lab visit decides it.", day: -1)
        try cast(4, on: venue, "Lisbon", "", day: -1)

        // Closed without quorum: too few centres took part.
        let governance = try writer.create(
            .proposal,
            [
                Fields.Proposal.title: .text("A distributed governance model for the working group"),
                Fields.Proposal.text: .text(
                    "Decisions between meetings by consent of the centres, with the rules of this register; a DAO to be studied for later."
                ),
                Fields.Proposal.process: .text("consent"), Fields.Proposal.electorate: .text("centres"),
                Fields.Proposal.quorum: .int(5), Fields.Proposal.closes: .text(time(-5, hour: 17)),
            ], id: nextID())
        try cast(2, on: governance, "yes", "", day: -9)
        try cast(members.count, on: governance, "object", "A DAO needs a legal study first.", day: -8)

        // Each member's ballots in the order they cast them: a replica's numbers follow its clock.
        for ballot in pending.enumerated().sorted(by: { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }) {
            try make(ballot.element.member, .ballot, ballot.element.values, day: ballot.element.day)
        }
        // Each member's checkpoint, signed, as its last bundle would have carried it.
        for member in members {
            let message = Chain.checkpointMessage(replica: member.replica, seq: member.seq, chain: member.chain)
            try writer.saveCheckpoint(
                Checkpoint(
                    seq: member.seq, chain: member.chain,
                    signature: try member.key.signature(for: message).base64EncodedString()),
                of: member.replica)
        }
        try writer.close(
            mapping, now: Dates.nowUTC(), review: Dates.adding(days: 180, to: today),
            followUps: [
                "Write a light version of the mapping methodology for small centres", "Translate the mapping guide",
            ], ids: [nextID(), nextID(), nextID()])
        try writer.close(governance, now: Dates.nowUTC(), review: Dates.adding(days: 30, to: today), ids: [nextID()])
    }

    /// An id from the seed: the same demo gets the same ids.
    private mutating func nextID() -> String {
        idSequence += 1
        return random.uuid(sequence: UInt64(max(0, dayNumber(-60))) * 86_400_000 + idSequence)
    }

    /// People whose organisations belong to different centres, one each, in a seeded order.
    private mutating func peopleOfDistinctCentres(count: Int) throws -> [String] {
        var byCentre: [String: String] = [:]
        for person in try writer.reader.list(.person, limit: 500) {
            guard let organisation = person[Fields.Person.organisation.name].text,
                let centre = try writer.reader.record(.organisation, id: organisation)?[
                    Fields.Organisation.centre.name
                ].text,
                byCentre[centre] == nil
            else { continue }
            byCentre[centre] = person.id
        }
        return random.pick(byCentre.keys.sorted().map { byCentre[$0]! }, count: min(count, byCentre.count))
    }

    private mutating func addMember(speakingFor person: String) throws {
        var seed = [UInt8]()
        for _ in 0..<4 { withUnsafeBytes(of: random.next()) { seed += $0 } }
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        let replica = String(format: "%016llx", random.next())
        members.append(Member(replica: replica, key: key, person: person, chain: Chain.genesis(replica)))
        try writer.savePeer(
            Peer(replica: replica, publicKey: key.publicKey.rawRepresentation.base64EncodedString(), trusted: true))
        try make(
            members.count - 1, .replicaBinding,
            [Fields.ReplicaBinding.replica: .text(replica), Fields.ReplicaBinding.person: .text(person)], day: -45)
    }

    /// A ballot of member `n` (1 and up), to be cast that many days from today.
    private mutating func cast(_ n: Int, on proposal: String, _ choice: String, _ reason: String, day: Int) throws {
        pending.append(
            (
                n - 1, day,
                [
                    Fields.Ballot.proposal: .text(proposal), Fields.Ballot.choice: .text(choice),
                    Fields.Ballot.reason: reason.isEmpty ? .null : .text(reason),
                ]
            ))
    }

    /// An operation of an invented member, stamped on that day and chained on its replica's.
    private mutating func make(_ n: Int, _ kind: Kind, _ values: [FieldName: Value], day: Int) throws {
        var member = members[n]
        member.seq += 1
        member.counter += 1
        let milliseconds = UInt64(max(0, dayNumber(day))) * 86_400_000 + 36_000_000 + member.counter * 60_000
        // A creating operation carries every field, as the store's own do.
        var fields = Dictionary(uniqueKeysWithValues: Schema.fields(of: kind).map { ($0.name, $0.defaultValue) })
        fields[Operation.deletedField] = .bool(false)
        for (field, value) in values { fields[field.name] = value }
        let op = Operation(
            replica: member.replica, seq: member.seq, stamp: Stamp(clock: milliseconds << 16, replica: member.replica),
            kind: kind, record: random.uuid(sequence: milliseconds), fields: fields, prev: [:])
        let authorship = Authorship.made(op, after: member.chain)
        member.chain = authorship.chain!
        var summary = ReceiveSummary()
        try writer.receive(op, authorship: authorship, into: &summary, newer: true)
        members[n] = member
    }

    /// `YYYY-MM-DDTHH:00:00Z`, `offset` days from today.
    private func time(_ offset: Int, hour: Int) -> String {
        (Dates.adding(days: offset, to: today) ?? today) + "T" + (hour < 10 ? "0" : "") + "\(hour):00:00Z"
    }

    private func dayNumber(_ offset: Int) -> Int {
        let parts = (Dates.adding(days: offset, to: today) ?? today).split(separator: "-").compactMap { Int($0) }
        return Dates.dayNumber(year: parts[0], month: parts[1], day: parts[2])
    }
}
