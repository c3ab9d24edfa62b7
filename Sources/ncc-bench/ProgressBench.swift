import ArgumentParser
import Foundation
import NCCModel
import NCCStore

/// The roll-up of every indicator for every centre, consortium and capacity group (what `ncc
/// progress` and the Progress pane read) on many centres and years of figures, against the one
/// query a member would otherwise type into `sqlite3`: each indicator's sum of its centres'
/// latest values, and nothing else (no conflicts, no levels, no series).
struct ProgressBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress", abstract: "Time the roll-up of indicators against a hand-written SQL query.")

    @Option(help: "Centres, each reporting every indicator every quarter.") var centres = 300
    @Option(help: "Indicators.") var indicators = 50
    @Option(help: "Quarters of figures.") var quarters = 8
    @Option(help: "Roll-ups to time.") var runs = 20
    @Option(help: "Where to build the database (built afresh).") var db = "/tmp/ncc-bench-progress.sqlite"

    func run() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let store = try Store.open(path: db, cacheMegabytes: 256)
        let started = Date()
        try store.write { w in
            try w.beginBulkLoad()
            let consortia = try (0..<max(1, centres / 4)).map { i in
                try w.create(.consortium, [Fields.Consortium.name: .text("Consortium \(i)")])
            }
            let countries = Array(Codes.countries).sorted()
            let centreIDs = try (0..<centres).map { i in
                let id = try w.create(
                    .centre,
                    [
                        Fields.Centre.name: .text("Centre \(i)"),
                        Fields.Centre.country: .text(countries[i % countries.count]),
                        Fields.Centre.capacityGroup: .int(1 + i % 3),
                    ])
                try w.create(
                    .membership,
                    [
                        Fields.Membership.centre: .text(id),
                        Fields.Membership.consortium: .text(consortia[i % consortia.count]),
                    ])
                return id
            }
            let objective = try w.create(.objective, [Fields.Objective.title: .text("Bench objective")])
            for n in 0..<indicators {
                let indicator = try w.create(
                    .indicator,
                    [
                        Fields.Indicator.title: .text("Indicator \(n)"), Fields.Indicator.objective: .text(objective),
                        Fields.Indicator.unit: .text("things"), Fields.Indicator.baseline: .text("0"),
                        Fields.Indicator.target: .text(String(centres * 10)),
                    ])
                for (c, centre) in centreIDs.enumerated() {
                    for q in 0..<quarters {
                        try w.create(
                            .measurement,
                            [
                                Fields.Measurement.indicator: .text(indicator),
                                Fields.Measurement.centre: .text(centre),
                                Fields.Measurement.date: .text(
                                    String(format: "%04d-%02d-15", 2020 + q / 4, 1 + 3 * (q % 4))),
                                Fields.Measurement.value: .text(String((c + n + q) % 17)),
                            ])
                    }
                }
            }
            try w.endBulkLoad()
        }
        let measurements = centres * indicators * quarters
        print("database: \(centres) centres, \(indicators) indicators, \(measurements) measurements")
        print(String(format: "generation             %.1f s", Date().timeIntervalSince(started)))

        var ours: [Double] = []
        for _ in 0..<runs {
            let start = Date()
            let progress = try store.read { try $0.objectivesProgress() }
            precondition(progress.first?.indicators.count == indicators)
            ours.append(Date().timeIntervalSince(start) * 1000)
        }
        ours.sort()
        print(String(format: "roll-up p50            %.1f ms", ours[ours.count / 2]))
        print(String(format: "roll-up p95            %.1f ms", ours[min(ours.count - 1, runs * 95 / 100)]))
        // The same sums by hand, in the sqlite3 shell, process start included: what a member
        // who knows SQL would run instead (sqlite3 takes the row of max(date) for a bare column).
        guard BenchShell.sh("command -v sqlite3") else { return print("sqlite3 not installed: no comparison") }
        let query = """
            SELECT indicator, sum(value) FROM (SELECT indicator, centre, value, max(date) FROM measurement
            WHERE deleted = 0 AND centre IS NOT NULL GROUP BY indicator, centre) GROUP BY indicator;
            """
        var theirs: [Double] = []
        for _ in 0..<runs {
            let start = Date()
            BenchShell.run("sqlite3", [db, query])
            theirs.append(Date().timeIntervalSince(start) * 1000)
        }
        theirs.sort()
        let p50 = theirs[theirs.count / 2]
        print(String(format: "sqlite3 sums p50       %.1f ms", p50))
        print(String(format: "ratio (ours / sqlite3) %.2f", ours[ours.count / 2] / p50))
    }
}
