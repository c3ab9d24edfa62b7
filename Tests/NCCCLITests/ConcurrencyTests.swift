import Foundation
import Testing

/// Two windows of ncc at once: the app open in a real terminal (tmux) while two peers' bundles,
/// 10,000 and 2,000 changes, are imported by two `ncc import` processes started together.
@Suite(.enabled(if: Tmux.available, "needs tmux"), .serialized)
struct ConcurrencyTests {
    let ncc: NCCProcess

    init() throws { ncc = try NCCProcess() }

    /// SQLite's "database is locked", or ncc's own words for it (a "[blocked]" task is no error).
    static func reportsLock(_ text: String) -> Bool {
        ["database is locked", "database is busy", "database is busy in another ncc"].contains {
            text.localizedCaseInsensitiveContains($0)
        }
    }

    func centres(_ db: String) throws -> Int {
        let listed = try ncc.run(["list", "centres", "--json", "--limit", "0", "--db", db], useDefaultDatabase: true)
        #expect(listed.status == 0, "\(listed.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [Any]).count
    }

    /// A peer database with `count` new centres (imported from CSV), exported as a bundle.
    func peerBundle(_ peer: String, centres count: Int) throws -> String {
        let rows = (0..<count).map { "Centre of \(peer) \(String(format: "%05d", $0)),LT,active" }
        let csv = try ncc.write("\(peer).csv", (["name,country,status"] + rows).joined(separator: "\n") + "\n")
        let db = ncc.file("\(peer).sqlite")
        let bundle = ncc.file("\(peer).nccbundle")
        #expect(try ncc.run(["import-csv", "centres", csv, "--db", db], useDefaultDatabase: true).status == 0)
        #expect(try ncc.run(["export", bundle, "--unsealed", "--db", db], useDefaultDatabase: true).status == 0)
        return bundle
    }

    @Test func anImportWaitsForTheOneBeforeItForAsLongAsItTakes() throws {
        let bundle = try peerBundle("cara", centres: 100)
        #expect(try ncc.run(["init"]).status == 0)
        // An import in progress holds this lock (here: this test), however long it takes.
        let descriptor = open(ncc.db + ".import-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0 && flock(descriptor, LOCK_EX) == 0)
        let err = ncc.file("waiting.err")
        let pid = try ChildProcess.start(
            NCCProcess.binary.path, ["import", bundle, "--trust", "--db", ncc.db],
            environment: ncc.environment, directory: ncc.home.path, errorPath: err)
        Thread.sleep(forTimeInterval: 3)
        #expect(ChildProcess.poll(pid) == nil, "the second import waits its turn")
        #expect(try centres(ncc.db) == 0, "and has written nothing yet")
        close(descriptor)
        #expect(ChildProcess.reap(pid) == 0, "then runs: \((try? String(contentsOfFile: err, encoding: .utf8)) ?? "")")
        #expect(try centres(ncc.db) == 100)
    }

    @Test func theAppStaysOpenAndCurrentWhileTwoImportsTakeTurns() throws {
        let bundles = [try peerBundle("ana", centres: 10_000), try peerBundle("ben", centres: 2_000)]
        #expect(try ncc.run(["demo"]).status == 0)
        let before = try centres(ncc.db)

        let tmux = try Tmux.app(ncc)
        defer { tmux.kill() }
        try tmux.waitFor("Tasks by working area")
        tmux.keys("1")
        try tmux.waitFor("1/\(before)")

        // Both imports start together; the app is used meanwhile.
        var running: [(pid: pid_t, err: String)] = []
        for (index, bundle) in bundles.enumerated() {
            let err = ncc.file("import-\(index).err")
            let pid = try ChildProcess.start(
                NCCProcess.binary.path, ["import", bundle, "--trust", "--db", ncc.db],
                environment: ncc.environment, directory: ncc.home.path,
                outputPath: ncc.file("import-\(index).out"), errorPath: err)
            running.append((pid, err))
        }
        var statuses: [Int32?] = [nil, nil]
        let deadline = Date().addingTimeInterval(NCCProcess.timeLimit)
        var screens = 0
        while statuses.contains(nil), Date() < deadline {
            for (index, child) in running.enumerated() where statuses[index] == nil {
                statuses[index] = ChildProcess.poll(child.pid)
            }
            tmux.keys(screens % 2 == 0 ? "j" : "k")
            let screen = try tmux.screen()
            screens += 1
            #expect(!Self.reportsLock(screen), "the app showed a lock error:\n\(screen)")
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(statuses == [0, 0], "both imports succeed: \(statuses)")
        for child in running {
            let err = try String(contentsOfFile: child.err, encoding: .utf8)
            #expect(!Self.reportsLock(err), "\(err)")
        }
        #expect(screens > 3, "the app was looked at while the imports ran")

        // Nothing lost: every centre of both peers is there once, and the app shows them.
        #expect(try centres(ncc.db) == before + 12_000)
        tmux.keys("g")
        try tmux.waitFor("1/\(before + 12_000)")
        tmux.keys("/")
        for key in "ben 01999" { tmux.keys(String(key)) }
        try tmux.waitFor("Centre of ben 01999")
        let check = try ncc.run(["check"])
        #expect(check.status == 0, "\(check.out)\(check.err)")

        tmux.keys("Escape", "q")
        try tmux.waitFor("EXITED 0")
    }
}
