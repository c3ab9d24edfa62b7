import Foundation
import NCCModel

/// A centre's latest scores, the input of `PeerGroups.propose`.
public struct CentreScores: Sendable, Hashable {
    public var centre: String
    public var name: String
    /// By dimension, in dimension order; a nil score is one not held here (or not given).
    public var scores: [Rating]
    /// Its scores are kept by the centre (shared into averages only).
    public var withheld: Bool
    /// Its `capacity_group` now.
    public var currentGroup: Int?

    public init(centre: String, name: String, scores: [Rating], withheld: Bool = false, currentGroup: Int? = nil) {
        self.centre = centre
        self.name = name
        self.scores = scores
        self.withheld = withheld
        self.currentGroup = currentGroup
    }
}

/// A proposal of peer groups: each placed centre in one group, why, and what would change.
public struct PeerGroupProposal: Sendable, Hashable {
    /// Numbered 1... from the most experienced (the highest mean of its centroid) down.
    public var groups: [ProposedGroup]
    /// Centres that could not be placed, by name.
    public var unplaced: [UnplacedCentre]
    /// The capacity group each centre of the input has now (those that have one).
    public var current: [String: Int]
    /// The mean of all placed centres on each dimension, which the explanations compare with.
    public var average: [CentroidValue]

    /// Placed centres whose group would change (a new one, or another than they have).
    public var changes: [ProposedMember] {
        groups.flatMap { group in group.members.filter { $0.current != group.number } }
    }
}

public struct ProposedGroup: Sendable, Hashable {
    public var number: Int
    /// By name (case and accents ignored), then id.
    public var members: [ProposedMember]
    /// The mean of its members on each dimension, in dimension order.
    public var centroid: [CentroidValue]
    /// The mean of the centroid.
    public var mean: Double
    /// Where the group stands out from the average of all centres, in plain words: the start of
    /// each member's explanation.
    public var standsOut: [String]
}

public struct ProposedMember: Sendable, Hashable {
    public var centre: String
    public var name: String
    /// Its capacity group now.
    public var current: Int?
    /// Why this group, in plain words: where the group stands out from the average, and how
    /// much nearer the centre is to it than to the next group.
    public var explanation: [String]
}

public struct CentroidValue: Sendable, Hashable {
    public var dimension: String
    public var title: String
    public var value: Double
}

public struct UnplacedCentre: Sendable, Hashable {
    public var centre: String
    public var name: String
    public var reason: String
    public var current: Int?
}

/// Peer groups from self-assessment: k-means on the centres' latest score vectors.
///
/// Deterministic, so that every replica proposes the same groups from the same scores and a
/// shuffled input changes nothing: the centres are sorted by their mean score, then id, and the
/// initial centroids are the centres at evenly spaced positions of that order (the middle of each
/// of `count` equal slices). Lloyd iterations follow (each centre to its nearest centroid by
/// Euclidean distance, each centroid to its members' mean) until no assignment changes, 100 at
/// most; a tie goes to the lower group. A centroid left without members keeps its place, and a
/// group still empty at the end is dropped. The groups are numbered 1...count from the highest
/// centroid mean down: 1 is the most experienced. A score missing from a vector is imputed with
/// the centre's own mean; a centre with no score held here is not placed.
public enum PeerGroups {
    /// The largest number of groups: a centre's `capacity_group` is 1...9.
    public static let maximumCount = 9

    public static func propose(_ vectors: [CentreScores], count: Int) -> PeerGroupProposal {
        var current: [String: Int] = [:]
        for vector in vectors { if let group = vector.currentGroup { current[vector.centre] = group } }
        let dimensions = Self.dimensions(of: vectors)
        var unplaced: [UnplacedCentre] = []
        var points: [Point] = []
        for vector in vectors {
            let held = vector.scores.compactMap(\.score)
            guard !held.isEmpty else {
                unplaced.append(
                    UnplacedCentre(
                        centre: vector.centre, name: vector.name,
                        reason: vector.withheld
                            ? "its scores are kept by its centre (shared into averages only)"
                            : "no score in its latest self-assessment", current: vector.currentGroup))
                continue
            }
            let own = Double(held.reduce(0, +)) / Double(held.count)
            let byDimension = Dictionary(
                vector.scores.compactMap { rating in rating.score.map { (rating.dimension, Double($0)) } }
            ) { first, _ in first }
            points.append(
                Point(
                    centre: vector.centre, name: vector.name, current: vector.currentGroup,
                    values: dimensions.map { byDimension[$0.id] ?? own }, mean: own))
        }
        unplaced.sort { Self.byName($0.name, $0.centre, $1.name, $1.centre) }
        // The sorted order is total (ids are unique): nothing below depends on the input's order.
        points.sort { ($0.mean, $0.centre) < ($1.mean, $1.centre) }
        let k = min(max(count, 1), maximumCount, points.count)
        guard k > 0 else {
            return PeerGroupProposal(groups: [], unplaced: unplaced, current: current, average: [])
        }
        let n = points.count
        // Cluster 0 starts at the highest position, so that a tie goes to the more experienced.
        var centroids = (0..<k).map { c in points[(2 * (k - 1 - c) + 1) * n / (2 * k)].values }
        var assignment = points.map { nearest($0.values, centroids) }
        for _ in 0..<100 {
            centroids = means(points, assignment, previous: centroids)
            let next = points.map { nearest($0.values, centroids) }
            if next == assignment { break }
            assignment = next
        }
        centroids = means(points, assignment, previous: centroids)

        let average = (0..<dimensions.count).map { d in points.map { $0.values[d] }.reduce(0, +) / Double(n) }
        let used = (0..<k).filter { assignment.contains($0) }
        let ranked = used.sorted { a, b in
            let (ma, mb) = (mean(centroids[a]), mean(centroids[b]))
            return ma != mb ? ma > mb : a < b
        }
        var number: [Int: Int] = [:]
        for (i, cluster) in ranked.enumerated() { number[cluster] = i + 1 }

        let groups = ranked.map { cluster -> ProposedGroup in
            let standsOut = Self.standsOut(centroids[cluster], average, dimensions)
            let members = points.indices.filter { assignment[$0] == cluster }.map { i -> ProposedMember in
                let point = points[i]
                var explanation = standsOut
                if let line = Self.nearness(point.values, own: cluster, centroids, used: used, number: number) {
                    explanation.append(line)
                }
                return ProposedMember(
                    centre: point.centre, name: point.name, current: point.current, explanation: explanation)
            }.sorted { Self.byName($0.name, $0.centre, $1.name, $1.centre) }
            return ProposedGroup(
                number: number[cluster]!, members: members,
                centroid: dimensions.indices.map {
                    CentroidValue(
                        dimension: dimensions[$0].id, title: dimensions[$0].title, value: centroids[cluster][$0])
                }, mean: mean(centroids[cluster]), standsOut: standsOut)
        }
        return PeerGroupProposal(
            groups: groups, unplaced: unplaced, current: current,
            average: dimensions.indices.map {
                CentroidValue(dimension: dimensions[$0].id, title: dimensions[$0].title, value: average[$0])
            })
    }

    /// How many dimensions an explanation names at most.
    static let namedDimensions = 2

    private struct Point {
        var centre: String
        var name: String
        var current: Int?
        var values: [Double]
        var mean: Double
    }

    /// Every dimension of the vectors, in dimension order: a dimension comes as early as it comes
    /// in any vector, ties by id (the same order whatever the order of the vectors).
    private static func dimensions(of vectors: [CentreScores]) -> [(id: String, title: String)] {
        var earliest: [String: Int] = [:]
        var titles: [String: String] = [:]
        for vector in vectors {
            for (i, rating) in vector.scores.enumerated() {
                earliest[rating.dimension] = min(earliest[rating.dimension] ?? i, i)
                if titles[rating.dimension] == nil || rating.dimensionTitle < titles[rating.dimension]! {
                    titles[rating.dimension] = rating.dimensionTitle
                }
            }
        }
        return earliest.keys.sorted { (earliest[$0]!, $0) < (earliest[$1]!, $1) }.map { ($0, titles[$0] ?? $0) }
    }

    private static func distanceSquared(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    /// The nearest centroid's index; a tie goes to the lower index.
    private static func nearest(_ values: [Double], _ centroids: [[Double]]) -> Int {
        var best = 0
        var bestDistance = Double.infinity
        for (c, centroid) in centroids.enumerated() {
            let d = distanceSquared(values, centroid)
            if d < bestDistance {
                best = c
                bestDistance = d
            }
        }
        return best
    }

    /// Each cluster's mean of its members (summed in the points' sorted order); an empty cluster
    /// keeps its previous centroid.
    private static func means(_ points: [Point], _ assignment: [Int], previous: [[Double]]) -> [[Double]] {
        previous.indices.map { c in
            let members = points.indices.filter { assignment[$0] == c }
            guard !members.isEmpty else { return previous[c] }
            return previous[c].indices.map { d in
                members.map { points[$0].values[d] }.reduce(0, +) / Double(members.count)
            }
        }
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Where a group's centroid differs most from the average of all centres, as a member reads it.
    private static func standsOut(
        _ centroid: [Double], _ average: [Double], _ dimensions: [(id: String, title: String)]
    ) -> [String] {
        let differing = dimensions.indices.filter { abs(centroid[$0] - average[$0]) >= 0.05 }
            .sorted { abs(centroid[$0] - average[$0]) > abs(centroid[$1] - average[$1]) }
            .prefix(namedDimensions)
        guard !differing.isEmpty else { return ["close to the average on every dimension"] }
        return differing.map { d in
            "\(centroid[d] > average[d] ? "above" : "below") the average on \(dimensions[d].title) "
                + "(\(decimal(centroid[d])) against \(decimal(average[d])))"
        }
    }

    /// How much nearer a centre is to its group than to the next nearest group; nil with one group.
    private static func nearness(
        _ values: [Double], own: Int, _ centroids: [[Double]], used: [Int], number: [Int: Int]
    ) -> String? {
        let ownDistance = distanceSquared(values, centroids[own]).squareRoot()
        let others = used.filter { $0 != own }.map { ($0, distanceSquared(values, centroids[$0]).squareRoot()) }
        guard let next = others.min(by: { ($0.1, number[$0.0]!) < ($1.1, number[$1.0]!) }) else { return nil }
        let margin = next.1 - ownDistance
        let (mine, theirs) = (number[own]!, number[next.0]!)
        return margin < 0.05
            ? "as near to group \(mine) as to group \(theirs)"
            : "nearer to group \(mine) than to group \(theirs) by \(decimal(margin))"
    }

    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func byName(_ a: String, _ aID: String, _ b: String, _ bID: String) -> Bool {
        (Folding.key(a), aID) < (Folding.key(b), bID)
    }
}

extension StoreReader {
    /// Peer groups proposed from each centre's latest self-assessment (see `PeerGroups`).
    public func proposedPeerGroups(count: Int = 3) throws -> PeerGroupProposal {
        let vectors = try latestAssessments().map { round in
            CentreScores(
                centre: round.centre, name: round.centreName, scores: round.ratings, withheld: round.withheld,
                currentGroup: try record(.centre, id: round.centre)?[Fields.Centre.capacityGroup.name].int)
        }
        return PeerGroups.propose(vectors, count: count)
    }
}
