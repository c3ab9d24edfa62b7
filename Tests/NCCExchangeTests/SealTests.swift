import Crypto
import Foundation
import Testing
import ZIPFoundation

@testable import NCCExchange

/// Sealed bundles on real files: they open for each recipient to the very bytes sealed, for no
/// one else, and not at all once any byte of them is changed, in the zip or in the crypto.
@Suite struct SealTests {
    // MARK: - Round trips

    @Test(arguments: [0, 1, 65_536, 65_537, 300_000])
    func everyRecipientOpensTheSameBytes(size: Int) throws {
        let world = try SealWorld()
        let plain = try world.plain(SealWorld.random(size))
        for count in [1, 3] {
            let keys = (1...count).map { SealWorld.key("r\($0)") }
            let sealed = try world.seal(plain, for: keys, as: "\(size)-\(count).nccbundle")
            let payload = try SealWorld.parts(of: sealed).payload
            #expect(Int64(payload.count) == Seal.sealedBytes(ofPlain: Int64(size)))
            for key in keys {
                let opened = world.opened("\(key.replica).bundle")
                try Seal.open(sealed, with: key, into: opened)
                #expect(try Data(contentsOf: opened) == (try Data(contentsOf: plain)))
                try FileManager.default.removeItem(at: opened)
            }
            #expect(try world.leftInOpened().isEmpty)
        }
    }

    @Test func theSameBytesSealTwiceDifferently() throws {
        let world = try SealWorld()
        let plain = try world.plain(SealWorld.random(1000))
        let key = SealWorld.key("r1")
        let first = try Data(contentsOf: try world.seal(plain, for: [key], as: "first.nccbundle"))
        let second = try Data(contentsOf: try world.seal(plain, for: [key], as: "second.nccbundle"))
        #expect(first != second)
    }

    // MARK: - Not for this replica

    @Test func aNonRecipientIsToldWhomItIsFor() throws {
        let world = try SealWorld()
        let keys = ["anna", "ben", "chris"].map { SealWorld.key($0) }
        let sealed = try world.seal(try world.plain(SealWorld.random(100)), for: keys, as: "for-three.nccbundle")
        let error = try #require(try world.expectRefused(sealed, with: SealWorld.key("dora")))
        #expect(error == .notSealedFor(bundle: "for-three.nccbundle", fingerprints: keys.map(\.fingerprint)))
        let prefixes = keys.map { "\($0.fingerprint.prefix(4))…" }.joined(separator: ", ")
        #expect(error.description == "for-three.nccbundle: sealed for \(prefixes); not for this replica")
        #expect(!error.description.contains("\n"))
    }

    // MARK: - Tampering

    /// Every byte of the file, flipped one at a time (each bit, then all of them), is refused:
    /// the zip's own bookkeeping as much as the header and the ciphertext.
    @Test func flippingAnyByteIsRefused() throws {
        let world = try SealWorld()
        let key = SealWorld.key("r1")
        let sealed = try world.seal(try world.plain(SealWorld.random(1024)), for: [key], as: "small.nccbundle")
        let good = [UInt8](try Data(contentsOf: sealed))
        let flipped = world.file("flipped.nccbundle")
        var accepted: [Int] = []
        for mask: UInt8 in [0x01, 0xFF] {
            for position in good.indices {
                var bytes = good
                bytes[position] ^= mask
                try Data(bytes).write(to: flipped)
                let opened = world.opened("flipped.bundle")
                do {
                    try Seal.open(flipped, with: key, into: opened)
                    accepted.append(position)
                    try FileManager.default.removeItem(at: opened)
                } catch {
                    #expect(error is BundleError)
                    #expect(!"\(error)".contains("\n"))
                    #expect(!FileManager.default.fileExists(atPath: opened.path))
                }
            }
        }
        #expect(accepted.isEmpty, "accepted with a byte flipped at \(accepted)")
        #expect(try world.leftInOpened().isEmpty)
        // And the untouched file still opens.
        try Seal.open(sealed, with: key, into: world.opened("good.bundle"))
    }

    @Test func cuttingOrExtendingTheFileIsRefused() throws {
        let world = try SealWorld()
        let key = SealWorld.key("r1")
        let sealed = try world.seal(try world.plain(SealWorld.random(150_000)), for: [key], as: "three.nccbundle")
        let good = try Data(contentsOf: sealed)
        for (name, bytes) in [
            ("last-byte.nccbundle", good.dropLast()), ("half.nccbundle", good.prefix(good.count / 2)),
            ("longer.nccbundle", good + Data([0])), ("empty.nccbundle", Data()),
        ] {
            let file = world.file(name)
            try Data(bytes).write(to: file)
            try world.expectRefused(file, with: key)
        }
    }

    /// The payload changed inside a zip that is otherwise exactly as `seal` writes it: only the
    /// cryptography can tell, chunk by chunk.
    @Test func cuttingExtendingOrReorderingThePayloadIsRefused() throws {
        let world = try SealWorld()
        let key = SealWorld.key("r1")
        // Three chunks: two full ones and 18,928 bytes.
        let sealed = try world.seal(try world.plain(SealWorld.random(150_000)), for: [key], as: "three.nccbundle")
        let (header, payload) = try SealWorld.parts(of: sealed)
        let chunk = Seal.chunkBytes + Seal.tagBytes
        let first = payload.prefix(chunk)
        let second = payload.dropFirst(chunk).prefix(chunk)
        let third = payload.dropFirst(2 * chunk)
        #expect(third.count == 150_000 - 2 * Seal.chunkBytes + Seal.tagBytes)

        let cases: [(String, Data, BundleError.SealDamage)] = [
            ("no-last-chunk", Data(first + second), .truncated),
            ("no-last-byte", Data(payload.dropLast()), .chunk(3)),
            ("one-byte-more", payload + Data([0]), .chunk(3)),
            ("a-chunk-more", Data(first + second + second + third), .chunk(3)),
            ("swapped", Data(second + first + third), .chunk(1)),
            ("only-the-last", Data(third), .chunk(1)),
            ("tag-only", Data(third.suffix(Seal.tagBytes - 1)), .truncated),
        ]
        for (name, altered, damage) in cases {
            let file = try world.rebuilt(header: header, payload: altered, as: "\(name).nccbundle")
            let error = try world.expectRefused(file, with: key)
            #expect(error == .sealAltered(bundle: "\(name).nccbundle", damage), "\(name)")
        }
        // The rebuilding itself changes nothing: the same parts open.
        try Seal.open(
            try world.rebuilt(header: header, payload: payload, as: "same.nccbundle"), with: key,
            into: world.opened("same.bundle"))
    }

    @Test func aStanzaFromAnotherSealedFileIsRefused() throws {
        let world = try SealWorld()
        let key = SealWorld.key("r1")
        let plain = try world.plain(SealWorld.random(5000))
        let (headerData, payload) = try SealWorld.parts(of: try world.seal(plain, for: [key], as: "one.nccbundle"))
        let other = try SealWorld.parts(of: try world.seal(plain, for: [key], as: "other.nccbundle")).header
        var header = try JSONDecoder().decode(Seal.Header.self, from: headerData)
        // The other file's stanza unwraps with this key, to the other file's key.
        header.recipients[0] = try JSONDecoder().decode(Seal.Header.self, from: other).recipients[0]
        let file = try world.rebuilt(header: try Seal.Header.encode(header), payload: payload, as: "copied.nccbundle")
        #expect(try world.expectRefused(file, with: key) == .sealAltered(bundle: "copied.nccbundle", .mac))
    }

    @Test func aHeaderChangedInItsFormFailsItsMAC() throws {
        let world = try SealWorld()
        let keys = ["anna", "ben", "chris"].map { SealWorld.key($0) }
        let (headerData, payload) = try SealWorld.parts(
            of: try world.seal(try world.plain(SealWorld.random(5000)), for: keys, as: "three.nccbundle"))
        let header = try JSONDecoder().decode(Seal.Header.self, from: headerData)

        var removed = header
        removed.recipients.remove(at: 1)
        var renamed = header
        renamed.recipients[2].replica = "mallory"
        var nonce = header
        nonce.nonce = Data(repeating: 7, count: 16).base64EncodedString()
        for (name, altered) in [("removed", removed), ("renamed", renamed), ("nonce", nonce)] {
            let file = try world.rebuilt(
                header: try Seal.Header.encode(altered), payload: payload, as: "\(name).nccbundle")
            for key in [keys[0], keys[2]] {
                #expect(try world.expectRefused(file, with: key) == .sealAltered(bundle: "\(name).nccbundle", .mac))
            }
        }
        // Bytes that decode to the same header are no way around the MAC: they are refused as such.
        let spaced = try world.rebuilt(header: headerData + Data(" ".utf8), payload: payload, as: "spaced.nccbundle")
        #expect(try world.expectRefused(spaced, with: keys[0]) == .sealAltered(bundle: "spaced.nccbundle", .header))
    }

    @Test func aWrappedKeyThatDoesNotUnwrapIsRefused() throws {
        let world = try SealWorld()
        let key = SealWorld.key("r1")
        let (headerData, payload) = try SealWorld.parts(
            of: try world.seal(try world.plain(SealWorld.random(10)), for: [key], as: "one.nccbundle"))
        var header = try JSONDecoder().decode(Seal.Header.self, from: headerData)
        header.recipients[0].wrapped = Data(repeating: 1, count: 48).base64EncodedString()
        let file = try world.rebuilt(header: try Seal.Header.encode(header), payload: payload, as: "wrapped.nccbundle")
        #expect(try world.expectRefused(file, with: key) == .sealAltered(bundle: "wrapped.nccbundle", .key))
    }

    // MARK: - Sealing refusals

    @Test func sealingNeedsRecipientsWithKeys() throws {
        let world = try SealWorld()
        let plain = try world.plain(SealWorld.random(10))
        #expect(throws: BundleError.noRecipients) {
            try Seal.seal(plainFile: plain, to: [], output: world.file("none.nccbundle"))
        }
        for bad in ["AAAA", "not base64", Data(repeating: 0, count: 32).base64EncodedString()] {
            #expect(throws: BundleError.badRecipientKey(replica: "bob")) {
                try Seal.seal(
                    plainFile: plain,
                    to: [SealWorld.recipient(SealWorld.key("anna")), Seal.Recipient(replica: "bob", publicKey: bad)],
                    output: world.file("bad.nccbundle"))
            }
        }
        #expect(throws: BundleError.badRecipientReplica("bo b")) {
            try Seal.seal(
                plainFile: plain, to: [Seal.Recipient(replica: "bo b", publicKey: SealWorld.key("x").publicKey)],
                output: world.file("bad.nccbundle"))
        }
        #expect(!FileManager.default.fileExists(atPath: world.file("bad.nccbundle").path))
        #expect(!FileManager.default.fileExists(atPath: world.file("none.nccbundle").path))
    }

    // MARK: - The key file

    @Test func theKeyIsMadeOnceOnlyForItsOwnerAndReloads() throws {
        let world = try SealWorld()
        let folder = world.file("keys")
        let made = try AgreementKey.loadOrCreate(replica: "r1", folder: folder)
        let file = folder.appendingPathComponent("r1.x25519")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.path)
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        #expect(Data(base64Encoded: text.trimmingCharacters(in: .newlines))?.count == 32)

        let loaded = try AgreementKey.loadOrCreate(replica: "r1", folder: folder)
        #expect(loaded.publicKey == made.publicKey)
        #expect(loaded.fingerprint == made.fingerprint)
        #expect(loaded.replica == "r1")
        #expect(Identity.fingerprint(ofPublicKey: made.publicKey) == made.fingerprint)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r1.x25519"])

        // What one sealed for the made key, the loaded key opens.
        let sealed = try world.seal(try world.plain(SealWorld.random(10)), for: [made], as: "k.nccbundle")
        try Seal.open(sealed, with: loaded, into: world.opened("k.bundle"))
    }

    @Test func aDamagedKeyFileIsRefused() throws {
        let world = try SealWorld()
        let folder = world.file("keys")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("r1.x25519")
        for damaged in ["not a key\n", Data(repeating: 1, count: 31).base64EncodedString() + "\n"] {
            try Data(damaged.utf8).write(to: file)
            #expect(throws: BundleError.damagedAgreementKey(path: file.path)) {
                try AgreementKey.loadOrCreate(replica: "r1", folder: folder)
            }
        }
        // Left as it was, for its owner to move away.
        #expect(try String(contentsOf: file, encoding: .utf8).count == 45)
    }

    // MARK: - isSealed and header(of:)

    @Test func isSealedKnowsASealedZipByItsEntries() throws {
        let world = try SealWorld()
        let sealed = try world.seal(
            try world.plain(SealWorld.random(10)), for: [SealWorld.key("r1")], as: "s.nccbundle")
        #expect(Seal.isSealed(sealed))
        #expect(!Seal.isSealed(try world.plain(SealWorld.random(100))))
        #expect(!Seal.isSealed(world.file("missing.nccbundle")))
        let entries: [(String, [String])] = [
            ("v1.nccbundle", ["manifest.json", "ops.jsonl", "signature"]),
            ("extra.nccbundle", ["header.json", "payload", "extra"]),
            ("header-only.nccbundle", ["header.json"]),
            ("twice.nccbundle", ["header.json", "header.json"]),
        ]
        for (name, names) in entries {
            let file = world.file(name)
            let archive = try Archive(url: file, accessMode: .create)
            for entry in names {
                try archive.addEntry(
                    with: entry, type: .file, uncompressedSize: Int64(1), compressionMethod: .none
                ) { _, _ in Data("x".utf8) }
            }
            #expect(!Seal.isSealed(file), "\(name)")
        }
    }

    @Test func theHeaderSaysWhomItIsSealedFor() throws {
        let world = try SealWorld()
        let keys = ["anna", "ben"].map { SealWorld.key($0) }
        let sealed = try world.seal(try world.plain(SealWorld.random(10)), for: keys, as: "two.nccbundle")
        let header = try Seal.header(of: sealed)
        #expect(header.format == "ncc-bundle")
        #expect(header.version == 2)
        #expect(header.sealed)
        #expect(header.chunk == 65_536)
        #expect(header.recipients.map(\.replica) == ["anna", "ben"])
        #expect(header.recipients.map(\.fingerprint) == keys.map(\.fingerprint))
        #expect(Data(base64Encoded: header.nonce)?.count == 16)
        #expect(Data(base64Encoded: header.mac)?.count == 32)
        #expect(header.recipients.allSatisfy { Data(base64Encoded: $0.wrapped)?.count == 48 })
        let text = String(decoding: try SealWorld.parts(of: sealed).header, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"chunk\" : 65536,\n  \"format\" : \"ncc-bundle\",\n"))
        #expect(text.hasSuffix("}\n"))

        var newer = header
        newer.version = 3
        let newerFile = try world.rebuilt(
            header: try Seal.Header.encode(newer), payload: Data(count: 16), as: "newer.nccbundle")
        #expect(throws: BundleError.newerSealedFormat(bundle: "newer.nccbundle", version: 3)) {
            try Seal.header(of: newerFile)
        }
        var other = header
        other.format = "other"
        let otherFile = try world.rebuilt(
            header: try Seal.Header.encode(other), payload: Data(count: 16), as: "other.nccbundle")
        #expect(throws: BundleError.unknownFormat(bundle: "other.nccbundle")) { try Seal.header(of: otherFile) }
        let plainFile = try world.plain(SealWorld.random(100))
        #expect(throws: BundleError.damagedZip(bundle: plainFile.lastPathComponent)) {
            try Seal.header(of: plainFile)
        }
        #expect(throws: BundleError.noSuchFile(path: world.file("missing").path)) {
            try Seal.header(of: world.file("missing"))
        }
    }

    // MARK: - Wording

    @Test func theNewRefusalsAreOneLineEach() {
        let wordings: [(BundleError, String)] = [
            (.noRecipients, "cannot seal a bundle for no one: name at least one recipient"),
            (.badRecipientReplica("a\u{1B}b"), "cannot seal for 'a?b': it is not a replica id"),
            (.badRecipientKey(replica: "bob"), "cannot seal for bob: its key is not an X25519 public key"),
            (
                .notSealedFor(bundle: "b.nccbundle", fingerprints: ["3f9a 0000", "71c2 1111"]),
                "b.nccbundle: sealed for 3f9a…, 71c2…; not for this replica"
            ),
            (
                .sealAltered(bundle: "b.nccbundle", .entries),
                "b.nccbundle: sealed bundle was altered (it must hold exactly header.json and payload, as plain files)"
            ),
            (
                .sealAltered(bundle: "b.nccbundle", .entry("payload")),
                "b.nccbundle: sealed bundle was altered (the entry 'payload' is damaged)"
            ),
            (
                .sealAltered(bundle: "b.nccbundle", .layout),
                "b.nccbundle: sealed bundle was altered (its zip is not as ncc writes it)"
            ),
            (
                .sealAltered(bundle: "b.nccbundle", .header),
                "b.nccbundle: sealed bundle was altered (its header is malformed)"
            ),
            (
                .sealAltered(bundle: "b.nccbundle", .key),
                "b.nccbundle: sealed bundle was altered (its file key does not unwrap with this replica's key)"
            ),
            (
                .sealAltered(bundle: "b.nccbundle", .mac),
                "b.nccbundle: sealed bundle was altered (its header does not match its MAC)"
            ),
            (
                .sealAltered(bundle: "b.nccbundle", .chunk(3)),
                "b.nccbundle: sealed bundle was altered (chunk 3 of the payload does not authenticate)"
            ),
            (
                .sealAltered(bundle: "b.nccbundle", .truncated),
                "b.nccbundle: sealed bundle was altered (the payload ends before its last chunk)"
            ),
            (
                .newerSealedFormat(bundle: "b.nccbundle", version: 3),
                "b.nccbundle: made by a newer ncc (sealed bundle format 3, this ncc reads 2): upgrade ncc"
            ),
            (
                .damagedAgreementKey(path: "/k/r1.x25519"),
                "the sealing key /k/r1.x25519 is damaged; move it away to make a new one (peers will have to seal for the new one)"
            ),
            (.cannotCreateAgreementKey(folder: "/k"), "cannot write the sealing key in /k"),
            (
                .cannotPlaceAgreementKey(path: "/k/r1.x25519", reason: "Permission denied"),
                "cannot write the sealing key /k/r1.x25519: Permission denied"
            ),
            (.cannotMakeAgreementKey(folder: "/k", reason: "no room"), "cannot make the sealing key in /k: no room"),
        ]
        for (error, wording) in wordings {
            #expect(error.description == wording)
        }
    }
}

/// A temporary folder with plain files, sealed files and a folder to open them into.
private final class SealWorld {
    let folder: URL
    let openedFolder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-seal-\(UUID().uuidString)")
        openedFolder = folder.appendingPathComponent("opened")
        try FileManager.default.createDirectory(at: openedFolder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func file(_ name: String) -> URL { folder.appendingPathComponent(name) }
    func opened(_ name: String) -> URL { openedFolder.appendingPathComponent(name) }
    /// What an `open` left in its folder: scratch files as much as output.
    func leftInOpened() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: openedFolder.path) }

    static func key(_ replica: String) -> AgreementKey {
        AgreementKey(replica: replica, privateKey: Curve25519.KeyAgreement.PrivateKey())
    }

    static func recipient(_ key: AgreementKey) -> Seal.Recipient {
        Seal.Recipient(replica: key.replica, publicKey: key.publicKey)
    }

    static func random(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    func plain(_ data: Data) throws -> URL {
        let url = file("plain-\(UUID().uuidString).nccbundle")
        try data.write(to: url)
        return url
    }

    func seal(_ plain: URL, for keys: [AgreementKey], as name: String) throws -> URL {
        let url = file(name)
        try Seal.seal(plainFile: plain, to: keys.map(Self.recipient), output: url)
        return url
    }

    /// The two entries' bytes, read with the zip library as anyone would.
    static func parts(of url: URL) throws -> (header: Data, payload: Data) {
        let archive = try Archive(url: url, accessMode: .read)
        func read(_ name: String) throws -> Data {
            guard let entry = archive[name] else { throw BundleError.missingEntries(bundle: url.lastPathComponent) }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return data
        }
        return (try read(Seal.headerEntry), try read(Seal.payloadEntry))
    }

    /// A sealed file of these parts, with the same writer as `seal`: exactly what `seal` would
    /// have written for them, so that only the header's MAC and the payload's tags can object.
    func rebuilt(header: Data, payload: Data, as name: String) throws -> URL {
        let payloadFile = file("\(name).payload")
        try payload.write(to: payloadFile)
        defer { try? FileManager.default.removeItem(at: payloadFile) }
        let url = file(name)
        try? FileManager.default.removeItem(at: url)
        try Seal.writeArchive(header: header, payload: payloadFile, to: url)
        return url
    }

    /// Opens `url` with `key`, which must be refused in one line with nothing left behind: the
    /// refusal, or nil (an issue recorded) when it opened.
    @discardableResult
    func expectRefused(_ url: URL, with key: AgreementKey, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> BundleError?
    {
        let output = opened("out.bundle")
        defer { try? FileManager.default.removeItem(at: output) }
        do {
            try Seal.open(url, with: key, into: output)
        } catch let error as BundleError {
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            #expect(try leftInOpened().isEmpty, sourceLocation: sourceLocation)
            return error
        }
        Issue.record("\(url.lastPathComponent) was opened", sourceLocation: sourceLocation)
        return nil
    }
}
