import Crypto
import Foundation
import NCCExchange
import NCCModel
import NCCStore
import Testing
import ZIPFoundation

/// Every way a bundle must be refused: each refusal is one line that says why, and the receiving
/// database is exactly as it was (the bytes of its file and its write-ahead log, and its data).
/// Hostile bundles are built entry by entry from a good one with the same zip library.
@Suite struct BundleRejectionTests {
    // MARK: - The zip itself

    @Test func aTruncatedZipIsRefused() throws {
        let world = try BundleWorld()
        let good = try world.goodBundle()
        let bytes = try Data(contentsOf: good)
        let truncated = world.file("truncated.nccbundle")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let message = try world.expectRefusal(truncated, containing: "truncated")
        #expect(message.contains("truncated.nccbundle"))
    }

    @Test func corruptBytesInsideTheCompressedOperationsAreRefused() throws {
        let world = try BundleWorld()
        let good = try world.goodBundle()
        var bytes = try Data(contentsOf: good)
        let (start, length) = try Zip.dataRange(of: "ops.jsonl", in: good)
        #expect(length > 64, "ops.jsonl should hold enough compressed bytes to damage its middle")
        let middle = start + length / 2
        for i in middle..<middle + 8 { bytes[i] ^= 0xA5 }
        let damaged = world.file("damaged.nccbundle")
        try bytes.write(to: damaged)
        // Depending on the bytes, inflating fails ("ops.jsonl is damaged (…)") or yields other
        // bytes, which the hash catches ("… (altered or damaged)"). ZIPFoundation's
        // extract(_:consumer:) returns the CRC-32 without comparing it, so the reader's
        // "do not match the zip's checksum" wording is never what refuses such a bundle.
        let message = try world.expectRefusal(damaged, containing: "damaged")
        #expect(message.contains("ops.jsonl"))
    }

    @Test func entryNamesOutsideTheBundleAreRefused() throws {
        for hostile in ["../evil", "/abs", "ops/../../evil", "a\\b"] {
            let world = try BundleWorld()
            var entries = try Zip.entries(of: try world.goodBundle())
            entries.insert(.init(name: hostile, data: Data("pwned\n".utf8)), at: 0)
            let path = world.file("outside.nccbundle")
            try Zip.write(entries, to: path)
            let message = try world.expectRefusal(path, containing: "outside")
            #expect(message.contains(hostile), "the message names the entry: \(message)")
        }
    }

    @Test func aSymbolicLinkEntryIsRefused() throws {
        let world = try BundleWorld()
        var entries = try Zip.entries(of: try world.goodBundle())
        // The manifest replaced by a link to a file of the receiving machine.
        entries.removeAll { $0.name == "manifest.json" }
        entries.insert(.init(name: "manifest.json", data: Data("/etc/passwd".utf8), type: .symlink), at: 0)
        let path = world.file("symlink.nccbundle")
        try Zip.write(entries, to: path)
        try world.expectRefusal(path, containing: "symbolic link")
    }

    @Test func aZipBombEntryIsRefused() throws {
        let world = try BundleWorld()
        var entries = try Zip.entries(of: try world.goodBundle())
        // 10 MB of zeros deflate to about 10 KB: a thousand to one.
        let zeros = Data(count: 10 << 20)
        entries = entries.map { $0.name == "ops.jsonl" ? .init(name: "ops.jsonl", data: zeros) : $0 }
        let path = world.file("bomb.nccbundle")
        try Zip.write(entries, to: path)
        try world.expectRefusal(path, containing: "100:1")
    }

    @Test func aDuplicatedEntryIsRefused() throws {
        let world = try BundleWorld()
        let entries = try Zip.entries(of: try world.goodBundle())
        let manifest = try #require(entries.first { $0.name == "manifest.json" })
        let path = world.file("twice.nccbundle")
        try Zip.write(entries + [manifest], to: path)
        let message = try world.expectRefusal(path, containing: "twice")
        #expect(message.contains("manifest.json"))
    }

    @Test func anUnknownOrMissingEntryIsRefused() throws {
        let world = try BundleWorld()
        let entries = try Zip.entries(of: try world.goodBundle())
        let extra = world.file("extra.nccbundle")
        try Zip.write(entries + [.init(name: "README.txt", data: Data("hello\n".utf8))], to: extra)
        try world.expectRefusal(extra, containing: "unknown entry 'README.txt'")
        let missing = world.file("missing.nccbundle")
        try Zip.write(entries.filter { $0.name != "signature" }, to: missing)
        try world.expectRefusal(missing, containing: "not an ncc bundle")
    }

    // MARK: - The manifest and the signature

    @Test func aNewerFormatVersionAsksForANewerNcc() throws {
        let world = try BundleWorld()
        let path = try world.withManifest("v3.nccbundle") { $0["version"] = 3 }
        let message = try world.expectRefusal(path, containing: "newer ncc")
        #expect(message.contains("upgrade"))
    }

    @Test func anotherFormatIsNotAnNccBundle() throws {
        let world = try BundleWorld()
        let path = try world.withManifest("other.nccbundle") { $0["format"] = "other-bundle" }
        try world.expectRefusal(path, containing: "not an ncc bundle")
    }

    @Test func alteredOperationsFailTheHash() throws {
        let world = try BundleWorld()
        let good = try world.goodBundle()
        var entries = try Zip.entries(of: good)
        let index = try #require(entries.firstIndex { $0.name == "ops.jsonl" })
        let text = String(decoding: entries[index].data, as: UTF8.self)
        #expect(text.contains("NCC Lithuania"))
        // Same length, one letter changed: only the hash can tell.
        entries[index].data = Data(text.replacingOccurrences(of: "NCC Lithuania", with: "NCC Lithuanix").utf8)
        let path = world.file("altered-ops.nccbundle")
        try Zip.write(entries, to: path)
        try world.expectRefusal(path, containing: "hash")

        // A line added: longer than the manifest says.
        entries[index].data = Data((text + text.split(separator: "\n")[0] + "\n").utf8)
        let longer = world.file("longer-ops.nccbundle")
        try Zip.write(entries, to: longer)
        try world.expectRefusal(longer, containing: "longer than its manifest says")
    }

    @Test func aManifestAlteredAfterSigningFailsTheSignature() throws {
        let world = try BundleWorld()
        // It claims to hold more than it does (a receiver would then never ask for the rest).
        let path = try world.withManifest("altered-manifest.nccbundle") { manifest in
            manifest["knowledge"] = [world.sender.replicaID: 1_000_000]
        }
        try world.expectRefusal(path, containing: "signature")

        // The same bytes, a signature that is not base64 at all.
        var entries = try Zip.entries(of: try world.goodBundle())
        entries = entries.map {
            $0.name == "signature" ? .init(name: "signature", data: Data("not a signature\n".utf8)) : $0
        }
        let garbled = world.file("garbled-signature.nccbundle")
        try Zip.write(entries, to: garbled)
        try world.expectRefusal(garbled, containing: "signature")
    }

    @Test func aKnownReplicaSignedByAnotherKeyIsRefused() throws {
        let world = try BundleWorld()
        // The receiver knows the sender and its key.
        let real = try BundleReader.read(world.goodBundle().path, scratch: world.scratch)
        _ = try BundleImporter(store: world.receiver).apply(real, trust: true, backups: nil)
        real.discard()
        // Someone else signs, validly, with their own key but the sender's replica name.
        let ops = try #require(try Zip.entries(of: world.goodBundle()).first { $0.name == "ops.jsonl" }).data
        let path = try world.forged("impostor.nccbundle", operations: ops, replica: world.sender.replicaID)
        try world.expectRefusal(path, containing: "known with another key")
    }

    // MARK: - The lines of ops.jsonl (validly signed, by a key made here for the purpose)

    // BundleWriter signs only with an Identity, whose private key is internal. But the reader
    // checks the signature against the key the manifest names; trust is the importer's business.
    // So any key can sign a bundle whose lines are bad, and the reader must still refuse it.

    @Test func aMalformedLineIsRefusedWithItsNumber() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        try #require(lines.count >= 3)
        lines.insert("{\"kind\": \"centre\", oops", at: 2)
        let path = try world.forged("bad-line.nccbundle", lines: lines)
        let message = try world.expectRefusal(path, containing: "ops.jsonl line 3:")
        #expect(message.contains("not an operation"))
    }

    @Test func lineNumbersCountBlankLines() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        lines.insert("", at: 1)
        lines.insert("", at: 1)
        lines.insert("[]", at: 4)
        let path = try world.forged("blank-lines.nccbundle", lines: lines)
        try world.expectRefusal(path, containing: "ops.jsonl line 5:")
    }

    @Test func anUnknownKindIsRefusedWithItsLineNumber() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        lines[1] = lines[1].replacingOccurrences(of: "\"kind\":\"centre\"", with: "\"kind\":\"starship\"")
        let path = try world.forged("unknown-kind.nccbundle", lines: lines)
        try world.expectRefusal(path, containing: "line 2: unknown kind 'starship'")
    }

    @Test func aControlCharacterInALineStaysOutOfTheOneLineMessage() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        lines[0] = lines[0].replacingOccurrences(of: "\"kind\":\"centre\"", with: "\"kind\":\"evil\\nkind\\u001b[31m\"")
        let path = try world.forged("control.nccbundle", lines: lines)
        try world.expectRefusal(path, containing: "line 1: unknown kind 'evil?kind?[31m'")
    }

    @Test func anUnknownFieldIsRefusedWithItsLineNumber() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        lines[2] = lines[2].replacingOccurrences(of: "{\"fields\":{", with: "{\"fields\":{\"password\":\"hunter2\",")
        let path = try world.forged("unknown-field.nccbundle", lines: lines)
        try world.expectRefusal(path, containing: "line 3: a centre has no field 'password'")
    }

    @Test func operationsOutOfStampOrderAreRefused() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        lines.swapAt(0, 1)
        let path = try world.forged("order.nccbundle", lines: lines)
        try world.expectRefusal(path, containing: "line 2: out of stamp order")
    }

    @Test func aLineOverTwoMegabytesIsRefused() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        // Random bytes as base64: they do not deflate past 100:1, so the line check is what refuses.
        var random = SystemRandomNumberGenerator()
        let noise = Data((0..<(3 << 20) * 3 / 4).map { _ in UInt8.random(in: 0...255, using: &random) })
        lines.insert(noise.base64EncodedString(), at: 2)
        let path = try world.forged("long-line.nccbundle", lines: lines)
        try world.expectRefusal(path, containing: "line 3 is longer than 2 MB")
    }

    @Test func aCountOtherThanTheManifestsIsRefused() throws {
        let world = try BundleWorld()
        let lines = try world.goodLines()
        let path = try world.forged("count.nccbundle", lines: lines, operations: lines.count + 1)
        try world.expectRefusal(path, containing: "the manifest says \(lines.count + 1) operations")
    }

    // MARK: - Who signed it

    @Test func anUnknownSignerNeedsTrust() throws {
        let world = try BundleWorld()
        let message = try world.expectRefusal(try world.goodBundle(), containing: "--trust", trust: false)
        #expect(message.contains(world.identity.fingerprint))
    }

    @Test func aKnownButUntrustedSignerNeedsTrust() throws {
        let world = try BundleWorld()
        try world.receiver.write {
            try $0.savePeer(Peer(replica: world.sender.replicaID, publicKey: world.identity.publicKey))
        }
        try world.expectRefusal(try world.goodBundle(), containing: "--trust", trust: false)
    }

    @Test func aRevokedKeyIsRefusedEvenWithTrust() throws {
        let world = try BundleWorld()
        try world.receiver.write {
            try $0.savePeer(
                Peer(
                    replica: world.sender.replicaID, publicKey: world.identity.publicKey, trusted: false, revoked: true)
            )
        }
        let message = try world.expectRefusal(try world.goodBundle(), containing: "revoked", trust: true)
        #expect(message.contains(world.identity.fingerprint))
    }

    @Test func aRevokedKeyIsRefusedUnderAnotherReplicaName() throws {
        let world = try BundleWorld()
        // The revoked key is remembered by key, not by name: a new replica name does not help.
        try world.receiver.write {
            try $0.savePeer(
                Peer(replica: "someoneelse", publicKey: world.identity.publicKey, trusted: false, revoked: true))
        }
        try world.expectRefusal(try world.goodBundle(), containing: "revoked", trust: true)
    }

    @Test func aBundleMadeHereIsRefused() throws {
        let world = try BundleWorld()
        try world.expectRefusal(try world.goodBundle(), containing: "made here", into: world.sender)
    }

    // MARK: - Order and replays

    @Test func aReplayedOldBundleAppliesNothing() throws {
        let world = try BundleWorld()
        let old = try world.goodBundle("old.nccbundle")
        try world.importBundle(old)
        try world.sender.write { w in
            _ = try w.create(.centre, ["name": .text("NCC Estonia"), "country": .text("EE")])
        }
        let newer = try world.importBundle(try world.goodBundle("new.nccbundle"))
        let dump = try world.receiver.read { try $0.canonicalDump() }
        let backups = Backups(store: world.receiver)
        let before = backups.list()

        let bundle = try BundleReader.read(old.path, scratch: world.scratch)
        defer { bundle.discard() }
        let result = try BundleImporter(store: world.receiver).apply(bundle, trust: false, backups: backups)
        #expect(result.summary.applied == 0)
        #expect(result.summary.alreadyHeld == bundle.manifest.operations)
        #expect(!result.newlyTrusted)
        #expect(result.backup == nil, "a bundle seen before needs no backup")
        #expect(backups.list() == before)
        #expect(try world.receiver.read { try $0.canonicalDump() } == dump)
        // The old bundle does not make the receiver forget what the sender was known to hold.
        let peer = try #require(try world.receiver.read { try $0.peer(world.sender.replicaID) })
        #expect(peer.knowledge == newer.manifest.knowledge)
        #expect(bundle.manifest.knowledge[world.sender.replicaID]! < newer.manifest.knowledge[world.sender.replicaID]!)
    }

    @Test func anIncrementalBundleNeedsTheOnesBefore() throws {
        let world = try BundleWorld()
        let (incremental, _) = try world.incrementalAfterExchange(newChanges: 2)
        // A third database has never seen the sender's earlier operations.
        let third = try Store.open(path: world.file("third.sqlite").path)
        try world.expectRefusal(incremental, containing: "continues from operation", into: third)
    }

    // MARK: - What a good bundle holds

    @Test func writingTheSameStoreTwiceGivesTheSameBytes() throws {
        let world = try BundleWorld()
        let first = try world.goodBundle("first.nccbundle")
        let second = try world.goodBundle("second.nccbundle")
        let a = try Data(contentsOf: first)
        let b = try Data(contentsOf: second)
        #expect(!a.isEmpty)
        #expect(a == b)
        // Nothing is left beside them (no temporary file of the writer).
        let names = try FileManager.default.contentsOfDirectory(atPath: world.folder.path).filter { $0.hasPrefix(".") }
        #expect(names.isEmpty, "left behind: \(names)")
    }

    @Test func anIncrementalBundleHoldsOnlyTheNewOperations() throws {
        let world = try BundleWorld()
        let (incremental, newChanges) = try world.incrementalAfterExchange(newChanges: 3)
        let bundle = try BundleReader.read(incremental.path, scratch: world.scratch)
        defer { bundle.discard() }
        #expect(bundle.manifest.operations == newChanges)
        #expect(bundle.manifest.full == false)
        #expect(bundle.manifest.recipient == world.receiver.replicaID)
        let entries = try Zip.entries(of: incremental)
        let ops = try #require(entries.first { $0.name == "ops.jsonl" })
        #expect(ops.data.split(separator: UInt8(ascii: "\n")).count == newChanges)
        let result = try BundleImporter(store: world.receiver).apply(bundle, trust: false, backups: nil)
        #expect(result.summary.applied == newChanges)
        #expect(result.summary.alreadyHeld == 0)
        #expect(try world.receiver.read { try $0.canonicalDump() } == world.sender.read { try $0.canonicalDump() })
    }
}

// MARK: - A sender, a receiver, and ways to spoil a bundle

/// Two databases in a fresh folder: the sender (with a few centres and its signing key) and the
/// receiver (with data of its own, so that "unchanged" means something).
final class BundleWorld {
    let folder: URL
    let scratch: URL
    let sender: Store
    let receiver: Store
    let identity: Identity

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-bundle-\(UUID().uuidString)")
        scratch = folder.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        sender = try Store.open(path: folder.appendingPathComponent("sender.sqlite").path)
        receiver = try Store.open(path: folder.appendingPathComponent("receiver.sqlite").path)
        identity = try Identity.loadOrCreate(replica: sender.replicaID, folder: folder.appendingPathComponent("keys"))
        try sender.write { w in
            _ = try w.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")])
            for (name, country) in [
                ("NCC Poland", "PL"), ("NCC Finland", "FI"), ("NCC Sweden", "SE"),
                ("NCC Denmark", "DK"), ("NCC Norway", "NO"), ("NCC Iceland", "IS"),
            ] {
                _ = try w.create(
                    .centre,
                    [
                        "name": .text(name), "country": .text(country),
                        "description": .text("The national competence centre of \(country), \(UUID().uuidString)."),
                    ])
            }
        }
        try receiver.write { w in
            _ = try w.create(.centre, ["name": .text("NCC Latvia"), "country": .text("LV")])
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// A full bundle of the sender, as `ncc export` writes it.
    func goodBundle(_ name: String = "good.nccbundle") throws -> URL {
        let url = file(name)
        try BundleWriter(store: sender, identity: identity).write(to: url.path)
        return url
    }

    /// The lines of a good bundle's ops.jsonl.
    func goodLines() throws -> [String] {
        let ops = try #require(try Zip.entries(of: goodBundle()).first { $0.name == "ops.jsonl" })
        return String(decoding: ops.data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The good bundle with its manifest changed and its signature kept.
    func withManifest(_ name: String, _ change: (inout [String: Any]) -> Void) throws -> URL {
        var entries = try Zip.entries(of: goodBundle())
        let index = try #require(entries.firstIndex { $0.name == "manifest.json" })
        var manifest = try #require(try JSONSerialization.jsonObject(with: entries[index].data) as? [String: Any])
        change(&manifest)
        entries[index].data = try JSONSerialization.data(
            withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])
        let url = file(name)
        try Zip.write(entries, to: url)
        return url
    }

    func forged(_ name: String, lines: [String], operations: Int? = nil) throws -> URL {
        try forged(
            name, operations: Data(lines.map { $0 + "\n" }.joined().utf8),
            count: operations ?? lines.filter { !$0.isEmpty }.count)
    }

    /// A bundle signed, validly, by a key made here: a manifest naming that key, the hash of
    /// `operations`, and the signature of the manifest's bytes.
    func forged(_ name: String, operations: Data, count: Int? = nil, replica: String = "forger") throws -> URL {
        let good = try Zip.entries(of: goodBundle())
        let goodManifest = try #require(good.first { $0.name == "manifest.json" }).data
        var manifest = try #require(try JSONSerialization.jsonObject(with: goodManifest) as? [String: Any])
        let key = Curve25519.Signing.PrivateKey()
        let publicKey = key.publicKey.rawRepresentation
        manifest["producer"] = [
            "replica": replica, "public_key": publicKey.base64EncodedString(),
            "fingerprint": Identity.fingerprint(ofPublicKey: publicKey),
        ]
        manifest["entries"] = ["ops.jsonl": ["sha256": Hash.hex(operations), "size": operations.count]]
        manifest["operations"] = count ?? operations.split(separator: UInt8(ascii: "\n")).count
        let manifestData = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])
        let signature = Data((try key.signature(for: manifestData).base64EncodedString() + "\n").utf8)
        let url = file(name)
        try Zip.write(
            [
                .init(name: "manifest.json", data: manifestData), .init(name: "ops.jsonl", data: operations),
                .init(name: "signature", data: signature),
            ], to: url)
        return url
    }

    /// Reads and applies a bundle to the receiver, trusting its signer.
    @discardableResult
    func importBundle(_ url: URL, into store: Store? = nil) throws -> BundleImporter.Result {
        let bundle = try BundleReader.read(url.path, scratch: scratch)
        defer { bundle.discard() }
        return try BundleImporter(store: store ?? receiver).apply(bundle, trust: true, backups: nil)
    }

    /// The sender's full bundle goes to the receiver, the receiver's full one comes back (so the
    /// sender knows what it holds), the sender makes `newChanges` changes and writes an
    /// incremental bundle for the receiver.
    func incrementalAfterExchange(newChanges: Int) throws -> (URL, Int) {
        try importBundle(goodBundle("full.nccbundle"))
        let receiverIdentity = try Identity.loadOrCreate(replica: receiver.replicaID, folder: file("receiver-keys"))
        let back = file("back.nccbundle")
        try BundleWriter(store: receiver, identity: receiverIdentity).write(to: back.path)
        try importBundle(back, into: sender)
        try sender.write { w in
            for n in 0..<newChanges {
                _ = try w.create(.centre, ["name": .text("NCC New \(n)"), "country": .text("EE")])
            }
        }
        let incremental = file("incremental.nccbundle")
        try BundleWriter(store: sender, identity: identity).write(to: incremental.path, for: receiver.replicaID)
        return (incremental, newChanges)
    }

    /// The database file's bytes (and its write-ahead log's, if any) and its canonical dump.
    struct Snapshot: Equatable {
        var files: [String: String]
        var dump: String
    }

    func snapshot(_ store: Store) throws -> Snapshot {
        var files: [String: String] = [:]
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store.path + suffix) {
            files[suffix] = Hash.hex(try Data(contentsOf: URL(fileURLWithPath: store.path + suffix)))
        }
        #expect(files[""] != nil)
        return Snapshot(files: files, dump: try store.read { try $0.canonicalDump() })
    }

    /// Reads `url` and applies it (with backups on): it must be refused with a one-line
    /// `BundleError` containing `phrase`, leaving the database, the backups and the scratch
    /// folder as they were. Returns the message.
    @discardableResult
    func expectRefusal(
        _ url: URL, containing phrase: String, trust: Bool = true, into store: Store? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let store = store ?? receiver
        let backups = Backups(store: store)
        let backupsBefore = backups.list()
        let before = try snapshot(store)
        var message: String?
        do {
            let bundle = try BundleReader.read(url.path, scratch: scratch)
            defer { bundle.discard() }
            let result = try BundleImporter(store: store).apply(bundle, trust: trust, backups: backups)
            Issue.record(
                "\(url.lastPathComponent) was imported (\(result.summary.applied) operations), not refused",
                sourceLocation: sourceLocation)
        } catch let error as BundleError {
            message = error.description
        } catch {
            Issue.record(
                "\(url.lastPathComponent): refused with \(type(of: error)), not a BundleError: \(error)",
                sourceLocation: sourceLocation)
        }
        let after = try snapshot(store)
        #expect(after.files == before.files, "the database file changed", sourceLocation: sourceLocation)
        #expect(after.dump == before.dump, "the data changed", sourceLocation: sourceLocation)
        #expect(
            backups.list() == backupsBefore, "a backup was made for a refused bundle", sourceLocation: sourceLocation)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(left.isEmpty, "the reader left \(left) behind", sourceLocation: sourceLocation)
        guard let message else { return "" }
        #expect(message.contains(phrase), "'\(message)' does not say '\(phrase)'", sourceLocation: sourceLocation)
        #expect(
            !message.contains("\n") && !message.contains("\r"), "not one line: \(message)",
            sourceLocation: sourceLocation)
        #expect(
            !message.isEmpty && message.count < 400, "length \(message.count): \(message)",
            sourceLocation: sourceLocation)
        return message
    }
}

enum Hash {
    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// A zip the tests patch is not laid out as they expect (a fault of the test, not a refusal).
struct ZipFixtureError: Error, CustomStringConvertible {
    var description: String
}

/// Zips entry by entry, with the same library ncc reads them with.
enum Zip {
    struct Item {
        var name: String
        var data: Data
        var type: ZIPFoundation.Entry.EntryType = .file
    }

    static func entries(of url: URL) throws -> [Item] {
        let archive = try Archive(url: url, accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry, consumer: { data.append($0) })
            return Item(name: entry.path, data: data, type: entry.type)
        }
    }

    static func write(_ items: [Item], to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for item in items {
            let data = item.data
            try archive.addEntry(
                with: item.name, type: item.type, uncompressedSize: Int64(data.count),
                compressionMethod: item.type == .file ? .deflate : .none
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// Where an entry's compressed bytes lie in the file: after its local header (signature
    /// PK\3\4, 30 bytes, then the name and the extra field).
    static func dataRange(of name: String, in url: URL) throws -> (start: Int, length: Int) {
        let bytes = [UInt8](try Data(contentsOf: url))
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive[name])
        let nameBytes = Array(name.utf8)
        var offset = 0
        while offset + 30 <= bytes.count {
            if bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 3, bytes[offset + 3] == 4 {
                let nameLength = Int(bytes[offset + 26]) | Int(bytes[offset + 27]) << 8
                let extraLength = Int(bytes[offset + 28]) | Int(bytes[offset + 29]) << 8
                if Array(bytes[(offset + 30)..<min(offset + 30 + nameLength, bytes.count)]) == nameBytes {
                    return (offset + 30 + nameLength + extraLength, Int(entry.compressedSize))
                }
            }
            offset += 1
        }
        throw ZipFixtureError(description: "no local header for \(name)")
    }
}
