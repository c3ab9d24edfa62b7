import NCCModel
import NCCStore
import TerminalText

/// The objectives as a tree, as a working-group member scans them: the whole group's first, then
/// each working area's, every objective with its progress bar, its due date, its tasks and its
/// disputed values; under an open one its indicators, each with the whole group's bar (0 at the
/// baseline, full at the target and marked reached past it), its latest value and date, how many
/// centres reported, and which way is good (↑ more, ↓ less). Every bar of the tree shares one
/// scale.
enum ObjectiveTree {
    /// The tree's lines, the title and a summary first; `areas` names each working area's
    /// heading ("WA1 Capacity building") by its id.
    static func lines(
        _ objectives: [ObjectiveProgress], open: Set<String>, areas: [String: String], width: Int
    ) -> [DetailLine] {
        var lines = [DetailLine(ProgressViewState.Mode.objectives.title, .title)]
        let indicators = objectives.reduce(0) { $0 + $1.indicators.count }
        let conflicts = objectives.reduce(0) { $0 + $1.conflicts }
        var summary = [
            OverviewPane.counted(objectives.count, "objective"), OverviewPane.counted(indicators, "indicator"),
        ]
        if conflicts > 0 { summary.append("⚠ " + OverviewPane.counted(conflicts, "conflict") + " to resolve") }
        lines.append(DetailLine("  " + summary.joined(separator: " · "), conflicts > 0 ? .warning : .dim))
        guard !objectives.isEmpty else {
            lines.append(DetailLine(""))
            lines.append(
                DetailLine(
                    "  No objectives yet: \(ActionTable.key(.add, in: .progress)) adds one (the whole group's, or a working area's), then \(ActionTable.key(.addIndicator, in: .progress)) its indicators",
                    .dim))
            return lines
        }

        let labelWidth = labelWidth(objectives, width: width)
        // Every bar of the tree takes the same room: its notes are as wide as the widest.
        var rows: [Row] = []
        for objective in objectives {
            rows.append(.objective(objective))
            if open.contains(objective.objective.id) {
                rows += objective.indicators.map { .indicator($0) }
                if objective.indicators.isEmpty { rows.append(.noIndicators) }
            }
        }
        let notes = ProgressWords.padded(rows.map(\.note))
        var area: String??
        for (row, note) in zip(rows, notes) {
            switch row {
            case .objective(let objective):
                if area != .some(objective.workingArea) {
                    area = .some(objective.workingArea)
                    lines.append(DetailLine(""))
                    lines.append(
                        DetailLine(
                            objective.workingArea.map { areas[$0] ?? ProgressWords.name(objective.workingAreaTitle) }
                                ?? "The whole group", .heading))
                }
                lines += objectiveLines(
                    objective, open: open.contains(objective.objective.id), labelWidth: labelWidth, note: note)
            case .indicator(let indicator):
                lines += indicatorLines(indicator, labelWidth: labelWidth - 2, note: note)
            case .noIndicators:
                lines.append(
                    DetailLine(
                        "        no indicators yet: \(ActionTable.key(.addIndicator, in: .progress)) adds one",
                        .dim))
            }
        }
        return lines
    }

    private enum Row {
        case objective(ObjectiveProgress)
        case indicator(IndicatorProgress)
        case noIndicators

        /// What follows a bar's percentage.
        var note: String {
            switch self {
            case .objective(let objective): "%" + (objective.conflicts > 0 ? " ⚠" : "")
            case .indicator(let indicator):
                "%" + (indicator.reached ? " reached" : "") + (indicator.direction == .down ? " ↓" : " ↑")
                    + (indicator.conflicts.isEmpty ? "" : " ⚠")
            case .noIndicators: ""
            }
        }
    }

    /// The titles' column: as wide as the longest title, within two fifths of the width.
    static func labelWidth(_ objectives: [ObjectiveProgress], width: Int) -> Int {
        let widest =
            objectives.map { objective in
                max(
                    DisplayWidth.of(ProgressWords.name(objective.title)),
                    (objective.indicators.map { DisplayWidth.of(ProgressWords.name($0.title)) }.max() ?? 0) + 2)
            }.max() ?? 0
        return max(8, min(widest, max(14, width / 2 - 2)))
    }

    /// An objective: its bar (or why there is none), then its due date, tasks and conflicts.
    static func objectiveLines(
        _ objective: ObjectiveProgress, open: Bool, labelWidth: Int, note: String
    ) -> [DetailLine] {
        let ref = RecordRef(.objective, objective.objective.id)
        let title = ProgressWords.name(objective.title)
        var head = DetailLine(ProgressView.lead(subject: false, open: open), target: ref)
        if let progress = objective.progress {
            head.bar = ChartBar(
                label: title, labelWidth: labelWidth, count: ProgressWords.percent(progress), maximum: 100, note: note)
        } else {
            head.text += ProgressWords.fit(title, labelWidth) + " nothing measured yet"
        }
        var facts: [String] = []
        let record = objective.objective
        if let due = record[Fields.Objective.due].text { facts.append("due \(due)") }
        if let status = record[Fields.Objective.status].text, status != ObjectiveStatus.active.rawValue {
            facts.append(ProgressWords.name(status))
        }
        facts.append(objective.tasks == 0 ? "no tasks" : "\(objective.tasksDone) of \(objective.tasks) tasks done")
        if objective.conflicts > 0 { facts.append("⚠ " + OverviewPane.counted(objective.conflicts, "conflict")) }
        return [head, DetailLine("      " + facts.joined(separator: " · "), objective.conflicts > 0 ? .warning : .dim)]
    }

    /// An indicator under its objective: the whole group's bar, then its latest value.
    static func indicatorLines(_ indicator: IndicatorProgress, labelWidth: Int, note: String) -> [DetailLine] {
        let ref = RecordRef(.indicator, indicator.indicator.id)
        let title = ProgressWords.name(indicator.title)
        var head = DetailLine(ProgressView.lead(subject: false, open: nil) + "    ", target: ref)
        let whole = indicator.whole
        if let progress = whole.progress {
            head.bar = ChartBar(
                label: title, labelWidth: labelWidth, count: ProgressWords.percent(progress), maximum: 100, note: note)
        } else {
            let why = whole.value == nil ? "no value yet" : "no range: its baseline is its target"
            head.text += ProgressWords.fit(title, labelWidth) + " " + why
        }
        // Which way is good is the arrow after the percentage (↑ more, ↓ less); ⚠ a disputed value.
        let facts =
            latest(indicator)
            + (ownFigure(indicator)
                ? ", the whole group's own figure"
                : " from \(indicator.whole.reported) of \(OverviewPane.counted(indicator.whole.members, "centre"))")
        return [head, DetailLine("        " + facts, indicator.conflicts.isEmpty ? .dim : .warning)]
    }

    /// "84 people (2026-09-30)", or "no value yet".
    static func latest(_ indicator: IndicatorProgress) -> String {
        guard let value = indicator.whole.value else { return "no value yet" }
        return ProgressWords.value(value, indicator.unit) + (indicator.whole.asOf.map { " (\($0))" } ?? "")
    }

    /// The whole group's value is a figure reported for the group as a whole (not its centres').
    static func ownFigure(_ indicator: IndicatorProgress) -> Bool {
        indicator.whole.value != nil && indicator.rollup.agreed.contains { $0.centre == nil }
    }

    /// "4 of 6 centres reported", or that the value is the whole group's own figure.
    static func reported(_ indicator: IndicatorProgress) -> String {
        if ownFigure(indicator) { return "the whole group's own figure" }
        return "\(indicator.whole.reported) of \(OverviewPane.counted(indicator.whole.members, "centre")) reported"
    }
}
