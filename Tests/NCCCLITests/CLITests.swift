import Foundation
import Testing

/// The `ncc` command as a user or a script meets it: real binary, real files, real exit codes.
@Suite struct CLITests {
    let ncc: NCCProcess

    init() throws { ncc = try NCCProcess() }

    /// A user error is exactly one line on stderr starting `ncc: error:`, and a non-zero exit.
    func expectOneLineError(
        _ result: NCCProcess.Result, containing text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status != 0, sourceLocation: sourceLocation)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.err)", sourceLocation: sourceLocation)
        #expect(result.err.hasPrefix("ncc: error: "), "stderr: \(result.err)", sourceLocation: sourceLocation)
        #expect(result.err.contains(text), "stderr: \(result.err)", sourceLocation: sourceLocation)
    }

    /// The CLI keeps the working group's rules as the app does: an action item becomes a task
    /// linked both ways, and an expert is proposed for a need once.
    @Test func anActionItemAddedHereBecomesATaskAndAProposalIsMadeOnce() throws {
        let meeting = try ncc.run(["add", "meetings", "--title", "Quarterly Riga", "--start", "2026-12-03T09:00:00Z"])
        #expect(meeting.status == 0, "\(meeting.err)")
        let added = try ncc.run([
            "add", "action-items", "--meeting", "Quarterly Riga", "--text", "Write up the pilot",
            "--due", "2026-12-20",
        ])
        #expect(added.status == 0, "\(added.err)")
        #expect(added.out.contains("Added action item 'Write up the pilot'") && added.out.contains("it is task"))
        let items = try ncc.run(["list", "action-items", "--json"])
        let tasks = try ncc.run(["list", "tasks", "--json"])
        let item = try #require(items.out.split(separator: "\n").first { $0.contains("Write up the pilot") })
        let task = try #require(tasks.out.split(separator: "\n").first { $0.contains("Write up the pilot") })
        let itemID = try #require(item.firstMatch(of: /"id":"([0-9a-f-]{36})"/)?.1)
        let taskID = try #require(task.firstMatch(of: /"id":"([0-9a-f-]{36})"/)?.1)
        #expect(task.contains("\"origin\":\"\(itemID)\"") && task.contains("\"due\":\"2026-12-20\""))
        #expect(item.contains("\"task\":\"\(taskID)\""))

        #expect(try ncc.run(["add", "centres", "--name", "NCC Latvia", "--country", "LV"]).status == 0)
        #expect(try ncc.run(["add", "needs", "--centre", "NCC Latvia", "--title", "Coastal mapping"]).status == 0)
        #expect(try ncc.run(["add", "experts", "--name", "Žiga Novak"]).status == 0)
        let proposed = try ncc.run(["add", "engagements", "--expert", "Žiga Novak", "--need", "Coastal mapping"])
        #expect(proposed.status == 0 && proposed.out.contains("proposed"), "\(proposed.err)")
        expectOneLineError(
            try ncc.run(["add", "engagements", "--expert", "Žiga Novak", "--need", "Coastal mapping"]),
            containing: "already proposed for this need")
        #expect(
            try ncc.run(["list", "engagements", "--json"]).out.split(separator: "\n").filter { $0.contains("\"id\"") }
                .count == 1)
    }

    @Test func addListShowEditDeleteWithUnicodeNames() throws {
        #expect(try ncc.run(["add", "centres", "--name", "NCC Lietuva", "--country", "lt"]).status == 0)
        #expect(
            try ncc.run([
                "add", "organisation", "--name", "Socialinių inovacijų centras", "--kind", "ngo",
                "--centre", "NCC Lietuva", "--country=LT",
            ]).status == 0)
        let added = try ncc.run([
            "add", "expert", "--name", "Eglė Butkevičienė", "--email", "egle@example.org",
            "--organisation", "Socialinių inovacijų centras", "--languages", "lt;en",
            "--topics", "impact measurement;SROI", "--availability-days", "3", "--shareable",
        ])
        #expect(added.status == 0, "\(added.err)")
        #expect(added.out.contains("Added expert 'Eglė Butkevičienė'"))

        let list = try ncc.run(["list", "experts"])
        #expect(list.out.contains("Eglė Butkevičienė"))
        #expect(list.out.contains("lt, en"))

        let json = try ncc.run(["list", "people", "--json"])
        let people = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(people.count == 1)
        #expect(people.first?["name"] as? String == "Eglė Butkevičienė")
        #expect(people.first?["shareable"] as? Bool == true)

        // Found by exact name, by name without accents, and edited by it.
        let edit = try ncc.run([
            "edit", "expert", "Egle Butkeviciene", "--availability-days", "6", "--bio", "Builds SROI models.",
        ])
        #expect(edit.status == 0, "\(edit.err)")
        let show = try ncc.run(["show", "expert", "Eglė Butkevičienė", "--json"])
        let expert = try #require(try JSONSerialization.jsonObject(with: Data(show.out.utf8)) as? [String: Any])
        #expect(expert["availability_days"] as? Int == 6)
        #expect(expert["topics"] as? [String] == ["impact measurement", "SROI"])

        let centre = try ncc.run(["show", "centre", "NCC Lietuva"])
        #expect(centre.out.contains("Organisations (1):"))
        #expect(centre.out.contains("Socialinių inovacijų centras"))

        expectOneLineError(
            try ncc.run(["delete", "centre", "NCC Lietuva"]), containing: "still used by 1 organisation")
        #expect(
            try ncc.run(["delete", "organisation", "Socialinių inovacijų centras"]).status != 0,
            "its person still works there")
        let deleted = try ncc.run(["delete", "expert", "Eglė Butkevičienė"])
        #expect(deleted.status == 0)
        #expect(try ncc.run(["list", "experts"]).out.contains("No experts yet"))
    }

    @Test func searchFindsEveryKindIgnoringAccentsWithPrefixes() throws {
        try ncc.run(["add", "person", "--name", "Jonas Kühne"])
        try ncc.run(["add", "expert", "--name", "Eglė Butkevičienė", "--bio", "Social impact measurement"])
        try ncc.run(["add", "task", "--title", "Map the ecosystem of Ελληνικά social enterprises"])
        for (query, expected) in [
            ("kuhne", "Jonas Kühne"), ("butkeviciene", "Eglė Butkevičienė"), ("butk", "Eglė Butkevičienė"),
            ("ελληνικα", "Map the ecosystem"),
        ] {
            let result = try ncc.run(["search", query, "--json"])
            #expect(result.status == 0)
            let hits = try #require(
                try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]], "\(query)")
            #expect(hits.contains { ($0["title"] as? String)?.contains(expected) == true }, "\(query): \(result.out)")
        }
        let hits =
            try JSONSerialization.jsonObject(with: Data(try ncc.run(["search", "butk", "--json"]).out.utf8))
            as? [[String: Any]]
        #expect(Set(hits?.compactMap { $0["kind"] as? String } ?? []) == ["person", "expert"])
        let table = try ncc.run(["search", "impact"])
        #expect(table.out.contains("[impact]"), "matches are marked when piped: \(table.out)")
    }

    @Test func userMistakesGetOneLineAndANonZeroExit() throws {
        expectOneLineError(try ncc.run(["list", "unicorns"]), containing: "not a kind of record")
        expectOneLineError(
            try ncc.run(["add", "centre", "--name", "X", "--country", "XX"]),
            containing: "'XX' is not an ISO 3166-1 country code")
        expectOneLineError(try ncc.run(["add", "centre", "--name", "X"]), containing: "a centre needs a country")
        expectOneLineError(try ncc.run(["add", "centre", "--colour", "red"]), containing: "has no field 'colour'")
        expectOneLineError(
            try ncc.run(["add", "task", "--title", "T", "--due", "2026-02-30"]), containing: "not a valid date")
        expectOneLineError(
            try ncc.run(["add", "need", "--title", "Help", "--centre", "Nowhere"]), containing: "no centre 'Nowhere'")
        expectOneLineError(try ncc.run(["show", "meeting", "nothing"]), containing: "no meeting 'nothing'")
        expectOneLineError(try ncc.run(["list", "tasks", "--limit", "-3"]), containing: "--limit")
        expectOneLineError(try ncc.run(["frobnicate"]), containing: "frobnicate")
        // None of it wrote anything.
        #expect(
            try ncc.run(["list", "centres", "--json"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n]")
    }

    @Test func aFileThatIsNotADatabaseIsReportedAndLeftAlone() throws {
        let path = try ncc.write("minutes.txt", "Minutes of the quarterly meeting\n")
        let result = try ncc.run(["list", "centres", "--db", path], useDefaultDatabase: true)
        expectOneLineError(result, containing: "is not an SQLite database")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Minutes of the quarterly meeting\n")
    }

    @Test func aReadOnlyDatabaseIsReportedAndLeftAlone() throws {
        try ncc.run(["init"])
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: ncc.db)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: ncc.db) }
        expectOneLineError(
            try ncc.run(["add", "centre", "--name", "X", "--country", "SI"]), containing: "is read-only")
    }

    @Test func theDatabaseLocationFollowsDbThenNCC_DBThenXDG() throws {
        var env = ncc
        let init1 = try env.run(["init"], useDefaultDatabase: true)
        #expect(init1.out.contains(ncc.home.path + "/.local/share/ncc/ncc.sqlite"), "\(init1.out)")
        env.environment["XDG_DATA_HOME"] = ncc.file("xdg")
        #expect(try env.run(["init"], useDefaultDatabase: true).out.contains(ncc.file("xdg") + "/ncc/ncc.sqlite"))
        env.environment["NCC_DB"] = ncc.file("from-env/my.sqlite")
        #expect(try env.run(["init"], useDefaultDatabase: true).out.contains(ncc.file("from-env/my.sqlite")))
        #expect(
            try env.run(["init", "--db", ncc.file("flag.sqlite")], useDefaultDatabase: true).out.contains(
                ncc.file("flag.sqlite")))
        #expect(
            FileManager.default.fileExists(atPath: ncc.file("from-env/my.sqlite")), "folders are created on first use")
    }

    @Test func noSubcommandOpensTheAppHelpAndCompletionWork() throws {
        // Without a terminal (as here), the app says so in one line instead of garbling a pipe.
        expectOneLineError(try ncc.run([]), containing: "needs a terminal")
        for command in ["init", "demo", "list", "show", "add", "edit", "delete", "search", "import-csv", "export-csv"] {
            let help = try ncc.run([command, "--help"], useDefaultDatabase: true)
            #expect(help.status == 0 && help.out.contains("USAGE"), "\(command)")
        }
        #expect(try ncc.run(["add", "--help"], useDefaultDatabase: true).out.contains("--availability-days"))
        for shell in ["bash", "zsh", "fish"] {
            let script = try ncc.run(["--generate-completion-script", shell], useDefaultDatabase: true)
            #expect(script.status == 0 && script.out.contains("import-csv"), "\(shell)")
        }
    }

    @Test func controlCharactersInDataNeverReachTheTerminal() throws {
        try ncc.run(["add", "centre", "--name", "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J centre", "--country", "SI"])
        for arguments in [
            ["list", "centres"], ["show", "centre", "Evil"], ["search", "evil"], ["list", "centres", "--json"],
        ] {
            let result = try ncc.run(arguments)
            #expect(
                !result.out.contains("\u{1B}") && !result.out.contains("\u{07}") && !result.err.contains("\u{1B}"),
                "\(arguments)")
        }
    }
}

@Suite struct CountWordsCLITests {
    /// "1 record", "2 records": a count is followed by the noun English puts after it.
    @Test func demoRefusesADatabaseThatHoldsOneRecordOrTwoInPlainEnglish() throws {
        let ncc = try NCCProcess()
        #expect(try ncc.run(["add", "centre", "--name", "NCC Malta", "--country", "MT"]).status == 0)
        let one = try ncc.run(["demo"])
        #expect(one.status != 0 && one.err.contains("already holds 1 record; demo data"), "\(one.err)")
        #expect(try ncc.run(["add", "centre", "--name", "NCC Cyprus", "--country", "CY"]).status == 0)
        let two = try ncc.run(["demo"])
        #expect(two.status != 0 && two.err.contains("already holds 2 records; demo data"), "\(two.err)")
    }
}

@Suite struct MatchCLITests {
    @Test func matchPrintsRankedExpertsAsJSONAndNamesTheClosestNeedsWhenUnknown() throws {
        let ncc = try NCCProcess()
        #expect(try ncc.run(["demo"]).status == 0)
        let needs =
            try JSONSerialization.jsonObject(
                with: Data(try ncc.run(["list", "needs", "--json", "--limit", "1"]).out.utf8)) as? [[String: Any]]
        let title = try #require(needs?.first?["title"] as? String)
        let result = try ncc.run(["match", title, "--json", "--limit", "3"])
        #expect(result.status == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect((json["need"] as? [String: Any])?["title"] as? String == title)
        let matches = try #require(json["matches"] as? [[String: Any]])
        #expect(!matches.isEmpty && matches.count <= 3)
        let scores = matches.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >) && scores.allSatisfy { (0...1).contains($0) })
        let reasons = try #require(matches.first?["reasons"] as? [[String: Any]])
        #expect(
            reasons.contains {
                $0["factor"] as? String == "topics" && $0["contribution"] is Double && $0["detail"] is String
            })
        #expect(matches.first?["expert_id"] is String && matches.first?["name"] is String)

        let unknown = try ncc.run(["match", "Impact measurment framwork"])
        #expect(unknown.status != 0)
        #expect(
            unknown.err.hasPrefix("ncc: error: no need 'Impact measurment framwork'; the closest titles: '"),
            "\(unknown.err)")
        #expect(unknown.err.split(separator: "\n").count == 1)

        let reverse = try ncc.run(["match", "--expert", "Eglė Butkevičienė", "--limit", "2"])
        #expect(reverse.status == 0 && reverse.out.contains("Open needs for Eglė Butkevičienė"), "\(reverse.err)")
    }
}
