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
    var sequences: [String: ClosedRange<Int>]
    /// Ids of the records the bundle has operations on, and the ids its references name.
    var records: Set<String>
    var references: [Kind: Set<String>]

    public var fingerprint: String { manifest.producer.fingerprint }

    public func discard() { try? FileManager.default.removeItem(at: operationsFile) }

    /// SHA-256 of the operations, as checked against the signed manifest.
    var operationsHash: String { manifest.entries[BundleFormat.operationsEntry]?.sha256 ?? "" }

    /// The bundle's operations, in order, parsed on a second thread while `body` applies them on
    /// this one (parsing is a tenth of an import). Every line was checked when the bundle was
    /// read; they are parsed again but not checked again (another tenth). Instead the file is
    /// hashed again on the way: bytes changed since then throw at the end, before the caller's
    /// transaction can commit.
    func forEachOperation(_ body: (Operation) throws -> Void) throws {
        let bundle = self
        try Handoff<Operation>.run(make: { handoff in try bundle.parseOperations { try handoff.send($0) } }, use: body)
    }

    private func parseOperations(_ body: (Operation) throws -> Void) throws {
        var lines = try LineReader(path: operationsFile.path, maxLine: BundleFormat.maxLineBytes, hashing: true)
        defer { lines.close() }
        while let line = try lines.next() {
            if line.isEmpty { continue }
            try body(try OperationLine.decode(line, checked: false))
        }
        guard let digest = lines.hasher?.finalize(), BundleReader.hex(digest) == operationsHash else {
            throw BundleError("the bundle's operations changed on disk after they were checked; nothing was imported")
        }
    }
}

/// Opens a bundle and checks all of it before anything is applied. Every refusal is one line.
public enum BundleReader {
    public static func read(_ path: String, scratch: URL = FileManager.default.temporaryDirectory) throws -> VerifiedBundle {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw BundleError("cannot read \(path): no such file")
        }
        let fileSize = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
        guard fileSize <= BundleFormat.maxBundleBytes else { throw BundleError("\(name): larger than 1 GB, refused") }
        guard let fileHash = try? sha256(of: url) else { throw BundleError("cannot read \(path)") }

        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw BundleError("\(name): not a bundle: the zip is damaged or truncated")
        }
        var entries: [String: Entry] = [:]
        var compressedTotal: Int64 = 0
        for entry in archive {
            let entryName = entry.path
            let parts = entryName.split(separator: "/", omittingEmptySubsequences: false)
            if entryName.hasPrefix("/") || entryName.contains("\\") || parts.contains("..") {
                throw BundleError("\(name): refused: the entry name '\(Sanitized.one(entryName))' points outside the bundle")
            }
            guard entry.type == .file else {
                throw BundleError("\(name): refused: the entry '\(Sanitized.one(entryName))' is a \(entry.type == .symlink ? "symbolic link" : "folder"), not a file")
            }
            guard entries[entryName] == nil else { throw BundleError("\(name): refused: the entry '\(Sanitized.one(entryName))' appears twice") }
            guard BundleFormat.entries.contains(entryName) else {
                throw BundleError("\(name): not an ncc bundle: unknown entry '\(Sanitized.one(entryName))'")
            }
            let cap = entryName == BundleFormat.manifestEntry ? BundleFormat.maxManifestBytes
                : entryName == BundleFormat.signatureEntry ? BundleFormat.maxSignatureBytes : BundleFormat.maxOperationsBytes
            // Sizes are checked as declared (a zip64 field may declare up to 2^64 - 1 bytes).
            let size = Int64(clamping: entry.uncompressedSize), packed = Int64(clamping: entry.compressedSize)
            guard packed <= fileSize else {
                throw BundleError("\(name): refused: the entry '\(entryName)' declares \(entry.compressedSize) packed bytes, more than the file holds")
            }
            guard size <= cap else { throw BundleError("\(name): refused: the entry '\(entryName)' declares \(entry.uncompressedSize) bytes, over its cap of \(cap)") }
            if size > 1 << 16, size > BundleFormat.maxCompressionRatio * max(packed, 1) {
                throw BundleError("\(name): refused: the entry '\(entryName)' is compressed more than 100:1 (a zip bomb)")
            }
            compressedTotal += packed
            entries[entryName] = entry
        }
        // Entries that share their bytes (a bomb by overlap) add up to more than the file holds.
        guard compressedTotal <= fileSize else { throw BundleError("\(name): refused: its entries overlap (a zip bomb)") }
        guard let manifestEntry = entries[BundleFormat.manifestEntry], let signatureEntry = entries[BundleFormat.signatureEntry],
              let operationsEntry = entries[BundleFormat.operationsEntry] else {
            throw BundleError("\(name): not an ncc bundle: it needs \(BundleFormat.entries.sorted().joined(separator: ", "))")
        }

        let manifestData = try extract(archive, manifestEntry, name: name)
        let manifest = try decodeManifest(manifestData, name: name)
        let signatureText = String(decoding: try extract(archive, signatureEntry, name: name), as: UTF8.self)
        guard let signature = Data(base64Encoded: signatureText.trimmingCharacters(in: .whitespacesAndNewlines)),
              Identity.verify(signature: signature, of: manifestData, publicKey: manifest.producer.publicKey),
              Identity.fingerprint(ofPublicKey: manifest.producer.publicKey) == manifest.producer.fingerprint else {
            throw BundleError("\(name): refused: the signature does not match (the bundle was altered or not signed by its producer's key)")
        }
        guard let declared = manifest.entries[BundleFormat.operationsEntry] else {
            throw BundleError("\(name): the manifest has no hash for \(BundleFormat.operationsEntry)")
        }

        // The operations, into a scratch file, hashed on the way.
        let operationsFile = scratch.appendingPathComponent("ncc-import-\(UUID().uuidString).jsonl")
        do {
            guard FileManager.default.createFile(atPath: operationsFile.path, contents: nil),
                  let out = FileHandle(forWritingAtPath: operationsFile.path) else { throw BundleError("cannot write in \(scratch.path)") }
            defer { try? out.close() }
            var hasher = SHA256()
            var written: Int64 = 0
            do {
                // ZIPFoundation computes the CRC-32 but leaves the comparison to its caller.
                let crc = try archive.extract(operationsEntry, bufferSize: 1 << 16) { chunk in
                    written += Int64(chunk.count)
                    if written > declared.size || written > BundleFormat.maxOperationsBytes { throw BundleError("longer than declared") }
                    hasher.update(data: chunk)
                    try out.write(contentsOf: chunk)
                }
                guard crc == operationsEntry.checksum else { throw BundleError("the zip's checksum") }
            } catch {
                let why = (error as? BundleError).map { $0.description == "the zip's checksum" ? "its bytes do not match the zip's checksum" : "longer than its manifest says" }
                    ?? "it does not decompress"
                throw BundleError("\(name): refused: \(BundleFormat.operationsEntry) is damaged (\(why))")
            }
            let digest = hex(hasher.finalize())
            guard digest == declared.sha256, written == declared.size else {
                throw BundleError("\(name): refused: the hash of \(BundleFormat.operationsEntry) does not match the manifest (altered or damaged)")
            }
            var bundle = VerifiedBundle(manifest: manifest, fileHash: fileHash, operationsFile: operationsFile,
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
        do {
            while let line = try lines.next() {
                if line.isEmpty { continue }
                let op: Operation
                do {
                    op = try OperationLine.decode(line)
                } catch let error as BundleError {
                    throw BundleError("\(name): \(BundleFormat.operationsEntry) line \(lines.number): \(error.description)")
                }
                if let last, !(last < op.stamp) {
                    throw BundleError("\(name): \(BundleFormat.operationsEntry) line \(lines.number): out of stamp order")
                }
                last = op.stamp
                if let range = bundle.sequences[op.replica] {
                    guard op.seq == range.upperBound + 1 else {
                        throw BundleError("\(name): \(BundleFormat.operationsEntry) line \(lines.number): replica \(op.replica) skips from \(range.upperBound) to \(op.seq)")
                    }
                    bundle.sequences[op.replica] = range.lowerBound...op.seq
                } else {
                    bundle.sequences[op.replica] = op.seq...op.seq
                }
                bundle.records.insert(op.record)
                for (field, value) in op.fields {
                    if let target = Schema.field(field, of: op.kind)?.type.referencedKind, let id = value.text {
                        bundle.references[target, default: []].insert(id)
                    }
                }
                count += 1
            }
        } catch let error as BundleError where error.description.hasPrefix("line ") {
            throw BundleError("\(name): \(BundleFormat.operationsEntry) \(error.description)")
        }
        guard count == bundle.manifest.operations else {
            throw BundleError("\(name): the manifest says \(bundle.manifest.operations) operations, \(BundleFormat.operationsEntry) holds \(count)")
        }
    }

    static func decodeManifest(_ data: Data, name: String) throws -> BundleManifest {
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == BundleFormat.name else {
            throw BundleError("\(name): not an ncc bundle (unknown format)")
        }
        guard let version = header.version, version >= 1 else { throw BundleError("\(name): not an ncc bundle (unknown format version)") }
        guard version <= BundleFormat.version else {
            throw BundleError("\(name): made by a newer ncc (bundle format \(version), this ncc reads \(BundleFormat.version)): upgrade ncc")
        }
        do {
            let manifest = try JSONDecoder().decode(BundleManifest.self, from: data)
            guard OperationLine.isIdentifier(manifest.producer.replica) else { throw BundleError("bad producer") }
            return manifest
        } catch {
            throw BundleError("\(name): the manifest is malformed")
        }
    }

    static func extract(_ archive: Archive, _ entry: Entry, name: String) throws -> Data {
        var data = Data()
        do {
            let crc = try archive.extract(entry, bufferSize: 1 << 14) { chunk in
                data.append(chunk)
                if data.count > entry.uncompressedSize { throw BundleError("longer than declared") }
            }
            guard crc == entry.checksum else { throw BundleError("checksum") }
        } catch {
            throw BundleError("\(name): refused: the entry '\(entry.path)' is damaged")
        }
        return data
    }

    static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
