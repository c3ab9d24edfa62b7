import GRDB
import NCCModel

/// One line of the decisions register: a decision, the proposal it came from, its follow-up
/// tasks, and whether it is in force, due for review or superseded.
public struct RegisteredDecision: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case inForce = "in force"
        case dueForReview = "due for review"
        case superseded
    }

    public var decision: Record
    public var meetingTitle: String?
    public var proposalTitle: String?
    public var tasks: [Record]
    public var state: State
    /// The decision that supersedes this one.
    public var supersededBy: Record?
}

extension StoreReader {
    /// Every live decision, newest meeting first, then standalone ones by when they were made.
    /// `today` (YYYY-MM-DD) decides which are due for review.
    public func decisionRegister(today: String) throws -> [RegisteredDecision] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT d.id, m.start FROM decision d LEFT JOIN meeting m ON m.id = d.meeting AND m.deleted = 0
                WHERE d.deleted = 0 ORDER BY coalesce(m.start, d.created_at) DESC, d.position, d.id
                """)
        var decisions: [Record] = []
        for row in rows { if let record = try record(.decision, id: row[0]) { decisions.append(record) } }
        return try decisions.map { decision in
            let (state, by) = try registerState(of: decision, today: today)
            return RegisteredDecision(
                decision: decision,
                meetingTitle: try decision[Fields.Decision.meeting.name].text.map { try title(.meeting, id: $0) },
                proposalTitle: try decision[Fields.Decision.proposal.name].text.map { try title(.proposal, id: $0) },
                tasks: try records(where: Fields.Task.decision, is: decision.id), state: state, supersededBy: by)
        }
    }

    /// A decision's state: superseded (by the newest live decision that says so), due for review
    /// (its review date is `today` or past) or in force.
    public func registerState(of decision: Record, today: String) throws -> (
        state: RegisteredDecision.State, supersededBy: Record?
    ) {
        let later = try records(where: Fields.Decision.supersedes, is: decision.id, limit: 20)
        if let by = later.max(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) { return (.superseded, by) }
        if let review = decision[Fields.Decision.review.name].text, review <= today { return (.dueForReview, nil) }
        return (.inForce, nil)
    }

    /// Open proposals (by closing time, soonest first, then those without one).
    public func openProposals() throws -> [Record] {
        let ids = try String.fetchAll(
            db,
            sql: """
                SELECT id FROM proposal WHERE deleted = 0 AND status = 'open' ORDER BY closes IS NULL, closes, id
                """)
        return try ids.compactMap { try record(.proposal, id: $0) }
    }
}
