import Foundation
import NCCModel
import Testing

@testable import NCCStore

/// Roll-ups against values worked out by hand. Four centres: A and B in consortium X, C and D in
/// Y; A and C in capacity group 1, B and D in 2. C never reports; D's latest date is disputed.
@Suite struct RollupTests {
    static let directory = CentreDirectory(
        centres: [
            .init(id: "A", name: "Aukštaitija", capacityGroup: 1, consortia: ["X"]),
            .init(id: "B", name: "Bohinj", capacityGroup: 2, consortia: ["X"]),
            .init(id: "C", name: "Čakovec", capacityGroup: 1, consortia: ["Y"]),
            .init(id: "D", name: "Δελφοί", capacityGroup: 2, consortia: ["Y"]),
        ], consortia: ["X": "Xanthi network", "Y": "Ystad alliance"])

    static func point(_ id: String, _ centre: String?, _ date: String, _ value: Double) -> MeasurementPoint {
        MeasurementPoint(id: id, centre: centre, date: date, value: value)
    }

    /// People trained: a sum from 0 towards 40 for the whole group.
    static let trained = Rollup(
        baseline: 0, target: 40, aggregate: .sum,
        points: [
            point("1", "A", "2025-01-15", 4), point("2", "A", "2025-06-15", 8), point("3", "B", "2025-03-15", 6),
            point("4", "D", "2025-06-15", 10), point("5", "D", "2025-09-15", 12), point("6", "D", "2025-09-15", 14),
        ], directory: directory)

    @Test func aSumAddsEachCentresLatestAgreedValueAndHoldsSetsToTheirShare() {
        let whole = Self.trained.progress(of: .wholeGroup)
        // 8 (A's latest) + 6 + 10 (D's latest that nobody disputes); C is missing, not zero.
        #expect(whole.value == 24)
        #expect(whole.progress == 0.6)
        #expect(whole.reported == 3 && whole.members == 4)
        #expect(whole.asOf == "2025-06-15")
        // X: 8 + 6 against half the target (20).
        #expect(Self.trained.progress(of: .consortium("X")).progress == 0.7)
        let y = Self.trained.progress(of: .consortium("Y"))
        #expect(y.value == 10 && y.progress == 0.5 && y.reported == 1 && y.members == 2)
        #expect(Self.trained.progress(of: .capacityGroup(1)).progress == 0.4)
        #expect(Self.trained.progress(of: .capacityGroup(2)).progress == 0.8)
        // One centre of four: a quarter of the target, 10.
        #expect(Self.trained.progress(of: .centre("A")).progress == 0.8)
        let c = Self.trained.progress(of: .centre("C"))
        #expect(c.value == nil && c.progress == nil && c.reported == 0)
    }

    @Test func disputedValuesAreAConflictAndLeftOutOfEveryRollUp() {
        let conflicts = Self.trained.conflicts
        #expect(conflicts.count == 1)
        #expect(conflicts[0].centre == "D" && conflicts[0].date == "2025-09-15")
        #expect(conflicts[0].points.map(\.value) == [12, 14])
        #expect(!Self.trained.agreed.contains { $0.date == "2025-09-15" })
        // The series skips the disputed day: the whole group as it stood on each other date.
        #expect(
            Self.trained.series(of: .wholeGroup).map { "\($0.date)=\(Int($0.value))" } == [
                "2025-01-15=4", "2025-03-15=10", "2025-06-15=24",
            ])
    }

    @Test func twoRecordsOfTheSameValueAgree() {
        let same = Rollup(
            baseline: 0, target: 10, aggregate: .sum,
            points: [Self.point("1", "A", "2025-01-15", 5), Self.point("2", "A", "2025-01-15", 5)],
            directory: Self.directory)
        #expect(same.conflicts.isEmpty)
        #expect(same.progress(of: .wholeGroup).value == 5)
    }

    @Test func aDownIsGoodMeanReadsTheSameWay() {
        // Days from a need to first contact, from 30 down to 10, averaged over centres.
        let days = Rollup(
            baseline: 30, target: 10, aggregate: .mean,
            points: [Self.point("1", "A", "2025-01-15", 20), Self.point("2", "B", "2025-02-15", 5)],
            directory: Self.directory)
        #expect(days.progress(of: .centre("A")).progress == 0.5)
        // B went past the target: beyond 1.
        #expect(days.progress(of: .centre("B")).progress == 1.25)
        // The mean, 12.5, is 17.5 of the 20 days to go; a mean is not scaled by share.
        #expect(days.progress(of: .wholeGroup).value == 12.5)
        #expect(days.progress(of: .wholeGroup).progress == 0.875)
        #expect(days.progress(of: .consortium("X")).progress == 0.875)
        // Going the wrong way is below zero.
        #expect(Rollup.fraction(40, baseline: 30, target: 10) == -0.5)
    }

    @Test func theGroupsOwnValueStandsForItAndATargetAlreadyPassedIsBeyondOne() {
        let mapped = Rollup(
            baseline: 10, target: 20, aggregate: .sum,
            points: [
                Self.point("1", nil, "2025-01-15", 15), Self.point("2", nil, "2026-01-15", 25),
                Self.point("3", "A", "2026-02-15", 3),
            ], directory: Self.directory)
        let whole = mapped.progress(of: .wholeGroup)
        #expect(whole.value == 25 && whole.progress == 1.5)
        // Only A reported on its own; the group's value does not make the others reporters.
        #expect(whole.reported == 1 && whole.members == 4)
        #expect(mapped.series(of: .wholeGroup).map(\.value) == [15, 25])
        // A centre still rolls up from its own values.
        #expect(mapped.progress(of: .centre("A")).value == 3)
    }

    @Test func equalBaselineAndTargetHaveNoProgress() {
        #expect(Rollup.fraction(5, baseline: 3, target: 3) == nil)
    }
}

/// The same rules read from a real database: indicators, objectives with their tasks, and two
/// disputed records that both stay.
@Suite struct StoredProgressTests {
    @Test func anObjectiveIsHalfItsIndicatorsAndHalfItsTasks() throws {
        let db = try TestDatabase()
        let (objective, ids) = try db.store.write { w -> (String, [String: String]) in
            let area = try w.create(
                .workingArea, [Fields.WorkingArea.number: .int(2), Fields.WorkingArea.title: .text("Mapping")])
            var ids: [String: String] = [:]
            for (name, country) in [("Aukštaitija", "LT"), ("Bohinj", "SI")] {
                ids[name] = try w.create(
                    .centre, [Fields.Centre.name: .text(name), Fields.Centre.country: .text(country)])
            }
            let objective = try w.create(
                .objective,
                [Fields.Objective.title: .text("Map every ecosystem"), Fields.Objective.workingArea: .text(area)])
            let mapped = try w.create(
                .indicator,
                [
                    Fields.Indicator.title: .text("Organisations mapped"), Fields.Indicator.objective: .text(objective),
                    Fields.Indicator.unit: .text("organisations"), Fields.Indicator.baseline: .text("0"),
                    Fields.Indicator.target: .text("100"),
                ])
            let days = try w.create(
                .indicator,
                [
                    Fields.Indicator.title: .text("Days to first contact"),
                    Fields.Indicator.objective: .text(objective),
                    Fields.Indicator.unit: .text("days"), Fields.Indicator.direction: .text("down"),
                    Fields.Indicator.aggregate: .text("mean"), Fields.Indicator.baseline: .text("30"),
                    Fields.Indicator.target: .text("10"),
                ])
            ids["mapped"] = mapped
            for (indicator, centre, date, value) in [
                (mapped, "Aukštaitija", "2025-03-31", "20"), (mapped, "Bohinj", "2025-03-31", "40"),
                (mapped, "Bohinj", "2025-06-30", "41"), (mapped, "Bohinj", "2025-06-30", "44"),
                (days, "Aukštaitija", "2025-03-31", "2"),
            ] {
                try w.create(
                    .measurement,
                    [
                        Fields.Measurement.indicator: .text(indicator), Fields.Measurement.centre: .text(ids[centre]!),
                        Fields.Measurement.date: .text(date), Fields.Measurement.value: .text(value),
                    ])
            }
            for status in ["done", "todo", "doing", "todo"] {
                try w.create(
                    .task,
                    [
                        Fields.Task.title: .text("Task \(status)"), Fields.Task.status: .text(status),
                        Fields.Task.objective: .text(objective),
                    ])
            }
            return (objective, ids)
        }
        let progress = try #require(try db.store.read { try $0.objectiveProgress(objective) })
        #expect(progress.workingAreaTitle == "Mapping")
        #expect(progress.tasks == 4 && progress.tasksDone == 1)
        // Mapped: 20 + 40 (Bohinj's 30 June is disputed) of 100 = 0.6; days: 2 is past 10, held at 1.
        #expect(progress.indicators.map(\.title) == ["Days to first contact", "Organisations mapped"])
        #expect(progress.indicators[1].whole.progress == 0.6)
        #expect(progress.indicators[0].whole.progress == 1.4)
        #expect(progress.conflicts == 1)
        // (0.6 + 1) / 2 from indicators, 1/4 from tasks, halved.
        #expect(abs((progress.progress ?? 0) - 0.525) < 1e-12)
        // Both disputed records are still there, each with who reported it.
        let mapped = try #require(try db.store.read { try $0.indicatorProgress(ids["mapped"]!) })
        #expect(mapped.conflicts.count == 1)
        #expect(mapped.conflicts[0].points.map(\.text).sorted() == ["41", "44"])
        #expect(mapped.conflicts[0].reporters.count == 2)
        #expect(mapped.rollup.progress(of: .centre(ids["Bohinj"]!)).value == 40)
    }

    @Test func numbersAreKeptInNormalForm() throws {
        let field = Field("value", .number)
        #expect(try FieldInput.parse("12.50", for: field) == .text("12.5"))
        #expect(try FieldInput.parse("1.25e1", for: field) == .text("12.5"))
        #expect(try FieldInput.parse("-0.0", for: field) == .text("0"))
        for bad in ["12abc", "1,5", "nan", "1e999", "12 5"] {
            #expect(throws: FieldError.self) { try FieldInput.parse(bad, for: field) }
        }
    }
}
