import Foundation
import Testing

/// `ncc calendar`, `ncc import-ics` and `ncc contacts` with the real binary, the calendar checked
/// by an independent parser: Python's `icalendar` package (installed by .ci/run).
@Suite struct CalendarCLITests {
    let ncc: NCCProcess

    init() throws { ncc = try NCCProcess() }

    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> NCCProcess.Result {
        let result = try ncc.run(arguments)
        #expect(
            result.status == 0, "ncc \(arguments.joined(separator: " ")): \(result.err)", sourceLocation: sourceLocation
        )
        return result
    }

    func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], sourceLocation: sourceLocation)
    }

    /// Runs `python3 -c script arguments…` (python3 as found on this process's PATH, as CI's pip
    /// installs into it), returning its status, stdout and stderr.
    func python(_ script: String, _ arguments: [String]) throws -> NCCProcess.Result {
        let out = ncc.file("python-\(UUID().uuidString).out")
        let err = ncc.file("python-\(UUID().uuidString).err")
        defer { for path in [out, err] { try? FileManager.default.removeItem(atPath: path) } }
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        let status: Int32
        do {
            status = try ChildProcess.run(
                "python3", ["-c", script] + arguments, environment: environment,
                outputPath: out, errorPath: err, timeout: 120)
        } catch {
            throw ChildProcess.Failed(
                description: "python3 is needed to check the calendar with an independent parser: \(error)")
        }
        return NCCProcess.Result(
            status: status,
            out: String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self),
            err: String(decoding: try Data(contentsOf: URL(fileURLWithPath: err)), as: UTF8.self))
    }

    /// Parses an .ics file with `icalendar` and prints, as JSON, its events and any parse errors.
    static let parseScript = """
        import json, sys
        import icalendar
        with open(sys.argv[1], "rb") as f:
            calendar = icalendar.Calendar.from_ical(f.read())
        events = []
        for event in calendar.walk("VEVENT"):
            start = event["DTSTART"].dt
            end = event["DTEND"].dt
            events.append({
                "uid": str(event["UID"]),
                "summary": str(event["SUMMARY"]),
                "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "utc": start.utcoffset() is not None and start.utcoffset().total_seconds() == 0,
                "minutes": int((end - start).total_seconds() // 60),
                "location": str(event.get("LOCATION", "")),
                "description": str(event.get("DESCRIPTION", "")),
            })
        errors = [str(e) for c in calendar.walk() for e in getattr(c, "errors", [])]
        print(json.dumps({"count": len(events), "events": events, "errors": errors,
                          "version": str(calendar["VERSION"]), "prodid": str(calendar["PRODID"])}))
        """

    /// Python's icalendar is test tooling, not a set-up step: CI installs it and sets
    /// NCC_REQUIRE_ICALENDAR=1, so there a missing parser fails; elsewhere the test is reported skipped.
    static let icalendarWanted: Bool = {
        if ProcessInfo.processInfo.environment["NCC_REQUIRE_ICALENDAR"] == "1" { return true }
        return (try? ChildProcess.run("python3", ["-c", "import icalendar"], timeout: 60)) == 0
    }()

    @Test(.enabled(if: icalendarWanted, "needs Python's icalendar (python3 -m pip install icalendar); CI installs it"))
    func theDemoCalendarParsesWithPythonsIcalendarAndImportsIntoAFreshDatabase() throws {
        // Where it is wanted, the independent parser must be there: a missing one fails the test.
        let probe = try python("import icalendar; print(icalendar.__version__)", [])
        try #require(
            probe.status == 0,
            """
            Python's icalendar package is missing (\(probe.err.split(separator: "\n").last ?? "")): \
            install it with 'python3 -m pip install icalendar==7.3.0' (.ci/run does)
            """)

        _ = try ok(["demo"])
        let file = ncc.file("meetings.ics")
        let written = try ok(["calendar", "--output", file])
        #expect(written.out.isEmpty && written.err.contains("Wrote "), "\(written.err)")

        let parsed = try python(Self.parseScript, [file])
        try #require(parsed.status == 0, "icalendar could not parse the file: \(parsed.err)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(parsed.out.utf8)) as? [String: Any])
        let events = try #require(result["events"] as? [[String: Any]])
        #expect((result["errors"] as? [String]) == [], "icalendar reported: \(result["errors"] ?? "")")
        #expect(result["version"] as? String == "2.0" && result["prodid"] as? String == "-//NCC working group//ncc//EN")

        let meetings = try json(try ok(["list", "meetings", "--json", "--limit", "0"]).out)
        #expect(meetings.count > 0)
        #expect(result["count"] as? Int == meetings.count)
        #expect(
            events.map { $0["uid"] as? String } == meetings.map { "\($0["id"] as! String)@ncc.invalid" },
            "one event per meeting, in start order")
        for (event, meeting) in zip(events, meetings) {
            #expect(event["summary"] as? String == meeting["title"] as? String)
            #expect(event["start"] as? String == meeting["start"] as? String)
            #expect(event["utc"] as? Bool == true)
            let place = meeting["place"] as? String ?? ((meeting["online"] as? Bool) == true ? "Online" : "")
            #expect(event["location"] as? String == place)
            #expect((event["description"] as? String)?.hasPrefix("Kind: \(meeting["kind"] as? String ?? "")") == true)
            if meeting["end"] is NSNull { #expect(event["minutes"] as? Int == 60, "no end: one hour") }
            if let minutes = meeting["minutes"] as? String, !minutes.isEmpty {
                #expect(
                    (event["description"] as? String)?.hasSuffix("Minutes:\n" + minutes) == true,
                    "the minutes, unescaped by icalendar")
            }
        }

        // Into a second, fresh database: the same meetings, ids included.
        let second = ["--db", ncc.file("second.sqlite")]
        let imported = try ncc.run(["import-ics", file] + second, useDefaultDatabase: true)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(
            imported.out.contains(
                "Imported \(meetings.count) meetings from \(file): \(meetings.count) new, 0 updated, 0 unchanged"),
            "\(imported.out)")
        let copies = try json(
            try ncc.run(["list", "meetings", "--json", "--limit", "0"] + second, useDefaultDatabase: true).out)
        #expect(copies.count == meetings.count)
        for (copy, meeting) in zip(copies, meetings) {
            for field in ["id", "title", "start", "end", "place", "kind", "online"] {
                #expect(
                    String(describing: copy[field] ?? "") == String(describing: meeting[field] ?? ""),
                    "\(field): \(copy[field] ?? "") / \(meeting[field] ?? "")")
            }
        }
        // Again: nothing changes, in the copy nor in the original.
        let again = try ncc.run(["import-ics", file] + second, useDefaultDatabase: true)
        #expect(again.out.contains("0 new, 0 updated, \(meetings.count) unchanged"), "\(again.out)")
        let home = try ok(["import-ics", file, "--dry-run"])
        #expect(
            home.out.contains("Would import \(meetings.count) meetings") && home.out.contains("0 new, 0 updated"),
            "\(home.out)")
    }

    @Test func contactsListOnlyShareablePeople() throws {
        _ = try ok(["demo"])
        let people = try json(try ok(["list", "people", "--json", "--limit", "0"]).out)
        let shareable = Set(people.filter { $0["shareable"] as? Bool == true }.map { $0["id"] as! String })
        let hidden = people.filter { $0["shareable"] as? Bool != true }
        #expect(!shareable.isEmpty && !hidden.isEmpty, "the demo has both")

        let cards = try ok(["contacts"]).out
        #expect(cards.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
        let uids = cards.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:urn:uuid:") }.map {
            String($0.dropFirst("UID:urn:uuid:".count))
        }
        #expect(Set(uids) == shareable)
        #expect(uids.count == cards.components(separatedBy: "BEGIN:VCARD\r\n").count - 1)
        for person in hidden {
            if let email = person["email"] as? String {
                #expect(!cards.contains(email), "\(email) did not agree to share")
            }
        }

        let file = ncc.file("contacts.vcf")
        let written = try ok(["contacts", "--output", file])
        #expect(written.err.contains("Wrote \(shareable.count) contacts to \(file)"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == cards)
    }

    @Test func aBrokenFileIsOneLineWithItsLineNumberAndWritesNothing() throws {
        _ = try ok(["demo"])
        let before = try ok(["list", "meetings", "--json", "--limit", "0"]).out
        let broken = try ncc.write(
            "broken.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@example.org\r\nDTSTART:20260301T090000Z\r\nSUMMARY:Fine\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@example.org\r\nSUMMARY:No start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        let result = try ncc.run(["import-ics", broken])
        #expect(result.status != 0)
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
        #expect(
            result.err.hasPrefix(
                "ncc: error: broken.ics:8: the VEVENT that begins here has no DTSTART; nothing was imported"),
            "\(result.err)")
        #expect(try ok(["list", "meetings", "--json", "--limit", "0"]).out == before)

        let bad = try ncc.run(["calendar", "--from", "next week"])
        #expect(bad.status != 0 && bad.err.hasPrefix("ncc: error: ") && bad.err.contains("--from"), "\(bad.err)")
        let missing = try ncc.run(["import-ics", ncc.file("nowhere.ics")])
        #expect(missing.status != 0 && missing.err.contains("no such file"), "\(missing.err)")
    }
}
