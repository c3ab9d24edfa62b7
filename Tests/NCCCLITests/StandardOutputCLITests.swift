import Foundation
import NCCDemo
import NCCStore
import Testing

/// Every command that writes to standard output writes to the descriptor the shell gave it, so a
/// script can redirect, append and pipe it: `{ echo first; ncc export-csv centres -; echo last; } > file`
/// keeps all three in order. A command that reopened `/dev/stdout` got an offset of its own, and
/// the shell's next line overwrote the start of what it wrote.
@Suite struct StandardOutputCLITests {
    static let today = "2026-11-23"

    /// The demo database, made once, copied for every test; and a meeting to write minutes of.
    static let template: (path: String, meeting: String) = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-stdout-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("demo.sqlite").path
        do {
            let store = try Store.open(path: path, wallClock: { 1_795_424_400_000 << 16 })
            _ = try DemoData.load(into: store, seed: 1, scale: 1, today: today)
            let meeting = try store.read { try $0.list(.meeting, limit: 1).first?.id ?? "" }
            return (path, meeting)
        } catch {
            fatalError("the demo database could not be made: \(error)")
        }
    }()

    struct Command: Sendable, CustomStringConvertible {
        var arguments: [String]
        var description: String { arguments.joined(separator: " ") }
    }

    /// Every command that takes `-` for standard output (or writes there by default), and two
    /// that only ever print there.
    static var commands: [Command] {
        let meeting = template.meeting
        return [
            ["export-csv", "centres", "-"],
            ["export-csv", "meetings", "-"],
            ["calendar"],
            ["calendar", "-o", "-"],
            ["contacts", "-o", "-"],
            ["minutes", meeting],
            ["minutes", meeting, "-o", "-"],
            ["report", "--today", today, "-o", "-"],
            ["report", "--today", today, "--format", "html", "-o", "-"],
            ["list", "tasks"],
            ["list", "people", "--json", "--limit", "0"],
        ].map(Command.init)
    }

    /// How the shell hands the group its output: a new file, an existing one appended to, a pipe.
    static let shapes: [(name: String, script: String)] = [
        ("redirected", #"out=$1; shift; { echo first; "$@" || echo "ncc failed: $?"; echo last; } > "$out""#),
        ("appended", #"out=$1; shift; { echo first; "$@" || echo "ncc failed: $?"; echo last; } >> "$out""#),
        ("piped", #"out=$1; shift; { echo first; "$@" || echo "ncc failed: $?"; echo last; } | cat > "$out""#),
    ]

    @Test(arguments: commands)
    func outputLandsWhereTheShellPutsIt(_ command: Command) throws {
        let ncc = try NCCProcess()
        defer { try? FileManager.default.removeItem(at: ncc.home) }
        try FileManager.default.copyItem(atPath: Self.template.path, toPath: ncc.db)
        let alone = try ncc.run(command.arguments)
        #expect(alone.status == 0 && alone.err.isEmpty, "\(alone.err)")
        #expect(alone.out.utf8.count > 100, "the command wrote something worth checking: \(alone.out)")

        for shape in Self.shapes {
            let file = ncc.file("out-\(shape.name).txt")
            let before = shape.name == "appended" ? "# kept from before\n" : ""
            try before.write(toFile: file, atomically: false, encoding: .utf8)
            let status = try ChildProcess.run(
                "/bin/sh",
                ["-c", shape.script, "sh", file, NCCProcess.binary.path] + command.arguments + ["--db", ncc.db],
                environment: ncc.environment, directory: ncc.home.path, errorPath: ncc.file("err.txt"),
                timeout: NCCProcess.timeLimit)
            #expect(status == 0)
            let written = try String(contentsOfFile: file, encoding: .utf8)
            #expect(
                written == before + "first\n" + alone.out + "last\n",
                "\(shape.name): \(written.prefix(300)) … \(written.suffix(300))")
        }
    }

    /// A standard error that is closed or full: the user's mistake still ends with its exit
    /// status, not a crash (Foundation's FileHandle trapped writing the error line).
    @Test(arguments: ["2>&-", "2>/dev/full"])
    func anErrorWithNowhereToGoStillEndsWithItsStatus(_ redirection: String) throws {
        let ncc = try NCCProcess()
        defer { try? FileManager.default.removeItem(at: ncc.home) }
        let status = try ChildProcess.run(
            "/bin/sh",
            ["-c", "\"$@\" \(redirection)", "sh", NCCProcess.binary.path, "show", "centre", "nowhere", "--db", ncc.db],
            environment: ncc.environment, directory: ncc.home.path, errorPath: ncc.file("err.txt"),
            timeout: NCCProcess.timeLimit)
        let plain = try ncc.run(["show", "centre", "nowhere"])
        #expect(plain.status != 0 && !plain.err.isEmpty)
        #expect(status == plain.status, "exit \(status), not a crash")
    }
}
