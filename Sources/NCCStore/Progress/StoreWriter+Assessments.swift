import GRDB
import NCCModel

/// What records self-assessments and places centres in peer groups.
extension StoreWriter {
    /// Creates the four default dimensions (`Competence.defaults`, with their fixed ids) when
    /// there is no dimension at all. The ids are the same on every replica, so two replicas that
    /// start assessing apart make the same four records. A default deleted earlier comes back.
    public func ensureDefaultDimensions() throws {
        guard try reader.count(.dimension) == 0 else { return }
        for (index, competence) in Competence.defaults.enumerated() {
            try put(
                .dimension, id: competence.id,
                [
                    Fields.Dimension.title: .text(competence.title), Fields.Dimension.position: .int(index + 1),
                    Fields.Dimension.description: .text(competence.description),
                ])
        }
    }

    /// One round of a centre's self-assessment: one assessment record per dimension given (in
    /// `scores` or `evidence`, keyed by dimension id); a second call for the same centre, round
    /// and dimension updates that record (found by those three fields), changing only what is
    /// given, its date and its sharing. Returns the records' ids in dimension order. Every check
    /// (the centre, each dimension, each score in 1...5) holds before anything is written, and a
    /// failed one throws: the caller's transaction writes nothing then.
    @discardableResult
    public func assess(
        centre: String, round: String, date: String, scores: [String: Int], evidence: [String: String] = [:],
        sharing: ScoreSharing = .all
    ) throws -> [String] {
        guard try reader.exists(.centre, id: centre) else {
            throw StoreError.notFound(kind: .centre, reference: centre)
        }
        let round = Text.normalized(Text.trimmed(round))
        guard !round.isEmpty else {
            throw StoreError.missingRequired(kind: .assessment, field: Fields.Assessment.round.name)
        }
        guard let day = Dates.normalizedDate(date) else {
            throw StoreError.invalid(
                kind: .assessment,
                FieldError(field: Fields.Assessment.date.name, message: "'\(date)' is not a valid date YYYY-MM-DD"))
        }
        let order = DimensionOrder(try reader.dimensions())
        let given = order.sorted(Array(Set(scores.keys).union(evidence.keys)))
        for dimension in given where !order.contains(dimension) {
            throw StoreError.notFound(kind: .dimension, reference: dimension)
        }
        for (dimension, score) in scores where !(1...5).contains(score) {
            throw StoreError.invalid(
                kind: .assessment,
                FieldError(
                    field: Fields.Assessment.score.name,
                    message: "\(score) for \(order.title(of: dimension)) is not a score from 1 to 5"))
        }
        var ids: [String] = []
        for dimension in given {
            var values: [FieldName: Value] = [
                Fields.Assessment.date: .text(day), Fields.Assessment.sharing: .text(sharing.rawValue),
            ]
            if let score = scores[dimension] { values[Fields.Assessment.score] = .int(score) }
            if let text = evidence[dimension] {
                let trimmed = Text.trimmed(text)
                values[Fields.Assessment.evidence] = trimmed.isEmpty ? .null : .text(trimmed)
            }
            if let id = try reader.assessmentID(centre: centre, round: round, dimension: dimension) {
                try update(.assessment, id: id, values)
                ids.append(id)
            } else {
                values[Fields.Assessment.centre] = .text(centre)
                values[Fields.Assessment.round] = .text(round)
                values[Fields.Assessment.dimension] = .text(dimension)
                ids.append(try create(.assessment, values))
            }
        }
        return ids
    }

    /// Sets each placed centre's `capacity_group` to its proposed group; returns how many
    /// centres changed. Unplaced centres keep theirs.
    @discardableResult
    public func applyPeerGroups(_ proposal: PeerGroupProposal) throws -> Int {
        var changed = 0
        for group in proposal.groups {
            for member in group.members {
                guard let centre = try reader.record(.centre, id: member.centre),
                    centre[Fields.Centre.capacityGroup.name].int != group.number
                else { continue }
                try update(.centre, id: member.centre, [Fields.Centre.capacityGroup: .int(group.number)])
                changed += 1
            }
        }
        return changed
    }
}

extension StoreReader {
    /// The live assessment of a centre on a dimension in a round; should two replicas have made
    /// one each, the one a round shows (the newest, see `assessmentRound`).
    func assessmentID(centre: String, round: String, dimension: String) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id FROM assessment WHERE centre = ? AND round = ? AND dimension = ? AND deleted = 0
                    ORDER BY date DESC, updated_at DESC, id DESC LIMIT 1
                    """), arguments: [centre, round, dimension])
    }
}
