import NCCModel
import NCCStore
import TerminalText

/// The Overview's part of the objectives: the first few objectives with their progress bars, and
/// the measurement conflicts to resolve (values of one indicator, centre and date that disagree,
/// left out of every figure until one is corrected). Enter on either shows it in the Progress pane.
extension OverviewPane {
    struct Objectives: Sendable {
        var first: [ObjectiveBar] = []
        var count = 0
        var conflicts: [Item] = []
        var conflictCount = 0
    }

    struct ObjectiveBar: Sendable {
        var title: String
        var progress: Double?
        var conflicts: Int
        var ref: RecordRef
    }

    /// Read with the figures (a working group has a handful of objectives and indicators).
    static func objectives(_ loader: Loader) throws -> Objectives {
        let all = try loader.reader.objectivesProgress()
        var objectives = Objectives(count: all.count)
        objectives.first = all.prefix(listed).map {
            ObjectiveBar(
                title: ProgressWords.name($0.title), progress: $0.progress,
                conflicts: $0.conflicts,
                ref: RecordRef(.objective, $0.objective.id))
        }
        for indicator in all.flatMap(\.indicators) {
            for conflict in indicator.conflicts {
                objectives.conflictCount += 1
                guard objectives.conflicts.count < listed else { continue }
                let values = conflict.points.map { ProgressWords.name($0.text) }.joined(separator: " or ")
                objectives.conflicts.append(
                    Item(
                        text: [
                            ProgressWords.name(indicator.title),
                            ProgressWords.centre(conflict.centre, indicator.rollup),
                            "\(conflict.date): \(values)",
                        ].joined(separator: " · "), ref: RecordRef(.indicator, indicator.indicator.id), warning: true))
            }
        }
        return objectives
    }

    /// The objectives' bars, for the first column.
    static func objectiveLines(_ objectives: Objectives) -> [DetailLine] {
        let pane = ActionTable.key(Pane.progress.showAction)
        var lines = [DetailLine(""), DetailLine("Objectives (\(objectives.count))", .heading)]
        if objectives.count == 0 {
            lines.append(
                DetailLine(
                    "  None yet: \(pane) shows the Progress pane, \(ActionTable.key(.add, in: .progress)) adds one",
                    .dim))
        }
        let labelWidth = min(24, objectives.first.map { DisplayWidth.of($0.title) }.max() ?? 0)
        let notes = ProgressWords.padded(objectives.first.map { "%" + ($0.conflicts > 0 ? " ⚠" : "") })
        for (objective, note) in zip(objectives.first, notes) {
            guard let progress = objective.progress else {
                lines.append(
                    DetailLine(
                        "  " + ProgressWords.fit(objective.title, labelWidth) + " nothing measured yet", .dim,
                        target: objective.ref))
                continue
            }
            var line = DetailLine("  ", objective.conflicts > 0 ? .warning : .text, target: objective.ref)
            line.bar = ChartBar(
                label: objective.title, labelWidth: labelWidth, count: ProgressWords.percent(progress), maximum: 100,
                note: note)
            lines.append(line)
        }
        if objectives.count > objectives.first.count {
            lines.append(
                DetailLine("  … and \(objectives.count - objectives.first.count) more: \(pane) shows them all", .dim))
        }
        return lines
    }

    /// The measurement conflicts to resolve, for the second column.
    static func measurementConflictLines(_ objectives: Objectives) -> [DetailLine] {
        var lines = [
            DetailLine(""), DetailLine("Measurement conflicts to resolve (\(objectives.conflictCount))", .heading),
        ]
        lines += objectives.conflicts.map { DetailLine("  " + $0.text, .warning, target: $0.ref) }
        if objectives.conflictCount == 0 {
            lines.append(DetailLine("  None: every value reported is agreed", .dim))
        } else if objectives.conflictCount > listed {
            lines.append(
                DetailLine(
                    "  … and \(objectives.conflictCount - listed) more: \(ActionTable.key(Pane.progress.showAction)) shows them with their indicators",
                    .dim))
        }
        return lines
    }
}
