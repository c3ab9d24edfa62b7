import ArgumentParser
import Foundation
import NCCApp
import NCCMatch
import NCCModel
import NCCStore
import Screen

/// What a user feels on a database 100 times the real size: generation, the app's first frame,
/// a keystroke while filtering 100k experts, scrolling a million tasks, search, matching, memory,
/// and the bytes a one-line change sends to the terminal; with fzf beside our filter.
struct UIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui", abstract: "Time the app and search on a large database.")

    @Option(help: "Experts (each a person).") var experts = 100_000
    @Option(help: "Organisations.") var organisations = 50_000
    @Option(help: "Tasks.") var tasks = 1_000_000
    @Option(help: "Meetings, with minutes.") var meetings = 20_000
    @Option(help: "Where to build the database (reused when it already holds these counts).") var db =
        "/tmp/ncc-bench-ui.sqlite"
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Only build the database.") var generateOnly = false

    func run() throws {
        var results: [(String, String, Double)] = []  // name, unit, value
        let generation = try generate()
        if let generation { results.append(("generation", "records/s", generation)) }
        if generateOnly { return }

        // The browsing session runs in a process of its own: a cold start, and its peak memory
        // is the browsing's, not the generation's.
        let browse = try runSelf(["ui-browse", "--db", db])
        for line in browse.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let value = Double(parts[2]) else { continue }
            results.append((String(parts[0]), String(parts[1]), value))
        }
        if let bytes = oneLineChangeBytes() { results.append(("one_line_change", "bytes", Double(bytes))) }
        if let (ours, fzf) = try filterAgainstFzf() {
            results.append(("filter_names_ncc", "ms", ours))
            results.append(("filter_names_fzf", "ms", fzf))
        }
        if json {
            print(
                "{"
                    + results.map {
                        "\"\($0.0)_\($0.1.replacingOccurrences(of: "/", with: "_per_"))\":\(String(format: "%.2f", $0.2))"
                    }.joined(separator: ",") + "}")
        } else {
            print("database: \(experts) experts, \(organisations) organisations, \(tasks) tasks, \(meetings) meetings")
            for (name, unit, value) in results {
                print(name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%12.1f ", value) + unit)
            }
        }
    }

    /// Builds the database unless it holds the counts already; returns records per second.
    func generate() throws -> Double? {
        let store = try Store.open(path: db, cacheMegabytes: 512)
        if try store.read({ try $0.count(.task) }) >= tasks, try store.read({ try $0.count(.expert) }) >= experts {
            return nil
        }
        try? FileManager.default.removeItem(atPath: db)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let fresh = try Store.open(path: db, cacheMegabytes: 512)
        var random = SystemRandomNumberGenerator()
        let start = Date()
        var created = 0
        var people: [String] = []
        var areas: [String] = []
        var orgs: [String] = []
        try fresh.write { w in
            try w.beginBulkLoad()
            for n in 1...4 {
                areas.append(
                    try w.create(
                        .workingArea,
                        [Fields.WorkingArea.number: .int(n), Fields.WorkingArea.title: .text(Self.areas[n - 1])],
                        generated: true))
            }
            for i in 0..<organisations {
                orgs.append(
                    try w.create(
                        .organisation,
                        [
                            Fields.Organisation.name: .text("\(Self.orgWords[i % Self.orgWords.count]) \(i)"),
                            Fields.Organisation.country: .text(Self.countries[i % Self.countries.count]),
                            Fields.Organisation.kind: .text("ngo"),
                        ], generated: true))
            }
            let centre = try w.create(
                .centre,
                [
                    Fields.Centre.name: .text("NCC Bench"),
                    Fields.Centre.country: .text("SI"),
                ], generated: true)
            for (i, topic) in MatchBench.topics.enumerated() {
                try w.create(
                    .need,
                    [
                        Fields.Need.centre: .text(centre), Fields.Need.title: .text("Support with \(topic) \(i)"),
                        Fields.Need.topics: .list([topic]),
                        Fields.Need.languages: .list(["en"]), Fields.Need.country: .text("SI"),
                    ], generated: true)
            }
            created += 4 + organisations + 1 + MatchBench.topics.count
            try w.endBulkLoad()
        }
        // Batches keep each transaction (and its write-ahead log) a reasonable size.
        for batch in stride(from: 0, to: experts, by: 50_000) {
            try fresh.write { w in
                try w.beginBulkLoad()
                for i in batch..<min(experts, batch + 50_000) {
                    let name =
                        "\(Self.first[i % Self.first.count]) \(Self.last[(i / Self.first.count) % Self.last.count]) \(i)"
                    let person = try w.create(
                        .person,
                        [
                            Fields.Person.name: .text(name),
                            Fields.Person.organisation: .text(orgs[i % orgs.count]),
                            Fields.Person.shareable: .bool(true),
                        ], generated: true)
                    people.append(person)
                    let topics = (0..<3).map { _ in MatchBench.topics.randomElement(using: &random)! }
                    try w.create(
                        .expert,
                        [
                            Fields.Expert.person: .text(person),
                            Fields.Expert.languages: .list(["en", MatchBench.languages.randomElement(using: &random)!]),
                            Fields.Expert.countries: .list([Self.countries.randomElement(using: &random)!]),
                            Fields.Expert.topics: .list(topics),
                            Fields.Expert.availabilityDays: .int(Int.random(in: 0...10, using: &random)),
                            Fields.Expert.bio: .text("Works on \(topics[0]) and \(topics[1])."),
                        ], generated: true)
                }
                try w.endBulkLoad()
            }
        }
        created += 2 * experts
        for batch in stride(from: 0, to: tasks, by: 100_000) {
            try fresh.write { w in
                try w.beginBulkLoad()
                for i in batch..<min(tasks, batch + 100_000) {
                    let day = 1 + i % 28
                    let month = 1 + (i / 28) % 12
                    try w.create(
                        .task,
                        [
                            Fields.Task.title: .text(
                                "\(Self.verbs[i % Self.verbs.count]) \(MatchBench.topics[i % MatchBench.topics.count]) \(i)"
                            ),
                            Fields.Task.workingArea: .text(areas[i % 4]),
                            Fields.Task.owner: .text(people[i % people.count]),
                            Fields.Task.due: .text(String(format: "2027-%02d-%02d", month, day)),
                            Fields.Task.status: .text(Schema.taskStatuses[i % 4]),
                            Fields.Task.priority: .text("normal"),
                        ], generated: true)
                }
                try w.endBulkLoad()
            }
        }
        created += tasks
        try fresh.write { w in
            try w.beginBulkLoad()
            for i in 0..<meetings {
                let day = 1 + i % 28
                let month = 1 + (i / 28) % 12
                let year = 2000 + i / 336
                try w.create(
                    .meeting,
                    [
                        Fields.Meeting.title: .text(
                            "Thematic session \(i) on \(MatchBench.topics[i % MatchBench.topics.count])"),
                        Fields.Meeting.kind: .text("thematic"),
                        Fields.Meeting.start: .text(String(format: "%04d-%02d-%02dT09:00:00Z", year, month, day)),
                        Fields.Meeting.minutes: .text(Self.minutes),
                    ], generated: true)
            }
            try w.endBulkLoad()
        }
        created += meetings
        return Double(created) / Date().timeIntervalSince(start)
    }

    func runSelf(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-bench-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = BenchShell.run(CommandLine.arguments[0], arguments, output: output)
        // A browsing run that failed would leave its figures out of the table without a word.
        guard status == 0 else { throw BenchError("ncc-bench \(arguments[0]) failed (exit status \(status))") }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// The real `ncc` in tmux: bytes it writes to the terminal when one line changes (the message
    /// line, after `M` turns mouse capture off). Nil when tmux or the `ncc` binary is missing.
    func oneLineChangeBytes() -> Int? {
        let ncc = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "ncc"
        ).path
        guard FileManager.default.isExecutableFile(atPath: ncc), BenchShell.sh("command -v tmux") else { return nil }
        let session = "ncc-bench-\(getpid())"
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("\(session).out").path
        defer {
            _ = BenchShell.run("tmux", ["kill-session", "-t", session])
            try? FileManager.default.removeItem(atPath: capture)
        }
        guard
            BenchShell.run(
                "tmux",
                ["new-session", "-d", "-s", session, "-x", "120", "-y", "40", "TERM=xterm-256color \(ncc) --db \(db)"])
                == 0
        else { return nil }
        // Counted once the screen has settled: on a large database the Overview's counts arrive
        // from the background and redraw it (3,481 bytes in the first run after generation, when
        // they came inside the measuring window; 71 once they had come before it).
        guard settle(session) else { return nil }
        _ = BenchShell.run("tmux", ["pipe-pane", "-t", session, "-o", "cat > \(capture)"])
        Thread.sleep(forTimeInterval: 0.3)
        _ = BenchShell.run("tmux", ["send-keys", "-t", session, "M"])
        Thread.sleep(forTimeInterval: 1)
        _ = BenchShell.run("tmux", ["pipe-pane", "-t", session])
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: capture)[.size]) as? NSNumber)?.intValue
        _ = BenchShell.run("tmux", ["send-keys", "-t", session, "q"])
        // The next step opens the database: let this ncc finish closing it first.
        var waited = 0
        while waited < 50, BenchShell.run("tmux", ["has-session", "-t", session]) == 0 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 1
        }
        return bytes
    }

    /// Waits (up to 60 s) until the app's screen shows no count still being made and has not
    /// changed for a second.
    func settle(_ session: String) -> Bool {
        let screen = FileManager.default.temporaryDirectory.appendingPathComponent("\(session).screen").path
        defer { try? FileManager.default.removeItem(atPath: screen) }
        var last = ""
        var stableSince = Date()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            _ = BenchShell.run("tmux", ["capture-pane", "-p", "-t", session], output: screen)
            let now = (try? String(contentsOfFile: screen, encoding: .utf8)) ?? ""
            if now != last {
                (last, stableSince) = (now, Date())
            } else if !now.isEmpty, !now.contains("counting…"), Date().timeIntervalSince(stableSince) >= 1 {
                return true
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// One filter of the expert names: ours (the app's filter, in `ui-browse`) against `fzf --filter`.
    func filterAgainstFzf() throws -> (Double, Double)? {
        guard BenchShell.sh("command -v fzf") else { return nil }
        let store = try Store.open(path: db)
        let names = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-bench-names.txt").path
        var text = ""
        try store.read { r in
            var offset = 0
            while true {
                let page = try r.list(.person, limit: 10_000, offset: offset)
                if page.isEmpty { break }
                for person in page { text += (person[Fields.Person.name].text ?? "") + "\n" }
                offset += page.count
            }
        }
        try text.write(toFile: names, atomically: true, encoding: .utf8)
        var fzf: [Double] = []
        for query in ["butk", "novak", "zig", "anna 12"] {
            let start = Date()
            _ = BenchShell.sh("fzf --filter '\(query)' < \(names) > /dev/null")
            fzf.append(Date().timeIntervalSince(start) * 1000)
        }
        let ours = try runSelf(["ui-browse", "--db", db, "--filter-only"])
        guard let line = ours.split(separator: "\n").first(where: { $0.hasPrefix("filter_once") }),
            let value = Double(line.split(separator: " ").last ?? "")
        else { return nil }
        return (value, fzf.sorted()[fzf.count / 2])
    }

    static let areas = ["Capacity building", "Policy and funding", "Ecosystem mapping", "Communication"]
    static let countries = ["LT", "SI", "EL", "CZ", "PL", "HU", "FR", "ES", "PT", "IT", "DE", "FI"]
    static let orgWords = ["Fundacja", "Asociace", "Zavod", "Κοινωνική Σύμπραξη", "Cooperativa", "Verein", "Asociația"]
    static let first = [
        "Eglė", "Žiga", "Ελένη", "Jan", "Anna", "Márta", "Tomasz", "Inês", "Luca", "Aino", "Jonas", "Petra",
    ]
    static let last = [
        "Butkevičienė", "Novak", "Παπαδοπούλου", "Dvořák", "Kowalska", "Nagy", "Silva", "Rossi", "Virtanen", "Kühne",
    ]
    static let verbs = ["Map", "Draft", "Review", "Plan", "Share", "Translate"]
    static let minutes = String(
        repeating:
            "The session discussed social innovation funding, peer learning and the next steps for the centres. ",
        count: 5)
}

/// The browsing session of `ui`, in its own process: prints `name unit value` lines.
struct UIBrowse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui-browse", abstract: "(used by ui) Browse a large database headless and time it.",
        shouldDisplay: false)

    @Option var db: String
    @Flag var filterOnly = false

    func run() throws {
        let launched = Date()
        let store = try Store.open(path: db)
        let app = try App(store: store, width: 120, height: 40, loadDemo: { _ in "" })
        var screen = app.render(theme: { _ in .plain })
        let firstFrame = Date().timeIntervalSince(launched) * 1000

        // Filtering the experts: type a name and take it back, 200 keystrokes in all.
        app.handle(.key(.character("2")))
        screen = app.render(theme: { _ in .plain })
        app.handle(.key(.character("/")))
        var filter: [Double] = []
        let word = Array("butkevic")
        let cycle: [Key] = word.map { .character($0) } + Array(repeating: .backspace, count: word.count)
        for i in 0..<200 {
            let start = DispatchTime.now().uptimeNanoseconds
            app.handle(.key(cycle[i % cycle.count]))
            screen = app.render(theme: { _ in .plain })
            filter.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        if filterOnly {
            print("filter_once ms \(String(format: "%.3f", filter.sorted()[filter.count / 2]))")
            return
        }
        app.handle(.key(.escape))

        // Scrolling the million tasks: a row at a time, a page at a time.
        app.handle(.key(.character("3")))
        screen = app.render(theme: { _ in .plain })
        var scroll: [Double] = []
        for i in 0..<300 {
            let start = DispatchTime.now().uptimeNanoseconds
            app.handle(.key(i % 10 == 9 ? .pageDown : .down))
            screen = app.render(theme: { _ in .plain })
            scroll.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        _ = screen

        // Global search and matching.
        var search: [Double] = []
        let words = [
            "butk", "novak", "funding", "ecosystem", "Παπαδ", "kuhne", "social finance", "map 12", "review", "zig",
        ]
        for i in 0..<200 {
            let start = DispatchTime.now().uptimeNanoseconds
            // As the jump list (:) asks.
            _ = try store.read { try $0.quickSearch(words[i % words.count], limit: 30, mark: ("", "")) }
            search.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let engine = MatchEngine()
        let needs = try store.read { try $0.list(.need, limit: 100) }
        var match: [Double] = []
        for i in 0..<(needs.isEmpty ? 0 : 200) {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try store.read { try engine.rank(need: needs[i % needs.count], reader: $0, limit: 10) }
            match.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print("first_frame ms \(String(format: "%.1f", firstFrame))")
        print("filter_keystroke_p50 ms \(p(filter, 0.5))")
        print("filter_keystroke_p95 ms \(p(filter, 0.95))")
        print("scroll_frame_p95 ms \(p(scroll, 0.95))")
        print("search_p95 ms \(p(search, 0.95))")
        if !match.isEmpty { print("match_p95 ms \(p(match, 0.95))") }
        print("peak_rss MB \(String(format: "%.1f", Self.peakMegabytes()))")
    }

    /// The peak resident memory of this process image (`VmHWM`). Not `getrusage`'s `ru_maxrss`:
    /// Linux carries that across `exec` from the process that spawned this one, so right after
    /// `ui` built its database (with a 512 MB page cache) the browsing "peaked" at 604 MB.
    static func peakMegabytes() -> Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kilobytes / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    func p(_ values: [Double], _ q: Double) -> String {
        let sorted = values.sorted()
        return String(format: "%.2f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))])
    }
}
