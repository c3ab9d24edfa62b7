import Crypto
import Foundation
import NCCModel
import NCCStore
import ZIPFoundation

/// A bundle whose zip, entries, hashes, signature and every line have been checked. Its
/// operations wait in a temporary file, in stamp order, for the importer.
public struct VerifiedBundle: Sendable {
    public var manifest: BundleManifest
    /// SHA-256 of the whole file.
    public var fileHash: String
    let operationsFile: URL
    /// Per replica, the first and last sequence numbers the bundle holds.
    public internal(set) var sequences: [String: ClosedRange<Int>]
    /// Ids of the records the bundle has operations on, and the ids its references name.
    var records: Set<String>
    var references: [Kind: Set<String>]
    /// The fingerprints of the recipients it was sealed for (nil: not sealed).
    public var sealedFor: [String]?
    /// Per author, the chain hash of each verified operation, from its `first` on, as the check
    /// computed it (the importer keeps them; the file is hashed again as it is applied).
    var chainHashes: [String: [Chain.Hash]] = [:]

    public var fingerprint: String { manifest.producer.fingerprint }

    /// Whether an operation verified against its author: covered by the author's checkpoint
    /// (version 2), or made by the producer who signed the bundle (version 1).
    func isVerified(_ op: Operation) -> Bool {
        if let authors = manifest.authors {
            return authors[op.replica].map { op.seq >= $0.first } ?? false
        }
        return manifest.version < 2 && op.replica == manifest.producer.replica
    }

    /// One operation as the importer gets it: parsed, its place in its author's chain when it
    /// verified, and its line as it came (for an operation set aside).
    struct Incoming: Sendable {
        var received: OperationLine.Received
        var authorship: Authorship?
        /// As it came, for an operation set aside (kept as bytes: most are applied, not kept).
        var line: [UInt8]
        var op: Operation { received.op }
    }

    public func discard() { try? FileManager.default.removeItem(at: operationsFile) }

    /// SHA-256 of the operations, as checked against the signed manifest.
    var operationsHash: String { manifest.entries[BundleFormat.operationsEntry]?.sha256 ?? "" }

    /// The bundle's operations, in order, parsed on a second thread while `body` applies them on
    /// this one (parsing is a tenth of an import). Every line was checked when the bundle was
    /// read; they are parsed again but not checked again (another tenth). Instead the file is
    /// hashed again on the way: bytes changed since then throw at the end, before the caller's
    /// transaction can commit.
    func forEachOperation(_ body: (Incoming) throws -> Void) throws {
        let bundle = self
        try Handoff<Incoming>.run(make: { handoff in try bundle.parseOperations { try handoff.send($0) } }, use: body)
    }

    private func parseOperations(_ body: (Incoming) throws -> Void) throws {
        var lines = try LineReader(path: operationsFile.path, maxLine: BundleFormat.maxLineBytes, hashing: true)
        defer { lines.close() }
        while let line = try lines.next() {
            if line.isEmpty { continue }
            let received = try OperationLine.decode(line, checked: false)
            let op = received.op
            var authorship: Authorship?
            // Looked up, not indexed blindly: the file could have changed since (it is hashed again).
            if isVerified(op), let author = manifest.authors?[op.replica], let hashes = chainHashes[op.replica],
                hashes.indices.contains(op.seq - author.first)
            {
                let chain = hashes[op.seq - author.first]
                authorship = Authorship(chain: chain, commits: received.commits ?? [:], salts: received.salts)
            }
            try body(Incoming(received: received, authorship: authorship, line: line))
        }
        guard let digest = lines.hasher?.finalize(), Chain.hex(digest) == operationsHash else {
            throw BundleError.changedOnDisk
        }
    }
}

/// Opens a bundle and checks all of it before anything is applied. Every refusal is one line.
public enum BundleReader {
    /// Reads the bundle at `path`; a sealed one is opened first with `sealingKey` (this
    /// replica's), and refused in one line when it was not sealed for it.
    public static func read(
        _ path: String, scratch: URL = FileManager.default.temporaryDirectory, sealingKey: AgreementKey? = nil
    ) throws -> VerifiedBundle {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw BundleError.noSuchFile(path: path)
        }
        guard Seal.isSealed(url) else { return try readSigned(url, name: url.lastPathComponent, scratch: scratch) }
        let header = try Seal.header(of: url)
        guard let sealingKey else {
            throw BundleError.notSealedFor(
                bundle: url.lastPathComponent, fingerprints: header.recipients.map(\.fingerprint))
        }
        let opened = scratch.appendingPathComponent("ncc-opened-\(UUID().uuidString).nccbundle")
        defer { try? FileManager.default.removeItem(at: opened) }
        try Seal.open(url, with: sealingKey, into: opened)
        // The hash that names it (a shared folder's unchanged file is skipped) is the sealed file's.
        var bundle = try readSigned(opened, name: url.lastPathComponent, scratch: scratch, hashOf: url)
        bundle.sealedFor = header.recipients.map(\.fingerprint)
        return bundle
    }

    /// `hashOf`: the file whose SHA-256 names the bundle, when it is not `url` itself.
    private static func readSigned(_ url: URL, name: String, scratch: URL, hashOf named: URL? = nil) throws
        -> VerifiedBundle
    {
        let path = url.path
        let fileSize = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
        guard fileSize <= BundleFormat.maxBundleBytes else { throw BundleError.tooLarge(bundle: name) }
        guard let fileHash = try? sha256(of: named ?? url) else { throw BundleError.cannotRead(path: path) }

        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw BundleError.damagedZip(bundle: name)
        }
        var entries: [String: Entry] = [:]
        var compressedTotal: Int64 = 0
        for entry in archive {
            let entryName = entry.path
            let parts = entryName.split(separator: "/", omittingEmptySubsequences: false)
            if entryName.hasPrefix("/") || entryName.contains("\\") || parts.contains("..") {
                throw BundleError.entry(bundle: name, name: entryName, .outsideTheBundle)
            }
            guard entry.type == .file else {
                throw BundleError.entry(bundle: name, name: entryName, .notAFile(symlink: entry.type == .symlink))
            }
            guard entries[entryName] == nil else { throw BundleError.entry(bundle: name, name: entryName, .twice) }
            guard BundleFormat.entries.contains(entryName) else {
                throw BundleError.entry(bundle: name, name: entryName, .unknown)
            }
            let cap =
                entryName == BundleFormat.manifestEntry
                ? BundleFormat.maxManifestBytes
                : entryName == BundleFormat.signatureEntry
                    ? BundleFormat.maxSignatureBytes : BundleFormat.maxOperationsBytes
            // Sizes are checked as declared (a zip64 field may declare up to 2^64 - 1 bytes).
            let size = Int64(clamping: entry.uncompressedSize)
            let packed = Int64(clamping: entry.compressedSize)
            guard packed <= fileSize else {
                throw BundleError.entry(bundle: name, name: entryName, .packedOverFile(declared: entry.compressedSize))
            }
            guard size <= cap else {
                throw BundleError.entry(
                    bundle: name, name: entryName, .overCap(declared: entry.uncompressedSize, cap: cap))
            }
            if size > 1 << 16, size > BundleFormat.maxCompressionRatio * max(packed, 1) {
                throw BundleError.entry(bundle: name, name: entryName, .zipBomb)
            }
            compressedTotal += packed
            entries[entryName] = entry
        }
        // Entries that share their bytes (a bomb by overlap) add up to more than the file holds.
        guard compressedTotal <= fileSize else { throw BundleError.entriesOverlap(bundle: name) }
        guard let manifestEntry = entries[BundleFormat.manifestEntry],
            let signatureEntry = entries[BundleFormat.signatureEntry],
            let operationsEntry = entries[BundleFormat.operationsEntry]
        else {
            throw BundleError.missingEntries(bundle: name)
        }

        let manifestData = try extract(archive, manifestEntry, name: name)
        let manifest = try decodeManifest(manifestData, name: name)
        let signatureText = String(decoding: try extract(archive, signatureEntry, name: name), as: UTF8.self)
        guard let signature = Data(base64Encoded: signatureText.trimmingCharacters(in: .whitespacesAndNewlines)),
            Identity.verify(signature: signature, of: manifestData, publicKey: manifest.producer.publicKey),
            Identity.fingerprint(ofPublicKey: manifest.producer.publicKey) == manifest.producer.fingerprint
        else {
            throw BundleError.signatureMismatch(bundle: name)
        }
        guard let declared = manifest.entries[BundleFormat.operationsEntry] else {
            throw BundleError.noOperationsHash(bundle: name)
        }

        // The operations, into a scratch file, hashed on the way.
        let operationsFile = scratch.appendingPathComponent("ncc-import-\(UUID().uuidString).jsonl")
        do {
            guard FileManager.default.createFile(atPath: operationsFile.path, contents: nil),
                let out = FileHandle(forWritingAtPath: operationsFile.path)
            else { throw BundleError.cannotWriteScratch(folder: scratch.path) }
            defer { try? out.close() }
            var hasher = SHA256()
            var written: Int64 = 0
            do {
                // ZIPFoundation computes the CRC-32 but leaves the comparison to its caller.
                let crc = try archive.extract(operationsEntry, bufferSize: 1 << 16) { chunk in
                    written += Int64(chunk.count)
                    if written > declared.size || written > BundleFormat.maxOperationsBytes {
                        throw BundleError.operationsDamaged(bundle: name, .longerThanDeclared)
                    }
                    hasher.update(data: chunk)
                    try out.write(contentsOf: chunk)
                }
                guard crc == operationsEntry.checksum else {
                    throw BundleError.operationsDamaged(bundle: name, .checksum)
                }
            } catch let error as BundleError {
                throw error
            } catch {
                throw BundleError.operationsDamaged(bundle: name, .doesNotDecompress)
            }
            let digest = Chain.hex(hasher.finalize())
            guard digest == declared.sha256, written == declared.size else {
                throw BundleError.hashMismatch(bundle: name)
            }
            var bundle = VerifiedBundle(
                manifest: manifest, fileHash: fileHash, operationsFile: operationsFile,
                sequences: [:], records: [], references: [:])
            try check(&bundle, name: name)
            return bundle
        } catch {
            try? FileManager.default.removeItem(at: operationsFile)
            throw error
        }
    }

    /// Every line parses and is an operation on a known kind and field; stamps rise; each
    /// replica's numbers follow on without a gap; the count is the manifest's.
    static func check(_ bundle: inout VerifiedBundle, name: String) throws {
        var lines = try LineReader(path: bundle.operationsFile.path, maxLine: BundleFormat.maxLineBytes)
        defer { lines.close() }
        var last: Stamp?
        var count = 0
        let manifest = bundle.manifest
        let producer = manifest.producer.replica
        // What the manifest says of authors and revocations is checked before any of it is used
        // or printed: numbers in range, ids that are ids, each fingerprint that of its key.
        for (replica, author) in manifest.authors ?? [:] {
            guard OperationLine.isIdentifier(replica), author.first >= 1, author.checkpoint.seq >= author.first,
                author.checkpoint.seq < Int(Int32.max) * 1024,
                Identity.fingerprint(ofPublicKey: author.publicKey) == author.fingerprint
            else { throw BundleError.malformedManifest(bundle: name) }
        }
        for revocation in manifest.revocations ?? [] {
            guard OperationLine.isIdentifier(revocation.replica), OperationLine.isIdentifier(revocation.by),
                revocation.after >= 0, Data(base64Encoded: revocation.publicKey)?.count == 32
            else { throw BundleError.malformedManifest(bundle: name) }
        }
        // Each author's chain through its verified operations, and the last number it reached.
        var chains: [String: (hash: Chain.Hash, seq: Int)] = [:]
        var misplaced: AuthorshipError?
        do {
            while let line = try lines.next() {
                if line.isEmpty { continue }
                let received: OperationLine.Received
                do {
                    received = try OperationLine.decode(line)
                } catch BundleError.badOperation(let problem) {
                    throw BundleError.badLine(bundle: name, line: lines.number, problem)
                }
                let op = received.op
                if let last, !(last < op.stamp) {
                    throw BundleError.outOfStampOrder(bundle: name, line: lines.number)
                }
                last = op.stamp
                if let range = bundle.sequences[op.replica] {
                    guard op.seq == range.upperBound + 1 else {
                        throw BundleError.sequenceGap(
                            bundle: name, line: lines.number, replica: op.replica, last: range.upperBound, next: op.seq)
                    }
                    bundle.sequences[op.replica] = range.lowerBound...op.seq
                } else {
                    bundle.sequences[op.replica] = op.seq...op.seq
                }
                if let author = manifest.authors?[op.replica], op.seq >= author.first {
                    guard op.seq <= author.checkpoint.seq else {
                        throw AuthorshipError.notCovered(
                            bundle: name, replica: op.replica, seq: op.seq, checkpoint: author.checkpoint.seq)
                    }
                    // Refused once every line has had its own checks (a line's number says more).
                    if chains[op.replica] == nil, op.seq != author.first {
                        misplaced =
                            misplaced
                            ?? .chainIncomplete(
                                bundle: name, replica: op.replica, expected: author.first, found: op.seq)
                    }
                    if misplaced == nil {
                        let previous = chains[op.replica]?.hash ?? author.base
                        guard let authorship = received.authorship(after: previous), let chain = authorship.chain
                        else {
                            let field = Chain.committed(op.kind).sorted().first {
                                op.fields[$0] != nil && received.hidden[$0] == nil && received.salts[$0] == nil
                            }
                            throw AuthorshipError.missingCommitment(
                                bundle: name, replica: op.replica, seq: op.seq, field: field ?? "?")
                        }
                        chains[op.replica] = (chain, op.seq)
                        bundle.chainHashes[op.replica, default: []].append(chain)
                    }
                } else if manifest.version >= 2, op.replica == producer {
                    throw AuthorshipError.producerUnchained(bundle: name, replica: producer)
                }
                bundle.records.insert(op.record)
                for (field, value) in op.fields {
                    if let target = Schema.field(field, of: op.kind)?.type.referencedKind, let id = value.text {
                        bundle.references[target, default: []].insert(id)
                    }
                }
                count += 1
            }
        } catch BundleError.lineTooLong(nil, let line, let megabytes) {
            throw BundleError.lineTooLong(bundle: name, line: line, megabytes: megabytes)
        }
        guard count == bundle.manifest.operations else {
            throw BundleError.operationCount(bundle: name, declared: bundle.manifest.operations, held: count)
        }
        if let misplaced { throw misplaced }
        for (replica, author) in (manifest.authors ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let held = bundle.sequences[replica], held.upperBound >= author.first else { continue }
            let checkpoint = author.checkpoint
            guard let reached = chains[replica], reached.seq == checkpoint.seq else {
                throw AuthorshipError.chainIncomplete(
                    bundle: name, replica: replica, expected: checkpoint.seq, found: held.upperBound)
            }
            guard reached.hash == checkpoint.chain else {
                throw AuthorshipError.chainMismatch(
                    bundle: name, replica: replica, first: author.first, last: checkpoint.seq)
            }
            let message = Chain.checkpointMessage(replica: replica, seq: checkpoint.seq, chain: checkpoint.chain)
            guard let signature = Data(base64Encoded: checkpoint.signature),
                Identity.verify(signature: signature, of: message, publicKey: author.publicKey)
            else {
                throw AuthorshipError.badCheckpointSignature(bundle: name, replica: replica, seq: checkpoint.seq)
            }
        }
    }

    static func decodeManifest(_ data: Data, name: String) throws -> BundleManifest {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == BundleFormat.name else {
            throw BundleError.unknownFormat(bundle: name)
        }
        guard let version = header.version, version >= 1 else { throw BundleError.unknownFormatVersion(bundle: name) }
        guard version <= BundleFormat.version else {
            throw BundleError.newerFormat(bundle: name, version: version)
        }
        do {
            let manifest = try JSONDecoder().decode(BundleManifest.self, from: data)
            guard OperationLine.isIdentifier(manifest.producer.replica) else {
                throw BundleError.malformedManifest(bundle: name)
            }
            return manifest
        } catch {
            throw BundleError.malformedManifest(bundle: name)
        }
    }

    static func extract(_ archive: Archive, _ entry: Entry, name: String) throws -> Data {
        var data = Data()
        do {
            let crc = try archive.extract(entry, bufferSize: 1 << 14) { chunk in
                data.append(chunk)
                if data.count > entry.uncompressedSize {
                    throw BundleError.entry(bundle: name, name: entry.path, .damaged)
                }
            }
            guard crc == entry.checksum else { throw BundleError.entry(bundle: name, name: entry.path, .damaged) }
        } catch {
            throw BundleError.entry(bundle: name, name: entry.path, .damaged)
        }
        return data
    }

    static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Chain.hex(hasher.finalize())
    }

}
