import Foundation
import NCCDemo
import NCCModel
import NCCStore
import Testing

@Suite struct DemoProgressTests {
    static let progressKinds: [Kind] = [
        .objective, .indicator, .measurement, .dimension, .assessment, .pathwayStep, .stepDone,
    ]

    func fresh() throws -> (Store, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try Store.open(path: folder.appendingPathComponent("ncc.sqlite").path), folder)
    }

    func all(_ r: StoreReader, _ kind: Kind) throws -> [Record] { try r.list(kind, limit: 100_000) }

    @Test func theProgressDataHasTheDescribedShape() throws {
        let (store, folder) = try fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try DemoData.load(into: store, today: "2026-11-23")
        try store.read { r in
            let centres = try all(r, .centre)
            let areas = Set(try all(r, .workingArea).map(\.id))
            #expect(centres.count > 20)

            // Two objectives per working area and one for the whole group, due in 2026–2027.
            let objectives = try all(r, .objective)
            #expect(objectives.count == 9)
            #expect(summary.counts[.objective] == 9)
            let byArea = Dictionary(grouping: objectives) { $0[Fields.Objective.workingArea.name].text ?? "" }
            #expect(byArea[""]?.count == 1)
            #expect(areas.allSatisfy { byArea[$0]?.count == 2 })
            #expect(
                objectives.allSatisfy {
                    ["2026", "2027"].contains($0[Fields.Objective.due.name].text?.prefix(4) ?? "")
                })
            // Some tasks, decisions and engagements serve them.
            let served = RecordQuery(.task, conditions: [.notEquals(Fields.Task.objective, .null)])
            #expect((8...18).contains(try r.count(served)))
            let decisions = try r.count(
                RecordQuery(.decision, conditions: [.notEquals(Fields.Decision.objective, .null)]))
            let engagements = try r.count(
                RecordQuery(.engagement, conditions: [.notEquals(Fields.Engagement.objective, .null)]))
            #expect(decisions >= 1 && engagements >= 1 && decisions + engagements <= 4)

            // About ten indicators, one going down and one averaged.
            let indicators = try all(r, .indicator)
            #expect(indicators.count == 10)
            func has(_ field: FieldName, _ value: String) -> (Record) -> Bool { { $0[field.name] == .text(value) } }
            let down = try #require(indicators.first(where: has(Fields.Indicator.direction, "down")))
            #expect(
                down[Fields.Indicator.baseline.name] == .text("30") && down[Fields.Indicator.target.name] == .text("10")
            )
            #expect(
                indicators.filter(has(Fields.Indicator.aggregate, "mean")).contains(
                    where: has(Fields.Indicator.unit, "%")))
            #expect(indicators.filter(has(Fields.Indicator.aggregate, "sum")).count >= 6)

            // Measurements: quarterly in 2025–2026, from some centres, whole-group values for one
            // indicator, and exactly one conflict.
            let measurements = try all(r, .measurement)
            let dates = Set(measurements.compactMap { $0[Fields.Measurement.date.name].text })
            #expect(dates.allSatisfy { $0 >= "2025-01-15" && $0 <= "2026-10-15" && $0.hasSuffix("-15") })
            let reporting = Set(measurements.compactMap { $0[Fields.Measurement.centre.name].text })
            #expect(reporting.count > 5 && reporting.count < centres.count, "some centres never report")
            let wholeGroup = measurements.filter { $0[Fields.Measurement.centre.name].isNull }
            #expect(wholeGroup.count >= 3)
            #expect(Set(wholeGroup.map { $0[Fields.Measurement.indicator.name] }).count == 1)
            let identity = [Fields.Measurement.indicator, Fields.Measurement.centre, Fields.Measurement.date]
            let same = Dictionary(grouping: measurements) { (m: Record) -> [String] in
                identity.map { m[$0.name].text ?? "" }
            }.filter { $0.value.count > 1 }
            #expect(same.count == 1)
            let pair = try #require(same.first?.value)
            #expect(pair.count == 2)
            #expect(Set(pair.map { $0[Fields.Measurement.value.name] }).count == 2)
            #expect(Set(pair.map { $0[Fields.Measurement.source.name] }).count == 2)
            // One counted indicator is already past its target: its centres' latest values add up beyond it.
            let passed = indicators.filter(has(Fields.Indicator.aggregate, "sum")).filter { indicator in
                let own = measurements.filter { $0[Fields.Measurement.indicator.name].text == indicator.id }
                let latest = Dictionary(grouping: own) { $0[Fields.Measurement.centre.name].text ?? "" }.mapValues {
                    $0.max {
                        ($0[Fields.Measurement.date.name].text ?? "") < ($1[Fields.Measurement.date.name].text ?? "")
                    }!
                }
                let total = latest.values.compactMap { Double($0[Fields.Measurement.value.name].text ?? "") }.reduce(
                    0, +)
                return total >= Double(indicator[Fields.Indicator.target.name].text ?? "") ?? .infinity
            }
            #expect(passed.count == 1, "\(passed.map { $0[Fields.Indicator.title.name] })")
            // A centre skips quarters: fewer values than centres times quarters for a counted indicator.
            let perCentre = Dictionary(grouping: measurements.filter { !$0[Fields.Measurement.centre.name].isNull }) {
                [$0[Fields.Measurement.indicator.name].text ?? "", $0[Fields.Measurement.centre.name].text ?? ""]
            }
            #expect(perCentre.values.contains { $0.count < 8 })

            // The four core competences with their fixed ids, in order.
            let dimensions = try all(r, .dimension)
            #expect(dimensions.map(\.id) == Competence.defaults.map(\.id))
            #expect(dimensions.map { $0[Fields.Dimension.position.name] } == [.int(1), .int(2), .int(3), .int(4)])

            // Two rounds of every centre on every dimension.
            let assessments = try all(r, .assessment)
            #expect(assessments.count == centres.count * 2 * 4)
            for centre in centres {
                let own = assessments.filter { $0[Fields.Assessment.centre.name].text == centre.id }
                #expect(Set(own.compactMap { $0[Fields.Assessment.round.name].text }) == ["2025", "2026"])
                for round in ["2025", "2026"] {
                    let ofRound = own.filter { $0[Fields.Assessment.round.name].text == round }
                    #expect(ofRound.count == 4)
                    #expect(ofRound.allSatisfy { $0[Fields.Assessment.date.name].text?.hasPrefix(round) == true })
                    #expect(ofRound.allSatisfy { !$0[Fields.Assessment.evidence.name].isNull })
                }
            }
            let keeping = Set(
                assessments.filter { $0[Fields.Assessment.sharing.name] == .text("averages") }.compactMap {
                    $0[Fields.Assessment.centre.name].text
                })
            #expect((2...3).contains(keeping.count))

            func score(_ centre: String, _ round: String, _ dimension: String) -> Int? {
                assessments.first {
                    $0[Fields.Assessment.centre.name].text == centre && $0[Fields.Assessment.round.name].text == round
                        && $0[Fields.Assessment.dimension.name].text == dimension
                }?[Fields.Assessment.score.name].int
            }
            // Scaling in complex systems is weak (2 or less) for more than half the centres: a session to hold.
            let scaling = Competence.defaults[3].id
            let weak = centres.filter { (score($0.id, "2026", scaling) ?? 5) <= 2 }
            #expect(weak.count * 2 > centres.count)
            // Most centres improved on one or two dimensions.
            let improved = centres.filter { centre in
                Competence.defaults.contains {
                    (score(centre.id, "2026", $0.id) ?? 0) > (score(centre.id, "2025", $0.id) ?? 0)
                }
            }
            #expect(improved.count * 3 > centres.count * 2)
            // Three groups of similar capacities: each group's mean score below the one before it.
            var means: [Int: Double] = [:]
            for group in 1...3 {
                let members = centres.filter { $0[Fields.Centre.capacityGroup.name].int == group }
                let scores = members.flatMap { c in Competence.defaults.compactMap { score(c.id, "2026", $0.id) } }
                if !scores.isEmpty { means[group] = Double(scores.reduce(0, +)) / Double(scores.count) }
            }
            #expect((means[1] ?? 5) > (means[2] ?? 3) && (means[2] ?? 3) > (means[3] ?? 1), "\(means)")

            // Pathways: three or four steps for each group, one for every group; some taken.
            let steps = try all(r, .pathwayStep)
            let byGroup = Dictionary(grouping: steps) { $0[Fields.PathwayStep.peerGroup.name].int ?? -1 }
            #expect(byGroup[0]?.count == 1)
            for group in 1...3 { #expect((3...4).contains(byGroup[group]?.count ?? 0), "group \(group)") }
            #expect(steps.contains { !$0[Fields.PathwayStep.meeting.name].isNull }, "a session at a demo meeting")
            #expect(steps.contains { $0[Fields.PathwayStep.type.name] == .text("peer_exchange") })
            #expect(
                steps.contains {
                    $0[Fields.PathwayStep.type.name] == .text("resource") && !$0[Fields.PathwayStep.link.name].isNull
                })
            let done = try all(r, .stepDone)
            #expect(done.count > 10)
            #expect(done.allSatisfy { ($0[Fields.StepDone.date.name].text ?? "") <= "2026-11-23" })
        }
    }

    @Test func theSameSeedGivesTheSameProgressRecords() throws {
        let (a, fa) = try fresh()
        let (b, fb) = try fresh()
        defer {
            try? FileManager.default.removeItem(at: fa)
            try? FileManager.default.removeItem(at: fb)
        }
        _ = try DemoData.load(into: a, seed: 7, today: "2026-11-23")
        _ = try DemoData.load(into: b, seed: 7, today: "2026-11-23")
        func snapshot(_ store: Store, _ kind: Kind) throws -> [String] {
            try store.read { r in
                try all(r, kind).map { record in
                    record.id + " "
                        + record.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                            separator: " ")
                }
            }
        }
        for kind in Self.progressKinds + [.task, .decision, .engagement] {
            let first = try snapshot(a, kind)
            #expect(!first.isEmpty, "\(kind)")
            #expect(first == (try snapshot(b, kind)), "\(kind)")
        }
    }

    @Test func withoutProgressThereIsNone() throws {
        let (store, folder) = try fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try DemoData.load(into: store, today: "2026-11-23", progress: false)
        #expect(summary.counts[.measurement] == nil)
        try store.read { r in
            for kind in Self.progressKinds {
                let count = try r.count(kind)
                #expect(count == 0, "\(kind)")
            }
        }
    }
}
