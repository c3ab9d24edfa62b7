import GRDB
import NCCModel

/// An indicator with everything reported for it, rolled up (see `Rollup` for the rules).
public struct IndicatorProgress: Sendable, Hashable {
    public var indicator: Record
    public var title: String
    public var objective: String?
    public var unit: String
    public var direction: IndicatorDirection
    public var baseline: Double
    public var target: Double
    public var due: String?
    public var rollup: Rollup
    /// The whole group's standing.
    public var whole: LevelProgress
    public var conflicts: [MeasurementConflict]

    /// The whole group is at or past the target.
    public var reached: Bool { (whole.progress ?? 0) >= 1 }

}

extension StoreReader {
    /// Every live centre, by name, with its capacity group and consortia; and the consortia's names.
    public func centreDirectory() throws -> CentreDirectory {
        let memberships = try Row.fetchAll(
            db,
            sql: """
                SELECT m.centre, m.consortium, c.name FROM membership m JOIN consortium c ON c.id = m.consortium
                WHERE m.deleted = 0 AND c.deleted = 0 ORDER BY c.sort_key, c.id
                """)
        var consortiaOf: [String: [String]] = [:]
        var consortia: [String: String] = [:]
        for row in memberships {
            consortiaOf[row[0], default: []].append(row[1])
            consortia[row[1]] = row[2]
        }
        let centres = try Row.fetchAll(
            db, sql: "SELECT id, name, capacity_group FROM centre WHERE deleted = 0 ORDER BY sort_key, id"
        ).map { row in
            CentreDirectory.Centre(
                id: row[0], name: row[1] ?? "", capacityGroup: row[2], consortia: consortiaOf[row[0]] ?? [])
        }
        return CentreDirectory(centres: centres, consortia: consortia)
    }

    /// An indicator's progress, or nil when there is no such live indicator.
    public func indicatorProgress(_ id: String) throws -> IndicatorProgress? {
        guard let indicator = try record(.indicator, id: id) else { return nil }
        return try progress(of: indicator, directory: try centreDirectory())
    }

    /// Every live indicator's progress (of one objective, or all), by objective and then title.
    public func indicatorsProgress(objective: String? = nil) throws -> [IndicatorProgress] {
        let ids = try String.fetchAll(
            db,
            sql: """
                SELECT i.id FROM indicator i LEFT JOIN objective o ON o.id = i.objective
                WHERE i.deleted = 0 \(objective == nil ? "" : "AND i.objective = ?")
                ORDER BY o.due IS NULL, o.due, o.sort_key, i.sort_key, i.id
                """, arguments: StatementArguments(objective.map { [$0] } ?? []))
        let directory = try centreDirectory()
        return try ids.compactMap { id in
            try record(.indicator, id: id).map { try progress(of: $0, directory: directory) }
        }
    }

    func progress(of indicator: Record, directory: CentreDirectory) throws -> IndicatorProgress {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, centre, date, value, source, note FROM measurement
                WHERE deleted = 0 AND indicator = ? ORDER BY date, coalesce(centre, ''), id
                """, arguments: [indicator.id])
        let points = rows.compactMap { row -> MeasurementPoint? in
            let text: String? = row[3]
            guard let value = DecimalText.double(text), let date: String = row[2] else { return nil }
            return MeasurementPoint(
                id: row[0], centre: row[1], date: date, value: value, text: text, source: row[4], note: row[5])
        }
        let aggregate = indicator[Fields.Indicator.aggregate.name].text.flatMap(Aggregate.init) ?? .sum
        let rollup = Rollup(
            baseline: DecimalText.double(indicator[Fields.Indicator.baseline.name].text) ?? 0,
            target: DecimalText.double(indicator[Fields.Indicator.target.name].text) ?? 0,
            aggregate: aggregate, points: points, directory: directory)
        var conflicts = rollup.conflicts
        for index in conflicts.indices {
            for point in conflicts[index].points {
                conflicts[index].reporters[point.id] = try reporter(of: point.id)
            }
        }
        return IndicatorProgress(
            indicator: indicator, title: indicator[Fields.Indicator.title.name].text ?? "",
            objective: indicator[Fields.Indicator.objective.name].text,
            unit: indicator[Fields.Indicator.unit.name].text ?? "",
            direction: indicator[Fields.Indicator.direction.name].text.flatMap(IndicatorDirection.init) ?? .up,
            baseline: rollup.baseline, target: rollup.target, due: indicator[Fields.Indicator.due.name].text,
            rollup: rollup, whole: rollup.progress(of: .wholeGroup), conflicts: conflicts)
    }

    /// Who reported a measurement: the person the replica that made it spoke for, else that replica.
    func reporter(of measurement: String) throws -> String? {
        guard
            let replica = try String.fetchOne(
                db, sql: "SELECT replica FROM op WHERE kind = 'measurement' AND record = ? ORDER BY stamp LIMIT 1",
                arguments: [measurement])
        else { return nil }
        if let person = try speaker(of: replica)?.person { return try title(.person, id: person) }
        return "replica " + String(replica.prefix(8))
    }
}
