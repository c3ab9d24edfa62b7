import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Meeting minutes (Markdown) and the progress report (Markdown and HTML): byte-for-byte golden
/// files, escaping of hostile text, a well-formed self-contained HTML page, the period filter,
/// and every count checked against figures computed here from the inserted data.
@Suite struct ReportTests {
    /// Notes beyond the ten listed are counted as English says it: "1 more note", "2 more notes".
    @Test func notesLeftOutAreCountedInTheSingularOrThePlural() {
        var model = ProgressReport.Model(from: "2026-01-01", to: "2026-03-31", today: "2026-03-31")
        model.engagements.byStatus = Schema.engagementStatuses.map { ($0, $0 == "done" ? 12 : 0) }
        model.engagements.notes = (1...ProgressReport.notesListed).map {
            ProgressReport.Note(expert: "Eglė Butkevičienė", need: "Need \($0)", status: "done", excerpt: "Fine.")
        }
        for (total, words) in [(11, "1 more note not shown."), (12, "2 more notes not shown.")] {
            model.engagements.notesTotal = total
            #expect(ReportMarkdown.render(model).contains("\n\(words)\n"), "\(words)")
            #expect(ReportHTML.render(model).contains("<p class=\"note\">\(words)</p>"), "\(words)")
        }
    }

    /// 2026-01-01T00:00:00Z: every record is created (and last changed) at this moment.
    static let clock: @Sendable () -> UInt64 = { UInt64(1_767_225_600_000) << 16 }
    /// The report's day; the default period is then 2026-01-01 to 2026-03-31.
    static let today = "2026-03-31"

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func id(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return "0190c000-0000-7000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
    }

    enum ID {
        static let socialinis = ReportTests.id(0x01), zavod = ReportTests.id(0x02)
        static let ccsi = ReportTests.id(0x11), nccLT = ReportTests.id(0x12)
        static let egle = ReportTests.id(0x21), ziga = ReportTests.id(0x22), eleni = ReportTests.id(0x23),
            aoife = ReportTests.id(0x24)
        static let wa1 = ReportTests.id(0x31), wa2 = ReportTests.id(0x32)
        static let kickoff = ReportTests.id(0x41), quarterly = ReportTests.id(0x42), thematic = ReportTests.id(0x43),
            later = ReportTests.id(0x44)
        static let expertEgle = ReportTests.id(0x51), expertZiga = ReportTests.id(0x52)
        static let impact = ReportTests.id(0x61), rural = ReportTests.id(0x62), old = ReportTests.id(0x63)
        static func task(_ n: Int) -> String { ReportTests.id(0x100 + n) }
    }

    // MARK: - The data, as plain values the expectations are computed from

    struct TaskRow {
        var n: Int
        var title: String
        var area: String?
        var status: String
        var due: String?
    }
    static let tasks = [
        TaskRow(n: 1, title: "Draft the mapping template", area: ID.wa1, status: "done", due: "2026-01-20"),
        TaskRow(n: 2, title: "Collect the national maps", area: ID.wa1, status: "done", due: "2026-02-15"),
        TaskRow(n: 3, title: "Translate the <script> guide | v2", area: ID.wa1, status: "doing", due: "2026-03-10"),
        TaskRow(n: 4, title: "Publish the mapping report", area: ID.wa1, status: "todo", due: "2026-05-01"),
        TaskRow(n: 5, title: "Run the scaling training", area: ID.wa2, status: "blocked", due: "2026-04-15"),
        TaskRow(n: 6, title: "Agree the training format", area: ID.wa2, status: "done", due: nil),
        TaskRow(n: 7, title: "List the transfer candidates", area: ID.wa2, status: "todo", due: nil),
        TaskRow(n: 8, title: "Prepare the annual review", area: nil, status: "doing", due: "2026-04-30"),
    ]

    struct MeetingRow {
        var id: String
        var title: String
        var start: String
        var attendees: [String]
        var decisions: [String]
    }
    static let meetings = [
        MeetingRow(
            id: ID.kickoff, title: "Kick-off in Brussels", start: "2025-11-05T10:00:00Z",
            attendees: [ID.egle, ID.ziga], decisions: ["Meet every quarter"]),
        MeetingRow(
            id: ID.quarterly, title: "Quarterly meeting #1 | Vilnius", start: "2026-02-10T09:00:00Z",
            attendees: [ID.egle, ID.ziga, ID.eleni, ID.aoife],
            decisions: ["Adopt the mapping template", "Publish the budget <script>alert(1)</script> & share it"]),
        MeetingRow(
            id: ID.thematic, title: "Θεματική συνάντηση: χαρτογράφηση", start: "2026-03-18T13:00:00Z",
            attendees: [ID.egle, ID.ziga], decisions: ["Hold the next session online"]),
        MeetingRow(
            id: ID.later, title: "Workshop in Athens", start: "2026-04-20T09:00:00Z",
            attendees: [ID.eleni], decisions: ["Not yet taken"]),
    ]

    struct EngagementRow {
        var n: Int
        var expert: String
        var need: String
        var status: String
        var starts: String?
        var ends: String?
        var feedback: Int?
        var notes: String?
    }
    static let engagements = [
        EngagementRow(
            n: 1, expert: ID.expertZiga, need: ID.impact, status: "done", starts: "2026-01-15", ends: "2026-02-28",
            feedback: 5, notes: "Very helpful: two workshops & a <follow-up> plan.\nShe said \"great\", it's done."),
        EngagementRow(
            n: 2, expert: ID.expertEgle, need: ID.rural, status: "agreed", starts: "2026-03-01", ends: nil,
            feedback: 4, notes: "Kick-off call held; plan | agreed."),
        EngagementRow(
            n: 3, expert: ID.expertEgle, need: ID.impact, status: "proposed", starts: nil, ends: nil, feedback: nil,
            notes: nil),
        EngagementRow(
            n: 4, expert: ID.expertZiga, need: ID.old, status: "done", starts: "2025-06-01", ends: "2025-07-01",
            feedback: 2, notes: "Long finished."),
        EngagementRow(
            n: 5, expert: ID.expertZiga, need: ID.rural, status: "agreed", starts: "2026-05-01", ends: nil,
            feedback: nil, notes: nil),
    ]

    /// Two working areas, eight tasks, four meetings (one before and one after the default
    /// period), three people with names in three scripts, and five engagements (two outside).
    static func sample() throws -> TestDatabase {
        let db = try TestDatabase(wallClock: clock)
        try db.store.write { w in
            try w.create(
                .organisation, ["name": .text("Socialinių inovacijų centras"), "country": .text("LT")],
                id: ID.socialinis)
            try w.create(.organisation, ["name": .text("Zavod Ustvarjalnik"), "country": .text("SI")], id: ID.zavod)
            try w.create(.centre, ["name": .text("CCSI – Slovenian NCC"), "country": .text("SI")], id: ID.ccsi)
            try w.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")], id: ID.nccLT)
            try w.create(
                .person, ["name": .text("Eglė Butkevičienė"), "organisation": .text(ID.socialinis)], id: ID.egle)
            try w.create(.person, ["name": .text("Žiga Novak"), "organisation": .text(ID.zavod)], id: ID.ziga)
            try w.create(.person, ["name": .text("Ελένη Παπαδοπούλου")], id: ID.eleni)
            try w.create(.person, ["name": .text("Aoife O'Brien"), "organisation": .text(ID.zavod)], id: ID.aoife)

            try w.create(.workingArea, ["number": .int(1), "title": .text("Ecosystem mapping")], id: ID.wa1)
            try w.create(
                .workingArea, ["number": .int(2), "title": .text("Capacity building | transfer & scaling")], id: ID.wa2)
            for task in tasks {
                var values: [String: Value] = [
                    "title": .text(task.title), "status": .text(task.status), "owner": .text(ID.ziga),
                ]
                if let area = task.area { values["working_area"] = .text(area) }
                if let due = task.due { values["due"] = .text(due) }
                try w.create(.task, values, id: ID.task(task.n))
            }

            for (index, meeting) in meetings.enumerated() {
                var values: [String: Value] = [
                    "title": .text(meeting.title), "start": .text(meeting.start), "kind": .text("quarterly"),
                ]
                if meeting.id == ID.quarterly {
                    values["end"] = .text("2026-02-10T12:30:00Z")
                    values["place"] = .text("Vilnius, Lithuania")
                    values["online"] = .bool(true)
                    values["minutes"] = .text(
                        """
                        Agreed: budget | timeline & partners.
                        # Not a heading, and 1. not a list
                        <script>alert('x')</script> stays text.\u{1B}[31m red?\u{1B}[0m

                        Next meeting: Athens.
                        """)
                } else if meeting.id == ID.thematic {
                    values["kind"] = .text("thematic")
                    values["online"] = .bool(true)
                }
                try w.create(.meeting, values, id: meeting.id)
                for (n, person) in meeting.attendees.enumerated() {
                    try w.create(
                        .attendance, ["meeting": .text(meeting.id), "person": .text(person)],
                        id: id(0x1000 + index * 0x10 + n))
                }
                for (n, text) in meeting.decisions.enumerated() {
                    try w.create(
                        .decision, ["meeting": .text(meeting.id), "position": .int(n), "text": .text(text)],
                        id: id(0x2000 + index * 0x10 + n))
                }
            }
            try w.create(
                .agendaItem, ["meeting": .text(ID.quarterly), "position": .int(0), "title": .text("Welcome")],
                id: id(0x3001))
            try w.create(
                .agendaItem,
                [
                    "meeting": .text(ID.quarterly), "position": .int(1), "title": .text("Budget 2026 | draft"),
                    "notes": .text("Draft v2 circulated.\nComments by *Friday*"),
                ], id: id(0x3002))
            try w.create(
                .agendaItem,
                ["meeting": .text(ID.quarterly), "position": .int(2), "title": .text("#2 Mapping & next steps")],
                id: id(0x3003))
            try w.create(
                .agendaItem, ["meeting": .text(ID.thematic), "position": .int(0), "title": .text("Χαρτογράφηση")],
                id: id(0x3004))
            try w.create(
                .actionItem,
                [
                    "meeting": .text(ID.quarterly), "text": .text("Send the template | v2"), "owner": .text(ID.ziga),
                    "due": .text("2026-02-20"), "task": .text(ID.task(3)),
                ], id: id(0x4001))
            try w.create(
                .actionItem,
                [
                    "meeting": .text(ID.quarterly), "text": .text("Book the room for Athens"),
                    "owner": .text(ID.eleni), "due": .text("2026-03-01"),
                ], id: id(0x4002))
            try w.create(
                .actionItem,
                [
                    "meeting": .text(ID.quarterly), "text": .text("# Summary for the <b>newsletter</b>"),
                    "owner": .text(ID.egle), "task": .text(ID.task(1)),
                ], id: id(0x4003))

            try w.create(.expert, ["person": .text(ID.egle)], id: ID.expertEgle)
            try w.create(.expert, ["person": .text(ID.ziga)], id: ID.expertZiga)
            try w.create(
                .need,
                [
                    "centre": .text(ID.ccsi), "title": .text("Impact measurement framework"),
                    "deadline": .text("2026-04-30"), "status": .text("matched"),
                ], id: ID.impact)
            try w.create(.need, ["centre": .text(ID.nccLT), "title": .text("Rural ecosystem mapping")], id: ID.rural)
            try w.create(
                .need, ["centre": .text(ID.nccLT), "title": .text("An old need"), "status": .text("closed")], id: ID.old
            )
            for e in engagements {
                var values: [String: Value] = [
                    "expert": .text(e.expert), "need": .text(e.need), "status": .text(e.status),
                ]
                if let starts = e.starts { values["starts"] = .text(starts) }
                if let ends = e.ends { values["ends"] = .text(ends) }
                if let feedback = e.feedback { values["feedback"] = .int(feedback) }
                if let notes = e.notes { values["notes"] = .text(notes) }
                try w.create(.engagement, values, id: id(0x5000 + e.n))
            }
        }
        return db
    }

    /// Compares with a golden file byte for byte; `NCC_UPDATE_GOLDEN=1 swift test` rewrites it
    /// (then read it by hand before committing it).
    func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.golden.appendingPathComponent(name)
        let bytes = Data(text.utf8)
        if ProcessInfo.processInfo.environment["NCC_UPDATE_GOLDEN"] == "1" {
            try bytes.write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(bytes == expected, "differs from Golden/\(name):\n\(text)", sourceLocation: sourceLocation)
    }

    // MARK: - Golden files

    @Test func minutesMatchTheGoldenFileByteForByte() throws {
        let db = try Self.sample()
        let writer = MinutesWriter(store: db.store)
        let text = try writer.markdown(meeting: ID.quarterly)
        try expectGolden(text, "minutes.md")
        // Written whole through a temporary name, with the same bytes.
        let path = db.folder.appendingPathComponent("minutes.md").path
        #expect(try writer.write(meeting: ID.quarterly, to: path) == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: db.folder.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func reportMatchesTheGoldenFilesByteForByte() throws {
        let db = try Self.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        try expectGolden(try report.markdown(), "report.md")
        let path = db.folder.appendingPathComponent("report.html").path
        #expect(try report.write(.html, file: path) == path)
        try expectGolden(try String(contentsOfFile: path, encoding: .utf8), "report.html")
        #expect(try report.html() == String(contentsOfFile: path, encoding: .utf8))
    }

    // MARK: - Escaping

    @Test func minutesEscapeWhatWouldBreakTheMarkdown() throws {
        let db = try Self.sample()
        let text = try MinutesWriter(store: db.store).markdown(meeting: ID.quarterly)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The only headings are the document's own.
        #expect(
            lines.filter { $0.hasPrefix("#") } == [
                "# Quarterly meeting #1 \\| Vilnius", "## Agenda", "## Attendees", "## Minutes", "## Decisions",
                "## Action items",
            ])
        #expect(!text.contains("\u{1B}") && !text.contains("[31m"), "escape sequences are stripped")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("\\<script>alert('x')\\</script> stays text. red?"))
        #expect(!lines.contains { $0.hasPrefix("<") })
        #expect(lines.contains("Agreed: budget \\| timeline & partners.\\"))
        #expect(lines.contains("\\# Not a heading, and 1. not a list\\"))
        // Every row of the action items table has exactly its five unescaped pipes.
        let table = lines.drop { !$0.hasPrefix("| Action") }.prefix { $0.hasPrefix("|") }
        #expect(table.count == 2 + 3)
        for row in table {
            let pipes = Array(row).enumerated().filter {
                $0.element == "|" && ($0.offset == 0 || Array(row)[$0.offset - 1] != "\\")
            }
            #expect(pipes.count == 5, "\(row)")
        }
        #expect(table.contains("| Send the template \\| v2 | Žiga Novak | 2026-02-20 | doing |"))
        #expect(table.contains("| \\# Summary for the \\<b>newsletter\\</b> | Eglė Butkevičienė | — | done |"))
    }

    @Test func cleaningStripsEscapeSequencesAndControls() {
        #expect(ReportText.clean("a\u{1B}[2Jb\u{1B}]0;title\u{07}c\u{1B}]8;;x\u{1B}\\d\u{9B}31me\u{1B}(Bf") == "abcdef")
        #expect(ReportText.clean("one\r\ntwo\rthree\u{2028}four", keepNewlines: true) == "one\ntwo\nthree\nfour")
        #expect(ReportText.clean("tab\there\u{202E}rev\u{7F}\u{0}") == "tab hererev")
        #expect(ReportText.html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(
            ReportText.markdown("# 2026. *a* _b_ [c](d) `e` | ~f~ &amp; A & B #")
                == "\\# 2026. \\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\| \\~f\\~ \\&amp; A & B \\#")
        #expect(ReportText.markdown("2026. plan") == "2026\\. plan")
        #expect(ReportText.markdown("- item") == "\\- item")
        #expect(ReportText.markdownCell("") == "—")
    }

    // MARK: - The HTML page

    @Test func htmlIsWellFormedSelfContainedAndEscaped() throws {
        let db = try Self.sample()
        let html = try ProgressReport(store: db.store, today: Self.today).html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let body = String(html.dropFirst("<!DOCTYPE html>\n".count))
        let parser = XMLParser(data: Data(body.utf8))
        let delegate = ElementCounter()
        parser.delegate = delegate
        #expect(
            parser.parse(), "not well-formed: \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
        #expect(parser.parserError == nil)
        #expect(delegate.elements["svg"] == 3, "tasks, attendance and engagement charts")
        #expect(delegate.elements["script"] == nil)
        #expect(
            delegate.elements["link"] == nil && delegate.elements["img"] == nil && delegate.elements["iframe"] == nil)
        #expect(delegate.elements["style"] == 1, "one inline style sheet")
        // Every chart and every bar has a title a screen reader and a tooltip use.
        #expect((delegate.elements["title"] ?? 0) >= 1 + 3 + 5)
        // Nothing is fetched: no script, no reference to anything outside the file.
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("url("))
        #expect(delegate.attributes.allSatisfy { !$0.lowercased().hasPrefix("on") }, "no event handlers")
        // The data's script is there, as text.
        #expect(html.contains("Publish the budget &lt;script&gt;alert(1)&lt;/script&gt; &amp; share it"))
        #expect(html.contains("Translate the &lt;script&gt; guide | v2"))
        #expect(html.contains("a &lt;follow-up&gt; plan. She said &quot;great&quot;, it&#39;s done."))
        #expect(delegate.text.contains("Publish the budget <script>alert(1)</script> & share it"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func manyMeetingsAreChartedPerMonth() throws {
        let meetings = (0..<50).map { n in
            ProgressReport.Meeting(
                id: Self.id(n), title: "M\(n)", kind: "workshop",
                start: n < 30 ? "2026-01-15T09:00:00Z" : "2026-02-15T09:00:00Z",
                end: nil, place: nil, online: true, attendees: 2, decisions: [], held: true)
        }
        let chart = ReportHTML.attendanceChart(meetings)
        #expect(chart.rows.map(\.label) == ["2026-01 · 30 meetings", "2026-02 · 20 meetings"])
        #expect(chart.rows.map(\.values) == [[60], [40]])
        #expect(ReportHTML.attendanceChart(Array(meetings.prefix(40))).rows.count == 40)
    }

    final class ElementCounter: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var attributes: [String] = []
        var text = ""
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            elements[elementName, default: 0] += 1
            attributes += attributeDict.keys
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    // MARK: - Period and counts

    @Test func theDefaultPeriodIsTheNinetyDaysEndingToday() throws {
        let db = try Self.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        #expect(try report.period() == ("2026-01-01", "2026-03-31"))
        #expect(try report.period(from: "2026-03-01") == ("2026-03-01", "2026-03-31"))
        #expect(try report.period(to: "2025-12-31") == ("2025-10-03", "2025-12-31"))
        #expect(throws: ReportError.self) { try report.period(from: "2026-04-01", to: "2026-03-31") }
        #expect(throws: ReportError.self) { try report.period(from: "2026-02-30") }
        #expect(throws: ReportError.self) { try ProgressReport(store: db.store, today: "someday").period() }
    }

    @Test func onlyTheMeetingsOfThePeriodAreListed() throws {
        let db = try Self.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        let model = try report.model()
        let expected = Self.meetings.filter { $0.start >= "2026-01-01" && $0.start < "2026-04-01" }
        #expect(model.meetings.map(\.id) == expected.map(\.id))
        #expect(model.meetings.map(\.id) == [ID.quarterly, ID.thematic])
        for (meeting, row) in zip(model.meetings, expected) {
            #expect(meeting.attendees == row.attendees.count)
            #expect(meeting.decisions == row.decisions)
            #expect(meeting.held)
        }
        let markdown = try report.markdown()
        let html = try report.html()
        for outside in ["Kick-off in Brussels", "Meet every quarter", "Workshop in Athens", "Not yet taken"] {
            #expect(!markdown.contains(outside) && !html.contains(outside), "\(outside)")
        }
        // Another period holds the kick-off alone; the last day of a period is in it.
        #expect(try report.model(from: "2025-11-01", to: "2025-11-30").meetings.map(\.id) == [ID.kickoff])
        #expect(try report.model(from: "2026-03-18", to: "2026-03-18").meetings.map(\.id) == [ID.thematic])
        #expect(try report.model(from: "2026-03-19", to: "2026-04-19").meetings.isEmpty)
        // A meeting of the period after the report's day is planned, not held.
        let ahead = try report.model(from: "2026-03-01", to: "2026-04-30")
        #expect(ahead.meetings.map(\.id) == [ID.thematic, ID.later])
        #expect(ahead.meetingsHeld.map(\.id) == [ID.thematic])
    }

    @Test func taskCountsPerWorkingAreaAreRight() throws {
        let db = try Self.sample()
        let end = "2026-03-31"
        let model = try ProgressReport(store: db.store, today: Self.today).model()
        #expect(
            model.areas.map(\.label) == [
                "WA1 Ecosystem mapping", "WA2 Capacity building | transfer & scaling", "No working area",
            ])
        for area in model.areas {
            let mine = Self.tasks.filter { $0.area == area.id }
            #expect(area.done == mine.filter { $0.status == "done" }.count)
            #expect(area.doing == mine.filter { $0.status == "doing" }.count)
            #expect(area.todo == mine.filter { $0.status == "todo" }.count)
            #expect(area.blocked == mine.filter { $0.status == "blocked" }.count)
            #expect(area.open == mine.filter { $0.status != "done" }.count)
            #expect(area.overdue == mine.filter { $0.status != "done" && ($0.due.map { $0 < end } ?? false) }.count)
        }
        #expect(model.totals.done == 3 && model.totals.open == 5 && model.totals.overdue == 1)
        #expect(model.overdueTotal == 1)
        #expect(model.overdue.map(\.title) == ["Translate the <script> guide | v2"])
        // At an earlier end, the task due on 2026-03-10 is not overdue yet.
        #expect(try ProgressReport(store: db.store, today: Self.today).model(to: "2026-03-10").totals.overdue == 0)
    }

    @Test func engagementAndNeedCountsAreRight() throws {
        let db = try Self.sample()
        let (from, to) = ("2026-01-01", "2026-03-31")
        let model = try ProgressReport(store: db.store, today: Self.today).model()
        // In the period: started by its end (undated ones were recorded on 2026-01-01), not ended before its start.
        let inPeriod = Self.engagements.filter {
            ($0.starts ?? "2026-01-01") <= to && ($0.ends.map { $0 >= from } ?? true)
        }
        #expect(inPeriod.map(\.n) == [1, 2, 3])
        for status in Schema.engagementStatuses {
            #expect(model.engagements.count(status) == inPeriod.filter { $0.status == status }.count, "\(status)")
        }
        let rated = inPeriod.compactMap(\.feedback)
        #expect(model.engagements.feedbackCount == rated.count)
        #expect(model.engagements.feedbackSum == rated.reduce(0, +))
        #expect(model.engagements.averageFeedback == "4.5")
        #expect(model.engagements.notesTotal == inPeriod.filter { $0.notes != nil }.count)
        let answered = Set(inPeriod.filter { $0.status == "agreed" || $0.status == "done" }.map(\.need))
        #expect(model.answeredTotal == answered.count)
        #expect(model.answeredNeeds.map(\.title) == ["Impact measurement framework", "Rural ecosystem mapping"])
        #expect(model.answeredNeeds.first?.experts == ["Žiga Novak (done)"])
    }

    @Test func averageFeedbackRoundsHalfUp() {
        var e = ProgressReport.Engagements()
        #expect(e.averageFeedback == nil)
        (e.feedbackCount, e.feedbackSum) = (3, 13)  // 4.333…
        #expect(e.averageFeedback == "4.3")
        (e.feedbackCount, e.feedbackSum) = (4, 13)  // 3.25
        #expect(e.averageFeedback == "3.3")
        (e.feedbackCount, e.feedbackSum) = (3, 14)  // 4.666…
        #expect(e.averageFeedback == "4.7")
        (e.feedbackCount, e.feedbackSum) = (1, 5)
        #expect(e.averageFeedback == "5.0")
    }

    @Test func writingRefusesAMissingFolderAndLeavesNothingBehind() throws {
        let db = try Self.sample()
        let report = ProgressReport(store: db.store, today: Self.today)
        #expect(throws: ReportError.self) {
            try report.write(.markdown, file: db.folder.appendingPathComponent("no/such/report.md").path)
        }
        #expect(throws: ReportError.self) { try report.write(.markdown, file: db.folder.path) }
        #expect(throws: StoreError.self) { try MinutesWriter(store: db.store).markdown(meeting: Self.id(0xFFFF)) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: db.folder.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }
}
