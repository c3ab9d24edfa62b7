import Crypto
import Foundation
import NCCModel
import NCCStore
import ZIPFoundation

/// Writes a signed bundle: the operations a peer is not known to hold (or all of them), with
/// contact details of people who did not agree to share them left out.
public struct BundleWriter {
    let store: Store
    let identity: Identity

    public init(store: Store, identity: Identity) {
        self.store = store
        self.identity = identity
    }

    public struct Written: Sendable {
        public var manifest: BundleManifest
        public var bytes: Int64
    }

    /// Writes the bundle to `path` (through a temporary file renamed into place). `peer` names the
    /// recipient whose known holdings are left out; nil or `full` writes everything.
    @discardableResult
    public func write(to path: String, for peer: String? = nil, full: Bool = false) throws -> Written {
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BundleError("cannot write \(path): the folder \(folder.path) does not exist")
        }
        let scratch = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString)")
        let operationsFile = scratch.appendingPathExtension("ops")
        let zipFile = scratch.appendingPathExtension("tmp")
        defer {
            try? FileManager.default.removeItem(at: operationsFile)
            try? FileManager.default.removeItem(at: zipFile)
        }

        var recipientKnowledge: [String: Int] = [:]
        if let peer, !full {
            guard let known = try store.read({ try $0.peer(peer) }) else {
                throw BundleError("no peer '\(peer)' (see 'ncc peers'); a first bundle for someone new is a full one: leave out --for")
            }
            recipientKnowledge = known.knowledge
        }

        // One snapshot: the operations, what we hold and who may be shared agree with each other.
        let (manifest, operationsSize) = try store.read { reader -> (BundleManifest, Int64) in
            let privatePeople = try reader.privatePeople()
            let personal = Set(Schema.fields(of: .person).filter(\.personal).map(\.name))
            guard FileManager.default.createFile(atPath: operationsFile.path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: operationsFile.path) else {
                throw BundleError("cannot write in \(folder.path)")
            }
            defer { try? handle.close() }
            var hasher = SHA256()
            var buffer = Data()
            var size: Int64 = 0
            var counts: [String: Int] = [:]
            func flush() throws {
                hasher.update(data: buffer)
                size += Int64(buffer.count)
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            let total = try reader.forEachStoredOperation(notIn: recipientKnowledge) { stored in
                var op = stored
                if op.kind == Kind.person.rawValue, privatePeople.contains(op.record) {
                    var fields = try LineParser.fields(op.fields)
                    for name in personal where fields[name] != nil { fields[name] = .null }
                    op.fields = CanonicalJSON.encode(fields)
                }
                buffer.append(contentsOf: OperationLine.encode(op).utf8)
                counts[op.kind, default: 0] += 1
                if buffer.count >= 1 << 20 { try flush() }
            }
            try flush()
            let digest = BundleReader.hex(hasher.finalize())
            let manifest = BundleManifest(
                format: BundleFormat.name, version: BundleFormat.version,
                producer: .init(replica: identity.replica, publicKey: identity.publicKey, fingerprint: identity.fingerprint),
                recipient: full ? nil : peer, full: full || peer == nil, created: try reader.clockTime(),
                knowledge: try reader.knowledge(), operations: total, counts: counts,
                entries: [BundleFormat.operationsEntry: .init(sha256: digest, size: size)])
            return (manifest, size)
        }

        let manifestData = try BundleManifest.encode(manifest)
        let signature = Data(try identity.sign(manifestData).base64EncodedString().utf8) + Data("\n".utf8)
        do {
            let archive = try Archive(url: zipFile, accessMode: .create)
            try add(archive, BundleFormat.manifestEntry, manifestData)
            let reader = try FileHandle(forReadingFrom: operationsFile)
            defer { try? reader.close() }
            try archive.addEntry(with: BundleFormat.operationsEntry, type: .file, uncompressedSize: operationsSize,
                                 modificationDate: BundleFormat.entryDate, permissions: 0o644,
                                 compressionMethod: .deflate, bufferSize: 1 << 16) { position, size in
                try reader.seek(toOffset: UInt64(position))
                return try reader.read(upToCount: size) ?? Data()
            }
            try add(archive, BundleFormat.signatureEntry, signature)
        } catch {
            throw BundleError("cannot write \(path): \(error.localizedDescription)")
        }
        // On disk before it takes its name: a crash leaves the old file or the whole new one.
        if let handle = FileHandle(forUpdatingAtPath: zipFile.path) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(zipFile.path, destination.path) == 0 else {
            throw BundleError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: destination.path)[.size]) as? NSNumber)?.int64Value ?? 0
        if let peer, !full {
            try store.write { writer in
                if var known = try writer.reader.peer(peer) {
                    known.lastExport = manifest.created
                    try writer.savePeer(known)
                }
            }
        }
        return Written(manifest: manifest, bytes: bytes)
    }

    private func add(_ archive: Archive, _ name: String, _ data: Data) throws {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                             modificationDate: BundleFormat.entryDate, permissions: 0o644,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
