import NCCModel
import NCCStore

/// The register of decisions: every decision, newest first, whether it is in force, due for
/// review or superseded, where it came from (its meeting or its proposal) and its follow-up tasks.
enum DecisionRegisterList {
    static let columns = [
        ColumnSpec("State", 14, whole: true), ColumnSpec("Made", 10, whole: true), ColumnSpec("Decision", 0),
        ColumnSpec("From", 22), ColumnSpec("Tasks", 5, whole: true),
    ]
    static let query = RecordQuery(.decision, order: [(FieldName(.decision, "created_at"), false)])

    static var list: PaneList {
        PaneList(
            query: query, columns: columns,
            emptyMessage:
                "No decisions yet: closing a proposal (\(ActionTable.key(.closeProposal, in: .decisions))) records one, so does \(ActionTable.key(.addDecision, in: .meetings)) in a meeting's minutes.",
            row: { record, _, loader in try row(record, loader) })
    }

    static func row(_ decision: Record, _ loader: Loader) throws -> ListRow {
        let reader = loader.reader
        let state = try reader.registerState(of: decision, today: loader.today)
        let from: String
        if let proposal = decision[Fields.Decision.proposal].text {
            from = try loader.title(.proposal, proposal)
        } else {
            from = try loader.title(.meeting, decision[Fields.Decision.meeting].text)
        }
        let tasks = try reader.countRecords(where: Fields.Task.decision, is: decision.id)
        return ListRow(
            kind: .decision, id: decision.id,
            cells: [
                state.state.rawValue, String(decision.createdAt.prefix(10)),
                OneLine.of(decision[Fields.Decision.text].text ?? ""), OneLine.of(from), tasks == 0 ? "" : "\(tasks)",
            ],
            role: state.state == .dueForReview ? "warning" : state.state == .superseded ? "ui.text" : nil)
    }

    /// A decision with where it came from, its state and its follow-up tasks.
    static func detail(_ id: String, _ loader: Loader) throws -> [DetailLine] {
        let reader = loader.reader
        guard let decision = try reader.record(.decision, id: id) else {
            return [DetailLine("This decision no longer exists.", .dim)]
        }
        var lines = (decision[Fields.Decision.text].text ?? "").split(whereSeparator: \.isNewline).enumerated().map {
            DetailLine(OneLine.of(String($1)), $0 == 0 ? .title : .text)
        }
        let (state, by) = try reader.registerState(of: decision, today: loader.today)
        let review = decision[Fields.Decision.review].text.map { " · review \($0)" } ?? ""
        lines.append(DetailLine("State: \(state.rawValue)\(review)", state == .inForce ? .field("state") : .warning))
        if let by {
            lines.append(
                DetailLine(
                    "Superseded by: \(OneLine.of(by[Fields.Decision.text].text ?? ""))", .field("superseded"),
                    target: RecordRef(.decision, by.id)))
        }
        let references: [(FieldName, Kind, String)] = [
            (Fields.Decision.proposal, .proposal, "Proposal"), (Fields.Decision.meeting, .meeting, "Meeting"),
            (Fields.Decision.supersedes, .decision, "Supersedes"),
        ]
        for (field, kind, label) in references {
            guard let target = decision[field].text else { continue }
            lines.append(
                DetailLine(
                    "\(label): \(OneLine.of(try loader.title(kind, target)))", .field(field.name),
                    target: RecordRef(kind, target)))
        }
        if let proposal = decision[Fields.Decision.proposal].text,
            let outcome = try reader.record(.proposal, id: proposal)?[Fields.Proposal.outcome].text
        {
            lines.append(DetailLine("Outcome: \(OneLine.of(outcome))", .field("outcome")))
        }
        let tasks = try reader.records(where: Fields.Task.decision, is: id, limit: 100)
        Loader.section(
            "Follow-up tasks",
            try tasks.map { task in
                let owner = try loader.title(.person, task[Fields.Task.owner].text)
                let parts = [task[Fields.Task.title].text ?? "", task[Fields.Task.status].text ?? "", owner]
                    .filter { !$0.isEmpty }.map { OneLine.of($0) }
                return DetailLine("  → " + parts.joined(separator: " · "), target: RecordRef(.task, task.id))
            }, into: &lines)
        return lines
    }
}
