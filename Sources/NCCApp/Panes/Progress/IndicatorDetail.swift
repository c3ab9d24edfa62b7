import NCCModel
import NCCStore
import TerminalText

/// The detail of the selected indicator: from its baseline to its target and by when, the whole
/// group's history as a sparkline, a bar per capacity group, consortium and centre (centres that
/// never reported listed as such), then each disputed value with both figures, their sources and
/// who reported them: left out of every figure until one is corrected.
enum IndicatorDetail {
    /// The history draws at most this many values (the latest).
    static let historyShown = 40

    static func lines(_ indicator: IndicatorProgress, objective: String?, width: Int) -> [DetailLine] {
        let unit = ProgressWords.name(indicator.unit)
        var lines = [DetailLine(ProgressWords.name(indicator.title), .title)]
        if let objective {
            lines.append(DetailLine("  Objective: \(ProgressWords.name(objective))", .field("objective")))
        }
        let due = indicator.due.map { " · due \($0)" } ?? ""
        lines.append(
            DetailLine(
                "  Baseline \(ProgressWords.number(indicator.baseline)) → target \(ProgressWords.value(indicator.target, indicator.unit))\(due) · \(ProgressWords.direction(indicator.direction))",
                .field("target")))
        lines.append(
            DetailLine(
                indicator.rollup.aggregate == .sum
                    ? "  The group's value adds up each centre's latest; a set of centres is held to its share of the target"
                    : "  The group's value is the mean of the centres' latest values", .dim))
        lines.append(wholeLine(indicator))

        lines.append(DetailLine(""))
        lines += history(indicator)

        let rollup = indicator.rollup
        let levels = [
            ("By capacity group", rollup.capacityGroupLevels), ("By consortium", rollup.consortiumLevels),
            ("By centre", rollup.centreLevels),
        ]
        let labelWidth = min(
            max(10, width / 3),
            levels.flatMap { $0.1 }.map { DisplayWidth.of(ProgressWords.name($0.name)) }.max() ?? 0)
        for (heading, chart) in levels where !chart.isEmpty {
            lines.append(DetailLine(""))
            lines.append(DetailLine("\(heading)\(unit.isEmpty ? "" : " (\(unit))")", .heading))
            lines += levelLines(chart, labelWidth: labelWidth, width: width)
        }

        lines += conflictLines(indicator)
        return lines
    }

    /// The whole group's standing now.
    static func wholeLine(_ indicator: IndicatorProgress) -> DetailLine {
        let whole = indicator.whole
        guard whole.value != nil else {
            return DetailLine("  Whole group: no value yet · \(ObjectiveTree.reported(indicator))", .field("whole"))
        }
        var parts = [ObjectiveTree.latest(indicator)]
        if let progress = whole.progress {
            parts.append("\(ProgressWords.percent(progress))% of the way" + (indicator.reached ? ", reached" : ""))
        }
        parts.append(ObjectiveTree.reported(indicator))
        return DetailLine("  Whole group: " + parts.joined(separator: " · "), .field("whole"))
    }

    /// The whole group's values over time as one line of blocks, with its first and last dates.
    static func history(_ indicator: IndicatorProgress) -> [DetailLine] {
        let series = indicator.rollup.series(of: .wholeGroup)
        var lines = [DetailLine("History of the whole group (\(OverviewPane.counted(series.count, "date")))", .heading)]
        guard let first = series.first, let last = series.last else {
            lines.append(DetailLine("  nothing reported yet", .dim))
            return lines
        }
        let shown = series.suffix(historyShown)
        lines.append(DetailLine("  " + Sparkline.of(shown.map(\.value), including: [indicator.target])))
        let from = shown.first ?? first
        lines.append(
            DetailLine(
                "  \(from.date) \(ProgressWords.number(from.value)) → \(last.date) \(ProgressWords.value(last.value, indicator.unit)) · target \(ProgressWords.number(indicator.target))",
                .dim))
        if series.count > shown.count {
            lines.append(DetailLine("  the latest \(shown.count) of \(series.count) dates; since \(first.date)", .dim))
        }
        return lines
    }

    /// A bar per level, sharing one scale; a level that never reported says so. Each bar says its
    /// value and its date (a centre's) or how many of its centres reported (a set's), when the
    /// column leaves a bar room for them.
    static func levelLines(_ levels: [LevelProgress], labelWidth: Int, width: Int) -> [DetailLine] {
        func written(long: Bool) -> [String] {
            ProgressWords.padded(
                levels.map { level in
                    guard let value = level.value else { return "" }
                    var note =
                        "%" + ((level.progress ?? 0) >= 1 ? " reached" : "") + " · " + ProgressWords.number(value)
                    guard long else { return note }
                    if case .centre = level.level {
                        note += level.asOf.map { " (\($0))" } ?? ""
                    } else {
                        note += " · \(level.reported) of \(level.members) reported"
                    }
                    return note
                })
        }
        // The indent, the label and its space, the percentage: what a bar shares its line with.
        let fixed = 2 + labelWidth + 1 + 5
        var notes = written(long: true)
        if width - fixed - DisplayWidth.of(notes.first ?? "") < 12 { notes = written(long: false) }
        return zip(levels, notes).map { level, note in
            let name = ProgressWords.name(level.name)
            guard let value = level.value else {
                return DetailLine("  " + ProgressWords.fit(name, labelWidth) + " not reported", .dim)
            }
            guard let progress = level.progress else {
                return DetailLine("  " + ProgressWords.fit(name, labelWidth) + " " + ProgressWords.number(value))
            }
            var line = DetailLine("  ")
            line.bar = ChartBar(
                label: name, labelWidth: labelWidth, count: ProgressWords.percent(progress), maximum: 100, note: note)
            return line
        }
    }

    /// Each disputed date: both values, their sources and reporters; Enter on one edits it.
    static func conflictLines(_ indicator: IndicatorProgress) -> [DetailLine] {
        guard !indicator.conflicts.isEmpty else { return [] }
        var lines = [
            DetailLine(""), DetailLine("Disputed values (\(indicator.conflicts.count))", .heading),
        ]
        for conflict in indicator.conflicts {
            let whose = ProgressWords.centre(conflict.centre, indicator.rollup)
            lines.append(DetailLine("  \(whose) on \(conflict.date): left out until one is corrected", .warning))
            for point in conflict.points {
                let source = point.source.map { "source: \(ProgressWords.name($0))" } ?? "no source given"
                let reporter = conflict.reporters[point.id].map { "reported by \(ProgressWords.name($0))" } ?? ""
                let parts = [ProgressWords.value(point.value, indicator.unit), source, reporter].filter { !$0.isEmpty }
                lines.append(
                    DetailLine("    " + parts.joined(separator: " · "), target: RecordRef(.measurement, point.id)))
            }
        }
        lines.append(
            DetailLine(
                "  \(ActionTable.key(.open)) on a value edits it, \(ActionTable.key(.deleteProgress, in: .progress)) deletes it: the other then counts",
                .dim))
        return lines
    }
}

/// The detail of the selected objective: where it belongs, by when, how far (half from its
/// indicators, half from its tasks), what serves it, its description and its indicators' bars.
enum ObjectiveDetail {
    static func lines(_ objective: ObjectiveProgress, area: String?, width: Int) -> [DetailLine] {
        let record = objective.objective
        var lines = [DetailLine(ProgressWords.name(objective.title), .title)]
        lines.append(
            DetailLine(
                area.map { "  Working area: \($0)" } ?? "  The whole group's objective",
                .field("working area")))
        var when = [record[Fields.Objective.status].text.map { ProgressWords.name($0) } ?? "active"]
        if let due = record[Fields.Objective.due].text { when.insert("due \(due)", at: 0) }
        let joined = when.joined(separator: " · ")
        lines.append(DetailLine("  " + joined.prefix(1).uppercased() + joined.dropFirst(), .field("due")))
        if let progress = objective.progress {
            var bar = DetailLine("  ")
            bar.bar = ChartBar(
                label: "Progress", labelWidth: 8, count: ProgressWords.percent(progress), maximum: 100, note: "%")
            lines.append(bar)
            lines.append(DetailLine("  " + how(objective), .dim))
        } else {
            lines.append(
                DetailLine("  Progress: nothing measured yet (no indicator with a value, no task)", .field("progress")))
        }
        var serving = [
            objective.tasks == 0 ? "no tasks" : "tasks: \(objective.tasksDone) of \(objective.tasks) done"
        ]
        serving.append(OverviewPane.counted(objective.decisions, "decision"))
        serving.append(OverviewPane.counted(objective.engagements, "engagement"))
        lines.append(DetailLine("  Serving it: " + serving.joined(separator: " · "), .field("serving")))
        let description = record[Fields.Objective.description].text ?? ""
        if !description.isEmpty {
            lines.append(DetailLine(""))
            lines += description.split(whereSeparator: \.isNewline).map {
                DetailLine("  " + ProgressWords.name(String($0), limit: 2000))
            }
        }

        lines.append(DetailLine(""))
        lines.append(DetailLine("Indicators (\(objective.indicators.count))", .heading))
        if objective.indicators.isEmpty {
            lines.append(
                DetailLine("  none yet: \(ActionTable.key(.addIndicator, in: .progress)) adds one", .dim))
        }
        let labelWidth = min(
            max(10, width / 2 - 2),
            objective.indicators.map { DisplayWidth.of(ProgressWords.name($0.title)) }.max() ?? 0)
        let notes = ProgressWords.padded(
            objective.indicators.map { "%" + ($0.reached ? " reached" : "") + ($0.conflicts.isEmpty ? "" : " ⚠") })
        for (indicator, note) in zip(objective.indicators, notes) {
            let title = ProgressWords.name(indicator.title)
            guard let progress = indicator.whole.progress else {
                lines.append(DetailLine("  " + ProgressWords.fit(title, labelWidth) + " no value yet", .dim))
                continue
            }
            var line = DetailLine("  ")
            line.bar = ChartBar(
                label: title, labelWidth: labelWidth, count: ProgressWords.percent(progress), maximum: 100, note: note)
            lines.append(line)
        }
        if objective.conflicts > 0 {
            lines.append(
                DetailLine(
                    "  ⚠ \(OverviewPane.counted(objective.conflicts, "measurement conflict")): its indicator's detail shows the values",
                    .warning))
        }
        lines.append(DetailLine(""))
        lines.append(
            DetailLine(
                "  \(ActionTable.key(.open)) opens it · \(ActionTable.key(.addIndicator, in: .progress)) adds an indicator · \(ActionTable.key(.editProgress, in: .progress)) edits it",
                .dim))
        return lines
    }

    /// Where an objective's progress comes from.
    static func how(_ objective: ObjectiveProgress) -> String {
        let measured = objective.indicators.filter { $0.whole.progress != nil }.count
        let indicators = "\(measured) of \(objective.indicators.count) with a value"
        switch (measured > 0, objective.tasks > 0) {
        case (true, true): return "half from its indicators (\(indicators)), half from its tasks"
        case (true, false): return "from its indicators (\(indicators)); it has no tasks"
        default: return "from its tasks done; none of its indicators has a value yet"
        }
    }
}
