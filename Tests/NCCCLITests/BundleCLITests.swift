import Foundation
import Testing

/// Two members exchanging bundles with the real binary: identity, trust, incremental export,
/// conflicts settled on one side and travelling to the other, privacy and `forget`, a shared folder.
@Suite struct BundleCLITests {
    let ncc: NCCProcess
    let ana: [String], ben: [String]

    init() throws {
        ncc = try NCCProcess()
        ana = ["--db", ncc.file("ana.sqlite")]
        ben = ["--db", ncc.file("ben.sqlite")]
    }

    func run(_ who: [String], _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> NCCProcess.Result
    {
        let result = try ncc.run(arguments + who, useDefaultDatabase: true)
        return result
    }

    func ok(_ who: [String], _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String
    {
        let result = try run(who, arguments)
        #expect(
            result.status == 0, "ncc \(arguments.joined(separator: " ")): \(result.err)", sourceLocation: sourceLocation
        )
        return result.out
    }

    @Test func twoMembersExchangeTrustSettleAConflictAndKeepContactsPrivate() throws {
        let whoami = try ok(ana, ["whoami"])
        let fingerprint = try #require(
            whoami.split(separator: "\n").first { $0.hasPrefix("Fingerprint:") }?.dropFirst("Fingerprint:".count)
                .trimmingCharacters(in: .whitespaces))
        let keyFile = try #require(
            whoami.split(separator: "\n").first { $0.hasPrefix("Key file:") }?.dropFirst("Key file:".count)
                .trimmingCharacters(in: .whitespaces))
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600, "the private key is readable by its owner only")

        _ = try ok(ana, ["add", "centre", "--name", "NCC Lietuva", "--country", "LT"])
        _ = try ok(
            ana,
            [
                "add", "person", "--name", "Eglė Butkevičienė", "--email", "egle@example.org", "--phone",
                "+370 600 00000",
            ])
        _ = try ok(ana, ["add", "person", "--name", "Žiga Novak", "--email", "ziga@example.org", "--shareable"])
        _ = try ok(ana, ["export", ncc.file("ana1.nccbundle"), "--unsealed"])

        // Not yet trusted: refused with the fingerprint, nothing written.
        let refused = try run(ben, ["import", ncc.file("ana1.nccbundle")])
        #expect(refused.status != 0)
        #expect(refused.err.contains(fingerprint) && refused.err.contains("--trust"), "\(refused.err)")
        #expect(try ok(ben, ["list", "centres"]).contains("No centres yet"))

        let inspected = try ok([], ["inspect", ncc.file("ana1.nccbundle")])
        #expect(inspected.contains("Signature:   good") && inspected.contains("Operations:  3"), "\(inspected)")
        #expect(inspected.contains("(format 2, not sealed)"), "\(inspected)")
        let imported = try ok(ben, ["import", ncc.file("ana1.nccbundle"), "--trust"])
        #expect(imported.contains("Applied 3 new operations") && imported.contains("now trusted"), "\(imported)")
        #expect(try ok(ben, ["list", "centres"]).contains("NCC Lietuva"))
        // Eglė did not agree to share her contacts: her name travels, her e-mail and phone do not.
        let egle = try ok(ben, ["show", "person", "Eglė Butkevičienė", "--json"])
        #expect(!egle.contains("egle@example.org") && !egle.contains("+370"), "\(egle)")
        #expect(try ok(ben, ["show", "person", "Žiga Novak", "--json"]).contains("ziga@example.org"))

        // Both edit the same field without seeing each other's edit: a conflict, on both sides.
        _ = try ok(ana, ["edit", "centre", "NCC Lietuva", "--description", "Ana's minutes of the Vilnius visit"])
        _ = try ok(ben, ["edit", "centre", "NCC Lietuva", "--description", "Ben's notes from Kaunas"])
        _ = try ok(ben, ["export", ncc.file("ben1.nccbundle"), "--unsealed"])
        let withConflict = try ok(ana, ["import", ncc.file("ben1.nccbundle"), "--trust"])
        #expect(
            withConflict.contains("centres: 1 updated, 1 conflict\n")
                && withConflict.contains("1 conflicting value kept: see 'ncc conflicts'"), "\(withConflict)")
        let anaPeers = try ok(ana, ["peers"])
        let benReplica = try #require(anaPeers.split(separator: " ").first.map(String.init))
        _ = try ok(ana, ["export", ncc.file("ana2.nccbundle"), "--for", String(benReplica.prefix(6))])
        let incremental = try ok(ben, ["inspect", ncc.file("ana2.nccbundle")])
        #expect(incremental.contains("Operations:  1"), "only Ana's edit, not what Ben holds: \(incremental)")
        #expect(incremental.contains("(format 2, sealed)") && incremental.contains("Sealed for:  \(benReplica)"))
        // Anyone else who finds the file learns for whom it is sealed, and nothing more.
        let stranger = try ok([], ["inspect", ncc.file("ana2.nccbundle")])
        #expect(stranger.contains("not readable here") && !stranger.contains("Operations"), "\(stranger)")
        _ = try ok(ben, ["import", ncc.file("ana2.nccbundle")])

        let anaConflicts = try ok(ana, ["conflicts"])
        let benConflicts = try ok(ben, ["conflicts"])
        #expect(anaConflicts == benConflicts, "both see the same conflict")
        #expect(anaConflicts.contains("Ana's minutes") && anaConflicts.contains("Ben's notes"), "\(anaConflicts)")
        let stamp = try #require(anaConflicts.split(separator: "(stamp ").last?.prefix(16))
        let showBefore = try ok(ana, ["show", "centre", "NCC Lietuva", "--json"])
        let losing = showBefore.contains("Ana's minutes") ? "Ben's notes" : "Ana's minutes"
        _ = try ok(ana, ["conflicts", "resolve", try centreID(), "description", "--take", String(stamp)])
        #expect(try ok(ana, ["conflicts"]).contains("No conflicts."))
        _ = try ok(ana, ["export", ncc.file("ana3.nccbundle"), "--for", String(benReplica)])
        _ = try ok(ben, ["import", ncc.file("ana3.nccbundle")])
        #expect(try ok(ben, ["conflicts"]).contains("No conflicts."), "the resolution travelled")
        #expect(try ok(ben, ["show", "centre", "NCC Lietuva", "--json"]).contains(losing))

        // Forget: erased here, then at the peer through the next bundle, history included.
        _ = try ok(ana, ["forget", "Žiga Novak"])
        _ = try ok(ana, ["export", ncc.file("ana4.nccbundle"), "--for", String(benReplica)])
        _ = try ok(ben, ["import", ncc.file("ana4.nccbundle")])
        #expect(!(try ok(ben, ["list", "people"])).contains("Žiga"))
        _ = try ok(ben, ["export", ncc.file("ben-full.nccbundle"), "--full", "--unsealed"])
        let unzip = try ChildProcess.run(
            "unzip", ["-p", ncc.file("ben-full.nccbundle"), "ops.jsonl"], outputPath: ncc.file("ops.txt"), timeout: 30)
        #expect(unzip == 0)
        let ops = try String(contentsOfFile: ncc.file("ops.txt"), encoding: .utf8)
        #expect(!ops.contains("ziga@example.org") && !ops.contains("Žiga"), "no trace of Žiga in Ben's history")
        #expect(!ops.contains("egle@example.org"), "Eglė's e-mail never left Ana's machine")
    }

    /// Three members with the real binary: Cleo meets Ben only through Ana's bundle. Ben's change
    /// waits at Cleo, listed by `ncc peers`, until `ncc peers trust` confirms his key; Cleo's
    /// revocation of Ben travels to Ana, whose bundles then carry nothing more of Ben's.
    @Test func anIntroducedKeyWaitsForConfirmationAndARevocationTravels() throws {
        let cleo = ["--db", ncc.file("cleo.sqlite")]
        func replica(_ who: [String]) throws -> String {
            try #require(
                try ok(who, ["whoami"]).split(separator: "\n").first { $0.hasPrefix("Replica:") }?
                    .dropFirst("Replica:".count).trimmingCharacters(in: .whitespaces))
        }
        let (anaID, benID, cleoID) = (try replica(ana), try replica(ben), try replica(cleo))
        // Ana meets Ben and Cleo; they send her sealed bundles from then on.
        for (who, name) in [(ben, "ben0"), (cleo, "cleo0")] {
            _ = try ok(who, ["export", ncc.file("\(name).nccbundle"), "--unsealed"])
            _ = try ok(ana, ["import", ncc.file("\(name).nccbundle"), "--trust"])
        }
        _ = try ok(ana, ["export", ncc.file("ana0.nccbundle"), "--unsealed"])
        for who in [ben, cleo] { _ = try ok(who, ["import", ncc.file("ana0.nccbundle"), "--trust"]) }

        _ = try ok(ben, ["add", "centre", "--name", "NCC Eesti", "--country", "EE"])
        _ = try ok(ben, ["export", ncc.file("ben1.nccbundle"), "--for", anaID])
        _ = try ok(ana, ["import", ncc.file("ben1.nccbundle")])
        _ = try ok(ana, ["export", ncc.file("ana1.nccbundle"), "--for", cleoID, "--for", benID])
        let imported = try ok(cleo, ["import", ncc.file("ana1.nccbundle")])
        #expect(imported.contains("1 operation of replica \(benID) waits aside"), "\(imported)")
        #expect(!(try ok(cleo, ["list", "centres"])).contains("NCC Eesti"))
        let peers = try ok(cleo, ["peers"])
        #expect(peers.contains("\(benID) introduced by \(anaID)"), "\(peers)")
        #expect(peers.contains("waiting: 1 operation of \(benID) (from \(anaID)'s bundle)"), "\(peers)")
        let trusted = try ok(cleo, ["peers", "trust", benID])
        #expect(trusted.contains("applied 1 operation that waited"), "\(trusted)")
        #expect(try ok(cleo, ["list", "centres"]).contains("NCC Eesti"))

        // Cleo revokes Ben; her next bundle tells Ana, who trusts her.
        _ = try ok(cleo, ["peers", "revoke", benID])
        _ = try ok(cleo, ["export", ncc.file("cleo1.nccbundle"), "--for", anaID])
        let inspected = try ok(ana, ["inspect", ncc.file("cleo1.nccbundle")])
        #expect(inspected.contains("Revocation:  \(benID)'s key") && inspected.contains("by \(cleoID)"), "\(inspected)")
        _ = try ok(ana, ["import", ncc.file("cleo1.nccbundle")])
        #expect(try ok(ana, ["peers"]).contains("\(benID) revoked"))
        _ = try ok(ben, ["add", "centre", "--name", "NCC Revoked", "--country", "EE"])
        _ = try ok(ben, ["export", ncc.file("ben2.nccbundle"), "--for", anaID])
        let refused = try run(ana, ["import", ncc.file("ben2.nccbundle")])
        #expect(refused.status != 0 && refused.err.contains("revoked"), "\(refused.err)")
        #expect(!(try ok(ana, ["list", "centres"])).contains("NCC Revoked"))
    }

    /// `ncc peers` tells when this machine last imported from and exported to each peer, by its own
    /// clock (a fresh database's logical clock is still at 1970), and counts say "1 operation".
    @Test func peersShowWhenThisMachineLastImportedAndExportedAndCountsAreEnglish() throws {
        _ = try ok(ana, ["add", "centre", "--name", "NCC Lietuva", "--country", "LT"])
        let exported = try ok(ana, ["export", ncc.file("one.nccbundle"), "--unsealed"])
        #expect(exported.contains(": 1 operation (everything), ") && exported.contains(" bytes, signed"), "\(exported)")
        #expect(
            try ok(ben, ["import", ncc.file("one.nccbundle"), "--dry-run", "--trust"]).contains(
                "Would apply 1 new operation from"))

        let beforeImport = Date()
        let imported = try ok(ben, ["import", ncc.file("one.nccbundle"), "--trust"])
        let afterImport = Date()
        #expect(
            imported.contains("Applied 1 new operation from") && imported.contains("centres: 1 added"), "\(imported)")
        var peers = try ok(ben, ["peers"])
        #expect(peers.contains("last export never"), "\(peers)")
        try expectTime(after: "last import ", in: peers, between: beforeImport, afterImport)
        let anaReplica = try #require(peers.split(separator: " ").first.map(String.init))

        // Ben has made nothing of his own: what Ana lacks is nothing, and the time is still now.
        let beforeExport = Date()
        let reply = try ok(ben, ["export", ncc.file("for-ana.nccbundle"), "--for", anaReplica])
        let afterExport = Date()
        #expect(reply.contains(": 0 operations (what \(anaReplica) lacks), "), "\(reply)")
        peers = try ok(ben, ["peers"])
        try expectTime(after: "last export ", in: peers, between: beforeExport, afterExport)
        try expectTime(after: "last import ", in: peers, between: beforeImport, afterImport)

        _ = try ok(ana, ["add", "centre", "--name", "NCC Latvija", "--country", "LV"])
        _ = try ok(ana, ["add", "centre", "--name", "NCC Eesti", "--country", "EE"])
        _ = try ok(ana, ["export", ncc.file("three.nccbundle"), "--unsealed"])
        let more = try ok(ben, ["import", ncc.file("three.nccbundle")])
        #expect(more.contains("Applied 2 new operations from") && more.contains("1 already held"), "\(more)")
        #expect(more.contains("centres: 2 added"), "\(more)")
    }

    /// The UTC time after `label` in `text` lies between `start` and `end` (to the second).
    func expectTime(
        after label: String, in text: String, between start: Date, _ end: Date,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let word = try #require(
            text.split(separator: label).dropFirst().first?.prefix { $0 != "," && $0 != "\n" }, "\(text)",
            sourceLocation: sourceLocation)
        let time = try #require(
            ISO8601DateFormatter().date(from: String(word)), "\(word)", sourceLocation: sourceLocation)
        #expect(
            time >= start.addingTimeInterval(-1) && time <= end.addingTimeInterval(1),
            "\(label)\(word), not between \(start) and \(end)", sourceLocation: sourceLocation)
    }

    func centreID() throws -> String {
        let json = try ok(ana, ["list", "centres", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return try #require(rows.first?["id"] as? String)
    }

    /// An import is undone from the log, with no copy of the database made for it.
    @Test func undoImportTakesTheLastImportBackOut() throws {
        _ = try ok(ana, ["add", "centres", "--name", "NCC Malta", "--country", "MT"])
        _ = try ok(ana, ["export", ncc.file("ana.nccbundle"), "--unsealed"])
        let imported = try ok(ben, ["import", ncc.file("ana.nccbundle"), "--trust"])
        #expect(imported.contains("Applied 1 new operation"), "\(imported)")
        #expect(!FileManager.default.fileExists(atPath: ncc.file("ben.sqlite.backups")), "no whole copy")
        #expect(try ok(ben, ["list", "centres"]).contains("NCC Malta"))
        let undone = try ok(ben, ["undo-import"])
        #expect(undone.hasPrefix("Undid the import of ana.nccbundle from "), "\(undone)")
        #expect(undone.contains("1 operation taken out, 0 records rebuilt"))
        #expect(!(try ok(ben, ["list", "centres"]).contains("NCC Malta")))
        let again = try run(ben, ["undo-import"])
        #expect(again.status != 0 && again.err == "ncc: error: there is no import to undo\n", "\(again.err)")
        // --backup still copies the whole database aside first, for those who want both.
        _ = try ok(ben, ["import", ncc.file("ana.nccbundle"), "--trust", "--backup"])
        #expect(FileManager.default.fileExists(atPath: ncc.file("ben.sqlite.backups")))
    }

    @Test func aSharedFolderCarriesTheExchangeAndAnUnchangedBundleIsSkipped() throws {
        let folder = ncc.file("shared")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try ok(ana, ["add", "centre", "--name", "NCC Slovenija", "--country", "SI"])
        _ = try ok(ana, ["sync", "--folder", folder, "--unsealed"])
        _ = try ok(ben, ["add", "task", "--title", "Map the funders"])
        let first = try ok(ben, ["sync", "--folder", folder, "--trust"])
        #expect(first.contains("Applied 1 new operation from"), "\(first)")
        _ = try ok(ana, ["sync", "--folder", folder, "--trust"])
        #expect(try ok(ana, ["list", "tasks"]).contains("Map the funders"))
        #expect(try ok(ben, ["list", "centres"]).contains("NCC Slovenija"))
        // Ana's bundle changed (it now holds Ben's task too); once imported, it is skipped.
        _ = try ok(ben, ["sync", "--folder", folder])
        let again = try ok(ben, ["sync", "--folder", folder])
        #expect(again.contains("unchanged since the last sync"), "\(again)")
    }

    @Test func badBundlesGetOneLineAndChangeNothing() throws {
        _ = try ok(ben, ["add", "centre", "--name", "NCC Malta", "--country", "MT"])
        // Opening a database may touch its header (SQLite's WAL set-up): the bytes are taken after one.
        _ = try ok(ben, ["list", "centres"])
        let before = try Data(contentsOf: URL(fileURLWithPath: ncc.file("ben.sqlite")))
        let notZip = try ncc.write("junk.nccbundle", "this is not a zip\n")
        for (file, phrase) in [(notZip, "damaged or truncated"), (ncc.file("missing.nccbundle"), "no such file")] {
            let result = try run(ben, ["import", file, "--trust"])
            #expect(result.status != 0)
            #expect(result.err.split(separator: "\n").count == 1 && result.err.contains(phrase), "\(result.err)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: ncc.file("ben.sqlite"))) == before)
    }
}
