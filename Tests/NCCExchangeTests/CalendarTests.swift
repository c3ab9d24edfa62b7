import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

/// iCalendar and vCard out, iCalendar in: byte-for-byte golden files, folding and escaping by the
/// RFCs, round trips, idempotent re-import, and all-or-nothing refusal of broken files.
@Suite struct CalendarTests {
    /// 2026-01-01T00:00:00Z: every stamp, so every DTSTAMP, is this moment.
    static let clock: @Sendable () -> UInt64 = { UInt64(1_767_225_600_000) << 16 }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    enum ID {
        static let socialinis = "0190a000-0000-7000-8000-0000000000a1"
        static let zavod = "0190a000-0000-7000-8000-0000000000a2"
        static let egle = "0190a000-0000-7000-8000-0000000000c1"
        static let ziga = "0190a000-0000-7000-8000-0000000000c2"
        static let eleni = "0190a000-0000-7000-8000-0000000000c3"
        static let kickoff = "0190a000-0000-7000-8000-0000000000b0"
        static let quarterly = "0190a000-0000-7000-8000-0000000000b1"
        static let thematic = "0190a000-0000-7000-8000-0000000000b2"
    }

    /// Three meetings (one before 2026, one with long Greek and Lithuanian text and no end) and
    /// three people, two of whom agreed to share their contacts.
    static func sample() throws -> TestDatabase {
        let db = try TestDatabase(wallClock: clock)
        try db.store.write { w in
            try w.create(
                .organisation, ["name": .text("Socialinių inovacijų centras"), "country": .text("LT")],
                id: ID.socialinis)
            try w.create(
                .organisation, ["name": .text("Zavod Ustvarjalnik, Ljubljana; SI"), "country": .text("SI")],
                id: ID.zavod)
            try w.create(
                .person,
                [
                    "name": .text("Eglė Butkevičienė"), "email": .text("egle@example.org"),
                    "phone": .text("+370 600 00000"),
                    "organisation": .text(ID.socialinis), "role": .text("Coordinator, impact; lead"),
                    "shareable": .bool(true),
                ], id: ID.egle)
            try w.create(
                .person,
                [
                    "name": .text("Žiga Novak"), "email": .text("ziga@example.org"), "organisation": .text(ID.zavod),
                    "role": .text("Υπεύθυνος χαρτογράφησης του οικοσυστήματος κοινωνικής καινοτομίας στη Σλοβενία"),
                    "shareable": .bool(true),
                ], id: ID.ziga)
            try w.create(
                .person,
                [
                    "name": .text("Ελένη Παπαδοπούλου"), "email": .text("eleni@example.eu"),
                    "phone": .text("+30 210 000 0000"),
                    "shareable": .bool(false),
                ], id: ID.eleni)

            try w.create(
                .meeting,
                [
                    // A terminal escape in a title is stripped from the file.
                    "title": .text("Kick-off\u{1B}[2J"), "kind": .text("kickoff"),
                    "start": .text("2025-11-05T10:00:00Z"),
                    "end": .text("2025-11-05T11:00:00Z"), "place": .text("Brussels"),
                ], id: ID.kickoff)
            try w.create(
                .meeting,
                [
                    "title": .text("Quarterly meeting, spring; Vilnius"), "kind": .text("quarterly"),
                    "start": .text("2026-03-10T09:00:00Z"), "end": .text("2026-03-10T12:30:00Z"),
                    "place": .text("Vilnius, Lithuania"),
                    "minutes": .text(
                        "Agreed: budget; timeline, partners.\nNext meeting in Athens.\tPath: C:\\NCC\\minutes"),
                ], id: ID.quarterly)
            try w.create(.agendaItem, ["meeting": .text(ID.quarterly), "position": .int(0), "title": .text("Welcome")])
            try w.create(
                .agendaItem,
                ["meeting": .text(ID.quarterly), "position": .int(1), "title": .text("Budget; 2026, draft")])
            try w.create(
                .meeting,
                [
                    "title": .text(
                        "Θεματική συνάντηση: κοινωνική καινοτομία και Socialinių inovacijų kompetencijų centrų tinklas"),
                    "kind": .text("thematic"), "start": .text("2026-04-02T13:00:00Z"), "online": .bool(true),
                    "minutes": .text(
                        "Συζητήσαμε τη χαρτογράφηση, τα δίκτυα; και την κλιμάκωση.\nAptarėme ekosistemų žemėlapius, tinklus; ir plėtrą."
                    ),
                ], id: ID.thematic)
        }
        return db
    }

    /// Compares with a golden file byte for byte; `NCC_UPDATE_GOLDEN=1 swift test` rewrites it
    /// (then read the diff by hand before committing it).
    func expectGolden(_ bytes: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["NCC_UPDATE_GOLDEN"] == "1" {
            try bytes.write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(
            bytes == expected, "differs from Golden/\(name):\n\(String(decoding: bytes, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    // MARK: - Golden files

    @Test func calendarMatchesTheGoldenFileByteForByte() throws {
        let db = try Self.sample()
        let path = db.folder.appendingPathComponent("meetings.ics").path
        let summary = try CalendarExporter(store: db.store).export(to: path)
        #expect(summary.meetings == 3)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try expectGolden(bytes, "meetings.ics")
        // Written whole through a temporary name: nothing else is left in the folder.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: db.folder.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func contactsMatchTheGoldenFileAndHoldOnlyShareablePeople() throws {
        let db = try Self.sample()
        let path = db.folder.appendingPathComponent("contacts.vcf").path
        #expect(try ContactsExporter(store: db.store).export(to: path) == 2)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try expectGolden(bytes, "contacts.vcf")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("Ελένη") && !text.contains("eleni@example.eu"), "not shareable: not written")
        #expect(text.components(separatedBy: "BEGIN:VCARD\r\n").count - 1 == 2)
    }

    @Test func everyLineOfBothFilesIsCRLFEndedAndAtMost75Octets() throws {
        let db = try Self.sample()
        for text in [try CalendarExporter(store: db.store).render(), try ContactsExporter(store: db.store).render()] {
            let bytes = Array(text.utf8)
            #expect(bytes.suffix(2) == [13, 10])
            var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
            #expect(lines.removeLast().isEmpty)
            for line in lines {
                #expect(line.last == 13, "every LF follows a CR")
                #expect(line.count - 1 <= 75, "\(String(decoding: line, as: UTF8.self))")
                #expect(String(bytes: line.dropLast(), encoding: .utf8) != nil, "a fold never splits a UTF-8 sequence")
                #expect(!line.dropLast().contains(where: { $0 < 0x20 && $0 != 9 }), "no control characters")
            }
        }
    }

    // MARK: - Folding and escaping

    /// The physical lines of a folded line, without their CRLF.
    func physicalLines(_ folded: String) -> [[UInt8]] {
        var lines = Array(folded.utf8).split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        lines.removeLast()
        return lines.map { Array($0.dropLast()) }
    }

    /// Unfolds by bytes: a space after a fold may combine with the next scalar into one character.
    static func unfold(_ folded: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(folded.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                i += (i + 2 < bytes.count && bytes[i + 2] == 32) ? 3 : 2
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The unfolded content lines of a file.
    static func contentLines(_ text: String) -> [String] {
        var lines: [[UInt8]] = []
        for physical in Array(text.utf8).split(separator: 10) {
            var line = Array(physical)
            if line.last == 13 { line.removeLast() }
            if line.first == 32, !lines.isEmpty {
                lines[lines.count - 1] += line.dropFirst()
            } else {
                lines.append(line)
            }
        }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func foldingKeepsEveryLineWithin75OctetsAndNeverSplitsACharacter() throws {
        let samples = [
            String(repeating: "a", count: 300),
            String(repeating: "ė", count: 200),  // 2 octets each
            String(repeating: "Ελληνικά ", count: 40),
            String(repeating: "社会创新", count: 50),  // 3 octets each
            String(repeating: "🇱🇹👩‍👩‍👧‍👦", count: 20),  // 4-octet scalars, multi-scalar characters
            "x" + String(repeating: "😀", count: 40),
            String(repeating: "\\n\\;\\,", count: 60),
            "e\u{301}" + String(repeating: "a\u{301}\u{302}", count: 80),  // combining marks
            String(repeating: "👩‍👩‍👧‍👦", count: 1) + String(repeating: "\u{301}", count: 40),  // one character of 100+ octets
        ]
        for sample in samples {
            for prefix in ["", "D", "DESCRIPTION:", "SUMMARY;LANGUAGE=el:"] {
                let line = prefix + sample
                let folded = ContentLine.fold(line)
                #expect(folded.hasSuffix("\r\n"))
                #expect(Self.unfold(folded) == line, "unfolding gives the line back")
                let lines = physicalLines(folded)
                for (i, physical) in lines.enumerated() {
                    #expect(physical.count <= 75, "\(physical.count) octets")
                    #expect(String(bytes: physical, encoding: .utf8) != nil, "a fold inside a UTF-8 sequence")
                    if i > 0 {
                        #expect(physical.first == 0x20, "a continuation starts with one space")
                        #expect(physical.count > 1)
                    }
                }
                // Folds are no earlier than needed: each line but the last is full to within one character.
                for physical in lines.dropLast() { #expect(physical.count > 75 - 28, "\(physical.count)") }
            }
        }
    }

    @Test func foldingBoundaries() {
        let exactly75 = String(repeating: "a", count: 75)
        #expect(ContentLine.fold(exactly75) == exactly75 + "\r\n")
        #expect(ContentLine.fold(exactly75 + "b") == exactly75 + "\r\n b\r\n")
        // 74 ASCII octets and a 2-octet ė: the ė would make 76, so it moves whole to the next line.
        let line = String(repeating: "a", count: 74) + "ėx"
        #expect(ContentLine.fold(line) == String(repeating: "a", count: 74) + "\r\n ėx\r\n")
        // A continuation holds 74 octets after its space.
        let long = String(repeating: "b", count: 75 + 74 + 1)
        #expect(
            ContentLine.fold(long) == String(repeating: "b", count: 75) + "\r\n " + String(repeating: "b", count: 74)
                + "\r\n b\r\n")
        // An escape is not split from its backslash.
        let escaped = String(repeating: "a", count: 74) + "\\n"
        #expect(ContentLine.fold(escaped) == String(repeating: "a", count: 74) + "\r\n \\n\r\n")
    }

    @Test func textEscapingAndUnescaping() {
        #expect(ContentLine.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne")
        #expect(ContentLine.escape("plain: text") == "plain: text", "a colon is not escaped in a value")
        for text in ["a\\b;c,d\ne", "\\n is not a newline", "trailing \\", ";;,,\n\n", "Ελληνικά, ąčęėįšųūž; \\"] {
            #expect(ContentLine.unescape(ContentLine.escape(text)) == text)
        }
        #expect(ContentLine.unescape("a\\Nb\\:c") == "a\nb:c")
        #expect(ContentLine.splitList("quarterly,joint\\,event,x") == ["quarterly", "joint,event", "x"])
        #expect(ContentLine.clean("a\u{1B}[31mb\u{7}\u{85}c\td\r\ne\rf", multiline: true) == "a[31mbc d\ne\nf")
        #expect(ContentLine.clean("one\ntwo", multiline: false) == "one two")
        #expect(ContentLine.text("SUMMARY", "A, B; C\nD").unfolded == "SUMMARY:A\\, B\\; C\\nD")
        #expect(ContentLine.components("N", ["Butkevičienė", "Eglė", "", "", ""]).unfolded == "N:Butkevičienė;Eglė;;;")
        #expect(ContentLine.components("ORG", ["A; B, C"]).unfolded == "ORG:A\\; B\\, C")
    }

    @Test func nameBasedIdsAreStableUUIDs() {
        let id = NameUUID.make("ics:event-1@example.org")
        #expect(id == NameUUID.make("ics:event-1@example.org"))
        #expect(id != NameUUID.make("ics:event-2@example.org"))
        #expect(NameUUID.isUUID(id))
        let chars = Array(id)
        #expect(chars[14] == "5", "version 5")
        #expect("89ab".contains(chars[19]), "RFC 9562 variant")
        #expect(MeetingEvent.recordID(forUID: "\(ID.quarterly)@ncc.invalid") == ID.quarterly)
        #expect(MeetingEvent.recordID(forUID: "\(ID.quarterly)@NCC.INVALID") == ID.quarterly)
        #expect(MeetingEvent.recordID(forUID: "../x y@ncc.invalid") == NameUUID.make("ics:../x y@ncc.invalid"))
    }

    @Test func timesBetweenTheStoreAndICalendar() {
        #expect(CalendarTime.stored(seconds: 0) == "1970-01-01T00:00:00Z")
        #expect(CalendarTime.stored(seconds: -1) == "1969-12-31T23:59:59Z")
        #expect(CalendarTime.parse("19000101")?.stored == "1900-01-01T00:00:00Z")
        #expect(
            CalendarTime.seconds(stored: "1900-01-01T00:00:00Z").map(CalendarTime.stored(seconds:))
                == "1900-01-01T00:00:00Z")
        #expect(
            CalendarTime.parse("20260310T090000Z").map { [$0.stored, "\($0.isUTC)"] } == [
                "2026-03-10T09:00:00Z", "true",
            ])
        #expect(CalendarTime.parse("20260310T090000").map { "\($0.isUTC)" } == "false")
        #expect(CalendarTime.parse("20261310T090000Z") == nil)
        #expect(CalendarTime.parse("20260310T250000Z") == nil)
        #expect(CalendarTime.parse("20260310 090000") == nil)
        #expect(CalendarTime.ics(stored: "2026-03-10T09:00:00Z") == "20260310T090000Z")
        #expect(CalendarTime.duration("PT1H30M") == 5400)
        #expect(CalendarTime.duration("P1W") == 604_800)
        #expect(CalendarTime.duration("P1DT2H") == 93_600)
        #expect(CalendarTime.duration("-PT15M") == -900)
        #expect(
            CalendarTime.duration("PT") == nil && CalendarTime.duration("1H") == nil
                && CalendarTime.duration("P1H") == nil)
    }

    // MARK: - Export details

    @Test func fromLeavesOutEarlierMeetings() throws {
        let db = try Self.sample()
        let all = try CalendarExporter(store: db.store).render()
        let later = try CalendarExporter(store: db.store).render(from: "2026-01-01")
        #expect(all.components(separatedBy: "BEGIN:VEVENT").count - 1 == 3)
        #expect(later.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
        #expect(!later.contains(ID.kickoff))
        #expect(
            try CalendarExporter(store: db.store).render(from: "2026-03-10T09:00:00Z").contains(ID.quarterly),
            "on or after")
        #expect(try !CalendarExporter(store: db.store).render(from: "2026-03-10T09:00:01Z").contains(ID.quarterly))
        #expect(throws: CalendarFileError.self) { try CalendarExporter(store: db.store).render(from: "March") }
    }

    @Test func anExportIntoAMissingFolderFailsCleanly() throws {
        let db = try Self.sample()
        let path = db.folder.appendingPathComponent("no/such/folder/meetings.ics").path
        #expect(throws: CalendarFileError.self) { try CalendarExporter(store: db.store).export(to: path) }
    }

    // MARK: - Import

    func meetings(_ store: Store) throws -> [Record] {
        try store.read { try $0.list(.meeting, limit: 1000) }
    }

    func write(_ db: TestDatabase, _ name: String, _ text: String) throws -> String {
        let path = db.folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func calendarThenImportIntoAFreshStoreGivesTheSameMeetings() throws {
        let db = try Self.sample()
        let path = db.folder.appendingPathComponent("meetings.ics").path
        try CalendarExporter(store: db.store).export(to: path)

        let fresh = try TestDatabase()
        let summary = try CalendarImporter(store: fresh.store).importICS(from: path)
        #expect(summary.events == 3 && summary.created == 3 && summary.updated == 0)
        #expect(summary.notes.isEmpty)
        let before = try meetings(db.store)
        let after = try meetings(fresh.store)
        #expect(after.map(\.id) == before.map(\.id), "the UID carries the id")
        for (a, b) in zip(before, after) {
            for field in ["start", "end", "place", "kind", "online"] {
                #expect(a[field] == b[field], "\(a.id) \(field): \(a[field]) / \(b[field])")
            }
            // Control characters do not travel: an escape is dropped, a tab becomes a space.
            #expect(b["title"] == .text(ContentLine.clean(a["title"].text!, multiline: false)))
            #expect(b["minutes"] == a["minutes"].text.map { .text(ContentLine.clean($0, multiline: true)) } ?? .null)
        }
        let quarterly = try #require(after.first { $0.id == ID.quarterly })
        #expect(
            quarterly["minutes"]
                == .text("Agreed: budget; timeline, partners.\nNext meeting in Athens. Path: C:\\NCC\\minutes"))
        #expect(after.first { $0.id == ID.thematic }?["end"] == .null, "no end stays no end")

        // The same file again changes nothing, in the fresh store and in the one it came from.
        let operations = try fresh.store.read { try $0.operationCount() }
        let again = try CalendarImporter(store: fresh.store).importICS(from: path)
        #expect(again.unchanged == 3 && again.created == 0 && again.updated == 0)
        #expect(try fresh.store.read { try $0.operationCount() } == operations)
        let home = try CalendarImporter(store: db.store).importICS(from: path)
        #expect(
            home.created == 0 && home.updated == 2 && home.unchanged == 1,
            "the kick-off's title without its escape, the minutes' tab as a space: \(home)")
        #expect(try CalendarImporter(store: db.store).importICS(from: path).unchanged == 3)
        // Exporting the imported store gives the same calendar, but for the stamps and the
        // agendas (which do not travel back).
        let strip = { (text: String) in
            Self.contentLines(text).filter {
                !["DTSTAMP:", "CREATED:", "LAST-MODIFIED:", "DESCRIPTION:"].contains(where: $0.hasPrefix)
            }
        }
        #expect(
            strip(try CalendarExporter(store: fresh.store).render())
                == strip(try CalendarExporter(store: db.store).render()))
    }

    static let foreign = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Example//Other calendar//EN\r
        BEGIN:VTIMEZONE\r
        TZID:Europe/Vilnius\r
        BEGIN:STANDARD\r
        DTSTART:19701025T040000\r
        TZOFFSETFROM:+0300\r
        TZOFFSETTO:+0200\r
        END:STANDARD\r
        END:VTIMEZONE\r
        BEGIN:VEVENT\r
        UID:zoned-1@example.org\r
        DTSTAMP:20260101T000000Z\r
        DTSTART;TZID=Europe/Vilnius:20260512T100000\r
        DTEND;TZID="Europe/Vilnius":20260512T113000\r
        SUMMARY:Peer learning visit\\, Kaunas\r
        LOCATION:Kaunas\\; Lithuania\r
        DESCRIPTION:Visit to the social enterprise incubator.\\nBring the mapping\r
          report.\r
        CATEGORIES:Travel,Workshop\r
        BEGIN:VALARM\r
        ACTION:DISPLAY\r
        DESCRIPTION:Reminder\r
        TRIGGER:-PT15M\r
        END:VALARM\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:allday-2@example.org\r
        DTSTART;VALUE=DATE:20260601\r
        SUMMARY:Social Economy Day\r
        LOCATION:online\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:floating-3@example.org\r
        DTSTART:20260615T080000\r
        DURATION:PT2H\r
        SUMMARY:Ελληνικά: συνάντηση\r
        RRULE:FREQ=MONTHLY\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:floating-3@example.org\r
        RECURRENCE-ID:20260715T080000\r
        DTSTART:20260716T080000\r
        SUMMARY:Moved\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    /// Outlook names Windows zones, Google and Apple IANA ones, old Mozilla a prefixed IANA one;
    /// summer time is applied on the right side of its change; an unknown zone is read as UTC, said.
    @Test func zonedTimesBecomeUTCWhateverCalendarNamedTheZone() throws {
        func start(_ tzid: String, _ local: String) throws -> (String?, CalendarImporter.Summary) {
            let db = try TestDatabase(wallClock: Self.clock)
            let ics =
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:z@example.org\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=\(tzid):\(local)\r\nSUMMARY:Zoned\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            let summary = try CalendarImporter(store: db.store).importICS(from: try write(db, "z.ics", ics))
            return (try db.store.read { try $0.list(.meeting, limit: 1).first?["start"].text }, summary)
        }
        #expect(try start("Europe/Vilnius", "20270114T100000").0 == "2027-01-14T08:00:00Z", "winter, UTC+2")
        #expect(try start("\"Europe/Brussels\"", "20260715T093000").0 == "2026-07-15T07:30:00Z", "summer, UTC+2")
        #expect(
            try start("W. Europe Standard Time", "20260310T090000").0 == "2026-03-10T08:00:00Z",
            "Outlook's name for Berlin")
        #expect(
            try start("FLE Standard Time", "20260810T090000").0 == "2026-08-10T06:00:00Z",
            "Outlook's name for Helsinki and Vilnius")
        #expect(try start("/mozilla.org/20050126_1/Europe/Lisbon", "20260110T090000").0 == "2026-01-10T09:00:00Z")
        // Summer time in the EU began at 01:00 UTC on 29 March 2026, when Athens went from 03:00 to
        // 04:00: 02:30 there was still UTC+2, 04:30 already UTC+3.
        #expect(try start("Europe/Athens", "20260329T023000").0 == "2026-03-29T00:30:00Z")
        #expect(try start("Europe/Athens", "20260329T043000").0 == "2026-03-29T01:30:00Z")
        let (unknown, summary) = try start("Atlantis Standard Time", "20260310T090000")
        #expect(unknown == "2026-03-10T09:00:00Z")
        #expect(MeetingEvent.kind(fromTitle: "Thematic session on social finance") == "thematic")
        #expect(MeetingEvent.kind(fromTitle: "NCC working group Kick-off") == "kickoff")
        #expect(MeetingEvent.kind(fromTitle: "Joint Event with the SI CoP") == "joint_event")
        #expect(MeetingEvent.kind(fromTitle: "Social Economy Day") == nil)
        #expect(summary.notes == ["1 time in an unknown time zone (TZID) read as UTC"])
    }

    @Test func eventsFromAnotherCalendarBecomeMeetingsWithStableIds() throws {
        let db = try TestDatabase(wallClock: Self.clock)
        let path = try write(db, "other.ics", Self.foreign)
        let summary = try CalendarImporter(store: db.store).importICS(from: path)
        #expect(summary.events == 3 && summary.created == 3)
        #expect(
            summary.zonedTimes == 0 && summary.floatingTimes == 1 && summary.repeating == 1
                && summary.skippedOccurrences == 1)
        #expect(summary.notes.first == "1 local time without a zone read as UTC")

        let zoned = try #require(
            try db.store.read { try $0.record(.meeting, id: NameUUID.make("ics:zoned-1@example.org")) })
        #expect(zoned["title"] == .text("Peer learning visit, Kaunas"))
        // 10:00 in Vilnius in May is summer time, UTC+3.
        #expect(zoned["start"] == .text("2026-05-12T07:00:00Z") && zoned["end"] == .text("2026-05-12T08:30:00Z"))
        #expect(zoned["place"] == .text("Kaunas; Lithuania"))
        #expect(zoned["kind"] == .text("workshop"))
        #expect(
            zoned["minutes"] == .text("Visit to the social enterprise incubator.\nBring the mapping report."),
            "not the alarm's description")

        let allDay = try #require(
            try db.store.read { try $0.record(.meeting, id: NameUUID.make("ics:allday-2@example.org")) })
        #expect(allDay["start"] == .text("2026-06-01T00:00:00Z") && allDay["end"] == .text("2026-06-02T00:00:00Z"))
        #expect(allDay["online"] == .bool(true) && allDay["place"] == .null)
        #expect(allDay["kind"] == .text("quarterly"), "the schema's default")

        let floating = try #require(
            try db.store.read { try $0.record(.meeting, id: NameUUID.make("ics:floating-3@example.org")) })
        #expect(floating["start"] == .text("2026-06-15T08:00:00Z") && floating["end"] == .text("2026-06-15T10:00:00Z"))
        #expect(floating["title"] == .text("Ελληνικά: συνάντηση"))

        let operations = try db.store.read { try $0.operationCount() }
        let again = try CalendarImporter(store: db.store).importICS(from: path)
        #expect(again.unchanged == 3 && again.created == 0 && again.updated == 0)
        #expect(
            try db.store.read { try $0.operationCount() } == operations, "importing the same file twice changes nothing"
        )
    }

    @Test func aDryRunWritesNothing() throws {
        let db = try TestDatabase(wallClock: Self.clock)
        let path = try write(db, "other.ics", Self.foreign)
        let summary = try CalendarImporter(store: db.store).importICS(from: path, dryRun: true)
        #expect(summary.created == 3)
        #expect(try db.store.read { try $0.operationCount() } == 0)
    }

    /// The file is refused with the given line, and the database is as it was.
    func expectRefused(
        _ text: String, line: Int, containing words: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let db = try Self.sample()
        let path = try write(db, "broken.ics", text)
        let before = try meetings(db.store)
        let operations = try db.store.read { try $0.operationCount() }
        do {
            _ = try CalendarImporter(store: db.store).importICS(from: path)
            Issue.record("the broken file was imported", sourceLocation: sourceLocation)
        } catch let error as CalendarFileError {
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("broken.ics:\(line): "), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(words), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasSuffix("nothing was imported"), "\(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        }
        #expect(try meetings(db.store) == before, sourceLocation: sourceLocation)
        #expect(try db.store.read { try $0.operationCount() } == operations, sourceLocation: sourceLocation)
    }

    static let good = """
        BEGIN:VEVENT\r
        UID:good@example.org\r
        DTSTART:20260301T090000Z\r
        SUMMARY:A good event before the bad one\r
        END:VEVENT\r

        """

    @Test func brokenFilesAreRefusedWithTheirLineAndNothingIsWritten() throws {
        try expectRefused(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + Self.good
                + "BEGIN:VEVENT\r\nUID:x@example.org\r\nSUMMARY:No start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            line: 8, containing: "has no DTSTART")
        try expectRefused(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + Self.good,
            line: 1, containing: "BEGIN:VCALENDAR is never ended")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good
                + "BEGIN:VEVENT\r\nUID:y\r\nDTSTART:20260301T090000Z\r\nEND:VCALENDAR\r\n",
            line: 10, containing: "END:VCALENDAR where BEGIN:VEVENT of line 7 is still open")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good
                + "BEGIN:VEVENT\r\nUID:z\r\nDTSTART:2026-03-01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            line: 9, containing: "DTSTART '2026-03-01' is not a date")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good
                + "BEGIN:VEVENT\r\nUID:w\r\nDTSTART:20260230T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            line: 9, containing: "is not a date")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good
                + "BEGIN:VEVENT\r\nUID:v\r\nDTSTART:20260301T090000Z\r\nDTEND:20260301T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            line: 10, containing: "ends before it starts")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good
                + "BEGIN:VEVENT\r\nDTSTART:20260301T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            line: 7, containing: "has no UID")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good + "this is not a content line\r\nEND:VCALENDAR\r\n",
            line: 7, containing: "is not a content line")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good + "DTSTART;TZID=\"Europe/Vilnius:20260301T090000\r\nEND:VCALENDAR\r\n",
            line: 7, containing: "quoted value of TZID is not closed")
        try expectRefused("BEGIN:VEVENT\r\nEND:VEVENT\r\n", line: 1, containing: "expected BEGIN:VCALENDAR")
        try expectRefused("", line: 1, containing: "not an iCalendar file")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good + "END:VCALENDAR\r\nX-TRAILING:1\r\n", line: 8,
            containing: "after END:VCALENDAR")
        try expectRefused(
            "BEGIN:VCALENDAR\r\n" + Self.good + "END:VTODO\r\nEND:VCALENDAR\r\n", line: 7,
            containing: "END:VTODO where BEGIN:VCALENDAR")
        try expectRefused(" folded first line\r\n", line: 1, containing: "continues no line")
    }

    @Test func notUTF8AndOverlongLinesAreRefusedWithTheirLine() throws {
        let db = try Self.sample()
        var bytes = Array(("BEGIN:VCALENDAR\r\n" + Self.good + "BEGIN:VEVENT\r\nUID:latin1\r\nSUMMARY:").utf8)
        bytes += [0x53, 0xE9, 0x61, 0x6E, 0x63, 0x65]  // "Séance" in Latin-1
        bytes += Array("\r\nDTSTART:20260301T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let latin1 = db.folder.appendingPathComponent("latin1.ics").path
        try Data(bytes).write(to: URL(fileURLWithPath: latin1))
        #expect(throws: CalendarFileError("latin1.ics:9: the file is not UTF-8 text; nothing was imported", line: 9)) {
            try CalendarImporter(store: db.store).importICS(from: latin1)
        }

        let long =
            "BEGIN:VCALENDAR\r\n" + Self.good + "X-LONG:" + String(repeating: "a", count: ICSParser.maxLineBytes)
            + "\r\nEND:VCALENDAR\r\n"
        try expectRefused(long, line: 7, containing: "longer than 1 MB")
        // Folded into short lines, the same line is still one line of more than 1 MB.
        let folded =
            "BEGIN:VCALENDAR\r\n" + Self.good + "X-LONG:a\r\n"
            + String(
                repeating: " " + String(repeating: "a", count: 70) + "\r\n", count: ICSParser.maxLineBytes / 70 + 1)
            + "END:VCALENDAR\r\n"
        try expectRefused(folded, line: 7, containing: "unfolded line is longer than 1 MB")
    }

    @Test func aFileOverTwentyMegabytesIsRefused() throws {
        let db = try Self.sample()
        let path = db.folder.appendingPathComponent("huge.ics").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(ICSParser.maxFileBytes + 1))
        try handle.close()
        #expect(throws: CalendarFileError.self) { try CalendarImporter(store: db.store).importICS(from: path) }
        #expect(try db.store.read { try $0.count(.meeting) } == 3)
    }

    @Test func bareLineFeedsAndABlankLastLineAreAccepted() throws {
        let db = try TestDatabase(wallClock: Self.clock)
        let text =
            "\u{FEFF}BEGIN:VCALENDAR\n" + Self.good.replacingOccurrences(of: "\r\n", with: "\n") + "END:VCALENDAR\n\n"
        let path = try write(db, "lf.ics", text)
        #expect(try CalendarImporter(store: db.store).importICS(from: path).created == 1)
    }
}
