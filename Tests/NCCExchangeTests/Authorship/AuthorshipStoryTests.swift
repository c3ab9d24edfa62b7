import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

/// The stories of issue 17, each as it was tried with three replicas: what a trusted member who
/// relays others' operations could do before every operation was signed by its author.
@Suite struct AuthorshipStoryTests {
    /// What a manifest says of authors and revocations is checked before it is used or printed: a
    /// number out of range, an id with an escape sequence, a fingerprint not of its key.
    @Test func aHostileManifestsAuthorsAndRevocationsAreRefusedAsMalformed() throws {
        let members = try group()
        let (a, b) = (members["A"].replica, members["B"].replica)
        let opened = try members.open(try members.bundle(from: "A"))
        #expect((opened.manifest["authors"] as? [String: Any])?[b] != nil)
        var changes: [(inout [String: Any]) -> Void] = []
        for (key, value) in [("first", Int.min as Any), ("fingerprint", "\u{1b}[31m0000" as Any)] {
            changes.append { manifest in
                var authors = manifest["authors"] as? [String: Any] ?? [:]
                var author = authors[b] as? [String: Any] ?? [:]
                author[key] = value
                authors[b] = author
                manifest["authors"] = authors
            }
        }
        changes.append { manifest in
            manifest["revocations"] = [
                [
                    "replica": "evil\u{1b}]0;title\u{07}", "public_key": String(repeating: "A", count: 43) + "=",
                    "after": 1, "by": a, "signature": "AA==",
                ]
            ]
        }
        for change in changes {
            var hostile = opened
            change(&hostile.manifest)
            let refusal = try members.refusal(try members.resign(hostile, by: "A"), at: "C")
            #expect(refusal.hasSuffix("the manifest is malformed"), "\(refusal)")
            #expect(!refusal.contains("\u{1b}"))
        }
    }

    /// A, B and C trust one another; B made "NCC Honest"; everyone holds it.
    func group(_ names: [String] = ["A", "B", "C"]) throws -> Members {
        let members = try Members(names)
        try members["B"].store.write { try $0.create(.centre, ["name": .text("NCC Honest"), "country": .text("LT")]) }
        try members.meet()
        return members
    }

    /// A's own bundle, with a line added as B's next operation: "NCC Honest" renamed.
    func forgedRename(_ members: Members) throws -> (url: URL, seq: Int) {
        let honest = try #require(try members.centre(named: "NCC Honest", at: "A"))
        let b = members["B"].replica
        var opened = try members.open(try members.bundle(from: "A"))
        let bLines = opened.lines.filter { Members.field($0, "replica") as? String == b }
        let next = bLines.compactMap { Members.field($0, "seq") as? Int }.max()! + 1
        let stamp = Stamp(clock: UInt64(Date().timeIntervalSince1970 * 1000) << 16, replica: b).description
        opened.lines.append(
            try Members.edit(opened.lines[0]) { line in
                line = [
                    "fields": ["name": "NCC Forged"], "kind": "centre", "prev": [:] as [String: String],
                    "record": honest.id, "replica": b, "seq": next, "stamp": stamp,
                ]
            })
        return (try members.resign(opened, by: "A"), next)
    }

    @Test func aTrustedMemberCannotSlipInAnotherMembersOperation() throws {
        let members = try group()
        let (forged, seq) = try forgedRename(members)
        let refusal = try members.refusal(forged, at: "C")
        #expect(refusal.contains("operation \(seq) of replica \(members["B"].replica)"), "\(refusal)")
        #expect(refusal.contains("past"), "\(refusal)")
        #expect(try members.centre(named: "NCC Forged", at: "C") == nil)
    }

    @Test func aTrustedMemberCannotAlterOrDropAnotherMembersOperation() throws {
        let members = try group()
        try members["B"].store.write { w in
            for n in 1...3 { try w.create(.centre, ["name": .text("Centre \(n)"), "country": .text("SI")]) }
        }
        try members.deliver(try members.bundle(from: "B"), to: "A")
        let b = members["B"].replica
        let opened = try members.open(try members.bundle(from: "A"))
        let bIndexes = opened.lines.indices.filter { Members.field(opened.lines[$0], "replica") as? String == b }
        #expect(bIndexes.count >= 4)

        var altered = opened
        altered.lines[bIndexes[1]] = altered.lines[bIndexes[1]].replacingOccurrences(
            of: "Centre 1", with: "Centre One")
        let alteredRefusal = try members.refusal(try members.resign(altered, by: "A"), at: "C")
        #expect(alteredRefusal.contains("of replica \(b) do not match \(b)'s signed checkpoint"), "\(alteredRefusal)")

        // The last one left out: the checkpoint covers it, so the chain comes up short.
        var dropped = opened
        dropped.lines.remove(at: bIndexes.last!)
        let droppedRefusal = try members.refusal(try members.resign(dropped, by: "A"), at: "C")
        #expect(droppedRefusal.contains("some were left out"), "\(droppedRefusal)")

        // A checkpoint of B's moved on and signed by A instead: the signature is not B's.
        var resigned = opened
        var authors = resigned.manifest["authors"] as! [String: Any]
        var author = authors[b] as! [String: Any]
        var checkpoint = author["checkpoint"] as! [String: Any]
        checkpoint["signature"] = try members["A"].identity.sign(Data("anything".utf8)).base64EncodedString()
        author["checkpoint"] = checkpoint
        authors[b] = author
        resigned.manifest["authors"] = authors
        let signatureRefusal = try members.refusal(try members.resign(resigned, by: "A"), at: "C")
        #expect(signatureRefusal.contains("is not signed by \(b)'s key"), "\(signatureRefusal)")
    }

    /// The forged line carried the number of B's real next change: refused, it takes nothing
    /// from B, whose own bundle then brings the real change.
    @Test func aForgeryDoesNotCostTheAuthorsRealChangeUnderTheSameNumber() throws {
        let members = try group()
        let (forged, seq) = try forgedRename(members)
        _ = try members.refusal(forged, at: "C")
        let honest = try #require(try members.centre(named: "NCC Honest", at: "B"))
        try members["B"].store.write {
            try $0.update(.centre, id: honest.id, ["website": .text("https://honest.example.eu")])
        }
        #expect(try members["B"].store.read { try $0.knowledge()[members["B"].replica] } == seq)
        let summary = try members.deliver(try members.bundle(from: "B"), to: "C")
        #expect(summary.applied == 1)
        let atC = try #require(try members.centre(named: "NCC Honest", at: "C"))
        #expect(atC.values["website"] == .text("https://honest.example.eu"))
    }

    @Test func aRevokedAuthorsOperationIsRefusedWhoeverRelaysIt() throws {
        let members = try group(["A", "B", "C", "E"])
        let e = members["E"].replica
        // C revokes E; E's next change reaches A, who trusts E; A's bundle reaches C.
        let c = members["C"]
        try c.store.write { w in
            var peer = try #require(try w.reader.peer(e))
            peer.revoked = true
            peer.trusted = false
            try w.savePeer(peer)
            try w.saveRevocation(
                try c.identity.revocation(of: e, key: peer.publicKey, after: try w.reader.knowledge()[e] ?? 0))
        }
        try members["E"].store.write { try $0.create(.centre, ["name": .text("NCC Evil"), "country": .text("FR")]) }
        try members.deliver(try members.bundle(from: "E"), to: "A")
        #expect(try members.centre(named: "NCC Evil", at: "A") != nil)
        let summary = try members.deliver(try members.bundle(from: "A"), to: "C")
        #expect(summary.refused[e] == 1)
        #expect(try members.centre(named: "NCC Evil", at: "C") == nil)

        // The revocation travels in C's bundles: A, who trusts C, learns it and refuses E from now on.
        try members.deliver(try members.bundle(from: "C"), to: "A")
        #expect(try members["A"].store.read { try $0.peer(e) }?.revoked == true)
        try members["E"].store.write { try $0.create(.centre, ["name": .text("NCC Evil 2"), "country": .text("FR")]) }
        #expect(throws: BundleError.self) { try members.deliver(try members.bundle(from: "E"), to: "A") }
        #expect(try members.centre(named: "NCC Evil 2", at: "A") == nil)
    }

    /// A and B have met, A and C have met, B and C never have: B's new centre reaches C in A's
    /// bundle. Returns what C's import of it did.
    func farCentreReachesCThroughA() throws -> (Members, ReceiveSummary) {
        let members = try Members(["A", "B", "C"])
        for (one, other) in [("A", "B"), ("A", "C")] {
            try members.deliver(try members.bundle(from: one), to: other)
            try members.deliver(try members.bundle(from: other), to: one)
        }
        try members["B"].store.write { try $0.create(.centre, ["name": .text("NCC Far"), "country": .text("EE")]) }
        try members.deliver(try members.bundle(from: "B"), to: "A")
        return (members, try members.deliver(try members.bundle(from: "A"), to: "C"))
    }

    /// A member met only through another's bundle: its key is introduced, its operations wait
    /// aside until it is confirmed, then they apply; nothing is dropped.
    @Test func anIntroducedAuthorsOperationsWaitUntilItsKeyIsConfirmed() throws {
        let (members, summary) = try farCentreReachesCThroughA()
        let b = members["B"].replica
        #expect(summary.waiting[b] == 1)
        #expect(try members.centre(named: "NCC Far", at: "C") == nil)
        let peer = try #require(try members["C"].store.read { try $0.peer(b) })
        #expect(peer.introducedBy == members["A"].replica && !peer.trusted)
        #expect(try members["C"].store.read { try $0.waitingCounts() }.map(\.count) == [1])

        try members["C"].store.write { w in
            var confirmed = peer
            confirmed.trusted = true
            try w.savePeer(confirmed)
        }
        #expect(try BundleImporter(store: members["C"].store).releaseWaiting() == 1)
        #expect(try members.centre(named: "NCC Far", at: "C") != nil)
        #expect(try members["C"].store.read { try $0.waitingCount() } == 0)
    }

    /// An import that applied operations which had waited, undone: they wait again, listed as
    /// before, and nothing is lost.
    @Test func undoingAnImportThatReleasedWaitingOperationsSetsThemAsideAgain() throws {
        let (members, _) = try farCentreReachesCThroughA()
        let c = members["C"].store
        #expect(try c.read { try $0.waitingCount() } == 1)
        // C meets B directly: B's own bundle applies what waited, as part of that import.
        let summary = try members.deliver(try members.bundle(from: "B"), to: "C")
        #expect(summary.applied + summary.released >= 1)
        #expect(try members.centre(named: "NCC Far", at: "C") != nil)
        #expect(try c.read { try $0.waitingCount() } == 0)
        try c.write { _ = try $0.undoLastImport() }
        #expect(try members.centre(named: "NCC Far", at: "C") == nil)
        #expect(try c.read { try $0.waitingCount() } == 1, "B's operation waits again, as before that import")
    }

    /// Contacts withheld from a bundle and a person forgotten leave every chain verifiable: the
    /// commitments travel where the values do not.
    @Test func withheldContactsAndForgottenPeopleKeepTheChainVerifiable() throws {
        let members = try group()
        var egle = ""
        try members["B"].store.write { w in
            egle = try w.create(
                .person,
                ["name": .text("Eglė Butkevičienė"), "email": .text("egle@example.lt"), "shareable": .bool(false)])
            try w.create(
                .person, ["name": .text("Žiga Novak"), "phone": .text("+386 1 234"), "shareable": .bool(true)])
        }
        try members.deliver(try members.bundle(from: "B"), to: "A")
        // A never got Eglė's e-mail, and relays B's operations to C: they verify.
        #expect(try members["A"].store.read { try $0.record(.person, id: egle) }?.values["email"] == .null)
        try members.deliver(try members.bundle(from: "A"), to: "C")
        // B forgets Žiga; the erasure travels, and a relay of the scrubbed log still verifies.
        let ziga = try #require(
            try members["B"].store.read { try $0.list(.person, limit: 10) }
                .first { $0.values["name"] == .text("Žiga Novak") })
        try members["B"].store.write { try $0.forget(person: ziga.id) }
        try members.deliver(try members.bundle(from: "B"), to: "A")
        let relayed = try members.bundle(from: "A")
        let fresh = try Members(["D"])
        let d = fresh["D"]
        let bundle = try BundleReader.read(relayed.path, scratch: fresh.folder)
        defer { bundle.discard() }
        #expect(bundle.manifest.authors?[members["B"].replica] != nil)
        _ = try BundleImporter(store: d.store).apply(bundle, trust: true)
        let names = try d.store.read { try $0.list(.person, limit: 10) }.compactMap { $0.values["name"]?.text }
        #expect(!names.contains("Žiga Novak"))
        #expect(!(try Data(contentsOf: relayed).isEmpty))
        let text = try members.open(relayed).lines.joined()
        #expect(!text.contains("egle@example.lt") && !text.contains("+386 1 234") && !text.contains("Žiga Novak"))
    }

    /// Version 1 still reads: the producer's operations apply as before, relayed ones wait as
    /// unverified until their author's own bundle brings them.
    @Test func aVersionOneBundleAppliesItsProducersOperationsAndHoldsRelayedOnesAside() throws {
        let members = try group()
        try members["B"].store.write { try $0.create(.centre, ["name": .text("NCC Relayed"), "country": .text("PL")]) }
        try members.deliver(try members.bundle(from: "B"), to: "A")
        try members["A"].store.write { try $0.create(.centre, ["name": .text("NCC Own"), "country": .text("PT")]) }
        var opened = try members.open(try members.bundle(from: "A", for: ["C"], full: false).unsealedCopy(members, "C"))
        opened.manifest["version"] = 1
        for key in ["authors", "revocations"] { opened.manifest[key] = nil }
        opened.lines = try opened.lines.map { line in
            try Members.edit(line) { object in
                object["hidden"] = nil
                object["salts"] = nil
            }
        }
        let v1 = try members.resign(opened, by: "A")
        let bundle = try BundleReader.read(v1.path, scratch: members.folder)
        #expect(bundle.manifest.version == 1)
        bundle.discard()
        let summary = try members.deliver(v1, to: "C")
        #expect(try members.centre(named: "NCC Own", at: "C") != nil)
        #expect(try members.centre(named: "NCC Relayed", at: "C") == nil)
        #expect(summary.waiting[members["B"].replica] == 1)
        let reason = try members["C"].store.read { try $0.waitingOperations() }.first?.reason ?? ""
        #expect(reason.contains("unverified"))
        // B's own bundle verifies the same operation: applied, and no longer waiting.
        try members.deliver(try members.bundle(from: "B"), to: "C")
        #expect(try members.centre(named: "NCC Relayed", at: "C") != nil)
        #expect(try members["C"].store.read { try $0.waitingCount() } == 0)
    }

    @Test func aSealedBundleOpensOnlyForItsRecipientsAndRefusesAnyFlippedByte() throws {
        let members = try group()
        try members["A"].store.write { try $0.create(.centre, ["name": .text("NCC Sealed"), "country": .text("IE")]) }
        let sealed = try members.bundle(from: "A", for: ["B"], full: false)
        #expect(Seal.isSealed(sealed))
        let refusal = try members.refusal(sealed, at: "C")
        let fingerprint = try #require(members["B"].identity.sealing?.fingerprint)
        #expect(refusal.hasSuffix("sealed for \(fingerprint.prefix(4))…; not for this replica"), "\(refusal)")
        // Every tenth byte flipped in turn: each copy refused, B unchanged.
        let bytes = try Data(contentsOf: sealed)
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
            var flipped = bytes
            flipped[position] ^= 0x5A
            let url = members.file("flipped.nccbundle")
            try flipped.write(to: url)
            _ = try members.refusal(url, at: "B")
        }
        try members.deliver(sealed, to: "B")
        #expect(try members.centre(named: "NCC Sealed", at: "B") != nil)
        // Nothing personal, nothing readable in the file itself.
        #expect(!(String(decoding: bytes, as: UTF8.self).contains("NCC Sealed")))
    }
}

extension URL {
    /// The signed bundle inside a sealed one, opened with `member`'s key, as a file of its own.
    func unsealedCopy(_ members: Members, _ member: String) throws -> URL {
        let opened = members.file("opened.nccbundle")
        try Seal.open(self, with: try #require(members[member].identity.sealing), into: opened)
        return opened
    }
}
