import Foundation
import NCCModel
import NCCStore
import Testing

/// The default dimensions and their ids, for the tests of self-assessment.
enum AssessmentFixture {
    static let mapping = Competence.defaults[0].id
    static let interaction = Competence.defaults[1].id
    static let coCreation = Competence.defaults[2].id
    static let scaling = Competence.defaults[3].id

    static func centre(_ writer: StoreWriter, _ name: String, _ country: String, group: Int? = nil) throws -> String {
        var values: [FieldName: Value] = [Fields.Centre.name: .text(name), Fields.Centre.country: .text(country)]
        if let group { values[Fields.Centre.capacityGroup] = .int(group) }
        return try writer.create(.centre, values)
    }

    /// An assessment as a replica holds it when its centre shares its scores into averages only:
    /// the record without its score and evidence.
    static func withheld(_ writer: StoreWriter, centre: String, round: String, date: String, dimensions: [String])
        throws
    {
        for dimension in dimensions {
            try writer.create(
                .assessment,
                [
                    Fields.Assessment.centre: .text(centre), Fields.Assessment.round: .text(round),
                    Fields.Assessment.date: .text(date), Fields.Assessment.dimension: .text(dimension),
                    Fields.Assessment.sharing: .text(ScoreSharing.averages.rawValue),
                ])
        }
    }
}

/// A centre's self-assessment: the default dimensions, rounds recorded and updated, the change
/// since the last round, and a round across centres with one that keeps its scores.
@Suite struct AssessmentTests {
    typealias F = AssessmentFixture

    @Test func theDefaultDimensionsAreMadeOnceWithTheirFixedIdsInOrder() throws {
        let db = try TestDatabase()
        try db.store.write { try $0.ensureDefaultDimensions() }
        try db.store.write { try $0.ensureDefaultDimensions() }
        let dimensions = try db.store.read { try $0.dimensions() }
        #expect(dimensions.map(\.id) == Competence.defaults.map(\.id))
        #expect(dimensions.map { $0[Fields.Dimension.title.name].text } == Competence.defaults.map(\.title))

        // A database with a dimension of its own gets no defaults.
        let other = try TestDatabase()
        try other.store.write { w in
            try w.create(.dimension, [Fields.Dimension.title: .text("Social finance")])
            try w.ensureDefaultDimensions()
        }
        #expect(try other.store.read { try $0.count(.dimension) } == 1)
    }

    @Test func aSecondCallForTheSameRoundUpdatesItsRecords() throws {
        let db = try TestDatabase()
        let (first, second, centre) = try db.store.write { w in
            try w.ensureDefaultDimensions()
            let centre = try F.centre(w, "NCC Slovenija", "SI")
            let first = try w.assess(
                centre: centre, round: "2025", date: "2025-03-01", scores: [F.coCreation: 3, F.mapping: 2],
                evidence: [F.coCreation: "Two co-designed services"], sharing: .all)
            let second = try w.assess(
                centre: centre, round: "2025", date: "2025-03-08", scores: [F.coCreation: 4], evidence: [:],
                sharing: .all)
            return (first, second, centre)
        }
        // In dimension order: mapping before co-creation.
        #expect(first.count == 2 && second == [first[1]])
        #expect(try db.store.read { try $0.count(.assessment) } == 2)
        let rounds = try db.store.read { try $0.assessmentRounds(of: centre) }
        #expect(rounds.count == 1)
        let round = try #require(rounds.first)
        #expect(round.date == "2025-03-08" && round.round == "2025" && round.centreName == "NCC Slovenija")
        #expect(round.ratings.map(\.dimension) == [F.mapping, F.coCreation])
        #expect(round.ratings.map(\.score) == [2, 4])
        // The evidence given the first time stays: only what is given changes.
        #expect(round.ratings[1].evidence == "Two co-designed services")
        #expect(round.mean == 3 && !round.withheld && round.sharing == .all)
    }

    @Test func aScoreOutsideOneToFiveOrAnUnknownDimensionWritesNothing() throws {
        let db = try TestDatabase()
        let centre = try db.store.write { w -> String in
            try w.ensureDefaultDimensions()
            return try F.centre(w, "NCC Lietuva", "LT")
        }
        #expect(throws: StoreError.self) {
            try db.store.write { w in
                try w.assess(
                    centre: centre, round: "2025", date: "2025-03-01", scores: [F.mapping: 4, F.scaling: 6],
                    evidence: [:], sharing: .all)
            }
        }
        #expect(throws: StoreError.notFound(kind: .dimension, reference: "no-such-dimension")) {
            try db.store.write { w in
                try w.assess(
                    centre: centre, round: "2025", date: "2025-03-01", scores: [F.mapping: 4, "no-such-dimension": 2],
                    evidence: [:], sharing: .all)
            }
        }
        #expect(try db.store.read { try $0.count(.assessment) } == 0)
    }

    @Test func theChangeSinceTheLastRoundIsDimensionByDimension() throws {
        let db = try TestDatabase()
        let centre = try db.store.write { w -> String in
            try w.ensureDefaultDimensions()
            let centre = try F.centre(w, "NCC Lietuva", "LT")
            // Written out of order: the rounds are ordered by date, not by when they were written.
            try w.assess(
                centre: centre, round: "2025", date: "2025-02-10",
                scores: [F.coCreation: 4, F.scaling: 2, F.interaction: 3], evidence: [:], sharing: .all)
            try w.assess(
                centre: centre, round: "2024", date: "2024-02-12",
                scores: [F.mapping: 4, F.coCreation: 3, F.scaling: 2],
                evidence: [:], sharing: .all)
            try w.assess(
                centre: centre, round: "2023", date: "2023-02-01", scores: [F.coCreation: 1], evidence: [:],
                sharing: .all)
            return centre
        }
        let rounds = try db.store.read { try $0.assessmentRounds(of: centre) }
        #expect(rounds.map(\.round) == ["2025", "2024", "2023"])
        #expect(rounds[0].mean == 3 && rounds[1].mean == 3)
        let changes = try db.store.read { try $0.changeSinceLastRound(of: centre) }
        #expect(
            changes == [
                RatingChange(
                    dimension: F.mapping, dimensionTitle: "Systemic ecosystem mapping", previous: 4, latest: nil,
                    delta: nil),
                RatingChange(
                    dimension: F.interaction, dimensionTitle: "Continuous interaction with ecosystems", previous: nil,
                    latest: 3, delta: nil),
                RatingChange(
                    dimension: F.coCreation, dimensionTitle: "Co-creation", previous: 3, latest: 4, delta: 1),
                RatingChange(
                    dimension: F.scaling, dimensionTitle: "Scaling in complex systems", previous: 2, latest: 2,
                    delta: 0),
            ])
        // One round only: nothing to compare with, every previous is nil.
        let newcomer = try db.store.write { w -> String in
            let newcomer = try F.centre(w, "NCC Malta", "MT")
            try w.assess(
                centre: newcomer, round: "2025", date: "2025-01-01", scores: [F.scaling: 5], evidence: [:],
                sharing: .all)
            return newcomer
        }
        #expect(
            try db.store.read { try $0.changeSinceLastRound(of: newcomer) } == [
                RatingChange(
                    dimension: F.scaling, dimensionTitle: "Scaling in complex systems", previous: nil, latest: 5,
                    delta: nil)
            ])
        #expect(try db.store.read { try $0.changeSinceLastRound(of: "not-assessed") }.isEmpty)
    }

    @Test func theRoundSummaryAveragesTheScoresHeldHereOnly() throws {
        let db = try TestDatabase()
        try db.store.write { w in
            try w.ensureDefaultDimensions()
            let a = try F.centre(w, "Centre Žalec", "SI")
            let b = try F.centre(w, "Centre Zurich", "AT")
            let c = try F.centre(w, "Centre Aveiro", "PT")
            let d = try F.centre(w, "Centre Dublin", "IE")
            try w.assess(
                centre: a, round: "2025", date: "2025-03-01", scores: [F.coCreation: 4, F.scaling: 2], evidence: [:],
                sharing: .all)
            try w.assess(
                centre: b, round: "2025", date: "2025-03-02", scores: [F.coCreation: 5, F.scaling: 3], evidence: [:],
                sharing: .all)
            // This replica is D's own: it shares into averages only, and its scores are held here.
            try w.assess(
                centre: d, round: "2025", date: "2025-03-03", scores: [F.coCreation: 3, F.scaling: 1], evidence: [:],
                sharing: .averages)
            // C's scores are kept by C: the records came without them.
            try F.withheld(w, centre: c, round: "2025", date: "2025-03-04", dimensions: [F.coCreation, F.scaling])
            try w.assess(
                centre: a, round: "2024", date: "2024-03-01", scores: [F.coCreation: 1], evidence: [:], sharing: .all)
        }
        #expect(try db.store.read { try $0.rounds() } == ["2025", "2024"])
        let summary = try #require(try db.store.read { try $0.roundSummary(nil) })
        #expect(summary.round == "2025" && summary.centresAssessed == 4 && summary.centresWithheld == 1)
        #expect(
            summary.dimensions == [
                DimensionSummary(dimension: F.coCreation, title: "Co-creation", mean: 4, min: 3, max: 5, count: 3),
                DimensionSummary(
                    dimension: F.scaling, title: "Scaling in complex systems", mean: 2, min: 1, max: 3, count: 3),
            ])
        let older = try #require(try db.store.read { try $0.roundSummary("2024") })
        #expect(older.centresAssessed == 1 && older.dimensions.map(\.mean) == [1])
        #expect(try db.store.read { try $0.roundSummary("1999") } == nil)

        // Each centre's newest round, by name as people sort it (Žalec with the Zs, before Zurich).
        let latest = try db.store.read { try $0.latestAssessments() }
        #expect(latest.map(\.centreName) == ["Centre Aveiro", "Centre Dublin", "Centre Žalec", "Centre Zurich"])
        let kept = try #require(latest.first)
        #expect(kept.withheld && kept.sharing == .averages && kept.mean == nil)
        #expect(kept.ratings.map(\.score) == [nil, nil])
        let own = latest[1]
        #expect(!own.withheld && own.sharing == .averages && own.mean == 2)
        #expect(latest[2].round == "2025" && latest[2].mean == 3)
    }

    @Test func anEmptyDatabaseHasNoRoundsAndNoSummary() throws {
        let db = try TestDatabase()
        #expect(try db.store.read { try $0.rounds() }.isEmpty)
        #expect(try db.store.read { try $0.roundSummary(nil) } == nil)
        #expect(try db.store.read { try $0.latestAssessments() }.isEmpty)
    }
}
