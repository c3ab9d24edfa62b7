import Foundation
import GoldenFiles
import NCCDemo
import NCCModel
import NCCStore
import Testing

/// What the real `ncc` binary prints for every command a script reads (tables, JSON, CSV,
/// calendars, reports, help and one-line errors) on the demo data, compared byte for byte with
/// golden files. `NCC_RECORD_GOLDENS=1 swift test --filter GoldenOutputTests` writes them anew.
@Suite struct GoldenOutputTests {
    static let today = "2026-11-23"
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("cli")

    /// The demo database, made once with a fixed day and clock, copied for every command.
    static let template:
        (path: String, firsts: [Kind: String], need: String, expert: String, meeting: String, replica: String) = {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "ncc-cli-golden-\(UUID().uuidString)")
            let path = folder.appendingPathComponent("ncc.sqlite").path
            do {
                let store = try Store.open(path: path, wallClock: { 1_795_424_400_000 << 16 })
                _ = try DemoData.load(into: store, seed: 1, scale: 1, today: today)
                try store.backup(to: folder.appendingPathComponent("demo.sqlite").path)
                let firsts = try store.read { r in
                    try Dictionary(
                        uniqueKeysWithValues: Kind.allCases.compactMap { kind in
                            try r.list(kind, limit: 1).first.map { (kind, $0.id) }
                        })
                }
                let picks = try store.read { r in
                    (
                        try r.list(.need, limit: 1).first?.id ?? "", try r.list(.expert, limit: 1).first?.id ?? "",
                        try r.list(.meeting, limit: 1).first?.id ?? ""
                    )
                }
                return (
                    folder.appendingPathComponent("demo.sqlite").path, firsts, picks.0, picks.1, picks.2,
                    store.replicaID
                )
            } catch {
                fatalError("the demo database could not be made: \(error)")
            }
        }()

    struct Command: Sendable, CustomStringConvertible {
        var name: String
        var arguments: [String]
        var description: String { name }
    }

    static var commands: [Command] {
        let t = template
        var commands: [Command] = []
        for kind in Kind.allCases {
            let word = kind.plural
            commands.append(Command(name: "list-\(word)", arguments: ["list", word]))
            commands.append(Command(name: "list-\(word)-json", arguments: ["list", word, "--json", "--limit", "0"]))
            if let id = t.firsts[kind] {
                commands.append(Command(name: "show-\(word)", arguments: ["show", word, id]))
                commands.append(Command(name: "show-\(word)-json", arguments: ["show", word, id, "--json"]))
            }
        }
        for word in [
            "centres", "consortia", "organisations", "people", "experts", "needs", "engagements", "working-areas",
            "tasks", "meetings",
        ] {
            commands.append(Command(name: "export-csv-\(word)", arguments: ["export-csv", word, "-"]))
        }
        commands += [
            Command(name: "search", arguments: ["search", "social", "innovation"]),
            Command(name: "search-json", arguments: ["search", "social", "--json"]),
            Command(name: "search-kind", arguments: ["search", "coastal", "--kind", "tasks", "--kind", "needs"]),
            Command(name: "match", arguments: ["match", t.need]),
            Command(name: "match-json", arguments: ["match", t.need, "--json"]),
            Command(name: "match-no-filter-json", arguments: ["match", t.need, "--json", "--no-filter", "language"]),
            Command(name: "match-expert-json", arguments: ["match", "--expert", t.expert, "--json"]),
            Command(name: "calendar", arguments: ["calendar", "-o", "-"]),
            Command(name: "contacts", arguments: ["contacts", "-o", "-"]),
            Command(name: "minutes", arguments: ["minutes", t.meeting, "-o", "-"]),
            Command(name: "report-md", arguments: ["report", "--today", today, "--format", "md", "-o", "-"]),
            Command(name: "report-html", arguments: ["report", "--today", today, "--format", "html", "-o", "-"]),
            Command(name: "peers", arguments: ["peers"]),
            Command(name: "conflicts", arguments: ["conflicts"]),
            Command(name: "check", arguments: ["check"]),
            Command(name: "help", arguments: ["--help"]),
            Command(name: "help-add", arguments: ["add", "--help"]),
            Command(name: "help-list", arguments: ["list", "--help"]),
            Command(name: "help-export-csv", arguments: ["export-csv", "--help"]),
            Command(name: "error-unknown-kind", arguments: ["list", "gadgets"]),
            Command(name: "error-not-found", arguments: ["show", "centres", "No such centre"]),
            Command(name: "error-bad-field", arguments: ["add", "tasks", "--title", "T", "--due", "2026-13-40"]),
            Command(
                name: "error-unknown-field",
                arguments: ["add", "centres", "--name", "N", "--country", "LT", "--colour", "red"]),
            Command(
                name: "add-task",
                arguments: ["add", "tasks", "--title", "Prepare the Riga workshop", "--due", "2026-12-10"]),
            Command(name: "import-csv-dry-run", arguments: ["import-csv", "centres", "centres.csv", "--dry-run"]),
        ]
        return commands
    }

    @Test(arguments: commands)
    func outputMatchesItsGolden(_ command: Command) throws {
        let ncc = try NCCProcess()
        defer { try? FileManager.default.removeItem(at: ncc.home) }
        try FileManager.default.copyItem(atPath: Self.template.path, toPath: ncc.db)
        if command.name == "import-csv-dry-run" {
            _ = try ncc.write("centres.csv", "name,country,status\nNCC Riga,LV,active\nNCC Slovenia,SI,planned\n")
        }
        let result = try ncc.run(command.arguments)
        var text = "exit \(result.status)\n--- stdout\n\(result.out)--- stderr\n\(result.err)"
        text = text.replacingOccurrences(of: ncc.home.path, with: "HOME")
        // The demo database's own replica is new every time it is made (its members' are not).
        text = text.replacingOccurrences(of: Self.template.replica, with: "REPLICA")
        // An added record's id is new on every run: its shape is kept, its digits are not.
        if command.name == "add-task" {
            text = text.replacingOccurrences(
                of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#,
                with: "UUID", options: .regularExpression)
        }
        try Self.compare(text, name: command.name)
    }

    static func compare(_ text: String, name: String) throws {
        let failure = try GoldenFile(folder: goldenFolder, name: name).mismatch(text)
        #expect(failure == nil, "\(failure ?? "")")
    }
}
