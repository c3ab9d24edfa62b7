import Foundation
import NCCApp
import NCCModel
import NCCStore
import Screen
import Testing

/// The Overview: charts of tasks by status per working area, overdue tasks, upcoming meetings,
/// open needs without an expert, topic coverage and sync conflicts; and the files the app writes
/// (a meeting's minutes, the progress report). The expected numbers are worked out here from the
/// records the test makes, not read back from the store.
@Suite struct OverviewPaneTests {
    static let today = "2026-11-23"
    static let statuses = ["todo", "doing", "blocked", "done"]

    /// Tasks as (area, status, due): area 0 is "Capacity building", 1 "Policy guidance", nil none.
    static let tasks: [(area: Int?, status: String, due: String?)] = [
        (0, "done", "2026-09-01"), (0, "done", "2026-10-01"), (0, "done", "2026-12-01"),
        (0, "todo", "2026-11-01"), (0, "doing", "2027-01-10"),
        (1, "todo", "2026-08-15"), (1, "todo", "2026-12-20"), (1, "todo", nil), (1, "todo", "2027-02-01"),
        (1, "todo", "2027-03-01"), (1, "todo", "2027-03-02"), (1, "todo", "2027-03-03"), (1, "blocked", "2026-11-22"),
        (nil, "doing", "2026-11-23"),
    ]
    static let areaTitles = ["Capacity building", "Policy guidance"]

    static func count(area: Int?, status: String) -> Int {
        tasks.filter { $0.area == area && $0.status == status }.count
    }

    /// Overdue: not done and due before today, soonest first.
    static var overdue: [(index: Int, due: String)] {
        tasks.enumerated().compactMap { i, t in
            guard let due = t.due, due < today, t.status != "done" else { return nil }
            return (i, due)
        }.sorted { $0.due < $1.due }
    }

    static func title(ofTask index: Int) -> String { "Task number \(index)" }

    static func fill(_ w: StoreWriter) throws {
        let areas = try areaTitles.enumerated().map { i, title in
            try w.create(.workingArea, ["number": .int(i + 1), "title": .text(title)])
        }
        let owner = try w.create(.person, ["name": .text("Žiga Novak")])
        for (i, task) in tasks.enumerated() {
            try w.create(
                .task,
                [
                    "title": .text(title(ofTask: i)), "status": .text(task.status),
                    "due": task.due.map(Value.text) ?? .null,
                    "working_area": task.area.map { .text(areas[$0]) } ?? .null, "owner": .text(owner),
                ])
        }
        // Meetings: one held, two ahead (one of them today).
        let held = try w.create(
            .meeting,
            [
                "title": .text("Quarterly meeting Q3"), "start": .text("2026-09-17T09:00:00Z"),
                "place": .text("Vilnius"), "minutes": .text("Welcome by the host."),
            ])
        try w.create(
            .decision, ["meeting": .text(held), "text": .text("Adopt the impact guide outline"), "position": .int(0)])
        try w.create(
            .meeting,
            [
                "title": .text("Thematic workshop on finance"), "start": .text("2026-11-23T13:00:00Z"),
                "online": .bool(true),
            ])
        try w.create(
            .meeting,
            [
                "title": .text("Quarterly meeting Q4"), "start": .text("2026-12-10T09:00:00Z"),
                "place": .text("Ljubljana"),
            ])
        // Needs: open with an agreed expert (answered), open with only a proposal, open with none,
        // and a closed one.
        let centre = try w.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")])
        let ready = try w.create(.person, ["name": .text("Eglė Butkevičienė")])
        let busy = try w.create(.person, ["name": .text("Jan Dvořák")])
        let available = try w.create(
            .expert,
            ["person": .text(ready), "topics": .list(["impact measurement", "SROI"]), "availability_days": .int(4)])
        let unavailable = try w.create(
            .expert, ["person": .text(busy), "topics": .list(["social finance"]), "availability_days": .int(0)])
        let answered = try w.create(
            .need, ["centre": .text(centre), "title": .text("Answered need"), "topics": .list(["impact measurement"])])
        try w.create(.engagement, ["expert": .text(available), "need": .text(answered), "status": .text("agreed")])
        let proposed = try w.create(
            .need,
            [
                "centre": .text(centre), "title": .text("Impact measurement framework"),
                "topics": .list(["Impact measurement"]), "deadline": .text("2027-01-31"),
            ])
        try w.create(.engagement, ["expert": .text(unavailable), "need": .text(proposed), "status": .text("proposed")])
        try w.create(
            .need,
            [
                "centre": .text(centre), "title": .text("Social finance strategy"), "topics": .list(["social finance"]),
                "deadline": .text("2026-11-01"),
            ])
        try w.create(
            .need,
            [
                "centre": .text(centre), "title": .text("Closed need"), "topics": .list(["cooperatives"]),
                "status": .text("closed"),
            ])
    }

    static func harness(width: Int = 160, height: Int = 48) throws -> Harness {
        try Harness(width: width, height: height, fill: fill)
    }

    /// A bar of a chart as drawn: the label, then the bar's block characters, then the count
    /// (and whatever follows on the row: a note, the other column's text).
    struct DrawnBar {
        var blocks: String
        var count: Int
        var rest: String
        var line: String
        /// The bar's length in eighths of a cell, read back from its characters.
        var eighths: Int {
            let value: [Character: Int] = ["▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7, "█": 8]
            return blocks.reduce(0) { $0 + (value[$1] ?? 0) }
        }
    }

    /// The bar labelled `label` among the few lines under a line containing `heading`.
    static func bar(_ screen: String, after heading: String, label: String) throws -> DrawnBar? {
        let lines = screen.components(separatedBy: "\n")
        let pattern = try Regex("^\\s+\(label) +([▏▎▍▌▋▊▉█]*) (\\d+)(.*)$")
        for start in lines.indices where lines[start].contains(heading) {
            for line in lines[(start + 1)...].prefix(5) {
                if let match = try pattern.firstMatch(in: line) {
                    return DrawnBar(
                        blocks: String(match.output[1].substring ?? ""),
                        count: Int(match.output[2].substring ?? "") ?? -1,
                        rest: String(match.output[3].substring ?? ""), line: line)
                }
            }
        }
        return nil
    }

    @Test func aDatabaseWithDataOpensOnTheOverviewAnd0SwitchesToIt() throws {
        let h = try Self.harness()
        #expect(h.app.state.pane == .overview)
        #expect(h.lines[0].contains("0 Overview") && h.lines[0].contains("1 Directory"), "\(h.lines[0])")
        h.press(.character("3"))
        #expect(h.screen.contains("Tasks · sorted by due"))
        h.press(.character("0"))
        #expect(h.app.state.pane == .overview)
        #expect(h.screen.contains("Tasks by working area"))
    }

    @Test(arguments: [(160, 48), (80, 24)])
    func theSectionsShowTheRightNumbers(size: (width: Int, height: Int)) throws {
        let h = try Self.harness(width: size.width, height: size.height)
        // A narrow screen has one column: G scrolls to the end, so everything is seen once.
        var seen = h.screen
        if size.width < 120 {
            for _ in 0..<20 {
                h.press(.character("j"))
                seen += "\n" + h.screen
            }
            h.press(.character("G"))
            seen += "\n" + h.screen
        }
        // Tasks by status for each working area: a bar per status, the count written next to it.
        for (area, title) in Self.areaTitles.enumerated() {
            let total = Self.tasks.filter { $0.area == area }.count
            #expect(seen.contains("WA\(area + 1) \(title) · \(total) tasks"), "\(seen)")
        }
        #expect(seen.contains("No working area · 1 task"))
        let done = Self.count(area: 0, status: "done")
        let open = Self.tasks.filter { $0.area == 0 && $0.status != "done" }.count
        #expect(done == 3 && open == 2)
        for status in Self.statuses {
            let bar = try #require(try Self.bar(seen, after: "WA1 Capacity building", label: status), "\(seen)")
            #expect(
                bar.count == Self.count(area: 0, status: status), "the count is written next to the bar: '\(bar.line)'")
        }
        // Overdue tasks: counted, and the first listed with its date.
        let overdue = Self.overdue
        #expect(seen.contains("Overdue tasks (\(overdue.count))"), "\(seen)")
        #expect(seen.contains("\(overdue[0].due) · \(Self.title(ofTask: overdue[0].index)) · Žiga Novak"))
        #expect(!seen.contains(Self.title(ofTask: 0) + " "), "a done task is never overdue")
        // Upcoming meetings: today's and the next one, not the one held.
        #expect(seen.contains("Upcoming meetings (2)"))
        #expect(seen.contains("2026-11-23 · Thematic workshop on finance · online"))
        #expect(seen.contains("2026-12-10 · Quarterly meeting Q4 · Ljubljana"))
        #expect(!seen.contains("Quarterly meeting Q3"))
        // Open needs without an agreed expert: the proposed one and the one with none.
        #expect(seen.contains("Open needs without an agreed expert (2)"))
        #expect(seen.contains("Social finance strategy · NCC Lithuania · deadline 2026-11-01"))
        #expect(seen.contains("Impact measurement framework · NCC Lithuania · deadline 2027-01-31"))
        #expect(!seen.contains("Answered need") && !seen.contains("Closed need"))
        // Topic coverage: Impact measurement (two open needs, spelt two ways) has one available
        // expert; social finance only an expert with no days, so none: a warning.
        let covered = try #require(try Self.bar(seen, after: "Topic coverage", label: "Impact measurement"), "\(seen)")
        #expect(
            !covered.blocks.isEmpty && covered.count == 1 && covered.rest.hasPrefix(" (2 needs)"), "\(covered.line)")
        let uncovered = try #require(try Self.bar(seen, after: "Topic coverage", label: "social finance"))
        #expect(
            uncovered.blocks.isEmpty && uncovered.count == 0
                && uncovered.rest.hasPrefix(" · no available expert (1 need)"), "\(uncovered.line)")
        #expect(!seen.contains("cooperatives"), "a closed need's topic is not asked for")
        // Sync conflicts.
        #expect(seen.contains("Sync conflicts"))
        #expect(seen.contains("None pending"))
    }

    @Test func barsAreBlockCharactersLongestForTheLargestCountAndReadableWithoutColour() throws {
        let h = try Self.harness()
        let screen = h.screen
        var lengths: [String: Int] = [:]
        for (area, title) in Self.areaTitles.enumerated() {
            for status in Self.statuses {
                let bar = try #require(try Self.bar(screen, after: title, label: status), "\(screen)")
                let count = Self.count(area: area, status: status)
                // Monochrome: the status and the number carry the meaning, not the colour.
                #expect(bar.line.contains(status) && bar.count == count, "'\(bar.line)'")
                #expect(bar.blocks.isEmpty == (count == 0), "'\(bar.line)'")
                lengths["\(area) \(status)"] = bar.eighths
            }
        }
        // The largest count of all (Policy guidance, todo) has the longest bar; bars grow with counts.
        let largest = Self.count(area: 1, status: "todo")
        #expect(largest == 7)
        let longest = try #require(lengths.max { $0.value < $1.value })
        #expect(longest.key == "1 todo", "\(lengths)")
        #expect(lengths["0 done"]! > lengths["0 todo"]! && lengths["0 todo"]! > 0)
        #expect(lengths["1 doing"] == 0)
        // Drawn with a colour theme, the bars are in the info role; the monochrome one has none.
        let colours = h.app.render { role in role == "info" ? Style(fg: .ansi(2)) : .plain }
        let bar = try #require(colours.cells.first { $0.text == "█" })
        #expect(bar.style.fg == .ansi(2))
    }

    @Test func enterOnAnOverdueTaskOpensItAndEscComesBack() throws {
        let h = try Self.harness()
        let first = Self.title(ofTask: Self.overdue[0].index)
        // Tab goes to the lists' column: the first overdue task.
        h.press(.tab)
        let selected = try #require(h.app.state.detail.selected)
        #expect(h.app.state.detail.lines[selected].text.contains(first))
        h.press(.enter)
        #expect(h.screen.contains("‹ Esc back"), "\(h.screen)")
        #expect(h.screen.contains("Title: \(first)") || h.screen.contains(first), "\(h.screen)")
        #expect(h.screen.contains("Status: \(Self.tasks[Self.overdue[0].index].status)"), "\(h.screen)")
        #expect(!h.screen.contains("Tasks by working area"))
        h.press(.escape)
        #expect(h.screen.contains("Tasks by working area") && h.screen.contains("Overdue tasks"))
        #expect(h.app.state.detail.selected == selected, "the same line is selected again")
    }

    @Test func enterOnABarShowsThoseTasks() throws {
        let h = try Self.harness()
        // The first selectable line is WA1's heading; the next ones are its bars: todo, doing.
        h.press(.down, .down)
        h.press(.enter)
        #expect(h.app.state.pane == .tasks)
        #expect(h.screen.contains("only status doing, area WA1 Capacity building"), "\(h.screen)")
        #expect(h.app.state.list.total == Self.count(area: 0, status: "doing"))
    }

    @Test func theOverviewRereadsWhenTheDatabaseChanges() throws {
        let h = try Self.harness()
        let other = try Store.open(path: h.store.path)
        _ = try other.write { try $0.create(.task, ["title": .text("Late task"), "due": .text("2026-01-01")]) }
        h.app.handle(.tick)
        #expect(h.screen.contains("Overdue tasks (\(Self.overdue.count + 1))"), "\(h.screen)")
    }

    @Test func onALargeDatabaseTheCountsFollowFromTheBackground() throws {
        // More tasks than are counted before the first frame.
        let tasks = 5001
        let h = try Harness { w in
            let area = try w.create(.workingArea, ["number": .int(1), "title": .text("Capacity building")])
            for i in 0..<tasks {
                try w.create(
                    .task,
                    [
                        "title": .text("Task \(i)"), "working_area": .text(area),
                        "status": .text(i % 3 == 0 ? "done" : "todo"),
                        "due": .text(i < 7 ? "2026-01-0\(i + 1)" : "2027-01-01"),
                    ])
            }
        }
        #expect(h.screen.contains("counting…"), "\(h.screen)")
        #expect(h.screen.contains("Open needs without an agreed expert"), "what is cheap shows at once")
        // The counts reply when they are made and wake the loop: no key, no tick.
        var entry = pollfd(fd: h.app.wakeDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&entry, 1, 30_000) == 1, "the background counts woke the loop")
        h.app.handleReplies()
        let done = (0..<tasks).filter { $0 % 3 == 0 }.count
        let overdue = (0..<7).filter { $0 % 3 != 0 }.count
        #expect(h.screen.contains("WA1 Capacity building · \(tasks) tasks"), "\(h.screen)")
        #expect(try Self.bar(h.screen, after: "WA1 Capacity building", label: "done")?.count == done)
        #expect(try Self.bar(h.screen, after: "WA1 Capacity building", label: "todo")?.count == tasks - done)
        #expect(h.screen.contains("Overdue tasks (\(overdue))"))
        #expect(h.screen.contains("2026-01-02 · Task 1"))
    }

    @Test func anEmptyDatabaseStillOpensOnTheWelcomeScreenAndTheDemoLandsOnTheOverview() throws {
        let h = try Harness { _ in }
        #expect(h.screen.contains("This database is empty"))
        h.press(.character("d"))
        #expect(h.app.state.pane == .overview)
        #expect(h.screen.contains("Tasks by working area"))
    }

    @Test func helpOnTheOverviewListsTheReportKey() throws {
        let h = try Self.harness()
        h.press(.character("?"))
        #expect(h.screen.contains("Keys: Overview"))
        #expect(h.screen.contains("Write the progress report"))
        let help = try #require(h.lines.first { $0.contains("Write the progress report") })
        #expect(help.contains(" r "), "\(help)")
        h.press(.escape)
        #expect(h.lines[h.height - 2].contains("r report"), "the footer lists it too")
    }

    @Test func rWritesTheProgressReportAsHTML() throws {
        let h = try Self.harness()
        h.press(.character("r"))
        let expected = h.folder.appendingPathComponent("ncc-report-\(Self.today).html").path
        #expect(h.screen.contains(expected), "the prompt suggests a file beside the database: \(h.screen)")
        h.press(.enter)
        let html = try String(contentsOfFile: expected, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Capacity building"))
        #expect(h.lines.last?.contains("Wrote the progress report to \(expected)") == true, "\(h.lines.last ?? "")")
    }

    @Test func mWritesTheSelectedMeetingsMinutesAsMarkdown() throws {
        let h = try Self.harness()
        h.press(.character("4"))
        // Newest first: Q3 is the last of three.
        h.press(.character("G"))
        #expect(h.app.state.list.selectedRow?.cells.contains("Quarterly meeting Q3") == true)
        h.press(.character("m"))
        let expected = h.folder.appendingPathComponent("quarterly-meeting-q3.md").path
        #expect(h.screen.contains(expected), "\(h.screen)")
        h.press(.enter)
        let markdown = try String(contentsOfFile: expected, encoding: .utf8)
        #expect(markdown.contains("Quarterly meeting Q3"))
        #expect(markdown.contains("Adopt the impact guide outline"))
        #expect(h.lines.last?.contains("Wrote the minutes to \(expected)") == true, "\(h.lines.last ?? "")")
        // m is listed in the Meetings pane's help.
        h.press(.character("?"))
        #expect(h.screen.contains("Write the selected meeting's minutes"))
    }

    @Test func aFileThatCannotBeWrittenIsOneLineOnTheMessageLine() throws {
        let h = try Self.harness()
        h.press(.character("r"))
        // Replace the suggestion with a path under a file (not a folder).
        for _ in 0..<200 { h.press(.backspace) }
        let blocker = h.folder.appendingPathComponent("ncc.sqlite").path
        h.type(blocker + "/report.html")
        h.press(.enter)
        #expect(h.app.state.modal == nil)
        let message = try #require(h.app.state.message)
        #expect(message.kind == .error)
        #expect(!message.text.contains("\n"))
        #expect(h.app.state.pane == .overview)
        #expect(!FileManager.default.fileExists(atPath: blocker + "/report.html"))
    }
}
