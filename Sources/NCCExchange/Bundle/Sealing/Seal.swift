import Crypto
import Foundation
import ZIPFoundation

/// Bundles sealed for their recipients, in the manner of age (https://age-encryption.org/v1),
/// from swift-crypto's primitives only. A sealed bundle is a zip of exactly two stored entries:
///
/// - `header.json`, readable by anyone: whom it is sealed for (`Header`), and a MAC over it;
/// - `payload`, the plain bundle encrypted with age's STREAM: 64 KiB chunks, each sealed with
///   ChaCha20-Poly1305 under a nonce of an 11-byte big-endian counter and a last-chunk flag byte.
///
/// A random 32-byte file key encrypts everything; each recipient gets it wrapped for their X25519
/// key (a stanza): ECDH with a fresh ephemeral key, HKDF-SHA-256 over the shared secret (salt: the
/// ephemeral then the recipient's public key; info `ncc-bundle/v2/X25519`), then ChaCha20-Poly1305
/// under a zero nonce. The payload key is HKDF-SHA-256 of the file key (salt: the header's nonce;
/// info `ncc-bundle/v2/payload`).
///
/// Nothing of the zip itself is encrypted or authenticated, so `open` also requires the file to
/// be byte for byte the zip `seal` writes for its two entries: tampering with any byte is refused.
public enum Seal {
    public static let version = 2
    public static let headerEntry = "header.json"
    public static let payloadEntry = "payload"
    /// Plaintext bytes per chunk of the payload; each chunk is sealed with a 16-byte tag.
    public static let chunkBytes = 1 << 16
    public static let maxHeaderBytes: Int64 = 1 << 20
    static let tagBytes = 16

    static let wrapInfo = Data("ncc-bundle/v2/X25519".utf8)
    static let headerInfo = Data("ncc-bundle/v2/header".utf8)
    static let payloadInfo = Data("ncc-bundle/v2/payload".utf8)

    /// Someone a bundle is sealed for: a replica and its X25519 public key (base64 of the raw key).
    public struct Recipient: Sendable, Equatable {
        public var replica: String
        public var publicKey: String

        public init(replica: String, publicKey: String) {
            self.replica = replica
            self.publicKey = publicKey
        }
    }

    /// `header.json`. It is not secret: `ncc inspect` shows whom a bundle is sealed for without
    /// a key. Read by `header(of:)` it is not authenticated either; `open` checks its MAC.
    ///
    /// The MAC is HMAC-SHA-256, keyed with HKDF-SHA-256(file key, salt: empty, info
    /// `ncc-bundle/v2/header`), over `Header.encode` of the header with `mac` set to "" (the
    /// bytes of `header.json` with its `mac` value empty). A reader requires `header.json` to be
    /// exactly `Header.encode` of what it decodes to, so that no byte of it escapes the MAC.
    public struct Header: Codable, Equatable, Sendable {
        /// The file key, wrapped for one recipient.
        public struct Stanza: Codable, Equatable, Sendable {
            public var replica: String
            /// Of the recipient's X25519 public key (`Identity.fingerprint(ofPublicKey:)`).
            public var fingerprint: String
            /// Base64 of the raw ephemeral X25519 public key.
            public var ephemeral: String
            /// Base64 of the sealed file key: 32 bytes of ciphertext, then the 16-byte tag.
            public var wrapped: String
        }

        public var format: String
        public var version: Int
        public var sealed: Bool
        public var chunk: Int
        /// Base64 of 16 random bytes, the salt of the payload key.
        public var nonce: String
        public var recipients: [Stanza]
        /// Base64 of the 32-byte MAC.
        public var mac: String

        static func encode(_ header: Header) throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return try encoder.encode(header) + Data("\n".utf8)
        }

        /// The bytes the MAC is over: the header encoded with an empty `mac`.
        static func authenticated(_ header: Header) throws -> Data {
            var unsigned = header
            unsigned.mac = ""
            return try encode(unsigned)
        }
    }

    // MARK: - Sealing

    /// Seals `plainFile` for `recipients` into a new file at `output` (which must not exist; the
    /// caller renames it into place).
    public static func seal(plainFile: URL, to recipients: [Recipient], output: URL) throws {
        guard !recipients.isEmpty else { throw BundleError.noRecipients }
        var keys: [Curve25519.KeyAgreement.PublicKey] = []
        for recipient in recipients {
            guard OperationLine.isIdentifier(recipient.replica) else {
                throw BundleError.badRecipientReplica(recipient.replica)
            }
            guard let raw = Data(base64Encoded: recipient.publicKey), raw.count == 32,
                let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)
            else {
                throw BundleError.badRecipientKey(replica: recipient.replica)
            }
            keys.append(key)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: plainFile.path, isDirectory: &isFolder), !isFolder.boolValue
        else {
            throw BundleError.noSuchFile(path: plainFile.path)
        }
        // Refused here rather than by every reader of the sealed file.
        let plainBytes = try fileSize(plainFile)
        guard sealedBytes(ofPlain: plainBytes) + maxHeaderBytes <= BundleFormat.maxBundleBytes else {
            throw BundleError.tooLarge(bundle: plainFile.lastPathComponent)
        }

        let fileKey = SymmetricKey(size: .bits256)
        let nonce = SymmetricKey(size: SymmetricKeySize(bitCount: 128)).withUnsafeBytes { Data($0) }
        var stanzas: [Header.Stanza] = []
        for (recipient, key) in zip(recipients, keys) {
            let ephemeral = Curve25519.KeyAgreement.PrivateKey()
            // A low-order point gives an all-zero secret, which anyone could compute: not a key.
            guard let secret = try? ephemeral.sharedSecretFromKeyAgreement(with: key),
                let wrapKey = wrapKey(secret, ephemeral: ephemeral.publicKey, recipient: key)
            else {
                throw BundleError.badRecipientKey(replica: recipient.replica)
            }
            let box = try ChaChaPoly.seal(fileKey.withUnsafeBytes { Data($0) }, using: wrapKey, nonce: zeroNonce())
            stanzas.append(
                Header.Stanza(
                    replica: recipient.replica, fingerprint: Identity.fingerprint(ofPublicKey: key.rawRepresentation),
                    ephemeral: ephemeral.publicKey.rawRepresentation.base64EncodedString(),
                    wrapped: (box.ciphertext + box.tag).base64EncodedString()))
        }
        var header = Header(
            format: BundleFormat.name, version: version, sealed: true, chunk: chunkBytes,
            nonce: nonce.base64EncodedString(), recipients: stanzas, mac: "")
        let mac = HMAC<SHA256>.authenticationCode(for: try Header.authenticated(header), using: macKey(fileKey))
        header.mac = Data(mac).base64EncodedString()
        let headerData = try Header.encode(header)

        // The payload is encrypted into a file next to the output, then stored in the zip as is.
        let payload = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).\(UUID().uuidString).payload")
        defer { try? FileManager.default.removeItem(at: payload) }
        do {
            try encrypt(plainFile, into: payload, using: payloadKey(fileKey, nonce: nonce))
            try writeArchive(header: headerData, payload: payload, to: output)
        } catch let error as BundleError {
            throw error
        } catch {
            throw BundleError.cannotWrite(path: output.path, reason: error.localizedDescription)
        }
    }

    /// age's STREAM: full chunks, then a last one (flagged) that is shorter or full, and empty
    /// only when the whole plaintext is. One chunk is read ahead to know which is the last.
    private static func encrypt(_ plainFile: URL, into payload: URL, using key: SymmetricKey) throws {
        guard let input = try? FileHandle(forReadingFrom: plainFile) else {
            throw BundleError.cannotRead(path: plainFile.path)
        }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: payload.path, contents: nil),
            let output = FileHandle(forWritingAtPath: payload.path)
        else {
            throw BundleError.cannotWrite(path: payload.path, reason: "cannot create the file")
        }
        defer { try? output.close() }
        var counter: UInt64 = 0
        var chunk = try input.read(upToCount: chunkBytes) ?? Data()
        while true {
            let next = try input.read(upToCount: chunkBytes) ?? Data()
            let box = try ChaChaPoly.seal(chunk, using: key, nonce: chunkNonce(counter, last: next.isEmpty))
            try output.write(contentsOf: box.ciphertext + box.tag)
            if next.isEmpty { break }
            chunk = next
            counter += 1
        }
    }

    /// The outer zip: `header.json` then `payload`, stored, with a fixed date and mode. The one
    /// writer of it, for `seal` and for `open`'s check that a file is exactly what it writes.
    static func writeArchive(header: Data, payload: URL, to output: URL) throws {
        let archive = try Archive(url: output, accessMode: .create)
        // `.create` makes the file or fails: what is there on failure is this writer's own.
        do {
            try addEntries(to: archive, header: header, payload: payload)
        } catch {
            try? FileManager.default.removeItem(at: output)
            throw error
        }
    }

    private static func addEntries(to archive: Archive, header: Data, payload: URL) throws {
        try archive.addEntry(
            with: headerEntry, type: .file, uncompressedSize: Int64(header.count),
            modificationDate: BundleFormat.entryDate, permissions: 0o644, compressionMethod: .none
        ) { position, size in
            header.subdata(in: Int(position)..<Int(position) + size)
        }
        let input = try FileHandle(forReadingFrom: payload)
        defer { try? input.close() }
        let size = try input.seekToEnd()
        try input.seek(toOffset: 0)
        try archive.addEntry(
            with: payloadEntry, type: .file, uncompressedSize: Int64(size),
            modificationDate: BundleFormat.entryDate, permissions: 0o644, compressionMethod: .none,
            bufferSize: chunkBytes + tagBytes
        ) { _, count in
            let data = try input.read(upToCount: count) ?? Data()
            // The file changed under the writer: the zip would not be what it declares.
            guard data.count == count else { throw BundleError.cannotRead(path: payload.path) }
            return data
        }
    }

    // MARK: - Reading

    /// True when `url` is a zip whose entries are exactly `header.json` and `payload`.
    public static func isSealed(_ url: URL) -> Bool {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            return false
        }
        var names: [String] = []
        for entry in archive {
            names.append(entry.path)
            if names.count > 2 { return false }
        }
        return names.sorted() == [headerEntry, payloadEntry]
    }

    /// The header of a sealed bundle, checked for its form but not authenticated (that needs a
    /// recipient's key): for telling whom it is sealed for.
    public static func header(of url: URL) throws -> Header {
        let name = url.lastPathComponent
        let (archive, size) = try openArchive(url)
        let (headerItem, _) = try entries(of: archive, fileSize: size, name: name)
        return try decodeHeader(try extractHeader(archive, headerItem, name: name), name: name)
    }

    /// Decrypts the payload of the sealed bundle `url` into `plainFile`, which appears only once
    /// all of it has authenticated. Any refusal is one line and leaves `plainFile` untouched; the
    /// scratch files go in its folder.
    public static func open(_ url: URL, with key: AgreementKey, into plainFile: URL) throws {
        let name = url.lastPathComponent
        let (archive, size) = try openArchive(url)
        let (headerItem, payloadItem) = try entries(of: archive, fileSize: size, name: name)
        let headerData = try extractHeader(archive, headerItem, name: name)
        let header = try decodeHeader(headerData, name: name)

        let mine = header.recipients.filter { $0.fingerprint == key.fingerprint }
        guard !mine.isEmpty else {
            throw BundleError.notSealedFor(bundle: name, fingerprints: header.recipients.map(\.fingerprint))
        }
        guard let fileKey = mine.lazy.compactMap({ unwrap($0, with: key) }).first else {
            throw BundleError.sealAltered(bundle: name, .key)
        }
        guard let mac = Data(base64Encoded: header.mac),
            HMAC<SHA256>.isValidAuthenticationCode(
                mac, authenticating: try Header.authenticated(header), using: macKey(fileKey))
        else {
            throw BundleError.sealAltered(bundle: name, .mac)
        }
        guard let nonce = Data(base64Encoded: header.nonce) else {
            throw BundleError.sealAltered(bundle: name, .header)
        }

        let scratch = plainFile.deletingLastPathComponent()
        let stem = ".\(plainFile.lastPathComponent).\(UUID().uuidString)"
        let payload = scratch.appendingPathComponent("\(stem).payload")
        let rebuilt = scratch.appendingPathComponent("\(stem).zip")
        let plain = scratch.appendingPathComponent("\(stem).tmp")
        defer {
            for file in [payload, rebuilt, plain] { try? FileManager.default.removeItem(at: file) }
        }
        try extractPayload(archive, payloadItem, to: payload, name: name, scratch: scratch)
        do {
            try writeArchive(header: headerData, payload: payload, to: rebuilt)
        } catch {
            throw BundleError.cannotWriteScratch(folder: scratch.path)
        }
        guard let rebuiltHash = try? BundleReader.sha256(of: rebuilt) else {
            throw BundleError.cannotWriteScratch(folder: scratch.path)
        }
        guard let fileHash = try? BundleReader.sha256(of: url) else { throw BundleError.cannotRead(path: url.path) }
        guard rebuiltHash == fileHash else { throw BundleError.sealAltered(bundle: name, .layout) }

        try decrypt(payload, into: plain, using: payloadKey(fileKey, nonce: nonce), name: name, scratch: scratch)
        guard rename(plain.path, plainFile.path) == 0 else {
            throw BundleError.cannotWrite(path: plainFile.path, reason: String(cString: strerror(errno)))
        }
    }

    private static func openArchive(_ url: URL) throws -> (Archive, Int64) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw BundleError.noSuchFile(path: url.path)
        }
        let size = try fileSize(url)
        guard size <= BundleFormat.maxBundleBytes else { throw BundleError.tooLarge(bundle: url.lastPathComponent) }
        do {
            return (try Archive(url: url, accessMode: .read), size)
        } catch {
            throw BundleError.damagedZip(bundle: url.lastPathComponent)
        }
    }

    /// The two entries, as `writeArchive` makes them: plain files, stored, sizes that fit the file.
    private static func entries(of archive: Archive, fileSize: Int64, name: String) throws -> (Entry, Entry) {
        var found: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= 2, entry.path == headerEntry || entry.path == payloadEntry, entry.type == .file else {
                throw BundleError.sealAltered(bundle: name, .entries)
            }
            guard !entry.isCompressed, entry.compressedSize == entry.uncompressedSize,
                Int64(clamping: entry.compressedSize) <= fileSize
            else {
                throw BundleError.sealAltered(bundle: name, .entry(entry.path))
            }
            found[entry.path] = entry
        }
        guard let header = found[headerEntry], let payload = found[payloadEntry] else {
            throw BundleError.sealAltered(bundle: name, .entries)
        }
        guard Int64(clamping: header.uncompressedSize) <= maxHeaderBytes else {
            throw BundleError.sealAltered(bundle: name, .entry(headerEntry))
        }
        // Entries that share their bytes add up to more than the file holds.
        guard Int64(clamping: header.compressedSize) + Int64(clamping: payload.compressedSize) <= fileSize else {
            throw BundleError.sealAltered(bundle: name, .layout)
        }
        return (header, payload)
    }

    private static func extractHeader(_ archive: Archive, _ entry: Entry, name: String) throws -> Data {
        var data = Data()
        do {
            let crc = try archive.extract(entry, bufferSize: 1 << 14) { chunk in
                data.append(chunk)
                guard data.count <= entry.uncompressedSize else {
                    throw BundleError.sealAltered(bundle: name, .entry(headerEntry))
                }
            }
            guard crc == entry.checksum, data.count == entry.uncompressedSize else {
                throw BundleError.sealAltered(bundle: name, .entry(headerEntry))
            }
        } catch {
            throw BundleError.sealAltered(bundle: name, .entry(headerEntry))
        }
        return data
    }

    private static func extractPayload(_ archive: Archive, _ entry: Entry, to file: URL, name: String, scratch: URL)
        throws
    {
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
            let output = FileHandle(forWritingAtPath: file.path)
        else {
            throw BundleError.cannotWriteScratch(folder: scratch.path)
        }
        defer { try? output.close() }
        var written: UInt64 = 0
        do {
            let crc = try archive.extract(entry, bufferSize: chunkBytes + tagBytes) { chunk in
                written += UInt64(chunk.count)
                guard written <= entry.uncompressedSize else {
                    throw BundleError.sealAltered(bundle: name, .entry(payloadEntry))
                }
                do {
                    try output.write(contentsOf: chunk)
                } catch {
                    throw BundleError.cannotWriteScratch(folder: scratch.path)
                }
            }
            guard crc == entry.checksum, written == entry.uncompressedSize else {
                throw BundleError.sealAltered(bundle: name, .entry(payloadEntry))
            }
        } catch let error as BundleError {
            throw error
        } catch {
            throw BundleError.sealAltered(bundle: name, .entry(payloadEntry))
        }
    }

    /// Format, version, then every field in its form, and the bytes exactly as `Header.encode`
    /// writes them (see `Header`).
    static func decodeHeader(_ data: Data, name: String) throws -> Header {
        struct Probe: Decodable {
            var format: String?
            var version: Int?
            var sealed: Bool?
        }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: data), probe.format == BundleFormat.name,
            probe.sealed == true
        else {
            throw BundleError.unknownFormat(bundle: name)
        }
        guard let version = probe.version, version >= 2 else { throw BundleError.unknownFormatVersion(bundle: name) }
        guard version <= Self.version else { throw BundleError.newerSealedFormat(bundle: name, version: version) }
        guard let header = try? JSONDecoder().decode(Header.self, from: data),
            (try? Header.encode(header)) == data,
            header.chunk == chunkBytes,
            Data(base64Encoded: header.nonce)?.count == 16,
            Data(base64Encoded: header.mac)?.count == 32,
            !header.recipients.isEmpty,
            header.recipients.allSatisfy({ stanza in
                OperationLine.isIdentifier(stanza.replica) && isFingerprint(stanza.fingerprint)
                    && Data(base64Encoded: stanza.ephemeral)?.count == 32
                    && Data(base64Encoded: stanza.wrapped)?.count == 32 + tagBytes
            })
        else {
            throw BundleError.sealAltered(bundle: name, .header)
        }
        return header
    }

    /// Eight groups of four lowercase hex digits, as `Identity.fingerprint(ofPublicKey:)` writes.
    private static func isFingerprint(_ text: String) -> Bool {
        let groups = text.split(separator: " ", omittingEmptySubsequences: false)
        return groups.count == 8
            && groups.allSatisfy { group in
                group.utf8.count == 4
                    && group.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
            }
    }

    /// The file key from one stanza, or nil when it does not unwrap with `key`.
    private static func unwrap(_ stanza: Header.Stanza, with key: AgreementKey) -> SymmetricKey? {
        guard let ephemeralRaw = Data(base64Encoded: stanza.ephemeral),
            let wrapped = Data(base64Encoded: stanza.wrapped), wrapped.count == 32 + tagBytes,
            let ephemeral = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: ephemeralRaw),
            let secret = try? key.privateKey.sharedSecretFromKeyAgreement(with: ephemeral),
            let wrapKey = wrapKey(secret, ephemeral: ephemeral, recipient: key.privateKey.publicKey),
            let box = try? ChaChaPoly.SealedBox(
                nonce: zeroNonce(), ciphertext: wrapped.prefix(32), tag: wrapped.suffix(tagBytes)),
            let raw = try? ChaChaPoly.open(box, using: wrapKey), raw.count == 32
        else { return nil }
        return SymmetricKey(data: raw)
    }

    /// Decrypts chunk by chunk, by the payload's size: every chunk but the last is full, the last
    /// one carries the flag. A payload that ends where a middle chunk does was cut short.
    private static func decrypt(_ payload: URL, into plain: URL, using key: SymmetricKey, name: String, scratch: URL)
        throws
    {
        guard let input = try? FileHandle(forReadingFrom: payload),
            FileManager.default.createFile(atPath: plain.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let output = FileHandle(forWritingAtPath: plain.path)
        else {
            throw BundleError.cannotWriteScratch(folder: scratch.path)
        }
        defer {
            try? input.close()
            try? output.close()
        }
        let sealedChunk = Int64(chunkBytes + tagBytes)
        var remaining = try fileSize(payload)
        var counter: UInt64 = 0
        while true {
            guard remaining >= Int64(tagBytes) else { throw BundleError.sealAltered(bundle: name, .truncated) }
            let length = Int(min(remaining, sealedChunk))
            let last = remaining <= sealedChunk
            guard let chunk = try? input.read(upToCount: length), chunk.count == length else {
                throw BundleError.cannotWriteScratch(folder: scratch.path)
            }
            let ciphertext = chunk.prefix(length - tagBytes)
            let tag = chunk.suffix(tagBytes)
            let box = try ChaChaPoly.SealedBox(nonce: chunkNonce(counter, last: last), ciphertext: ciphertext, tag: tag)
            guard let opened = try? ChaChaPoly.open(box, using: key),
                // Only an empty plaintext has an empty last chunk (age's rule).
                !(last && opened.isEmpty && counter > 0)
            else {
                if last,
                    let middle = try? ChaChaPoly.SealedBox(
                        nonce: chunkNonce(counter, last: false), ciphertext: ciphertext, tag: tag),
                    (try? ChaChaPoly.open(middle, using: key)) != nil
                {
                    throw BundleError.sealAltered(bundle: name, .truncated)
                }
                throw BundleError.sealAltered(bundle: name, .chunk(Int(counter) + 1))
            }
            do {
                try output.write(contentsOf: opened)
            } catch {
                throw BundleError.cannotWriteScratch(folder: scratch.path)
            }
            remaining -= Int64(length)
            counter += 1
            if last { break }
        }
    }

    // MARK: - Keys and nonces

    /// HKDF-SHA-256 of an X25519 shared secret, or nil when the secret is all zero (the peer's key
    /// was a low-order point: anyone can compute that secret).
    private static func wrapKey(
        _ secret: SharedSecret, ephemeral: Curve25519.KeyAgreement.PublicKey,
        recipient: Curve25519.KeyAgreement.PublicKey
    ) -> SymmetricKey? {
        guard !secret.withUnsafeBytes({ $0.allSatisfy { $0 == 0 } }) else { return nil }
        return secret.hkdfDerivedSymmetricKey(
            using: SHA256.self, salt: ephemeral.rawRepresentation + recipient.rawRepresentation,
            sharedInfo: wrapInfo, outputByteCount: 32)
    }

    private static func macKey(_ fileKey: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: Data(), info: headerInfo, outputByteCount: 32)
    }

    private static func payloadKey(_ fileKey: SymmetricKey, nonce: Data) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: payloadInfo, outputByteCount: 32)
    }

    /// The file key's wrapping key is used once, so a fixed nonce is safe (as in age).
    private static func zeroNonce() throws -> ChaChaPoly.Nonce {
        try ChaChaPoly.Nonce(data: Data(count: 12))
    }

    /// STREAM's nonce: the chunk's number, 11 bytes big-endian, then 1 on the last chunk, else 0.
    static func chunkNonce(_ counter: UInt64, last: Bool) throws -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in 0..<8 { bytes[3 + index] = UInt8(truncatingIfNeeded: counter >> (56 - 8 * index)) }
        bytes[11] = last ? 1 : 0
        return try ChaChaPoly.Nonce(data: bytes)
    }

    /// What `plainBytes` of plaintext come to sealed: a tag per chunk, and one chunk at least.
    static func sealedBytes(ofPlain plainBytes: Int64) -> Int64 {
        let chunks = max(1, (plainBytes + Int64(chunkBytes) - 1) / Int64(chunkBytes))
        return plainBytes + chunks * Int64(tagBytes)
    }

    private static func fileSize(_ url: URL) throws -> Int64 {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber else {
            throw BundleError.cannotRead(path: url.path)
        }
        return size.int64Value
    }
}
