import Foundation
import NCCMatch
import NCCModel
import NCCStore

/// Experts and the centres' needs: a need's detail ranks the experts for it, with the reasons,
/// and follows its engagements.
enum ExpertsPane: PaneFeature {
    static let title = "Experts"
    static let summary = "Show experts, needs and matching"
    static let group: RecordGroup? = .experts

    static let bindings = [
        ActionTable.add, ActionTable.edit,
        Binding(.showNeeds, [.character("n")], "n", "needs", "Switch between the experts and the needs", footer: true),
        Binding(.propose, [.character("p")], "p", "propose", "Propose the selected expert for the need"),
        Binding(
            .toggleLanguageFilter, [.character("L")], "L", "language",
            "Switch the language filter of the ranking off or on"),
        Binding(
            .toggleAvailabilityFilter, [.character("V")], "V", "availability",
            "Switch the availability filter of the ranking off or on"),
        Binding(
            .toggleDeclinedFilter, [.character("R")], "R", "refused",
            "Show or hide experts who declined this need before"),
        Binding(
            .advanceEngagement, [.character("s")], "s", "engagement on",
            "Move the selected engagement on: proposed, agreed, done (asks for feedback)"),
        Binding(.declineEngagement, [.character("x")], "x", "decline", "Mark the selected engagement declined"),
    ]

    static func list(_ state: AppState) -> PaneList? {
        state.expertsShowNeeds
            ? PaneList(
                query: needQuery, columns: needColumns,
                emptyMessage: "No needs yet: press \(ActionTable.key(.add, in: .experts)) to add one.",
                row: { record, _, loader in try needRow(record, loader) })
            : PaneList(
                query: expertQuery, columns: expertColumns,
                emptyMessage: "No experts yet: press \(ActionTable.key(.add, in: .experts)) to add one.",
                row: { record, _, loader in try expertRow(record, loader) })
    }

    static func caption(_ state: AppState) -> String {
        let key = ActionTable.key(.showNeeds, in: .experts)
        return state.expertsShowNeeds ? "Needs · \(key) shows the experts" : "Experts · \(key) shows the needs"
    }

    static func detail(_ ref: RecordRef, _ loader: Loader, _ state: AppState) throws -> [DetailLine]? {
        ref.kind == .need ? try needDetail(ref, loader, engine: loader.engine, filters: state.matchFilters) : nil
    }

    static func newRecord(_ app: App) throws -> NewRecord? {
        NewRecord(kind: app.state.expertsShowNeeds ? .need : .expert)
    }

    /// A need jumped to is shown in the list of needs; anything else in the list of experts.
    static func prepareToShow(_ ref: RecordRef, _ app: App) { app.state.expertsShowNeeds = ref.kind == .need }

    /// In a need's ranking, Enter on an expert proposes them.
    static func open(line index: Int, target: RecordRef, _ app: App) throws -> Bool {
        guard app.state.expertsShowNeeds, app.state.detail.stack.isEmpty, target.kind == .expert,
            let need = app.state.list.selectedRow?.id
        else { return false }
        askPropose(expert: target.id, need: need, app)
        return true
    }

    static let expertColumns = [
        ColumnSpec("Expert", 0), ColumnSpec("Languages", 9), ColumnSpec("Days", 4, whole: true),
        ColumnSpec("Topics", 24),
    ]
    static let needColumns = [
        ColumnSpec("Need", 0), ColumnSpec("Centre", 16), ColumnSpec("Status", 7, whole: true),
        ColumnSpec("Deadline", 10, whole: true),
    ]
    static let expertQuery = RecordQuery(.expert, order: [(Fields.Expert.person, true)])
    static let needQuery = RecordQuery(.need, order: [(Fields.Need.status, false), (Fields.Need.deadline, true)])

    static func expertRow(_ expert: Record, _ loader: Loader) throws -> ListRow {
        let days = expert[Fields.Expert.availabilityDays].int ?? 0
        return ListRow(
            kind: .expert, id: expert.id,
            cells: [
                try loader.title(.person, expert[Fields.Expert.person].text),
                expert[Fields.Expert.languages].list.joined(separator: " "),
                String(days), expert[Fields.Expert.topics].list.joined(separator: ", "),
            ],
            role: days == 0 ? "ui.text.dim" : nil)
    }

    static func needRow(_ need: Record, _ loader: Loader) throws -> ListRow {
        ListRow(
            kind: .need, id: need.id,
            cells: [
                need[Fields.Need.title].text ?? "", try loader.value(need, Fields.Need.centre),
                need[Fields.Need.status].text ?? "",
                need[Fields.Need.deadline].text ?? "",
            ],
            role: need[Fields.Need.status].text == "open" ? nil : "ui.text.dim")
    }

    /// A need with its engagements and its ranked experts, best first: a score bar, the top
    /// reasons inline, and the full explanation under the selected expert.
    static func needDetail(_ ref: RecordRef, _ loader: Loader, engine: MatchEngine, filters: MatchFilters) throws
        -> [DetailLine]
    {
        guard let need = try loader.reader.record(.need, id: ref.id) else { return try loader.genericDetail(ref) }
        var lines = [DetailLine(need[Fields.Need.title].text ?? "", .title)]
        let centre = try loader.title(.centre, need[Fields.Need.centre].text)
        let languages = need[Fields.Need.languages].list.joined(separator: ", ")
        lines.append(
            DetailLine(
                "\(centre) · \(need[Fields.Need.status].text ?? "") · languages \(languages.isEmpty ? "any" : languages)"
                    + (need[Fields.Need.deadline].text.map { " · deadline \($0)" } ?? ""), .dim))
        let topics = need[Fields.Need.topics].list
        if !topics.isEmpty {
            lines.append(DetailLine("Topics: " + topics.joined(separator: ", "), .field(Fields.Need.topics.name)))
        }
        if let description = need[Fields.Need.description].text {
            lines += description.split(separator: "\n").map { DetailLine(String($0)) }
        }
        let engagements = try loader.reader.records(where: Fields.Engagement.need, is: ref.id, limit: 50)
        Loader.section(
            "Engagements (\(ActionTable.key(.advanceEngagement, in: .experts)) moves one on, \(ActionTable.key(.declineEngagement, in: .experts)) declines)",
            try engagements.map { engagement in
                let feedback = engagement[Fields.Engagement.feedback].int.map { " · feedback \($0)/5" } ?? ""
                let expert = try loader.title(.expert, engagement[Fields.Engagement.expert].text)
                return DetailLine(
                    "  [\(engagement[Fields.Engagement.status].text ?? "")] \(expert)\(feedback)",
                    target: RecordRef(.engagement, engagement.id))
            }, into: &lines)
        lines.append(DetailLine(""))
        let switchedOff = [
            filters.language ? nil : "language", filters.availability ? nil : "availability",
            filters.declined ? nil : "declined",
        ].compactMap { $0 }
        lines.append(
            DetailLine(
                "Experts for this need"
                    + (switchedOff.isEmpty ? "" : " (off: " + switchedOff.joined(separator: ", ") + ")")
                    + " · \(ActionTable.key(.open)) proposes", .heading))
        let matches: [Match]
        do {
            matches = try engine.rank(need: need, reader: loader.reader, filters: filters, limit: 10)
        } catch let error as MatchError {
            lines.append(DetailLine("  " + error.description, .warning))
            return lines
        }
        if matches.isEmpty {
            lines.append(
                DetailLine(
                    "  no expert passes the filters (\(ActionTable.key(.toggleLanguageFilter, in: .experts)), \(ActionTable.key(.toggleAvailabilityFilter, in: .experts)) and \(ActionTable.key(.toggleDeclinedFilter, in: .experts)) switch them off)",
                    .dim))
        }
        for match in matches {
            let filled = Int((match.score * 10).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
            var line = DetailLine(
                "  \(bar) \(String(format: "%.2f", match.score))  \(match.name)",
                target: RecordRef(.expert, match.expertID))
            line.more = match.reasons.map {
                "      \($0.factor) \(String(format: "%+.2f", $0.contribution)): \($0.detail)"
            }
            lines.append(line)
            let top = match.reasons.filter { $0.contribution > 0 }.prefix(2).map(\.detail).joined(separator: " · ")
            lines.append(DetailLine("      " + top, .dim))
            for flag in match.flags { lines.append(DetailLine("      ! " + flag, .warning)) }
        }
        return lines
    }
}
