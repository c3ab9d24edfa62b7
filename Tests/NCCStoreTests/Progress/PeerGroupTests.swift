import Foundation
import NCCModel
import NCCStore
import Testing

/// Peer groups from the latest scores (k-means, deterministic), the peers a centre could learn
/// from, and the sessions most centres need; every expected figure worked out by hand.
@Suite struct PeerGroupTests {
    typealias F = AssessmentFixture

    static let dimensions = Competence.defaults.map { ($0.id, $0.title) }

    /// A centre's vector: scores on mapping, interaction, co-creation and scaling (nil: not rated).
    static func vector(_ id: String, _ scores: [Int?], withheld: Bool = false, current: Int? = nil) -> CentreScores {
        CentreScores(
            centre: id, name: "NCC \(id)",
            scores: zip(dimensions, scores).map { Rating(dimension: $0.0.0, dimensionTitle: $0.0.1, score: $0.1) },
            withheld: withheld, currentGroup: current)
    }

    /// Three clusters of three. The average of all nine: mapping 29/9 = 3.2, interaction 28/9 = 3.1,
    /// co-creation 30/9 = 3.3, scaling 29/9 = 3.2.
    static let toy: [CentreScores] = [
        vector("A", [5, 5, 5, 4], current: 1), vector("B", [5, 4, 5, 5], current: 2), vector("C", [4, 5, 5, 5]),
        vector("D", [4, 3, 3, 3]), vector("E", [4, 3, 3, 3], current: 2), vector("F", [4, 3, 3, 4]),
        vector("G", [1, 2, 2, 1]), vector("H", [1, 1, 2, 2]), vector("I", [1, 2, 2, 2], current: 3),
    ]

    @Test func threeClustersComeOutAsExpectedWithTheirExplanations() throws {
        let proposal = PeerGroups.propose(Self.toy, count: 3)
        #expect(proposal.groups.map(\.number) == [1, 2, 3])
        #expect(
            proposal.groups.map { $0.members.map(\.centre) } == [["A", "B", "C"], ["D", "E", "F"], ["G", "H", "I"]])
        #expect(proposal.unplaced.isEmpty)
        // Centroids: group 1 (14/3, 14/3, 5, 14/3), group 2 (4, 3, 3, 10/3), group 3 (1, 5/3, 2, 5/3).
        #expect(proposal.groups[0].centroid.map(\.value)[2] == 5)
        #expect(proposal.groups[1].centroid.map(\.value)[0] == 4)
        #expect(proposal.groups[2].centroid.map(\.value)[0] == 1)

        // Group 1 differs most from the average on co-creation (5 - 3.3) and interaction (4.7 - 3.1);
        // A is 0.8 from its centroid and 3.1 from group 2's.
        #expect(proposal.groups[0].standsOut == Array(proposal.groups[0].members[1].explanation.prefix(2)))
        let a = proposal.groups[0].members[0]
        #expect(
            a.explanation == [
                "above the average on Co-creation (5.0 against 3.3)",
                "above the average on Continuous interaction with ecosystems (4.7 against 3.1)",
                "nearer to group 1 than to group 2 by 2.3",
            ])
        // Group 2: mapping (4 - 3.2) and co-creation (3 - 3.3); D is 0.3 from it, 3.2 from group 1.
        #expect(
            proposal.groups[1].members[0].explanation == [
                "above the average on Systemic ecosystem mapping (4.0 against 3.2)",
                "below the average on Co-creation (3.0 against 3.3)",
                "nearer to group 2 than to group 1 by 2.8",
            ])
        // Group 3: mapping (1 - 3.2) and scaling (1.7 - 3.2); I is 0.5 from it, 3.6 from group 2.
        #expect(
            proposal.groups[2].members[2].explanation == [
                "below the average on Systemic ecosystem mapping (1.0 against 3.2)",
                "below the average on Scaling in complex systems (1.7 against 3.2)",
                "nearer to group 3 than to group 2 by 3.1",
            ])
        // What would change: B from 2 to 1, and every centre without a group; A, E and I stay.
        #expect(proposal.current == ["A": 1, "B": 2, "E": 2, "I": 3])
        #expect(proposal.changes.map(\.centre) == ["B", "C", "D", "F", "G", "H"])
    }

    @Test func theSameInputInAnotherOrderGivesTheSameGroups() throws {
        let expected = PeerGroups.propose(Self.toy, count: 3)
        var generator = SplitMix(seed: 7)
        for _ in 0..<20 {
            let shuffled = Self.toy.shuffled(using: &generator)
            #expect(PeerGroups.propose(shuffled, count: 3) == expected)
        }
        #expect(PeerGroups.propose(Self.toy.reversed(), count: 2) == PeerGroups.propose(Self.toy, count: 2))
    }

    @Test func aMissingScoreIsTheCentresOwnMeanAndKeptScoresAreNotPlaced() throws {
        // K rated three dimensions (mean 5): imputed 5 on scaling, it sits with the strongest.
        let vectors =
            Self.toy + [
                Self.vector("K", [5, 5, 5, nil]), Self.vector("L", [nil, nil, nil, nil], withheld: true, current: 2),
                Self.vector("M", [nil, nil, nil, nil]),
            ]
        let proposal = PeerGroups.propose(vectors, count: 3)
        #expect(proposal.groups[0].members.map(\.centre) == ["A", "B", "C", "K"])
        #expect(proposal.unplaced.map(\.centre) == ["L", "M"])
        #expect(proposal.unplaced[0].reason == "its scores are kept by its centre (shared into averages only)")
        #expect(proposal.unplaced[0].current == 2)
        #expect(proposal.unplaced[1].reason == "no score in its latest self-assessment")
    }

    @Test func fewerCentresThanGroupsMakeFewerGroups() throws {
        let proposal = PeerGroups.propose([Self.vector("A", [5, 5, 5, 5]), Self.vector("B", [1, 1, 1, 1])], count: 3)
        #expect(proposal.groups.map { $0.members.map(\.centre) } == [["A"], ["B"]])
        let one = PeerGroups.propose([Self.vector("A", [3, 3, 3, 3])], count: 3)
        #expect(one.groups.count == 1)
        #expect(one.groups[0].members[0].explanation == ["close to the average on every dimension"])
        #expect(PeerGroups.propose([], count: 3).groups.isEmpty)
    }

    @Test func theProposalFromTheStoreIsAppliedToCapacityGroups() throws {
        let db = try TestDatabase()
        let ids = try db.store.write { w -> [String: String] in
            try w.ensureDefaultDimensions()
            var ids: [String: String] = [:]
            for vector in Self.toy {
                let id = try F.centre(w, vector.name, "SI", group: vector.currentGroup)
                ids[vector.centre] = id
                var scores: [String: Int] = [:]
                for rating in vector.scores { scores[rating.dimension] = rating.score }
                try w.assess(
                    centre: id, round: "2025", date: "2025-03-01", scores: scores, evidence: [:], sharing: .all)
            }
            return ids
        }
        let proposal = try db.store.read { try $0.proposedPeerGroups(count: 3) }
        #expect(proposal.groups.map { $0.members.map(\.name) } == Self.toy.chunked3.map { $0.map(\.name) })
        #expect(try db.store.write { try $0.applyPeerGroups(proposal) } == 6)
        #expect(try db.store.write { try $0.applyPeerGroups(proposal) } == 0)
        let group = { (centre: String) in
            try db.store.read { try $0.record(.centre, id: ids[centre]!)?[Fields.Centre.capacityGroup.name].int }
        }
        #expect(try group("B") == 1 && group("F") == 2 && group("H") == 3)
    }

    // MARK: - Peers to learn from

    /// NCC Slovenija rates itself mapping 2, interaction 3, co-creation 4, scaling 1.
    @Test func peersAreRankedByStrengthLanguageConsortiaAndMeetings() throws {
        let db = try TestDatabase()
        let (me, names) = try db.store.write { w -> (String, [String: String]) in
            try w.ensureDefaultDimensions()
            let me = try F.centre(w, "NCC Slovenija", "SI")
            let hr = try F.centre(w, "NCC Hrvatska", "HR")
            let si = try F.centre(w, "Slovenian Social Innovation Hub", "SI")
            let at = try F.centre(w, "NCC Österreich", "AT")
            let pt = try F.centre(w, "NCC Portugal", "PT")
            let cy = try F.centre(w, "NCC Cyprus", "CY")
            let mt = try F.centre(w, "NCC Malta", "MT")
            let round = { (centre: String, scores: [Int]) in
                _ = try w.assess(
                    centre: centre, round: "2025", date: "2025-03-01",
                    scores: Dictionary(uniqueKeysWithValues: zip(Competence.defaults.map(\.id), scores)),
                    evidence: [:], sharing: .all)
            }
            try round(me, [2, 3, 4, 1])
            // Mapping 4 - 2 and scaling 3 - 1: 4; co-creation 2 is no strength, interaction 3 is level.
            try round(hr, [4, 3, 2, 3])
            // Mapping 3 - 2, interaction 5 - 3, scaling 2 - 1: 4; and Slovene: 5.
            try round(si, [3, 5, 5, 2])
            // Weaker everywhere but in SEED2SCALE and at five meetings with me: 1 + 1 (capped).
            try round(at, [1, 1, 1, 1])
            // Level or weaker, nothing in common: not suggested.
            try round(pt, [2, 3, 5, 1])
            // Keeps its scores: not considered, though we share a consortium.
            try F.withheld(w, centre: cy, round: "2025", date: "2025-03-01", dimensions: [F.mapping])
            // Never assessed: not considered.
            _ = mt

            let seed = try w.create(.consortium, [Fields.Consortium.name: .text("SEED2SCALE")])
            let other = try w.create(.consortium, [Fields.Consortium.name: .text("PEnCIL")])
            for (centre, consortium) in [(me, seed), (hr, seed), (at, seed), (cy, seed), (me, other), (hr, other)] {
                try w.create(
                    .membership,
                    [Fields.Membership.centre: .text(centre), Fields.Membership.consortium: .text(consortium)])
            }
            // People of my centre and of others at meetings: Hrvatska at 3 of mine, Österreich at 5.
            let person = { (centre: String, name: String) -> String in
                let organisation = try w.create(
                    .organisation,
                    [Fields.Organisation.name: .text("Org of \(name)"), Fields.Organisation.centre: .text(centre)])
                return try w.create(
                    .person, [Fields.Person.name: .text(name), Fields.Person.organisation: .text(organisation)])
            }
            let mine = try person(me, "Žiga Kovač")
            let croat = try person(hr, "Ivana Horvat")
            let austrian = try person(at, "Anna Gruber")
            for i in 1...6 {
                let meeting = try w.create(
                    .meeting,
                    [
                        Fields.Meeting.title: .text("Meeting \(i)"),
                        Fields.Meeting.start: .text("2025-0\(i)-01T09:00:00Z"),
                    ])
                var there = i <= 5 ? [mine, austrian] : [croat, austrian]
                if i <= 3 { there.append(croat) }
                for who in there {
                    try w.create(
                        .attendance, [Fields.Attendance.meeting: .text(meeting), Fields.Attendance.person: .text(who)])
                }
            }
            return (me, ["hr": hr, "si": si, "at": at])
        }
        let peers = try db.store.read { try $0.peersToLearnFrom(me) }
        // Hrvatska: 4 + two consortia + 3 meetings (0.75) = 6.75; the hub 5; Österreich 1 + 1 = 2.
        #expect(peers.map(\.centre) == [names["hr"], names["si"], names["at"]])
        #expect(peers.map(\.score) == [6.75, 5, 2])
        #expect(
            peers[0].reasons == [
                "strong where you are weak: Systemic ecosystem mapping 4 against 2, Scaling in complex systems 3 against 1",
                "both in PEnCIL", "both in SEED2SCALE", "met at 3 meetings",
            ])
        #expect(
            peers[1].reasons == [
                "strong where you are weak: Systemic ecosystem mapping 3 against 2, "
                    + "Continuous interaction with ecosystems 5 against 3, Scaling in complex systems 2 against 1",
                "shares Slovene",
            ])
        #expect(peers[2].reasons == ["both in SEED2SCALE", "met at 5 meetings"])
        #expect(try db.store.read { try $0.peersToLearnFrom(me, limit: 1) }.map(\.centre) == [names["hr"]])
        #expect(throws: StoreError.self) { try db.store.read { try $0.peersToLearnFrom("no-such-centre") } }
    }

    // MARK: - Candidate sessions

    @Test func aSessionIsForADimensionOnWhichMoreThanHalfAreWeak() throws {
        let db = try TestDatabase()
        try db.store.write { w in
            try w.ensureDefaultDimensions()
            // Co-creation: 2 of 4 score 2 or less, exactly half, no session. Scaling: 3 of 4.
            // Mapping: 2 of 3 rated it (the fourth did not). The withheld centre counts nowhere.
            let rows: [(String, [String: Int])] = [
                ("NCC Aa", [F.coCreation: 2, F.scaling: 1, F.mapping: 1]),
                ("NCC Bb", [F.coCreation: 1, F.scaling: 2, F.mapping: 2]),
                ("NCC Cc", [F.coCreation: 3, F.scaling: 2, F.mapping: 4]),
                ("NCC Dd", [F.coCreation: 5, F.scaling: 3]),
            ]
            for (name, scores) in rows {
                let centre = try F.centre(w, name, "BE")
                try w.assess(centre: centre, round: "2025", date: "2025-03-01", scores: scores, sharing: .all)
            }
            let kept = try F.centre(w, "NCC Ee", "LU")
            try F.withheld(w, centre: kept, round: "2025", date: "2025-03-01", dimensions: [F.coCreation, F.scaling])
            // An older round does not count: only each centre's latest.
            let dd = try w.reader.resolve(.centre, "NCC Dd")
            try w.assess(
                centre: dd, round: "2024", date: "2024-03-01", scores: [F.coCreation: 1, F.interaction: 1],
                sharing: .all)
        }
        let sessions = try db.store.read { try $0.candidateSessions() }
        #expect(
            sessions == [
                CandidateSession(
                    dimension: F.mapping, title: "Systemic ecosystem mapping", weakCentres: ["NCC Aa", "NCC Bb"],
                    assessed: 3),
                CandidateSession(
                    dimension: F.scaling, title: "Scaling in complex systems",
                    weakCentres: ["NCC Aa", "NCC Bb", "NCC Cc"], assessed: 4),
            ])
    }
}

extension Array where Element == CentreScores {
    /// The toy's three clusters, in order.
    var chunked3: [[CentreScores]] { stride(from: 0, to: count, by: 3).map { Array(self[$0..<$0 + 3]) } }
}

/// A seeded generator, so that the shuffles are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
