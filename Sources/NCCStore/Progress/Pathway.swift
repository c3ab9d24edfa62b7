import GRDB
import NCCModel

/// A step of a pathway and the centres that have taken it.
public struct PathwayStepStatus: Sendable, Hashable {
    public var step: Record
    /// Centre ids, by centre name (case and accents ignored), then id.
    public var doneBy: [String]
}

/// One step of a centre's pathway, and whether the centre has taken it.
public struct StepProgress: Sendable, Hashable {
    public var step: Record
    public var done: Bool
    /// A step-done record says so.
    public var recorded: Bool
    /// A person of one of the centre's organisations attended the step's meeting.
    public var attended: Bool
}

/// Where a centre stands on its peer group's pathway (and on the steps of every group).
public struct PathwayProgress: Sendable, Hashable {
    public var centre: String
    /// Its `capacity_group`; nil: in no group yet, so only the steps of every group apply.
    public var group: Int?
    /// By position.
    public var steps: [StepProgress]
    public var done: Int
    public var total: Int
}

extension StoreReader {
    /// The steps of `group`'s pathway and of every group's (peer group 0), by position, then
    /// group, then id; each with the centres that have taken it. A step is taken by a centre
    /// when a step-done record says so, or when the step names a meeting that a person of an
    /// organisation of the centre attended.
    public func pathway(group: Int) throws -> [PathwayStepStatus] {
        let ids = try String.fetchAll(
            db,
            sql: """
                SELECT id FROM pathway_step WHERE deleted = 0 AND (peer_group = ? OR coalesce(peer_group, 0) = 0)
                ORDER BY coalesce(position, 0), coalesce(peer_group, 0), id
                """, arguments: [group])
        var names: [String: String] = [:]
        return try ids.compactMap { id in
            guard let step = try record(.pathwayStep, id: id) else { return nil }
            let by = try recordedDone(step: id).union(attendedDone(step: step))
            for centre in by where names[centre] == nil { names[centre] = try title(.centre, id: centre) }
            return PathwayStepStatus(
                step: step,
                doneBy: by.sorted {
                    (Folding.key(names[$0] ?? $0), $0) < (Folding.key(names[$1] ?? $1), $1)
                })
        }
    }

    /// A centre's pathway: its peer group's steps and every group's, each done or not.
    public func pathwayProgress(of centre: String) throws -> PathwayProgress {
        guard let record = try record(.centre, id: centre) else {
            throw StoreError.notFound(kind: .centre, reference: centre)
        }
        let group = record[Fields.Centre.capacityGroup.name].int
        let steps = try pathway(group: group ?? 0).map { status in
            let recorded = try recordedDone(step: status.step.id).contains(centre)
            let attended = try attendedDone(step: status.step).contains(centre)
            return StepProgress(step: status.step, done: recorded || attended, recorded: recorded, attended: attended)
        }
        return PathwayProgress(
            centre: centre, group: group, steps: steps, done: steps.filter(\.done).count, total: steps.count)
    }

    /// The live centres a step-done record says have taken the step.
    func recordedDone(step: String) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT d.centre FROM step_done d JOIN centre c ON c.id = d.centre AND c.deleted = 0
                        WHERE d.step = ? AND d.deleted = 0
                        """), arguments: [step]))
    }

    /// The live centres with a person (of one of their organisations) at the step's meeting.
    func attendedDone(step: Record) throws -> Set<String> {
        guard let meeting = step[Fields.PathwayStep.meeting.name].text else { return [] }
        return Set(
            try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT DISTINCT o.centre FROM attendance a
                        JOIN meeting g ON g.id = a.meeting AND g.deleted = 0
                        JOIN person p ON p.id = a.person AND p.deleted = 0
                        JOIN organisation o ON o.id = p.organisation AND o.deleted = 0
                        JOIN centre c ON c.id = o.centre AND c.deleted = 0
                        WHERE a.meeting = ? AND a.deleted = 0
                        """), arguments: [meeting]))
    }
}
