import Foundation
import NCCModel
import NCCStore

// The report's objectives: per working area (the whole group's first), each objective with its
// progress, due date and tasks, and a table of its indicators with the whole group's latest
// value; in HTML a line chart per indicator. The figures are the roll-up's (`Rollup`, the one
// place the CLI and the app ask too), over the values reported up to the report's day, so the
// same data and day give the same report. No objectives, no section.

extension ProgressReport {
    /// The objectives of one working area, or of the whole group.
    public struct ObjectiveArea: Sendable, Equatable {
        /// `WA1 Ecosystem mapping`, or `Whole group`.
        public var label: String
        public var objectives: [Objective]
    }

    public struct Objective: Sendable, Equatable {
        public var title: String
        /// active, achieved or dropped.
        public var status: String
        public var due: String?
        /// Half from its indicators, half from its tasks (`ObjectiveProgress.progress`); nil with neither.
        public var progress: Double?
        public var tasksDone: Int
        public var tasks: Int
        public var indicators: [Indicator]
    }

    public struct Indicator: Sendable, Equatable {
        public var title: String
        public var unit: String
        /// Lower is better.
        public var down: Bool
        public var baseline: Double
        public var target: Double
        /// The whole group's latest value and its date.
        public var value: Double?
        public var asOf: String?
        public var progress: Double?
        public var reached: Bool
        /// Centres with a value, of all centres.
        public var reported: Int
        public var members: Int
        /// The whole group's value on each date, as it stood then.
        public var series: [SeriesPoint]
        /// One sentence per set of values that disagree (`ReportObjectives.conflict`).
        public var conflicts: [String]
    }

    /// Every live objective with its indicators, as they stood at the end of the report's day.
    func readObjectives(_ reader: StoreReader, into model: inout Model) throws {
        let objectives = try reader.objectivesProgress()
        guard !objectives.isEmpty else { return }
        var areas: [ObjectiveArea] = []
        var index: [String: Int] = [:]
        for objective in objectives {
            let key = objective.workingArea ?? ""
            if index[key] == nil {
                index[key] = areas.count
                areas.append(ObjectiveArea(label: ReportObjectives.label(objective), objectives: []))
            }
            areas[index[key]!].objectives.append(ReportObjectives.objective(objective, asOf: model.today))
        }
        model.objectives = areas
    }
}

/// The objectives section in Markdown and in HTML; every value from the database goes through
/// `ReportText`.
enum ReportObjectives {
    static let note =
        "An objective's progress is half the mean of its indicators' (each held between 0% and 100%) "
        + "and half the share of its tasks done. An indicator is at 0% at its baseline and 100% at its "
        + "target; its value is the whole group's own figure where one is reported, else its centres' "
        + "latest values added up (averaged, for rates). Values reported differently for the same "
        + "centre and date are disputed and left out until one is corrected."

    static func standing(_ m: ProgressReport.Model) -> String {
        "Standing on \(m.today), from the values reported up to that day."
    }

    // MARK: - Reading

    static func label(_ objective: ObjectiveProgress) -> String {
        guard let id = objective.workingArea else { return "Whole group" }
        return ProgressReport.Area(id: id, number: objective.workingAreaNumber, title: objective.workingAreaTitle ?? id)
            .label
    }

    static func objective(_ progress: ObjectiveProgress, asOf day: String) -> ProgressReport.Objective {
        var progress = progress
        progress.indicators = progress.indicators.map { indicator($0, asOf: day) }
        let record = progress.objective
        return ProgressReport.Objective(
            title: progress.title, status: record[Fields.Objective.status].text ?? ObjectiveStatus.active.rawValue,
            due: record[Fields.Objective.due].text, progress: progress.progress, tasksDone: progress.tasksDone,
            tasks: progress.tasks, indicators: progress.indicators.map(indicator))
    }

    /// The indicator as it stood at the end of `day`: values reported after it left out.
    static func indicator(_ progress: IndicatorProgress, asOf day: String) -> IndicatorProgress {
        var progress = progress
        guard progress.rollup.points.contains(where: { $0.date > day }) else { return progress }
        progress.rollup = progress.rollup.asOf(day)
        progress.whole = progress.rollup.progress(of: .wholeGroup)
        progress.conflicts = progress.conflicts.filter { $0.date <= day }
        return progress
    }

    static func indicator(_ progress: IndicatorProgress) -> ProgressReport.Indicator {
        ProgressReport.Indicator(
            title: progress.title, unit: progress.unit, down: progress.direction == .down,
            baseline: progress.baseline, target: progress.target, value: progress.whole.value,
            asOf: progress.whole.asOf, progress: progress.whole.progress, reached: progress.reached,
            reported: progress.whole.reported, members: progress.whole.members,
            series: progress.rollup.series(of: .wholeGroup),
            conflicts: progress.conflicts.map { conflict($0, progress.rollup.directory) })
    }

    /// "NCC Lietuva on 2026-03-01 disputed: 41 (quarterly report, by Eglė) against 44 (centre's
    /// own count), left out".
    static func conflict(_ conflict: MeasurementConflict, _ directory: CentreDirectory) -> String {
        let whose =
            conflict.centre.map { id in directory.centres.first { $0.id == id }?.name ?? id } ?? "the whole group"
        let values = conflict.points.map { point in
            let said = [point.source, conflict.reporters[point.id].map { "by " + $0 }].compactMap { $0 }
                .filter { !ReportText.line($0).isEmpty }
            return point.text + (said.isEmpty ? "" : " (" + said.joined(separator: ", ") + ")")
        }
        return "\(whose) on \(conflict.date) disputed: " + values.joined(separator: " against ") + ", left out"
    }

    // MARK: - Words both renderings share

    /// A value to at most four places, as the CLI shows it: `24`, `12.5`, `0.3333`.
    static func number(_ value: Double) -> String {
        value.isFinite ? DecimalText.shown(value) : "—"
    }

    /// `60%`, `112%, reached`; a dash without a figure.
    static func percent(_ progress: Double?, reached: Bool = false) -> String {
        guard let progress, progress.isFinite else { return "—" }
        return "\(Int((progress * 100).rounded()))%" + (reached ? ", reached" : "")
    }

    /// "Progress 45% · due 2026-12-31 · tasks: 3 done of 5".
    static func summary(_ objective: ProgressReport.Objective) -> String {
        var parts: [String] = []
        if objective.status != ObjectiveStatus.active.rawValue { parts.append(objective.status.capitalized) }
        parts.append(objective.progress == nil ? "No progress measured yet" : "Progress \(percent(objective.progress))")
        if let due = objective.due { parts.append("due \(due)") }
        parts.append(objective.tasks == 0 ? "no tasks" : "tasks: \(objective.tasksDone) done of \(objective.tasks)")
        return parts.joined(separator: " · ")
    }

    static func title(_ objective: ProgressReport.Objective) -> String {
        let title = ReportText.line(objective.title)
        return title.isEmpty ? "Objective" : title
    }

    static func indicatorTitle(_ indicator: ProgressReport.Indicator) -> String {
        ReportText.line(indicator.title) + (indicator.down ? " (lower is better)" : "")
    }

    static let headings = [
        "Indicator", "Unit", "Baseline", "Target", "Latest", "Date", "Progress", "Centres reported",
    ]

    /// The table's cells as plain text (each escaped by the renderer), with their HTML class.
    static func cells(_ indicator: ProgressReport.Indicator) -> [(text: String, style: String)] {
        [
            (indicatorTitle(indicator), ""), (indicator.unit, ""), (number(indicator.baseline), "num"),
            (number(indicator.target), "num"), (indicator.value.map(number) ?? "—", "num"),
            (indicator.asOf ?? "—", "nowrap"), (percent(indicator.progress, reached: indicator.reached), "num"),
            ("\(indicator.reported) of \(indicator.members)", "num"),
        ]
    }

    // MARK: - Markdown

    static func markdown(_ m: ProgressReport.Model) -> String {
        guard !m.objectives.isEmpty else { return "" }
        var out = "## Objectives\n\n" + standing(m) + " " + note + "\n\n"
        for area in m.objectives {
            out += "### " + ReportText.markdown(area.label) + "\n\n"
            for objective in area.objectives {
                out += "#### " + ReportText.markdown(title(objective)) + "\n\n"
                out += ReportText.markdown(summary(objective)) + ".\n\n"
                guard !objective.indicators.isEmpty else {
                    out += "No indicators.\n\n"
                    continue
                }
                out += "| " + headings.joined(separator: " | ") + " |\n"
                out += "| --- | --- | --: | --: | --: | --- | --: | --: |\n"
                for indicator in objective.indicators {
                    out +=
                        "| " + cells(indicator).map { ReportText.markdownCell($0.text) }.joined(separator: " | ")
                        + " |\n"
                }
                out += "\n"
                let conflicts = objective.indicators.flatMap { indicator in
                    indicator.conflicts.map { "\(ReportText.line(indicator.title)): \($0)." }
                }
                if !conflicts.isEmpty {
                    for line in conflicts { out += "- " + ReportText.markdown(line) + "\n" }
                    out += "\n"
                }
            }
        }
        return out
    }

    // MARK: - HTML

    static func html(_ m: ProgressReport.Model) -> String {
        guard !m.objectives.isEmpty else { return "" }
        let e = ReportText.html
        var out = "<section id=\"objectives\">\n<h2>Objectives</h2>\n"
        out += "<p class=\"note\">\(e(standing(m))) \(e(note))</p>\n"
        var charts = 0
        for area in m.objectives {
            out += "<h3>\(e(area.label))</h3>\n"
            for objective in area.objectives {
                out += "<h4>\(e(title(objective)))</h4>\n<p>\(e(summary(objective))).</p>\n"
                guard !objective.indicators.isEmpty else {
                    out += "<p>No indicators.</p>\n"
                    continue
                }
                out += "<div class=\"table\"><table>\n<thead><tr>"
                for (index, heading) in headings.enumerated() {
                    out += "<th scope=\"col\"\(index >= 2 && index != 5 ? " class=\"num\"" : "")>\(heading)</th>"
                }
                out += "</tr></thead>\n<tbody>\n"
                for indicator in objective.indicators {
                    let cells = cells(indicator)
                    out += "<tr><th scope=\"row\">\(ReportHTML.cell(cells[0].text))</th>"
                    for cell in cells.dropFirst() {
                        out +=
                            (cell.style.isEmpty ? "<td>" : "<td class=\"\(cell.style)\">") + ReportHTML.cell(cell.text)
                        out += "</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody>\n</table></div>\n"
                let conflicts = objective.indicators.flatMap { indicator in
                    indicator.conflicts.map { "\(ReportText.line(indicator.title)): \($0)." }
                }
                if !conflicts.isEmpty {
                    out += "<ul class=\"conflicts\">\n"
                    for line in conflicts { out += "<li>\(e(line))</li>\n" }
                    out += "</ul>\n"
                }
                for indicator in objective.indicators {
                    charts += 1
                    if let svg = chart(indicator, id: "chart-indicator-\(charts)").svg() { out += svg + "\n" }
                }
            }
        }
        return out + "</section>\n\n"
    }

    static func chart(_ indicator: ProgressReport.Indicator, id: String) -> ReportLineChart {
        let unit = ReportText.line(indicator.unit)
        func amount(_ value: Double) -> String { unit.isEmpty ? number(value) : "\(number(value)) \(unit)" }
        let series = indicator.series
        var description = "The whole group's value"
        if let first = series.first, let last = series.last {
            description +=
                series.count == 1
                ? " on the one date it was reported, \(first.date) (\(amount(last.value)))"
                : " on each of the \(series.count) dates it was reported, from \(first.date) to \(last.date)"
                    + " (latest \(amount(last.value)))"
        }
        description +=
            "; the baseline \(amount(indicator.baseline)) and the target \(amount(indicator.target)) are "
            + "horizontal lines. Values: " + series.map { "\($0.date): \(amount($0.value))" }.joined(separator: "; ")
            + ". The table above has the latest figures."
        return ReportLineChart(
            id: id, title: indicatorTitle(indicator), description: description,
            points: series.map { .init(date: $0.date, value: $0.value, label: "\($0.date): \(amount($0.value))") },
            references: [
                .init(name: "baseline", label: "baseline \(number(indicator.baseline))", value: indicator.baseline),
                .init(name: "target", label: "target \(number(indicator.target))", value: indicator.target),
            ])
    }
}

/// A line chart of one series over time as inline SVG: a point per date (each with a `<title>`,
/// a tooltip and what a screen reader says) joined by a line, dates on the x axis spaced by the
/// days between them, and horizontal reference lines (a baseline, a target) labelled at the
/// right. The chart has a `<title>` and `<desc>`. Integer coordinates only, so the same data
/// gives the same bytes.
struct ReportLineChart {
    struct Point {
        var date: String
        var value: Double
        /// The point's tooltip ("2026-03-01: 120 people").
        var label: String
    }

    struct Reference {
        /// Its class (`baseline`, `target`) and colour.
        var name: String
        var label: String
        var value: Double
    }

    var id: String
    var title: String
    var description: String
    var points: [Point]
    var references: [Reference]

    static let width = 720
    static let height = 240
    static let left = 56
    static let right = 570
    static let top = 16
    static let bottom = 200
    /// The least room between two date labels.
    static let dateSpacing = 84
    static let lineColour = "#0b4f9c"
    static let colours = ["baseline": "#6e7781", "target": "#2e7d32"]

    /// The SVG element, or nil when there is no point to draw.
    func svg() -> String? {
        let values = (points.map(\.value) + references.map(\.value)).filter(\.isFinite)
        guard !points.isEmpty, let smallest = values.min(), let largest = values.max() else { return nil }
        var (low, high) = (smallest, largest)
        if high == low { (low, high) = (low - 1, high + 1) }
        let pad = (high - low) * 0.08
        (low, high) = (smallest >= 0 ? max(0, low - pad) : low - pad, high + pad)
        func y(_ value: Double) -> Int {
            let value = value.isFinite ? value : low
            return Self.top + Int(((high - value) / (high - low) * Double(Self.bottom - Self.top)).rounded())
        }
        let xs = xPositions()
        let e = ReportText.html
        var out =
            "<svg class=\"chart\" viewBox=\"0 0 \(Self.width) \(Self.height)\" width=\"\(Self.width)\" height=\"\(Self.height)\""
            + " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n"
        out += "<title id=\"\(id)-title\">\(e(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(e(description))</desc>\n"
        out +=
            "<line class=\"axis\" x1=\"\(Self.left)\" y1=\"\(Self.bottom)\" x2=\"\(Self.right)\" y2=\"\(Self.bottom)\" stroke=\"#d1d9e0\"/>\n"
        // Reference labels at least 14 pixels apart, the upper one moved up.
        var labelled: [(reference: Reference, y: Int, text: Int)] = references.map { ($0, y($0.value), y($0.value)) }
            .sorted { $0.y < $1.y }
        for index in labelled.indices.dropFirst() where labelled[index].text - labelled[index - 1].text < 14 {
            labelled[index].text = labelled[index - 1].text + 14
        }
        for (reference, lineY, textY) in labelled {
            let colour = Self.colours[reference.name] ?? "#6e7781"
            out += "<g class=\"reference \(e(reference.name))\">"
            out +=
                "<line x1=\"\(Self.left)\" y1=\"\(lineY)\" x2=\"\(Self.right)\" y2=\"\(lineY)\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            out +=
                "<text x=\"\(Self.right + 8)\" y=\"\(min(Self.height - 4, textY + 4))\" fill=\"\(colour)\">\(e(reference.label))</text></g>\n"
        }
        let coordinates = zip(xs, points).map { ($0, y($1.value)) }
        if coordinates.count > 1 {
            out +=
                "<polyline class=\"series\" fill=\"none\" stroke=\"\(Self.lineColour)\" stroke-width=\"2\" points=\""
                + coordinates.map { "\($0.0),\($0.1)" }.joined(separator: " ") + "\"/>\n"
        }
        for ((x, y), point) in zip(coordinates, points) {
            out += "<circle class=\"point\" cx=\"\(x)\" cy=\"\(y)\" r=\"4\" fill=\"\(Self.lineColour)\">"
            out += "<title>\(e(point.label))</title></circle>\n"
        }
        if let (x, y) = coordinates.last, let last = points.last {
            out +=
                "<text class=\"value\" x=\"\(x - 8)\" y=\"\(max(12, y - 10))\" text-anchor=\"end\" fill=\"\(Self.lineColour)\">\(e(ReportObjectives.number(last.value)))</text>\n"
        }
        for index in dateLabels(xs) {
            out +=
                "<text class=\"date\" x=\"\(xs[index])\" y=\"\(Self.bottom + 22)\" text-anchor=\"middle\" fill=\"#59636e\">\(e(points[index].date))</text>\n"
        }
        out += "</svg>"
        return out
    }

    /// Each point's x: by its day between the first and the last (evenly when a date cannot be
    /// read), a single point in the middle.
    func xPositions() -> [Int] {
        let width = Double(Self.right - Self.left)
        let days = points.map { Self.dayNumber($0.date) }
        let known = days.compactMap { $0 }
        if known.count == days.count, let first = known.first, let last = known.last, last > first {
            return known.map { Self.left + Int((Double($0 - first) / Double(last - first) * width).rounded()) }
        }
        guard points.count > 1 else { return [Self.left + Int((width / 2).rounded())] }
        return points.indices.map { Self.left + Int((Double($0) / Double(points.count - 1) * width).rounded()) }
    }

    /// The points whose dates are written under the axis: the first, then each far enough from
    /// the one before, and the last (in place of the one before it when they are too close).
    func dateLabels(_ xs: [Int]) -> [Int] {
        guard !xs.isEmpty else { return [] }
        var labels = [0]
        for index in xs.indices.dropFirst() where xs[index] - xs[labels.last!] >= Self.dateSpacing {
            labels.append(index)
        }
        if labels.last != xs.count - 1, labels.count > 1 { labels[labels.count - 1] = xs.count - 1 }
        return labels
    }

    static func dayNumber(_ date: String) -> Int? {
        guard let valid = Dates.normalizedDate(date) else { return nil }
        let parts = valid.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Dates.dayNumber(year: parts[0], month: parts[1], day: parts[2])
    }
}
