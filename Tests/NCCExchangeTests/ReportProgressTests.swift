import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The report's objectives and self-assessment sections on a real database: percentages, values
/// and averages worked out by hand from the records inserted here, one chart per indicator with
/// its points and its target line, a disputed value left out and said so, hostile text escaped
/// in both formats, and no section at all without objectives or assessments.
@Suite struct ReportProgressTests {
    static let today = "2026-03-31"

    static func id(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return "0190d000-0000-7000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
    }

    enum ID {
        static let a = id(0x01), b = id(0x02), lietuva = id(0x03), d = id(0x04)
        static let wa1 = id(0x11), wa2 = id(0x12)
        static let network = id(0x21), mapping = id(0x22), capacity = id(0x23)
        static let mapped = id(0x31), days = id(0x32), reach = id(0x33), briefs = id(0x34)
        static let finance = id(0x41)
    }

    static let hostileObjective = "<script>alert(1)</script> Map | all"
    static let hostileIndicator = "=SUM(A1) | reach"
    static let hostileDimension = "=Social finance | <i>new</i>"
    static let scaling = Competence.defaults[3]

    /// Four centres, three objectives (the whole group's, WA1's, WA2's), four indicators and two
    /// rounds of self-assessment (one centre keeps its newest scores to itself).
    ///
    /// By hand, as of 2026-03-31:
    /// - Organisations mapped (sum, 0 → 200): A's latest 40 (its 100 of 30 June is after the
    ///   report's day) + B's 30; NCC Lietuva's 41 against 44 on 1 February is disputed, left out;
    ///   D never reported: 70, 2 of 4 centres, 35%. Series: 20, 50, 70 (three dates).
    /// - Days to first contact (mean, down, 30 → 10): the group's own 18 of 15 February, 60%.
    /// - The objective: indicators (0.35 + 0.6) / 2 = 0.475, tasks 1 of 2 = 0.5; (0.475 + 0.5) / 2
    ///   = 0.4875, 49%.
    /// - Reach (sum, 10 → 50): 30 + 32 = 62, (62 − 10) / 40 = 130%, reached; briefs none; the
    ///   objective 100% (its one measured indicator held at 1), no tasks.
    /// - WA2's objective: no indicators, 0 of 3 tasks done: 0%.
    static func sample() throws -> TestDatabase {
        let db = try TestDatabase(wallClock: ReportTests.clock)
        try db.store.write { w in
            for (id, name) in [(ID.a, "Centre A"), (ID.b, "Centre B"), (ID.lietuva, "NCC Lietuva"), (ID.d, "Centre D")]
            {
                try w.create(.centre, [Fields.Centre.name: .text(name), Fields.Centre.country: .text("LT")], id: id)
            }
            try w.create(
                .workingArea,
                [Fields.WorkingArea.number: .int(1), Fields.WorkingArea.title: .text("Ecosystem mapping")],
                id: ID.wa1)
            try w.create(
                .workingArea,
                [Fields.WorkingArea.number: .int(2), Fields.WorkingArea.title: .text("Capacity | <b>building</b>")],
                id: ID.wa2)
            try w.create(
                .objective,
                [Fields.Objective.title: .text("Grow the network"), Fields.Objective.due: .text("2026-12-31")],
                id: ID.network)
            try w.create(
                .objective,
                [
                    Fields.Objective.title: .text(hostileObjective), Fields.Objective.workingArea: .text(ID.wa1),
                    Fields.Objective.due: .text("2026-09-30"),
                ], id: ID.mapping)
            try w.create(
                .objective,
                [Fields.Objective.title: .text("Train every centre"), Fields.Objective.workingArea: .text(ID.wa2)],
                id: ID.capacity)
            func indicator(
                _ id: String, _ objective: String, _ title: String, _ unit: String, _ baseline: String,
                _ target: String, down: Bool = false
            ) throws {
                var values: [FieldName: Value] = [
                    Fields.Indicator.title: .text(title), Fields.Indicator.objective: .text(objective),
                    Fields.Indicator.unit: .text(unit), Fields.Indicator.baseline: .text(baseline),
                    Fields.Indicator.target: .text(target),
                ]
                if down {
                    values[Fields.Indicator.direction] = .text("down")
                    values[Fields.Indicator.aggregate] = .text("mean")
                }
                try w.create(.indicator, values, id: id)
            }
            try indicator(ID.mapped, ID.network, "Organisations mapped", "organisations", "0", "200")
            try indicator(ID.days, ID.network, "Days to first contact", "days", "30", "10", down: true)
            try indicator(ID.reach, ID.mapping, hostileIndicator, "people | trained", "10", "50")
            try indicator(ID.briefs, ID.mapping, "Policy briefs", "briefs", "0", "12")
            let measurements: [(String, String?, String, String, String?)] = [
                (ID.mapped, ID.a, "2025-12-31", "20", nil), (ID.mapped, ID.a, "2026-03-01", "40", nil),
                (ID.mapped, ID.a, "2026-06-30", "100", nil), (ID.mapped, ID.b, "2026-01-15", "30", nil),
                (ID.mapped, ID.lietuva, "2026-02-01", "41", "quarterly report"),
                (ID.mapped, ID.lietuva, "2026-02-01", "44", "centre's own count"),
                (ID.days, nil, "2025-10-01", "25", nil), (ID.days, nil, "2026-02-15", "18", nil),
                (ID.reach, ID.a, "2026-03-15", "30", nil), (ID.reach, ID.b, "2026-03-20", "32", nil),
            ]
            // Ids in order, so the two disputed values are listed as entered.
            for (n, (indicator, centre, date, value, source)) in measurements.enumerated() {
                var values: [FieldName: Value] = [
                    Fields.Measurement.indicator: .text(indicator), Fields.Measurement.date: .text(date),
                    Fields.Measurement.value: .text(value),
                ]
                if let centre { values[Fields.Measurement.centre] = .text(centre) }
                if let source { values[Fields.Measurement.source] = .text(source) }
                try w.create(.measurement, values, id: id(0x100 + n))
            }
            for (objective, status) in [
                (ID.network, "done"), (ID.network, "todo"), (ID.capacity, "todo"), (ID.capacity, "doing"),
                (ID.capacity, "blocked"),
            ] {
                try w.create(
                    .task,
                    [
                        Fields.Task.title: .text("Task \(status)"), Fields.Task.status: .text(status),
                        Fields.Task.objective: .text(objective),
                    ])
            }

            try w.ensureDefaultDimensions()
            try w.create(
                .dimension, [Fields.Dimension.title: .text(hostileDimension), Fields.Dimension.position: .int(9)],
                id: ID.finance)
            let dimensions = Competence.defaults.map(\.id)
            func assess(_ centre: String, _ round: String, _ date: String, _ scores: [Int]) throws {
                try w.assess(
                    centre: centre, round: round, date: date,
                    scores: Dictionary(uniqueKeysWithValues: zip(dimensions, scores)))
            }
            try assess(ID.a, "2025 autumn", "2025-10-15", [3, 3, 2, 1])
            try assess(ID.b, "2025 autumn", "2025-10-15", [2, 4, 3, 2])
            try assess(ID.lietuva, "2025 autumn", "2025-10-16", [4, 2, 2, 1])
            try assess(ID.a, "2026 spring", "2026-03-10", [4, 3, 3, 2])
            try assess(ID.b, "2026 spring", "2026-03-10", [3, 4, 3, 2])
            try assess(ID.lietuva, "2026 spring", "2026-03-11", [4, 3, 2, 1])
            // Centre D shares its scores into averages only: this replica holds its records without them.
            for dimension in dimensions + [ID.finance] {
                try w.create(
                    .assessment,
                    [
                        Fields.Assessment.centre: .text(ID.d), Fields.Assessment.round: .text("2026 spring"),
                        Fields.Assessment.date: .text("2026-03-12"), Fields.Assessment.dimension: .text(dimension),
                        Fields.Assessment.sharing: .text(ScoreSharing.averages.rawValue),
                    ])
            }
        }
        return db
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The `|` of a Markdown row that end cells (not the escaped ones).
    static func pipes(_ row: String) -> Int {
        let characters = Array(row)
        return characters.indices.filter { characters[$0] == "|" && ($0 == 0 || characters[$0 - 1] != "\\") }.count
    }

    // MARK: - Objectives

    @Test func theObjectivesTableHasTheHandWorkedFigures() throws {
        let db = try Self.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        let model = try report.model()
        #expect(
            model.objectives.map(\.label) == ["Whole group", "WA1 Ecosystem mapping", "WA2 Capacity | <b>building</b>"])
        let objectives = model.objectives.flatMap(\.objectives)
        #expect(objectives.map(\.title) == ["Grow the network", Self.hostileObjective, "Train every centre"])
        #expect(abs((objectives[0].progress ?? 0) - 0.4875) < 1e-12)
        #expect(objectives[1].progress == 1)
        #expect(objectives[2].progress == 0)

        let markdown = try report.markdown()
        let lines = Self.lines(markdown)
        #expect(
            markdown.contains("\n## Objectives\n\nStanding on 2026-03-31, from the values reported up to that day."))
        #expect(lines.contains("#### Grow the network"))
        #expect(lines.contains("Progress 49% · due 2026-12-31 · tasks: 1 done of 2."))
        #expect(lines.contains("Progress 100% · due 2026-09-30 · no tasks."))
        #expect(lines.contains("Progress 0% · tasks: 0 done of 3."))
        #expect(
            lines.contains(
                "| Indicator | Unit | Baseline | Target | Latest | Date | Progress | Centres reported |"))
        #expect(lines.contains("| Organisations mapped | organisations | 0 | 200 | 70 | 2026-03-01 | 35% | 2 of 4 |"))
        #expect(
            lines.contains(
                "| Days to first contact (lower is better) | days | 30 | 10 | 18 | 2026-02-15 | 60% | 0 of 4 |"))
        #expect(
            lines.contains(
                "| \\=SUM(A1) \\| reach | people \\| trained | 10 | 50 | 62 | 2026-03-20 | 130%, reached | 2 of 4 |"))
        #expect(lines.contains("| Policy briefs | briefs | 0 | 12 | — | — | — | 0 of 4 |"))
        #expect(lines.contains("No indicators."))
        // The section sits after the tasks and before the meetings, the self-assessment after it.
        let headings = lines.filter { $0.hasPrefix("## ") }
        #expect(
            headings.prefix(5) == [
                "## Summary", "## Tasks by working area", "## Objectives", "## Self-assessment", "## Meetings",
            ])
    }

    @Test func aDisputedValueIsLeftOutAndSaidSo() throws {
        let db = try Self.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        let conflict = try #require(try db.store.read { try $0.indicatorProgress(ID.mapped) }?.conflicts.first)
        let by = conflict.points.map { conflict.reporters[$0.id] ?? "" }
        #expect(by.allSatisfy { !$0.isEmpty })
        let words =
            "Organisations mapped: NCC Lietuva on 2026-02-01 disputed: 41 (quarterly report, by \(by[0])) "
            + "against 44 (centre's own count, by \(by[1])), left out."
        let model = try report.model()
        #expect(model.objectives[0].objectives[0].indicators.flatMap(\.conflicts).count == 1)
        #expect(Self.lines(try report.markdown()).contains("- " + ReportText.markdown(words)))
        #expect(try report.html().contains("<li>\(ReportText.html(words))</li>"))
        // The later value of the 30 June is not in the report made on 31 March; a report made after it has it.
        let later = try ProgressReport(store: db.store, today: "2026-07-01").markdown()
        #expect(
            Self.lines(later).contains(
                "| Organisations mapped | organisations | 0 | 200 | 130 | 2026-06-30 | 65% | 2 of 4 |"))
    }

    @Test func theHTMLHasAChartPerIndicatorWithItsPointsAndTargetLine() throws {
        let db = try Self.sample()
        let html = try ProgressReport(store: db.store, today: Self.today).html()
        let body = String(html.dropFirst("<!DOCTYPE html>\n".count))
        let parser = XMLParser(data: Data(body.utf8))
        let counter = ReportTests.ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError)) at \(parser.lineNumber)")
        // The tasks' chart, then one per indicator with values.
        let charts = html.components(separatedBy: "<svg ").dropFirst().compactMap { svg in
            svg.range(of: "</svg>").map { String(svg[..<$0.lowerBound]) }
        }.filter { $0.contains("chart-indicator-") }
        // Organisations mapped: 20, 50, 70; days: 25, 18; reach: 30, 62. Policy briefs has none, so no chart.
        let expected: [(title: String, points: Int, target: String)] = [
            ("Days to first contact (lower is better)", 2, "target 10"), ("Organisations mapped", 3, "target 200"),
            (ReportText.html(Self.hostileIndicator), 2, "target 50"),
        ]
        #expect(charts.count == expected.count)
        #expect(counter.elements["svg"] == 1 + expected.count, "the tasks' chart and one per indicator with values")
        for (chart, want) in zip(charts, expected) {
            #expect(chart.contains("-title\">\(want.title)</title>"), "\(want.title)")
            #expect(chart.components(separatedBy: "<circle class=\"point\"").count - 1 == want.points, "\(want.title)")
            #expect(chart.contains("<g class=\"reference target\">"), "\(want.title)")
            #expect(chart.contains(">\(want.target)</text>"), "\(want.title)")
            #expect(chart.contains("<g class=\"reference baseline\">"), "\(want.title)")
            #expect(chart.contains("<desc id="), "\(want.title)")
            #expect(chart.contains("<polyline class=\"series\""), "\(want.title)")
        }
        // The series as the roll-up gives it: its dates are the chart's.
        let mapped = try #require(try db.store.read { try $0.indicatorProgress(ID.mapped) })
        let dates = ReportObjectives.indicator(mapped, asOf: Self.today).rollup.series(of: .wholeGroup)
        #expect(dates.map(\.date) == ["2025-12-31", "2026-01-15", "2026-03-01"])
        #expect(dates.map(\.value) == [20, 50, 70])
        for point in dates {
            #expect(charts[1].contains("<title>\(point.date): \(Int(point.value)) organisations</title>"))
        }
        // The target's line is level and above the baseline's, which is at the foot (0 is the lowest value).
        func ys(_ name: String) throws -> (Int, Int) {
            let start = try #require(charts[1].range(of: "<g class=\"reference \(name)\"><line "))
            let line = String(charts[1][start.upperBound...].prefix { $0 != "/" })
            let y1 = try #require(line.firstMatch(of: /y1="(\d+)"/).flatMap { Int($0.output.1) })
            let y2 = try #require(line.firstMatch(of: /y2="(\d+)"/).flatMap { Int($0.output.1) })
            return (y1, y2)
        }
        let (target1, target2) = try ys("target")
        let (baseline1, baseline2) = try ys("baseline")
        #expect(target1 == target2 && baseline1 == baseline2)
        #expect(baseline1 == ReportLineChart.bottom && target1 < baseline1 && target1 >= ReportLineChart.top)
    }

    @Test func aLineChartSpacesItsPointsByTheirDates() {
        let chart = ReportLineChart(
            id: "c", title: "t", description: "d",
            points: [
                .init(date: "2026-01-01", value: 1, label: "a"), .init(date: "2026-01-03", value: 2, label: "b"),
                .init(date: "2026-01-31", value: 3, label: "c"),
            ], references: [])
        let width = ReportLineChart.right - ReportLineChart.left
        let second = ReportLineChart.left + Int((Double(width) * 2 / 30).rounded())
        #expect(chart.xPositions() == [ReportLineChart.left, second, ReportLineChart.right])
        // The second date is too close to the first to be written; the last always is.
        #expect(chart.dateLabels(chart.xPositions()) == [0, 2])
        let one = ReportLineChart(
            id: "c", title: "t", description: "d", points: [.init(date: "2026-01-01", value: 1, label: "a")],
            references: [.init(name: "target", label: "target 1", value: 1)])
        #expect(one.xPositions() == [ReportLineChart.left + width / 2])
        #expect(one.svg()?.contains("<polyline") == false)
        #expect(ReportLineChart(id: "c", title: "t", description: "d", points: [], references: []).svg() == nil)
    }

    // MARK: - Hostile text

    @Test func hostileTextIsEscapedInBothFormats() throws {
        let db = try Self.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        let markdown = try report.markdown()
        let lines = Self.lines(markdown)
        #expect(lines.contains("#### \\<script>alert(1)\\</script> Map \\| all"))
        #expect(lines.contains("### WA2 Capacity \\| \\<b>building\\</b>"))
        #expect(!lines.contains { $0.hasPrefix("<") || $0.hasPrefix("=") })
        // Every row of the two sections' tables has its columns' pipes and no more: eight columns
        // for the indicators (two tables of two), six for the dimensions (five).
        let objectives = try #require(lines.firstIndex(of: "## Objectives"))
        let assessment = try #require(lines.firstIndex(of: "## Self-assessment"))
        let meetings = try #require(lines.firstIndex(of: "## Meetings"))
        let indicatorRows = lines[objectives..<assessment].filter { $0.hasPrefix("|") }
        let dimensionRows = lines[assessment..<meetings].filter { $0.hasPrefix("|") }
        #expect(indicatorRows.count == 2 * (2 + 2) && dimensionRows.count == 2 + 5)
        for row in indicatorRows { #expect(Self.pipes(row) == 9, "\(row)") }
        for row in dimensionRows { #expect(Self.pipes(row) == 7, "\(row)") }
        #expect(lines.contains("| \\=Social finance \\| \\<i>new\\</i> | — | — | — | 0 | — |"))

        let html = try report.html()
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<i>new</i>") && !html.contains("<b>building</b>"))
        #expect(html.contains("<h4>&lt;script&gt;alert(1)&lt;/script&gt; Map | all</h4>"))
        #expect(html.contains("<tr><th scope=\"row\">=SUM(A1) | reach</th><td>people | trained</td>"))
        #expect(html.contains("<title id=\"chart-indicator-3-title\">=SUM(A1) | reach</title>"))
        #expect(html.contains("<h3>WA2 Capacity | &lt;b&gt;building&lt;/b&gt;</h3>"))
        #expect(html.contains("<th scope=\"row\">=Social finance | &lt;i&gt;new&lt;/i&gt;</th>"))
        for text in [markdown, html] {
            #expect(!text.contains("nil") && !text.contains("Optional"))
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        }
    }

    // MARK: - Self-assessment

    /// Spring, over A, B and NCC Lietuva (D keeps its scores): mapping 4, 3, 4 = 3.7 (autumn 3, 2,
    /// 4 = 3.0, +0.7); interaction 3, 4, 3 = 3.3 (3, 4, 2 = 3.0, +0.3); co-creation 3, 3, 2 = 2.7
    /// (2, 3, 2 = 2.3, +0.4); scaling 2, 2, 1 = 1.7 (1, 2, 1 = 1.3, +0.4), on which all three
    /// score 2 or less: the one candidate session.
    @Test func theSelfAssessmentHasTheGroupsAveragesAndTheirChange() throws {
        let db = try Self.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        let assessment = try #require(try report.model().selfAssessment)
        #expect(assessment.round == "2026 spring" && assessment.previousRound == "2025 autumn")
        #expect(assessment.centresAssessed == 4 && assessment.centresWithheld == 1)
        #expect(assessment.dimensions.map(\.count) == [3, 3, 3, 3, 0])
        #expect(assessment.sessions == [.init(title: Self.scaling.title, weak: 3, assessed: 3)])

        let lines = Self.lines(try report.markdown())
        #expect(
            lines.contains(
                "Round 2026 spring: 4 centres assessed themselves; 1 keeps its scores to itself and is in no figure. "
                    + ReportAssessments.scale))
        #expect(lines.contains("| Dimension | Average | Lowest | Highest | Scores | Change since 2025 autumn |"))
        let titles = Competence.defaults.map(\.title)
        #expect(lines.contains("| \(titles[0]) | 3.7 | 3 | 4 | 3 | +0.7 |"))
        #expect(lines.contains("| \(titles[1]) | 3.3 | 3 | 4 | 3 | +0.3 |"))
        #expect(lines.contains("| \(titles[2]) | 2.7 | 2 | 3 | 3 | +0.4 |"))
        #expect(lines.contains("| \(titles[3]) | 1.7 | 1 | 2 | 3 | +0.4 |"))
        #expect(lines.contains("- \(Self.scaling.title): 3 of 3 centres score 2 or less."))

        let html = try report.html()
        #expect(html.contains("<section id=\"self-assessment\">"))
        #expect(
            html.contains(
                "<tr><th scope=\"row\">\(titles[0])</th><td class=\"num\">3.7</td><td class=\"num\">3</td>"
                    + "<td class=\"num\">4</td><td class=\"num\">3</td><td class=\"num\">+0.7</td></tr>"))
        #expect(html.contains("<li>\(Self.scaling.title): 3 of 3 centres score 2 or less.</li>"))
    }

    @Test func averagesRoundHalfUpAndChangesUseAMinusSign() {
        #expect(ReportAssessments.average(11.0 / 3, count: 3) == "3.7")
        #expect(ReportAssessments.average(3.25, count: 4) == "3.3")
        #expect(ReportAssessments.average(nil, count: 0) == "—")
        let fall = ProgressReport.AssessedDimension(
            title: "x", mean: 2.5, min: 2, max: 3, count: 2, previousMean: 3, previousCount: 2)
        #expect(ReportAssessments.change(fall) == "−0.5")
        var same = fall
        same.previousMean = 2.5
        #expect(ReportAssessments.change(same) == "0.0")
        same.previousMean = nil
        #expect(ReportAssessments.change(same) == "—")
    }

    // MARK: - Only with data

    @Test func aDatabaseWithoutObjectivesOrAssessmentsHasNeitherSection() throws {
        let db = try ReportTests.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        let model = try report.model()
        #expect(model.objectives.isEmpty && model.selfAssessment == nil)
        let markdown = try report.markdown()
        let html = try report.html()
        #expect(!markdown.contains("Objectives") && !markdown.contains("Self-assessment"))
        #expect(!html.contains("id=\"objectives\"") && !html.contains("id=\"self-assessment\""))
        #expect(!html.contains("chart-indicator"))
        // An assessment without objectives: the one section alone.
        try db.store.write { w in
            try w.ensureDefaultDimensions()
            try w.assess(
                centre: ReportTests.ID.ccsi, round: "2026", date: "2026-02-01", scores: [Self.scaling.id: 2])
        }
        let alone = try report.markdown()
        #expect(!alone.contains("## Objectives") && alone.contains("## Self-assessment"))
        #expect(Self.lines(alone).contains("| Dimension | Average | Lowest | Highest | Scores |"))
        #expect(Self.lines(alone).contains("| \(Self.scaling.title) | 2.0 | 2 | 2 | 1 |"))
    }
}
