import GRDB
import NCCModel

/// An objective with what serves it and how far it has come.
public struct ObjectiveProgress: Sendable, Hashable {
    public var objective: Record
    public var title: String
    public var workingArea: String?
    public var workingAreaTitle: String?
    /// The working area's number in the action plan (`WA2`), when it has one.
    public var workingAreaNumber: Int?
    public var indicators: [IndicatorProgress]
    /// Its tasks done, of its tasks.
    public var tasksDone: Int
    public var tasks: Int
    public var decisions: Int
    public var engagements: Int

    /// Half from its indicators (each at its progress, held between 0 and 1), half from its tasks
    /// (the share done); all from whichever of the two it has; nil with neither.
    public var progress: Double? {
        let measured = indicators.compactMap(\.whole.progress).map { min(max($0, 0), 1) }
        let fromIndicators = measured.isEmpty ? nil : measured.reduce(0, +) / Double(measured.count)
        let fromTasks = tasks == 0 ? nil : Double(tasksDone) / Double(tasks)
        switch (fromIndicators, fromTasks) {
        case (let i?, let t?): return (i + t) / 2
        case (let i?, nil): return i
        case (nil, let t?): return t
        case (nil, nil): return nil
        }
    }

    /// Its indicators' conflicts, counted.
    public var conflicts: Int { indicators.reduce(0) { $0 + $1.conflicts.count } }
}

extension StoreReader {
    /// Every live objective (of a working area, or all): by working area number (the whole
    /// group's, with none, first), then due date and title.
    public func objectivesProgress(workingArea: String? = nil) throws -> [ObjectiveProgress] {
        let ids = try String.fetchAll(
            db,
            sql: """
                SELECT o.id FROM objective o LEFT JOIN working_area w ON w.id = o.working_area AND w.deleted = 0
                WHERE o.deleted = 0 \(workingArea == nil ? "" : "AND o.working_area = ?")
                ORDER BY w.number IS NOT NULL, w.number, o.due IS NULL, o.due, o.sort_key, o.id
                """, arguments: StatementArguments(workingArea.map { [$0] } ?? []))
        let directory = try centreDirectory()
        return try ids.compactMap { try objectiveProgress($0, directory: directory) }
    }

    /// One objective's progress, or nil when there is no such live objective.
    public func objectiveProgress(_ id: String) throws -> ObjectiveProgress? {
        try objectiveProgress(id, directory: try centreDirectory())
    }

    func objectiveProgress(_ id: String, directory: CentreDirectory) throws -> ObjectiveProgress? {
        guard let objective = try record(.objective, id: id) else { return nil }
        let indicators = try String.fetchAll(
            db, sql: "SELECT id FROM indicator WHERE deleted = 0 AND objective = ? ORDER BY sort_key, id",
            arguments: [id]
        ).compactMap { try record(.indicator, id: $0) }.map { try progress(of: $0, directory: directory) }
        let tasks = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*), coalesce(sum(status = 'done'), 0) FROM task WHERE deleted = 0 AND objective = ?
                """, arguments: [id])
        let area = objective[Fields.Objective.workingArea.name].text
        return ObjectiveProgress(
            objective: objective, title: objective[Fields.Objective.title.name].text ?? "", workingArea: area,
            workingAreaTitle: try area.map { try title(.workingArea, id: $0) },
            workingAreaNumber: try area.flatMap { try record(.workingArea, id: $0)?[Fields.WorkingArea.number].int },
            indicators: indicators,
            tasksDone: tasks?[1] ?? 0, tasks: tasks?[0] ?? 0,
            decisions: try countRecords(where: Fields.Decision.objective, is: id),
            engagements: try countRecords(where: Fields.Engagement.objective, is: id))
    }
}
