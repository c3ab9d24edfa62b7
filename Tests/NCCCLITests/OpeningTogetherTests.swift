import Foundation
import Testing

/// Several `ncc` commands on one database at the same moment, as a script beside the open app
/// does. The last connection to close holds an exclusive lock for a moment while it tidies the
/// write-ahead log; a command opening then must wait for it, not fail with "busy".
@Suite struct OpeningTogetherTests {
    @Test func commandsStartedTogetherAllOpenTheDatabase() throws {
        let ncc = try NCCProcess()
        #expect(try ncc.run(["demo"]).status == 0)
        var failures: [String] = []
        // 40 rounds of three at once: before the fix about one command in 25 failed here.
        for round in 0..<40 {
            var started: [(pid: pid_t, err: String)] = []
            for n in 0..<3 {
                let err = ncc.file("open-\(round)-\(n).err")
                let pid = try ChildProcess.start(
                    NCCProcess.binary.path, ["list", "tasks", "--limit", "5", "--db", ncc.db],
                    environment: ncc.environment, directory: ncc.home.path, errorPath: err)
                started.append((pid, err))
            }
            for child in started where ChildProcess.reap(child.pid) != 0 {
                failures.append((try? String(contentsOfFile: child.err, encoding: .utf8)) ?? "?")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of 120 commands failed, first: \(failures.first ?? "")")
    }
}
