import ArgumentParser
import Foundation
import NCCModel
import NCCStore
import TerminalText

/// `ncc progress [--objective X] [--json]`
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Objectives and their indicators: each indicator's latest value and its progress to target.",
        discussion:
            "Progress is a fraction: 0 at the baseline, 1 at the target, above 1 past it. Values reported differently for the same indicator, centre and date are conflicts, left out until one is corrected. The rules are in README, 'Tracking progress'."
    )

    @Option(help: "Only this objective (its id, id prefix or exact title).") var objective: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let objectives: [ObjectiveProgress]
            if let objective {
                let id = try reader.resolve(.objective, objective)
                objectives = try reader.objectiveProgress(id).map { [$0] } ?? []
            } else {
                objectives = try reader.objectivesProgress()
            }
            if json {
                Console.out(
                    JSONText.object([("objectives", JSONText.array(objectives.map(ProgressText.json)))]))
                return
            }
            guard !objectives.isEmpty else {
                Console.out("No objectives yet. Add one with 'ncc add objective --title T [--working-area W]'.")
                return
            }
            for (index, objective) in objectives.enumerated() {
                if index > 0 { Console.out("") }
                for line in ProgressText.lines(objective) { Console.out(line) }
            }
        }
    }
}

/// `ncc indicators [--json]`
struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Every indicator with its baseline, target, latest value, progress and conflicts.")

    @Flag(help: "Print a JSON array.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let indicators = try reader.indicatorsProgress()
            if json {
                Console.out(JSONText.array(indicators.map(ProgressText.json)))
                return
            }
            guard !indicators.isEmpty else {
                Console.out(
                    "No indicators yet. Add one with 'ncc add indicator --title T --objective O --unit U --baseline B --target T'."
                )
                return
            }
            let presenter = RecordPresenter(reader: reader)
            var table = TextTable(headers: [
                "id", "indicator", "objective", "baseline", "target", "latest", "progress", "centres", "conflicts",
            ])
            for indicator in indicators {
                table.append([
                    indicator.indicator.id.shortID, indicator.title + (indicator.direction == .down ? " ↓" : ""),
                    try indicator.objective.map { try presenter.title(.objective, id: $0) } ?? "",
                    ProgressText.number(indicator.baseline), ProgressText.number(indicator.target),
                    ProgressText.latest(indicator), ProgressText.percent(indicator.whole.progress),
                    "\(indicator.whole.reported) of \(indicator.whole.members)",
                    indicator.conflicts.isEmpty ? "" : String(indicator.conflicts.count),
                ])
            }
            Console.out(table.render(width: Console.width))
        }
    }
}

/// How the CLI words progress: numbers, bars and the JSON of objectives and indicators.
enum ProgressText {
    /// A value as a person reads it and JSON takes it: whole numbers without a point, others to
    /// at most four places ("24", "12.5", "0.3333").
    static func number(_ value: Double) -> String { DecimalText.shown(value) }

    static func percent(_ progress: Double?) -> String {
        guard let progress else { return "" }
        return "\(Int((progress * 100).rounded()))%" + (progress >= 1 ? " reached" : "")
    }

    /// Ten cells, full past the target, empty below the baseline.
    static func bar(_ progress: Double?) -> String {
        let filled = Int((min(max(progress ?? 0, 0), 1) * 10).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
    }

    static func latest(_ indicator: IndicatorProgress) -> String {
        guard let value = indicator.whole.value else { return "none yet" }
        return number(value) + " " + indicator.unit + (indicator.whole.asOf.map { " (\($0))" } ?? "")
    }

    /// An objective, its indicators and their conflicts, as `ncc progress` prints them.
    static func lines(_ objective: ObjectiveProgress) -> [String] {
        var head = "\(bar(objective.progress)) \(percent(objective.progress))  \(objective.title)"
        head += "  [\(objective.workingAreaTitle ?? "whole group")]"
        if let due = objective.objective[Fields.Objective.due.name].text { head += "  due \(due)" }
        if objective.tasks > 0 { head += "  tasks \(objective.tasksDone)/\(objective.tasks) done" }
        var lines = [Console.oneLine(head)]
        if objective.indicators.isEmpty { lines.append("    no indicators yet") }
        for indicator in objective.indicators {
            let arrow = indicator.direction == .down ? "↓" : "↑"
            lines.append(
                Console.oneLine(
                    "    \(bar(indicator.whole.progress)) \(percent(indicator.whole.progress))  \(indicator.title) \(arrow)"
                        + "  \(latest(indicator)); \(indicator.whole.reported) of \(indicator.whole.members) centres"
                        + "; from \(number(indicator.baseline)) to \(number(indicator.target))"
                        + (indicator.due.map { " by \($0)" } ?? "")))
            for conflict in indicator.conflicts {
                lines.append(Console.oneLine("      ! " + words(conflict, indicator)))
            }
        }
        return lines
    }

    /// "disputed: NCC Lietuva on 2025-09-15: 12 (quarterly report, by Eglė) against 14 (…); left out".
    static func words(_ conflict: MeasurementConflict, _ indicator: IndicatorProgress) -> String {
        let whose = conflict.centre.map { indicator.rollup.name(of: .centre($0)) } ?? "the whole group"
        let values = conflict.points.map { point in
            let said = [point.source, conflict.reporters[point.id].map { "by " + $0 }].compactMap { $0 }
            return point.text + (said.isEmpty ? "" : " (" + said.joined(separator: ", ") + ")")
        }
        return "disputed: \(whose) on \(conflict.date): " + values.joined(separator: " against ")
            + "; left out until one is corrected"
    }

    static func json(_ objective: ObjectiveProgress) -> String {
        let record = objective.objective
        return JSONText.object([
            ("objective_id", JSONText.string(record.id)), ("title", JSONText.string(objective.title)),
            ("working_area", JSONText.string(orNull: objective.workingArea)),
            ("working_area_name", JSONText.string(orNull: objective.workingAreaTitle)),
            ("due", JSONText.string(orNull: record[Fields.Objective.due.name].text)),
            ("status", JSONText.string(orNull: record[Fields.Objective.status.name].text)),
            ("progress", JSONText.number(orNull: objective.progress)),
            ("tasks", String(objective.tasks)), ("tasks_done", String(objective.tasksDone)),
            ("decisions", String(objective.decisions)), ("engagements", String(objective.engagements)),
            ("indicators", JSONText.array(objective.indicators.map(json))),
        ])
    }

    static func json(_ indicator: IndicatorProgress) -> String {
        let rollup = indicator.rollup
        func level(_ level: LevelProgress, idKey: String, id: String) -> String {
            JSONText.object([
                (idKey, id), ("name", JSONText.string(level.name)), ("value", level.value.map(number) ?? "null"),
                ("date", JSONText.string(orNull: level.asOf)), ("progress", JSONText.number(orNull: level.progress)),
                ("reported", String(level.reported)), ("centres", String(level.members)),
            ])
        }
        return JSONText.object([
            ("indicator_id", JSONText.string(indicator.indicator.id)), ("title", JSONText.string(indicator.title)),
            ("objective_id", JSONText.string(orNull: indicator.objective)), ("unit", JSONText.string(indicator.unit)),
            ("direction", JSONText.string(indicator.direction.rawValue)),
            ("aggregate", JSONText.string(rollup.aggregate.rawValue)), ("baseline", number(indicator.baseline)),
            ("target", number(indicator.target)), ("due", JSONText.string(orNull: indicator.due)),
            (
                "latest",
                indicator.whole.value.map {
                    JSONText.object([("value", number($0)), ("date", JSONText.string(orNull: indicator.whole.asOf))])
                } ?? "null"
            ),
            ("progress", JSONText.number(orNull: indicator.whole.progress)),
            ("reached", indicator.reached ? "true" : "false"),
            ("reported", String(indicator.whole.reported)), ("centres", String(indicator.whole.members)),
            (
                "conflicts",
                JSONText.array(
                    indicator.conflicts.map { conflict in
                        JSONText.object([
                            ("centre_id", JSONText.string(orNull: conflict.centre)),
                            ("centre", JSONText.string(orNull: conflict.centre.map { rollup.name(of: .centre($0)) })),
                            ("date", JSONText.string(conflict.date)),
                            (
                                "values",
                                JSONText.array(
                                    conflict.points.map { point in
                                        JSONText.object([
                                            ("measurement_id", JSONText.string(point.id)), ("value", point.text),
                                            ("source", JSONText.string(orNull: point.source)),
                                            ("reporter", JSONText.string(orNull: conflict.reporters[point.id])),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            (
                "by_centre",
                JSONText.array(
                    rollup.centreLevels.map { level($0, idKey: "centre_id", id: JSONText.string(centreID($0.level))) })
            ),
            (
                "by_consortium",
                JSONText.array(
                    rollup.consortiumLevels.map {
                        level($0, idKey: "consortium_id", id: JSONText.string(consortiumID($0.level)))
                    })
            ),
            (
                "by_capacity_group",
                JSONText.array(rollup.capacityGroupLevels.map { level($0, idKey: "group", id: groupNumber($0.level)) })
            ),
            (
                "series",
                JSONText.array(
                    rollup.series(of: .wholeGroup).map {
                        JSONText.object([("date", JSONText.string($0.date)), ("value", number($0.value))])
                    })
            ),
        ])
    }

    private static func centreID(_ level: ProgressLevel) -> String {
        if case .centre(let id) = level { id } else { "" }
    }
    private static func consortiumID(_ level: ProgressLevel) -> String {
        if case .consortium(let id) = level { id } else { "" }
    }
    private static func groupNumber(_ level: ProgressLevel) -> String {
        if case .capacityGroup(let group) = level { String(group) } else { "null" }
    }
}
