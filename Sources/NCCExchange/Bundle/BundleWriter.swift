import Foundation
import NCCModel
import NCCStore
import ZIPFoundation

/// Writes a signed bundle: the operations its recipients are not known to hold (or all of
/// them), with contact details of people who did not agree to share them left out, and this
/// replica's checkpoint signed for it; sealed for its recipients, or not.
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
    public func write(to path: String, for peer: String? = nil, full: Bool = false, sealed: Bool = false) throws
        -> Written
    {
        try write(to: path, for: peer.map { [$0] } ?? [], full: full, sealed: sealed)
    }

    /// Writes the bundle for `peers`: what none of them is known to hold is left out (unless
    /// `full`), and `sealed` seals it for exactly them (each must have published a sealing key).
    @discardableResult
    public func write(to path: String, for peers: [String], full: Bool = false, sealed: Bool) throws -> Written {
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BundleError.noFolder(path: path, folder: folder.path)
        }
        let zipFile = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: zipFile) }

        var recipientKnowledge: [String: Int] = [:]
        var recipients: [Seal.Recipient] = []
        for (n, peer) in peers.enumerated() {
            guard let known = try store.read({ try $0.peer(peer) }) else {
                throw BundleError.noSuchPeer(peer)
            }
            if sealed {
                guard let key = known.agreementKey else { throw AuthorshipError.noSealingKey(peer: peer) }
                recipients.append(Seal.Recipient(replica: peer, publicKey: key))
            }
            // What every recipient holds: the least of their holdings.
            guard !full else { continue }
            recipientKnowledge =
                n == 0
                ? known.knowledge
                : recipientKnowledge.reduce(into: [:]) { least, entry in
                    if let theirs = known.knowledge[entry.key] { least[entry.key] = min(entry.value, theirs) }
                }
        }
        if sealed, recipients.isEmpty { throw AuthorshipError.nobodyToSealFor }
        let ownCheckpoint = try signOwnCheckpoint()

        // The operations are read and encoded on a second thread while this one deflates them:
        // deflating is most of an export, and the machine has a second core.
        let operations = OperationsReader(
            store: store, identity: identity, agreementKey: identity.sealing?.publicKey, ownCheckpoint: ownCheckpoint,
            knowledge: recipientKnowledge,
            recipient: full || peers.isEmpty ? nil : peers.joined(separator: ", "), full: full || peers.isEmpty)
        let manifest: BundleManifest
        do {
            let archive = try Archive(url: zipFile, accessMode: .create)
            manifest = try Handoff<OperationsReader.Piece>.run(batchSize: 1, batchesAhead: 16, make: operations.read) {
                pieces in
                guard case .size(let size)? = try pieces.take() else {
                    throw BundleError.exportMiscounted(path: path, .nothingRead)
                }
                var bytes = ByteQueue()
                try archive.addEntry(
                    with: BundleFormat.operationsEntry, type: .file, uncompressedSize: size,
                    modificationDate: BundleFormat.entryDate, permissions: 0o644,
                    compressionMethod: .deflate, bufferSize: OperationsReader.pieceBytes
                ) { _, count in
                    try bytes.take(count) {
                        guard case .bytes(let data)? = try pieces.take() else {
                            throw BundleError.exportMiscounted(path: path, .fewer)
                        }
                        return data
                    }
                }
                guard case .end(let manifest)? = try pieces.take() else {
                    throw BundleError.exportMiscounted(path: path, .more)
                }
                return manifest
            }
            let manifestData = try BundleManifest.encode(manifest)
            let signature = Data(try identity.sign(manifestData).base64EncodedString().utf8) + Data("\n".utf8)
            try add(archive, BundleFormat.manifestEntry, manifestData)
            try add(archive, BundleFormat.signatureEntry, signature)
        } catch let error as BundleError {
            throw error
        } catch let error as StoreError {
            throw error
        } catch {
            throw BundleError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        var finished = zipFile
        let sealedFile = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).sealed")
        defer { try? FileManager.default.removeItem(at: sealedFile) }
        if sealed {
            // Sign, then seal: the recipient opens it, then checks every author as in any bundle.
            try Seal.seal(plainFile: zipFile, to: recipients, output: sealedFile)
            finished = sealedFile
        }
        // On disk before it takes its name: a crash leaves the old file or the whole new one.
        if let handle = FileHandle(forUpdatingAtPath: finished.path) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(finished.path, destination.path) == 0 else {
            throw BundleError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        let bytes =
            ((try? FileManager.default.attributesOfItem(atPath: destination.path)[.size]) as? NSNumber)?.int64Value ?? 0
        for peer in peers {
            try store.write { writer in
                if var known = try writer.reader.peer(peer) {
                    // This machine's clock: `created` is the producer's logical clock, the time
                    // of the last change the bundle holds, not when it was written.
                    known.lastExport = Dates.nowUTC()
                    try writer.savePeer(known)
                }
            }
        }
        return Written(manifest: manifest, bytes: bytes)
    }

    /// Chains this replica's operations up to its newest (the first time, its older ones too),
    /// signs "this replica, operation n, chain hash h" and keeps the checkpoint.
    private func signOwnCheckpoint() throws -> Checkpoint? {
        // Signed once per newest operation: an export with nothing new writes nothing here.
        let replica = identity.replica
        if let kept = try store.read({ reader -> Checkpoint? in
            guard let last = try reader.knowledge()[replica], let chain = try reader.chain(of: replica, seq: last),
                let kept = try reader.checkpoint(of: replica, atMost: last), kept.seq == last, kept.chain == chain
            else { return nil }
            return kept
        }) {
            return kept
        }
        return try store.write { writer -> Checkpoint? in
            let tip = try writer.ownChainTip()
            guard tip.seq > 0 else { return nil }
            let message = Chain.checkpointMessage(replica: identity.replica, seq: tip.seq, chain: tip.chain)
            let checkpoint = Checkpoint(
                seq: tip.seq, chain: tip.chain, signature: try identity.sign(message).base64EncodedString())
            try writer.saveCheckpoint(checkpoint, of: identity.replica)
            return checkpoint
        }
    }

    private func add(_ archive: Archive, _ name: String, _ data: Data) throws {
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: Int64(data.count),
            modificationDate: BundleFormat.entryDate, permissions: 0o644,
            compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// Gives the zip writer exactly the bytes it asks for, from pieces of any length.
private struct ByteQueue {
    private var pending = Data()

    mutating func take(_ count: Int, next: () throws -> Data) throws -> Data {
        guard count > 0 else { return Data() }
        if pending.isEmpty {
            let piece = try next()
            if piece.count == count { return piece }
            pending = piece
        }
        while pending.count < count {
            let piece = try next()
            guard !piece.isEmpty else { throw BundleError.emptyPiece }
            pending.append(piece)
        }
        let bytes = Data(pending.prefix(count))
        pending.removeFirst(count)
        return bytes
    }
}
