import Foundation
import Testing

/// Laptops die at events: `ncc demo`, `ncc import`, `ncc sync` and `ncc export` are killed with
/// SIGKILL at random moments. After every kill the database passes SQLite's checks, holds its data
/// wholly as before or wholly as after, and the next run works; a bundle file is whole or absent.
@Suite(.serialized) struct CrashSafetyTests {
    /// 50 in CI; `NCC_CRASH_KILLS` sets another number.
    static let kills = Int(ProcessInfo.processInfo.environment["NCC_CRASH_KILLS"] ?? "") ?? 50

    let ncc: NCCProcess
    init() throws { ncc = try NCCProcess() }

    /// Runs ncc with `arguments` and kills it after `delay` seconds (if it is still running).
    /// Returns whether it was killed.
    func kill(_ arguments: [String], after delay: TimeInterval) throws -> Bool {
        let pid = try ChildProcess.start(
            NCCProcess.binary.path, arguments, environment: ncc.environment, directory: ncc.home.path)
        Thread.sleep(forTimeInterval: delay)
        let wasRunning = Foundation.kill(pid, SIGKILL) == 0
        let status = ChildProcess.reap(pid)
        return wasRunning && status == 128 + SIGKILL
    }

    func records(_ db: String) throws -> Int {
        let result = try ncc.run(["init", "--db", db], useDefaultDatabase: true)
        #expect(result.status == 0, "\(result.err)")
        let line = result.out.split(separator: "\n").first { $0.hasPrefix("Records:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? -1
    }

    func expectSound(_ db: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let check = try ncc.run(["check", "--db", db], useDefaultDatabase: true)
        #expect(check.status == 0 && check.out.hasPrefix("ok"), "\(check.err)", sourceLocation: sourceLocation)
    }

    /// How long a command takes to its end, to spread the kills over its life.
    func duration(_ arguments: [String]) throws -> TimeInterval {
        let start = Date()
        let result = try ncc.run(arguments, useDefaultDatabase: true)
        #expect(result.status == 0, "\(result.err)")
        return Date().timeIntervalSince(start)
    }

    @Test func killingDemoLeavesAnEmptyOrAFullDatabase() throws {
        let full = try duration(["demo", "--db", ncc.file("whole.sqlite")])
        let everything = try records(ncc.file("whole.sqlite"))
        var killed = 0
        for n in 0..<Self.kills {
            let db = ncc.file("demo-\(n).sqlite")
            if try kill(["demo", "--db", db], after: Double.random(in: 0...(full * 1.1))) { killed += 1 }
            guard FileManager.default.fileExists(atPath: db) else { continue }
            try expectSound(db)
            let held = try records(db)
            #expect(held == 0 || held == everything, "kill \(n): \(held) records, neither none nor all \(everything)")
            if held == 0 {
                #expect(try ncc.run(["demo", "--db", db], useDefaultDatabase: true).status == 0, "the next run works")
            }
        }
        #expect(killed > Self.kills / 4, "most kills must land while the command runs (\(killed) did)")
    }

    @Test func killingImportOrSyncLeavesTheDataBeforeOrAfterAndBundlesWhole() throws {
        let source = ncc.file("source.sqlite")
        #expect(try ncc.run(["demo", "--db", source], useDefaultDatabase: true).status == 0)
        let bundle = ncc.file("source.nccbundle")
        #expect(try ncc.run(["export", bundle, "--unsealed", "--db", source], useDefaultDatabase: true).status == 0)
        let importing = try duration(["import", bundle, "--trust", "--db", ncc.file("timing.sqlite")])
        let after = try records(ncc.file("timing.sqlite"))

        var killed = 0
        for n in 0..<Self.kills {
            let db = ncc.file("import-\(n).sqlite")
            #expect(
                try ncc.run(
                    ["add", "centre", "--name", "NCC Malta", "--country", "MT", "--db", db], useDefaultDatabase: true
                ).status == 0)
            if try kill(["import", bundle, "--trust", "--db", db], after: Double.random(in: 0...(importing * 1.1))) {
                killed += 1
            }
            try expectSound(db)
            let held = try records(db)
            #expect(held == 1 || held == after + 1, "import kill \(n): \(held) records, neither 1 nor \(after + 1)")
            let again = try ncc.run(["import", bundle, "--trust", "--db", db], useDefaultDatabase: true)
            #expect(again.status == 0, "the next import works: \(again.err)")
            #expect(try records(db) == after + 1)
        }
        #expect(killed > Self.kills / 4, "most import kills must land while it runs (\(killed) did)")

        // A shared folder with one peer's bundle: sync imports it and writes ours; killed anywhere,
        // our database is before or after, and our bundle in the folder is whole or absent.
        let syncing = try duration([
            "sync", "--folder", try folder(with: bundle, name: "timing"), "--trust", "--db",
            ncc.file("sync-timing.sqlite"),
        ])
        for n in 0..<Self.kills {
            let db = ncc.file("sync-\(n).sqlite")
            let shared = try folder(with: bundle, name: "sync-\(n)")
            _ = try kill(
                ["sync", "--folder", shared, "--trust", "--db", db], after: Double.random(in: 0...(syncing * 1.1)))
            guard FileManager.default.fileExists(atPath: db) else { continue }
            try expectSound(db)
            let held = try records(db)
            #expect(held == 0 || held == after, "sync kill \(n): \(held) records")
            for name in try FileManager.default.contentsOfDirectory(atPath: shared)
            where name.hasSuffix(".nccbundle") && !name.hasPrefix(".") {
                let inspected = try ncc.run(["inspect", shared + "/" + name], useDefaultDatabase: true)
                #expect(inspected.status == 0, "sync kill \(n): \(name) is not a whole bundle: \(inspected.err)")
            }
        }

        // Export alone: the destination is never a partial bundle.
        let exporting = try duration(["export", ncc.file("timing.nccbundle"), "--unsealed", "--db", source])
        for n in 0..<Self.kills {
            let file = ncc.file("export-\(n).nccbundle")
            _ = try kill(
                ["export", file, "--unsealed", "--db", source], after: Double.random(in: 0...(exporting * 1.1)))
            if FileManager.default.fileExists(atPath: file) {
                let inspected = try ncc.run(["inspect", file], useDefaultDatabase: true)
                #expect(inspected.status == 0, "export kill \(n): a partial bundle: \(inspected.err)")
            }
        }
    }

    func folder(with bundle: String, name: String) throws -> String {
        let folder = ncc.file("shared-\(name)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: bundle, toPath: folder + "/peer.nccbundle")
        return folder
    }
}
