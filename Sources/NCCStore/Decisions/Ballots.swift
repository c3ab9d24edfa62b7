import GRDB
import NCCModel

/// A ballot as its author cast it: read from the operation log, not from the ballot's record, so
/// that an edit of someone else's ballot (which ncc never makes, but a peer's program could)
/// changes nothing. The replica is the one whose chain carries it (see README, "Bundle format").
public struct CastBallot: Sendable, Hashable {
    public var record: String
    public var replica: String
    public var stamp: Stamp
    public var choice: String
    public var reason: String
}

/// Who cast a ballot, as the directory says now: the person the replica spoke for when it cast
/// it, their organisation's centre.
public struct Voter: Sendable, Hashable {
    public var person: String
    public var name: String
    public var centre: String?
    public var centreName: String?
}

extension StoreReader {
    /// Every ballot cast on a proposal, oldest first.
    public func castBallots(on proposal: String) throws -> [CastBallot] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT record, replica, stamp, fields FROM op
                WHERE kind = 'ballot' AND json_extract(fields, '$.proposal') = ? ORDER BY stamp
                """, arguments: [proposal])
        return try rows.compactMap { row in
            guard let stamp = Stamp(row[2]) else { throw StoreError.malformedLog }
            let fields = try CanonicalJSON.decodeFields(row[3])
            guard let choice = fields[Fields.Ballot.choice.name]?.text else { return nil }
            return CastBallot(
                record: row[0], replica: row[1], stamp: stamp, choice: choice,
                reason: fields[Fields.Ballot.reason.name]?.text ?? "")
        }
    }

    /// The voter behind each ballot (nil: its replica spoke for no one when it cast it).
    public func voters(of ballots: [CastBallot]) throws -> [Voter?] {
        let speakers = try speakers()
        var people: [String: Voter?] = [:]
        return try ballots.map { ballot in
            guard let person = speakers[ballot.replica]?.inForce(at: ballot.stamp)?.person else { return nil }
            if let known = people[person] { return known }
            let voter = try self.voter(person)
            people[person] = voter
            return voter
        }
    }

    /// A person as a voter: their name, and the centre their organisation belongs to.
    public func voter(_ person: String) throws -> Voter? {
        guard let record = try record(.person, id: person) else { return nil }
        var voter = Voter(
            person: person, name: record[Fields.Person.name.name].text ?? person, centre: nil, centreName: nil)
        if let organisation = record[Fields.Person.organisation.name].text,
            let centre = try self.record(.organisation, id: organisation)?[Fields.Organisation.centre.name].text,
            try exists(.centre, id: centre)
        {
            voter.centre = centre
            voter.centreName = try title(.centre, id: centre)
        }
        return voter
    }

    /// The tally of a proposal as this database holds it now (`now`: the time the open or closed
    /// question is asked at, UTC).
    public func tally(of proposal: String, now: String) throws -> Tally {
        guard let record = try record(.proposal, id: proposal) else {
            throw StoreError.notFound(kind: .proposal, reference: proposal)
        }
        return try tally(ProposalTerms(record), now: now)
    }

    /// The tally of these terms (a proposal's, or as they are about to be) over its ballots held here.
    func tally(_ terms: ProposalTerms, now: String) throws -> Tally {
        let ballots = try castBallots(on: terms.id)
        let voters = try voters(of: ballots)
        return Tally.count(terms, ballots: zip(ballots, voters).map { TallyBallot(ballot: $0, voter: $1) }, now: now)
    }
}
