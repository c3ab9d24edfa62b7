import Foundation
import NCCApp
import NCCFuzzTargets
import NCCModel
import NCCStore
import Screen
import TerminalText
import Testing

/// The Progress pane on a real database file: three centres (one with a long Greek name, which
/// keeps its self-assessment's scores), two objectives, two indicators of one of them with values
/// over four quarters and one disputed value, and two rounds of self-assessment. Every figure
/// expected here is worked out by hand from the records below, not read back from the store.
@Suite struct ProgressPaneTests {
    static let progress = Key.character("6")
    static let greek = "Εθνικό Κέντρο Ικανοτήτων για την Κοινωνική Καινοτομία της Ελλάδας"
    static let lithuanian = "Nacionalinių socialinių inovacijų kompetencijų centrų veiklos planas"

    /// The sample group, bound to Eglė, with the progress records described above.
    ///
    /// "People trained" (sum, 0 → 300): Lithuania 10, 40, 90, 150 on the four quarter ends;
    /// Slovenia 20 on 31 March and, on 30 June, 60 and 75 from two sources (disputed: left out);
    /// the Greek centre nothing. The group now: 150 + 20 = 170 of 300, 57%; its history 10 (Dec),
    /// 40 + 20 (Mar), 90 + 20 (Jun), 150 + 20 (Sep): 10, 60, 110, 170.
    /// "Days to answer a need" (mean, 30 → 10, down): Lithuania 8, Slovenia 10: 9 days, 105%.
    /// "Train the actors": indicators (0.5667 + 1, held at 1) / 2 = 0.7833, tasks 1 of 2 = 0.5,
    /// together 0.6417: 64%. The working area's objective: tasks 1 of 2, 50%.
    static func fill(objective: String = "Train the actors") -> (StoreWriter) throws -> Void {
        { w in
            try Harness.sampleData(w)
            try w.bind(person: try w.reader.resolve(.person, "Eglė Butkevičienė"))
            let lt = try w.reader.resolve(.centre, "NCC Lithuania")
            let si = try w.reader.resolve(.centre, "NCC Slovenia")
            try w.update(.centre, id: lt, ["capacity_group": .int(1)])
            try w.update(.centre, id: si, ["capacity_group": .int(2)])
            let gr = try w.create(
                .centre, ["name": .text(greek), "country": .text("EL"), "capacity_group": .int(2)])
            let area = try w.reader.resolve(.workingArea, "Capacity building")
            let train = try w.create(.objective, ["title": .text(objective), "due": .text("2026-12-31")])
            let plan = try w.create(
                .objective,
                ["title": .text(lithuanian), "working_area": .text(area), "due": .text("2027-06-30")])
            for (title, status, serves) in [
                ("Run the first training", "done", train), ("Run the second training", "todo", train),
                ("Write the plan", "done", plan), ("Adopt the plan", "doing", plan),
            ] {
                try w.create(
                    .task, ["title": .text(title), "status": .text(status), "objective": .text(serves)])
            }
            let people = try w.create(
                .indicator,
                [
                    "title": .text("People trained"), "objective": .text(train), "unit": .text("people"),
                    "baseline": .text("0"), "target": .text("300"), "due": .text("2026-12-31"),
                ])
            let days = try w.create(
                .indicator,
                [
                    "title": .text("Days to answer a need"), "objective": .text(train), "unit": .text("days"),
                    "direction": .text("down"), "aggregate": .text("mean"), "baseline": .text("30"),
                    "target": .text("10"),
                ])
            let values: [(String, String, String, String, String?)] = [
                (people, lt, "2025-12-31", "10", nil), (people, lt, "2026-03-31", "40", nil),
                (people, lt, "2026-06-30", "90", nil), (people, lt, "2026-09-30", "150", nil),
                (people, si, "2026-03-31", "20", nil), (people, si, "2026-06-30", "60", "quarterly report"),
                (people, si, "2026-06-30", "75", "annual survey"),
                (days, lt, "2026-06-30", "8", nil), (days, si, "2026-06-30", "10", nil),
            ]
            for (indicator, centre, date, value, source) in values {
                try w.create(
                    .measurement,
                    [
                        "indicator": .text(indicator), "centre": .text(centre), "date": .text(date),
                        "value": .text(value), "source": source.map(Value.text) ?? .null,
                    ])
            }

            // The four default dimensions; Lithuania twice, Slovenia once, the Greek centre keeps
            // its scores (this replica holds its records without them).
            try w.ensureDefaultDimensions()
            let d = Competence.defaults.map(\.id)
            try w.assess(
                centre: lt, round: "2025", date: "2025-11-01", scores: [d[0]: 2, d[1]: 3, d[2]: 2, d[3]: 1])
            try w.assess(
                centre: lt, round: "2026", date: "2026-11-01", scores: [d[0]: 3, d[1]: 3, d[2]: 4, d[3]: 2])
            try w.assess(
                centre: si, round: "2026", date: "2026-11-01", scores: [d[0]: 4, d[1]: 5, d[2]: 4, d[3]: 2])
            for dimension in d {
                try w.create(
                    .assessment,
                    [
                        "centre": .text(gr), "round": .text("2026"), "date": .text("2026-11-01"),
                        "dimension": .text(dimension), "sharing": .text("averages"),
                    ])
            }
            let step = try w.create(.pathwayStep, ["title": .text("Kick-off peer exchange"), "position": .int(1)])
            try w.create(.stepDone, ["step": .text(step), "centre": .text(lt), "date": .text("2026-02-01")])
        }
    }

    static func harness(width: Int = 120, height: Int = 40, objective: String = "Train the actors") throws -> Harness {
        try Harness(width: width, height: height, fill: fill(objective: objective))
    }

    /// The screen line that holds all these pieces.
    static func line(_ h: Harness, _ parts: String...) -> String? {
        h.lines.first { line in parts.allSatisfy { line.contains($0) } }
    }

    static let blocks: Set<Character> = ["█", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The display column where a line's bar starts, after `from` (the first column by default).
    static func barColumn(_ line: String, from: Int = 0) -> Int? {
        var column = 0
        for character in line {
            if column >= from, blocks.contains(character) { return column }
            column += DisplayWidth.of(character)
        }
        return nil
    }

    /// The display column where `text` starts in `line`.
    static func column(of text: String, in line: String) -> Int? {
        guard let range = line.range(of: text) else { return nil }
        return DisplayWidth.of(String(line[..<range.lowerBound]))
    }

    @Test func theTreeShowsEachObjectiveWithItsBarPercentageDueDateTasksAndConflicts() throws {
        let h = try Self.harness()
        h.press(Self.progress)
        #expect(h.app.state.pane == .progress)
        let screen = h.screen
        #expect(h.lines[0].contains("6 Progress") && h.lines[0].contains("7 Sync"))
        #expect(Self.line(h, "Objectives and indicators") != nil, "\(screen)")
        #expect(Self.line(h, "2 objectives · 2 indicators · ⚠ 1 conflict to resolve") != nil, "\(screen)")
        // The whole group's objective first, under its heading; then the working area's.
        let whole = try #require(h.lines.firstIndex { $0.contains("The whole group") }, "\(screen)")
        let area = try #require(h.lines.firstIndex { $0.contains("WA1 Capacity building") }, "\(screen)")
        #expect(whole < area)
        let train = try #require(Self.line(h, "▸ Train the actors", "█", " 64% ⚠"), "\(screen)")
        #expect(Self.line(h, "due 2026-12-31 · 1 of 2 tasks done · ⚠ 1 conflict") != nil, "\(screen)")
        let plan = try #require(Self.line(h, "▸ Nacionalinių", "…", " 50%"), "\(screen)")
        #expect(Self.line(h, "due 2027-06-30 · 1 of 2 tasks done") != nil, "\(screen)")
        // One scale: the bars start in the same column, the longer one for the larger share.
        #expect(Self.barColumn(train) != nil && Self.barColumn(train) == Self.barColumn(plan), "\(train)\n\(plan)")
        // The first objective is selected and the detail beside it is about it (marked ›).
        #expect(train.hasPrefix(" › ▸ "), "\(train)")
        #expect(Self.line(h, "The whole group's objective") != nil, "\(screen)")
        #expect(Self.line(h, "Serving it: tasks: 1 of 2 done") != nil, "\(screen)")
        #expect(Self.line(h, "Progress", "█", " 64%") != nil, "\(screen)")
    }

    @Test func enterOpensAnObjectiveToShowItsIndicatorsAndClosesIt() throws {
        let h = try Self.harness(width: 200, height: 60)
        h.press(Self.progress)
        let days = "9 days (2026-06-30) from 2 of 3 centres"
        #expect(Self.line(h, "170 people (2026-09-30)") == nil, "closed: no indicators in the tree")
        h.press(.enter)
        let screen = h.screen
        #expect(Self.line(h, "▾ Train the actors") != nil, "\(screen)")
        // Days: the mean of 8 and 10 is 9, (9 - 30) / (10 - 30) = 105%: past the target, drawn full.
        let daysBar = try #require(Self.line(h, "Days to answer a need", "105% reached ↓"), "\(screen)")
        #expect(Self.line(h, days) != nil, "\(screen)")
        // People: 170 of 300; Slovenia's June value is disputed. The Greek centre reported neither.
        let peopleBar = try #require(Self.line(h, "People trained", " 57% ↑ ⚠"), "\(screen)")
        #expect(Self.line(h, "170 people (2026-09-30) from 2 of 3 centres") != nil, "\(screen)")
        #expect(Self.barColumn(daysBar) == Self.barColumn(peopleBar))
        h.press(.enter)
        #expect(Self.line(h, "▸ Train the actors") != nil)
        #expect(Self.line(h, days) == nil, "closed again: \(h.screen)")
        // → opens and ← closes, from the objective or from one of its indicators.
        h.press(.right, .down)
        #expect(Self.line(h, days) != nil)
        h.press(.left)
        #expect(Self.line(h, days) == nil)
        #expect(Self.line(h, " › ▸ Train the actors") != nil, "← on an indicator selects its objective: \(h.screen)")
    }

    @Test func anIndicatorsDetailShowsItsHistoryAsRisingBlocksAndEveryLevel() throws {
        let h = try Self.harness(width: 200, height: 60)
        h.press(Self.progress, .enter, .down, .down)
        let screen = h.screen
        #expect(Self.line(h, "›     People trained") != nil, "\(screen)")
        #expect(Self.line(h, "Baseline 0 → target 300 people · due 2026-12-31 · ↑ good") != nil, "\(screen)")
        #expect(Self.line(h, "Whole group: 170 people (2026-09-30) · 57% of the way · 2 of 3 centres reported") != nil)
        #expect(Self.line(h, "History of the whole group (4 dates)") != nil, "\(screen)")
        // 10, 60, 110, 170 scaled from 10 to the target, 300: ▁ ▂ ▃ ▅.
        let row = try #require(h.lines.firstIndex { $0.contains("History of the whole group") })
        let start = try #require(Self.column(of: "History", in: h.lines[row]))
        var sparkline = ""
        var column = 0
        for character in h.lines[row + 1] {
            if column >= start, "▁▂▃▄▅▆▇█".contains(character) { sparkline.append(character) }
            column += DisplayWidth.of(character)
        }
        #expect(sparkline == "▁▂▃▅")
        let heights = sparkline.map { "▁▂▃▄▅▆▇█".firstIndex(of: $0)! }
        #expect(heights == heights.sorted() && Set(heights).count == 4)
        #expect(Self.line(h, "2025-12-31 10 → 2026-09-30 170 people · target 300") != nil, "\(screen)")
        // A centre is held to its share of a sum: Lithuania 150 of 100 (a third of 300).
        #expect(Self.line(h, "NCC Lithuania", "█", "150% reached · 150 (2026-09-30)") != nil, "\(screen)")
        #expect(Self.line(h, "NCC Slovenia", "20% · 20 (2026-03-31)") != nil, "\(screen)")
        #expect(Self.line(h, "Εθνικό Κέντρο", "not reported") != nil, "\(screen)")
        #expect(Self.line(h, "Capacity group 1", "150% reached · 150 · 1 of 1 reported") != nil, "\(screen)")
        #expect(Self.line(h, "Capacity group 2", "10% · 20 · 1 of 2 reported") != nil, "\(screen)")
        #expect(Self.line(h, "PEnCIL", "150% reached · 150 · 1 of 1 reported") != nil, "\(screen)")
    }

    @Test func aDisputedValueShowsBothFiguresTheirSourcesAndReportersAndEnterCorrectsIt() throws {
        let h = try Self.harness(width: 200, height: 60)
        h.press(Self.progress, .enter, .down, .down)
        let screen = h.screen
        #expect(Self.line(h, "Disputed values (1)") != nil, "\(screen)")
        #expect(Self.line(h, "NCC Slovenia on 2026-06-30: left out until one is corrected") != nil, "\(screen)")
        #expect(
            Self.line(h, "60 people · source: quarterly report · reported by Eglė Butkevičienė") != nil, "\(screen)")
        #expect(Self.line(h, "75 people · source: annual survey · reported by Eglė Butkevičienė") != nil, "\(screen)")
        // Tab goes to the first disputed value, Enter opens its form; the detail stays the same.
        h.press(.tab)
        let selected = try #require(h.app.state.detail.selected.map { h.app.state.detail.lines[$0] })
        #expect(selected.target?.kind == .measurement)
        // Made in the same millisecond, the two are in either order: the other one stays.
        let kept = selected.text.contains("60 people") ? 75 : 60
        h.press(.enter)
        guard case .form(let form) = h.app.state.modal else {
            Issue.record("no form: \(h.screen)")
            return
        }
        #expect(form.title == "Edit measurement: People trained")
        // Deleting one settles the dispute: Slovenia's June is the other, the group 150 and that.
        h.press(.escape)
        #expect(h.app.state.modal == nil)
        h.press(.character("d"))
        #expect(h.app.state.message == nil || h.app.state.message?.kind != .error)
        h.press(.character("y"))
        #expect(Self.line(h, "Disputed values") == nil, "\(h.screen)")
        let whole = 150 + kept
        #expect(
            Self.line(
                h,
                "Whole group: \(whole) people (2026-09-30) · \(whole * 100 / 300)% of the way · 2 of 3 centres reported"
            )
                != nil, "\(h.screen)")
        #expect(Self.line(h, "›     People trained") != nil, "the detail is still the indicator's: \(h.screen)")
    }

    @Test func theSelfAssessmentShowsScoresChangesAWithheldCentreAndTheSelectedCentresPeers() throws {
        let h = try Self.harness(width: 200, height: 60)
        h.press(Self.progress, .character("s"))
        let screen = h.screen
        #expect(Self.line(h, "Self-assessment") != nil, "\(screen)")
        #expect(Self.line(h, "3 centres assessed · latest round 2026 · 1 keeps its scores") != nil, "\(screen)")
        // Lithuania 3 3 4 2 against 2 3 2 1 the round before; Slovenia's first round.
        let lt = try #require(Self.line(h, "› NCC Lithuania", "2026"), "\(screen)")
        #expect(lt.filter(\.isNumber).hasPrefix("20263342"), "\(lt)")
        #expect(lt.contains("+1 =  +2 +1"), "\(lt)")
        let si = try #require(Self.line(h, "NCC Slovenia", "2026"), "\(screen)")
        #expect(si.filter(\.isNumber).hasPrefix("20264542") && si.contains("·  ·  ·  ·"), "\(si)")
        #expect(Self.line(h, "Εθνικό Κέντρο", "kept by the centre") != nil, "\(screen)")
        // The round: means of the scores held here (the Greek centre's are not).
        #expect(Self.line(h, "Round 2026 across the centres") != nil, "\(screen)")
        #expect(Self.line(h, "3 centres assessed; 1 keeps its scores, which are not in these figures") != nil)
        #expect(Self.line(h, "Continuous inter", "4.0 · 3–5 · 2 scores") != nil, "\(screen)")
        #expect(Self.line(h, "Scaling in complex systems", "2.0 · 2–2 · 2 scores") != nil, "\(screen)")
        #expect(Self.line(h, "Scaling in complex systems: 2 of 2 centres score 2 or less") != nil, "\(screen)")
        // The selected centre: its scores with their change, whom to learn from and why, its pathway.
        #expect(Self.line(h, "Round 2026 (2026-11-01) · shared with everyone") != nil, "\(screen)")
        #expect(Self.line(h, "Co-creation", "█", " 4 · +2 since the round before") != nil, "\(screen)")
        #expect(Self.line(h, "NCC Slovenia · score 3") != nil, "\(screen)")
        #expect(
            Self.line(
                h,
                "strong where you are weak: Systemic ecosystem mapping 4 against 3, Continuous interaction with ecosystems 5 against 3"
            ) != nil || Self.line(h, "strong where you are weak: Systemic ecosystem mapping 4 against 3") != nil,
            "\(screen)")
        #expect(Self.line(h, "Pathway: 1 of 1 step") != nil, "\(screen)")
        #expect(Self.line(h, "✓ Kick-off peer exchange") != nil, "\(screen)")
        // The Greek centre selected: its scores are not held here.
        h.press(.down, .down)
        #expect(Self.line(h, "kept by the centre: its scores go into the group's averages only") != nil, "\(h.screen)")
        #expect(Self.line(h, "kept by the centre: its scores are not held here") != nil, "\(h.screen)")
        h.press(.character("s"))
        #expect(Self.line(h, "Objectives and indicators") != nil, "s goes back: \(h.screen)")
    }

    @Test func peerGroupsExplainEachCentreAndNameTheOneThatCannotBePlaced() throws {
        let h = try Self.harness(width: 200, height: 60)
        h.press(Self.progress, .character("g"))
        let screen = h.screen
        #expect(Self.line(h, "Proposed peer groups") != nil, "\(screen)")
        // Two centres with scores held here: two groups, Slovenia's the more experienced.
        #expect(Self.line(h, "Group 1 · 1 centre · mean 3.8") != nil, "\(screen)")
        #expect(Self.line(h, "NCC Slovenia · now in group 2, would move to 1") != nil, "\(screen)")
        #expect(Self.line(h, "NCC Lithuania · now in group 1, would move to 2") != nil, "\(screen)")
        #expect(Self.line(h, "above the average on Continuous interaction with ecosystems (5.0 against 4.0)") != nil)
        #expect(Self.line(h, "Not placed (1)") != nil, "\(screen)")
        #expect(Self.line(h, "its scores are kept by its centre") != nil, "\(screen)")
        h.press(.escape)
        #expect(Self.line(h, "Each centre's latest round") != nil, "Esc goes back to the self-assessment")
        h.press(.escape)
        #expect(Self.line(h, "Objectives and indicators") != nil, "and then to the objectives")
    }

    @Test func hostileTextInAnObjectiveTitleIsDrawnAsVisibleSymbolsWithinItsColumn() throws {
        let hostile = "Plan\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m end"
        let h = try Self.harness(objective: hostile)
        h.press(Self.progress)
        let cells = h.buffer.cells.filter { HostileRecords.holdsControl($0.text) }
        #expect(cells.isEmpty, "\(cells.count) cells hold control characters")
        #expect(h.screen.contains("Plan␛]0;pwned␇"), "\(h.screen)")
        // Its bar starts where the others do: the symbols were counted before the title was cut.
        let row = try #require(Self.line(h, "Plan␛]0;pwned␇", "%"), "\(h.screen)")
        let plan = try #require(Self.line(h, "▸ Nacionalinių"), "\(h.screen)")
        #expect(Self.barColumn(row) == Self.barColumn(plan), "\(row)\n\(plan)")
        h.press(.enter, .down, .down)
        #expect(h.buffer.cells.allSatisfy { !HostileRecords.holdsControl($0.text) })
        #expect(Self.line(h, "Objective: Plan␛]0;pwned␇") != nil, "\(h.screen)")
    }

    @Test func aLongGreekOrLithuanianNameIsCutByDisplayWidthAndTheBarsStayInLine() throws {
        for (width, height) in [(120, 40), (80, 24)] {
            let h = try Self.harness(width: width, height: height)
            h.press(Self.progress, .enter, .down, .down)
            // Under 116 columns the detail follows the tree: page down to its centres.
            for _ in 0..<8 where Self.line(h, "Εθνικό Κέντρο", "not reported") == nil { h.press(.pageDown) }
            let screen = h.screen
            for line in h.lines { #expect(DisplayWidth.of(line) <= width, "\(width): \(line)") }
            let greek = try #require(Self.line(h, "Εθνικό Κέντρο", "not reported"), "\(width): \(screen)")
            #expect(!greek.contains(Self.greek) && greek.contains("…"), "\(greek)")
            let lithuania = try #require(Self.line(h, "NCC Lithuania", "150% reached"), "\(width): \(screen)")
            // The name takes its column and no more: "not reported" starts where the bars do.
            let start = try #require(Self.column(of: "Εθνικό", in: greek))
            #expect(
                Self.column(of: " not reported", in: greek).map { $0 + 1 }
                    == Self.barColumn(lithuania, from: start), "\(greek)\n\(lithuania)")
        }
        // The Lithuanian objective's title is cut in the tree, and whole in its detail.
        let h = try Self.harness()
        h.press(Self.progress, .end)
        #expect(Self.line(h, "▸ Nacionalinių", "…") != nil, "\(h.screen)")
        #expect(Self.line(h, "Nacionalinių socialinių inovacijų kompetencijų centrų") != nil, "\(h.screen)")
        #expect(Self.line(h, "veiklos planas") != nil, "\(h.screen)")
    }

    @Test func keysAddAnObjectiveAnIndicatorToTheSelectedObjectiveAndAMeasurement() throws {
        let h = try Self.harness()
        h.press(Self.progress, .character("m"))
        #expect(h.app.state.modal == nil)
        #expect(h.app.state.message?.text.hasPrefix("Select an indicator first") == true)
        h.press(.character("i"))
        guard case .form(let form) = h.app.state.modal else {
            Issue.record("no form: \(h.screen)")
            return
        }
        #expect(form.title == "New indicator")
        #expect(form.fields.first { $0.field.name == "objective" }?.text == "Train the actors")
        h.press(.escape)
        h.press(.down, .character("m"))
        guard case .form(let measurement) = h.app.state.modal else {
            Issue.record("no form: \(h.screen)")
            return
        }
        #expect(measurement.title == "New measurement")
        #expect(measurement.fields.first { $0.field.name == "indicator" }?.text == "Days to answer a need")
        h.press(.escape)
        h.press(.character("a"))
        guard case .form(let objective) = h.app.state.modal else {
            Issue.record("no form: \(h.screen)")
            return
        }
        #expect(objective.title == "New objective")
        h.press(.escape)
        // The footer and help list the pane's keys.
        #expect(h.lines[h.height - 2].contains("s self-assessment") && h.lines[h.height - 2].contains("g peer groups"))
        h.press(.character("?"))
        #expect(h.screen.contains("Switch between the objectives and the self-assessment"), "\(h.screen)")
        #expect(h.screen.contains("Add a value of the selected indicator on a date"))
        #expect(h.screen.contains("Open or close the objective; on a disputed value, its form"))
    }

    @Test func theOverviewShowsEachObjectivesBarAndTheConflictsToResolve() throws {
        let h = try Self.harness(width: 200, height: 60)
        h.press(.character("0"))
        let screen = h.screen
        #expect(Self.line(h, "Objectives (2)") != nil, "\(screen)")
        #expect(Self.line(h, "Train the actors", "█", " 64%") != nil, "\(screen)")
        #expect(Self.line(h, "Nacionalinių", " 50%") != nil, "\(screen)")
        #expect(Self.line(h, "Measurement conflicts to resolve (1)") != nil, "\(screen)")
        // The two values in the order of their records' ids: made in the same millisecond, either.
        #expect(
            Self.line(h, "People trained · NCC Slovenia · 2026-06-30: 60 or 75") != nil
                || Self.line(h, "People trained · NCC Slovenia · 2026-06-30: 75 or 60") != nil, "\(screen)")
        // Enter shows the indicator in the Progress pane (its record, with its measurements).
        h.press(.tab)
        for _ in 0..<12
        where h.app.state.detail.selected.flatMap({ h.app.state.detail.lines[$0].target?.kind }) != .indicator {
            h.press(.down)
        }
        h.press(.enter)
        #expect(h.app.state.pane == .progress)
        #expect(Self.line(h, "Measurements (indicator)") != nil, "\(h.screen)")
        h.press(.escape)
        #expect(Self.line(h, "Objectives and indicators") != nil, "Esc shows the tree: \(h.screen)")
    }
}
