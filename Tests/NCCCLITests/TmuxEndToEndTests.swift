import Foundation
import Testing

/// The real binary in a real terminal (tmux), as a user meets it: welcome screen, demo data,
/// every pane, a filter, help, quit, and the terminal given back. Skipped where tmux is missing.
@Suite(.enabled(if: Tmux.available, "needs tmux"), .serialized)
struct TmuxEndToEndTests {
    @Test func aNewUserTakesTheTour() throws {
        let ncc = try NCCProcess()
        let tmux = try Tmux.app(ncc)
        defer { tmux.kill() }

        try tmux.waitFor("This database is empty")
        tmux.keys("d")
        // The demo data lands on the Overview; 1 shows the Directory.
        try tmux.waitFor("Tasks by working area")
        #expect(try tmux.screen().contains("every person in them is invented"))
        tmux.keys("1")
        try tmux.waitFor("Centres by country")
        try tmux.waitFor("NCC Lithuania")

        tmux.keys("2")
        try tmux.waitFor("Experts · n shows the needs")
        tmux.keys("n")
        try tmux.waitFor("Needs · n shows the experts")
        try tmux.waitFor("Experts for this need")
        tmux.keys("3")
        try tmux.waitFor("Tasks · sorted by due")
        tmux.keys("4")
        try tmux.waitFor("Meetings, newest first")
        try tmux.waitFor("NCC working group kick-off", scroll: "G")
        tmux.keys("5")
        try tmux.waitFor("Proposals, open ones first")
        try tmux.waitFor("you have not voted")
        tmux.keys("v")
        tmux.keys("L", "j", "u", "b", "l", "j", "a", "n", "a", "Enter")
        try tmux.waitFor("Voted Ljubljana on 'Venue of the next on-site event'")
        tmux.keys("r")
        try tmux.waitFor("Decisions register")
        // Progress: the objectives, an indicator's history, the self-assessment.
        tmux.keys("6")
        try tmux.waitFor("Objectives and indicators")
        tmux.keys("Enter", "Down", "Enter")
        try tmux.waitFor("History of the whole group")
        tmux.keys("Escape", "s")
        try tmux.waitFor("Each centre's latest round")
        tmux.keys("7")
        try tmux.waitFor("Replica id:")
        try tmux.waitFor("Speaks for")

        tmux.keys("1", "/")
        tmux.keys("b", "u", "t", "k")
        try tmux.waitFor("Eglė Butkevičienė")
        tmux.keys("Enter")
        tmux.keys("?")
        try tmux.waitFor("Keys: Directory")
        tmux.keys("Escape")
        try tmux.waitFor("Centres, organisations and people")

        tmux.keys("q")
        try tmux.waitFor("EXITED 0")
        #expect(tmux.display("#{alternate_on}") == "0", "the terminal is back in its normal screen")
    }

    /// Long minutes on a small terminal: Enter gives the meeting the whole screen, and j scrolls
    /// its wrapped minutes down to the last word.
    @Test func aMeetingsLongMinutesAreReadToTheLastWordAt80x24() throws {
        let ncc = try NCCProcess()
        let words = "Discussed the theory of change and the core indicators with every centre of the consortium"
        let minutes = Array(repeating: words, count: 12).joined(separator: ". ") + ". Closing lastwordzenith"
        let added = try ncc.run([
            "add", "meetings", "--title", "Quarterly Riga", "--start", "2026-12-03T09:00:00Z", "--minutes", minutes,
        ])
        #expect(added.status == 0, "\(added.err)")
        let tmux = try Tmux.app(ncc, width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Overview")
        tmux.keys("4")
        try tmux.waitFor("Quarterly Riga")
        tmux.keys("Enter")
        try tmux.waitFor("lastwordzenith", scroll: "j")
        #expect(!(try tmux.screen().contains("indicators with every centre of the…")), "wrapped, not cut")
        tmux.keys("Escape", "q")
        try tmux.waitFor("EXITED 0")
    }

    /// `E` hands the terminal to the editor, which must be able to read it (an editor started in a
    /// background process group is stopped by the terminal as soon as it reads: the app hung).
    @Test func theMinutesEditorGetsTheTerminal() throws {
        let ncc = try NCCProcess()
        #expect(try ncc.run(["demo"]).status == 0)
        // An editor as small as can be: it asks on the terminal and appends the answer.
        let editor = try ncc.write(
            "editor.sh",
            "#!/bin/sh\nprintf 'line for the minutes: ' >/dev/tty\nIFS= read -r line </dev/tty\nprintf '%s\\n' \"$line\" >>\"$1\"\n"
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let tmux = try Tmux.app(ncc, environment: "VISUAL=\(editor)")
        defer { tmux.kill() }

        try tmux.waitFor("Tasks by working area")
        tmux.keys("4")
        try tmux.waitFor("Meetings, newest first")
        tmux.keys("E")
        try tmux.waitFor("line for the minutes:")
        tmux.keys("Agreed: Žiga drafts the mapping guide", "Enter")
        try tmux.waitFor("Saved the minutes")
        try tmux.waitFor("Agreed: Žiga drafts the mapping guide")
        tmux.keys("q")
        try tmux.waitFor("EXITED 0")
    }
}

struct Tmux {
    let session: String

    static let available: Bool = {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
            || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }()

    /// Runs a tmux command; output goes through a file, because a tmux server started by the
    /// command keeps any pipe open for as long as it lives.
    @discardableResult
    func run(_ arguments: [String]) -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        _ = try? ChildProcess.run("tmux", arguments, outputPath: output, timeout: 30)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    func start(_ command: String, width: Int, height: Int) throws {
        run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
    }

    /// The real app on the scratch database of `ncc`, at 120x40 unless told, in a shell that reports how it
    /// ended ("EXITED status") and then waits, so the pane can still be read.
    static func app(_ ncc: NCCProcess, environment: String = "", width: Int = 120, height: Int = 40) throws -> Tmux {
        let tmux = Tmux(session: "ncc-e2e-\(UUID().uuidString.prefix(8))")
        let command =
            "HOME=\(ncc.home.path) LANG=C.UTF-8 TERM=xterm-256color \(environment) \(NCCProcess.binary.path) --db \(ncc.db); echo EXITED $?; sleep 60"
        try tmux.start(command, width: width, height: height)
        return tmux
    }

    func keys(_ keys: String...) {
        for key in keys { run(["send-keys", "-t", session, key]) }
    }

    func screen() throws -> String { run(["capture-pane", "-p", "-t", session]) }

    func display(_ format: String) -> String {
        run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// Waits up to ten seconds for text to appear (pressing `scroll` between looks, if given).
    func waitFor(_ text: String, scroll: String? = nil) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try screen().contains(text) { return }
            if let scroll { keys(scroll) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Timeout(description: "'\(text)' never appeared; the screen was:\n\(try screen())")
    }

    func kill() { run(["kill-session", "-t", session]) }
}
