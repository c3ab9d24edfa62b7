import GRDB
import NCCModel

/// A centre's rating of itself on one dimension in one round.
public struct Rating: Sendable, Hashable {
    public var dimension: String
    public var dimensionTitle: String
    /// Nil: kept by its centre (shared into averages only, see `ScoreSharing`), or not rated.
    public var score: Int?
    public var evidence: String?

    public init(dimension: String, dimensionTitle: String, score: Int?, evidence: String? = nil) {
        self.dimension = dimension
        self.dimensionTitle = dimensionTitle
        self.score = score
        self.evidence = evidence
    }
}

/// One round of a centre's self-assessment: its ratings in dimension order.
public struct AssessmentRound: Sendable, Hashable {
    public var centre: String
    public var centreName: String
    public var round: String
    /// The newest date of the round's ratings.
    public var date: String
    /// `averages` when any rating of the round is shared into averages only.
    public var sharing: ScoreSharing
    /// In dimension order; only the dimensions the round rated.
    public var ratings: [Rating]
    /// The scores are not held here: the centre shares them into averages only, and this replica
    /// received the records without them.
    public var withheld: Bool
    /// The mean of the scores held here; nil when none is.
    public var mean: Double?

    /// The score of a dimension, when held here.
    public func score(of dimension: String) -> Int? {
        ratings.first { $0.dimension == dimension }?.score
    }

    /// Whether any score of the round is held here.
    public var holdsScores: Bool { ratings.contains { $0.score != nil } }
}

/// How a centre's rating on one dimension moved between its two newest rounds.
public struct RatingChange: Sendable, Hashable {
    public var dimension: String
    public var dimensionTitle: String
    public var previous: Int?
    public var latest: Int?
    /// `latest - previous` when both are held.
    public var delta: Int?

    public init(dimension: String, dimensionTitle: String, previous: Int?, latest: Int?, delta: Int?) {
        self.dimension = dimension
        self.dimensionTitle = dimensionTitle
        self.previous = previous
        self.latest = latest
        self.delta = delta
    }
}

/// One round across the centres: how many assessed and, per dimension, the figures of the
/// scores held here.
public struct RoundSummary: Sendable, Hashable {
    public var round: String
    /// Centres with a rating in this round, whether their scores are held here or not.
    public var centresAssessed: Int
    /// Of those, the centres whose scores are kept by them (not in the figures).
    public var centresWithheld: Int
    /// In dimension order: the dimensions rated in this round.
    public var dimensions: [DimensionSummary]
}

/// The figures of one dimension in one round, over the scores held here.
public struct DimensionSummary: Sendable, Hashable {
    public var dimension: String
    public var title: String
    public var mean: Double?
    public var min: Int?
    public var max: Int?
    /// How many scores the figures are made of.
    public var count: Int

    public init(dimension: String, title: String, mean: Double?, min: Int?, max: Int?, count: Int) {
        self.dimension = dimension
        self.title = title
        self.mean = mean
        self.min = min
        self.max = max
        self.count = count
    }
}

extension StoreReader {
    /// Live dimensions, by position then id.
    public func dimensions() throws -> [Record] {
        try list(.dimension, limit: 10_000)
    }

    /// A centre's rounds, newest first (by date, then round label).
    public func assessmentRounds(of centre: String) throws -> [AssessmentRound] {
        guard let record = try record(.centre, id: centre) else { return [] }
        let name = record[Fields.Centre.name.name].text ?? centre
        let assessments = try records(where: Fields.Assessment.centre, is: centre, limit: 100_000)
        let byRound = Dictionary(grouping: assessments) { $0[Fields.Assessment.round.name].text ?? "" }
        let order = try DimensionOrder(dimensions())
        return byRound.map { round, records in
            Self.assessmentRound(centre: centre, centreName: name, round: round, records: records, order: order)
        }
        .filter { !$0.ratings.isEmpty }
        .sorted { ($0.date, $0.round) > ($1.date, $1.round) }
    }

    /// Each centre's newest round, by centre name (case and accents ignored), then id.
    public func latestAssessments() throws -> [AssessmentRound] {
        let centres = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT a.centre FROM assessment a JOIN centre c ON c.id = a.centre AND c.deleted = 0
                WHERE a.deleted = 0
                """)
        return try centres.compactMap { try assessmentRounds(of: $0).first }
            .sorted { (Folding.key($0.centreName), $0.centre) < (Folding.key($1.centreName), $1.centre) }
    }

    /// A centre's latest round against the round before it, dimension by dimension (the
    /// dimensions of either round, in dimension order). Empty when it has not assessed itself.
    public func changeSinceLastRound(of centre: String) throws -> [RatingChange] {
        let rounds = try assessmentRounds(of: centre)
        guard let latest = rounds.first else { return [] }
        let previous = rounds.dropFirst().first
        let order = try DimensionOrder(dimensions())
        var titles: [String: String] = [:]
        for rating in (previous?.ratings ?? []) + latest.ratings { titles[rating.dimension] = rating.dimensionTitle }
        return order.sorted(Array(titles.keys)).map { dimension in
            let before = previous?.score(of: dimension)
            let now = latest.score(of: dimension)
            return RatingChange(
                dimension: dimension, dimensionTitle: titles[dimension] ?? dimension, previous: before, latest: now,
                delta: before.flatMap { b in now.map { $0 - b } })
        }
    }

    /// The round labels, newest first (by the newest date of each, then label).
    public func rounds() throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT a.round FROM assessment a JOIN centre c ON c.id = a.centre AND c.deleted = 0
                WHERE a.deleted = 0 AND a.round IS NOT NULL GROUP BY a.round ORDER BY max(a.date) DESC, a.round DESC
                """)
    }

    /// A round across the centres (nil: the newest round); nil when no centre assessed itself in
    /// it. Means, minima and maxima are over the scores held here: a centre that keeps its scores
    /// is counted in `centresWithheld` and in no figure.
    public func roundSummary(_ round: String?) throws -> RoundSummary? {
        guard let label = try round.map({ Text.normalized(Text.trimmed($0)) }) ?? rounds().first else { return nil }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.centre, c.name FROM assessment a JOIN centre c ON c.id = a.centre AND c.deleted = 0
                WHERE a.deleted = 0 AND a.round = ?
                """, arguments: [label])
        guard !rows.isEmpty else { return nil }
        let order = try DimensionOrder(dimensions())
        var byCentre: [String: (name: String, records: [Record])] = [:]
        for row in rows {
            guard let record = try record(.assessment, id: row[0]) else { continue }
            let centre: String = row[1]
            let name: String? = row[2]
            byCentre[centre, default: (name ?? centre, [])].records.append(record)
        }
        let centreRounds = byCentre.sorted { $0.key < $1.key }.map { centre, entry in
            Self.assessmentRound(
                centre: centre, centreName: entry.name, round: label, records: entry.records, order: order)
        }.filter { !$0.ratings.isEmpty }
        guard !centreRounds.isEmpty else { return nil }
        var titles: [String: String] = [:]
        var scores: [String: [Int]] = [:]
        for centreRound in centreRounds {
            for rating in centreRound.ratings {
                titles[rating.dimension] = rating.dimensionTitle
                if let score = rating.score { scores[rating.dimension, default: []].append(score) }
            }
        }
        let dimensions = order.sorted(Array(titles.keys)).map { dimension in
            let held = scores[dimension] ?? []
            return DimensionSummary(
                dimension: dimension, title: titles[dimension] ?? dimension,
                mean: held.isEmpty ? nil : Double(held.reduce(0, +)) / Double(held.count), min: held.min(),
                max: held.max(), count: held.count)
        }
        return RoundSummary(
            round: label, centresAssessed: centreRounds.count, centresWithheld: centreRounds.filter(\.withheld).count,
            dimensions: dimensions)
    }

    /// A round from its assessment records (of one centre, one round label). Two records for the
    /// same dimension (made on two replicas of the centre) count once: the newest.
    static func assessmentRound(
        centre: String, centreName: String, round: String, records: [Record], order: DimensionOrder
    ) -> AssessmentRound {
        var newest: [String: Record] = [:]
        for record in records {
            guard let dimension = record[Fields.Assessment.dimension.name].text, order.contains(dimension) else {
                continue
            }
            if let held = newest[dimension], Self.key(held) >= Self.key(record) { continue }
            newest[dimension] = record
        }
        let kept = order.sorted(Array(newest.keys)).compactMap { newest[$0] }
        let ratings = kept.map { record in
            let dimension = record[Fields.Assessment.dimension.name].text ?? ""
            return Rating(
                dimension: dimension, dimensionTitle: order.title(of: dimension),
                score: record[Fields.Assessment.score.name].int, evidence: record[Fields.Assessment.evidence.name].text)
        }
        let sharedWithAll = kept.allSatisfy {
            ($0[Fields.Assessment.sharing.name].text ?? ScoreSharing.all.rawValue) == ScoreSharing.all.rawValue
        }
        let held = ratings.compactMap(\.score)
        return AssessmentRound(
            centre: centre, centreName: centreName, round: round,
            date: kept.compactMap { $0[Fields.Assessment.date.name].text }.max() ?? "",
            sharing: sharedWithAll ? .all : .averages, ratings: ratings,
            withheld: !sharedWithAll && held.isEmpty,
            mean: held.isEmpty ? nil : Double(held.reduce(0, +)) / Double(held.count))
    }

    private static func key(_ record: Record) -> (String, String, String) {
        (record[Fields.Assessment.date.name].text ?? "", record.updatedAt, record.id)
    }
}

/// The live dimensions' order and titles, for putting ratings in dimension order.
struct DimensionOrder {
    private var index: [String: Int] = [:]
    private var titles: [String: String] = [:]

    init(_ dimensions: [Record]) {
        for (i, dimension) in dimensions.enumerated() {
            index[dimension.id] = i
            titles[dimension.id] = dimension[Fields.Dimension.title.name].text ?? dimension.id
        }
    }

    func contains(_ dimension: String) -> Bool { index[dimension] != nil }

    func title(of dimension: String) -> String { titles[dimension] ?? dimension }

    /// Dimension ids in dimension order (unknown ones last, by id).
    func sorted(_ dimensions: [String]) -> [String] {
        dimensions.sorted { (index[$0] ?? Int.max, $0) < (index[$1] ?? Int.max, $1) }
    }
}
