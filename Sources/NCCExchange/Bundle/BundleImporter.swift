import Foundation
import NCCModel
import NCCStore

/// Applies a verified bundle: the signer must be trusted (or trusted now), nothing may be missing
/// that its operations build on, and everything lands in one transaction, recorded as an import
/// that `StoreWriter.undoLastImport` (`ncc undo-import`) takes back out of the log.
public struct BundleImporter {
    let store: Store

    public init(store: Store) { self.store = store }

    public struct Result: Sendable {
        public var summary: ReceiveSummary
        public var manifest: BundleManifest
        /// The signer was not trusted before this import.
        public var newlyTrusted: Bool
        public var backup: String?
    }

    /// Checks the bundle against this database without changing anything: who signed it, whether
    /// we trust them, whether it follows on from what we hold. Throws the reason it cannot be applied.
    public func preflight(_ bundle: VerifiedBundle, trust: Bool) throws -> Bool {
        let producer = bundle.manifest.producer
        guard producer.replica != store.replicaID else { throw BundleError.madeHere(replica: producer.replica) }
        return try store.read { reader -> Bool in
            let peers = try reader.peers()
            if peers.contains(where: { $0.revoked && $0.publicKey == producer.publicKey }) {
                throw BundleError.revokedSigner(fingerprint: producer.fingerprint)
            }
            var newlyTrusted = false
            if let peer = peers.first(where: { $0.replica == producer.replica }) {
                guard peer.publicKey == producer.publicKey else {
                    throw BundleError.signerKnownWithAnotherKey(
                        replica: producer.replica, known: Identity.fingerprint(ofPublicKey: peer.publicKey),
                        signedBy: producer.fingerprint)
                }
                if !peer.trusted {
                    guard trust else { throw untrusted(producer) }
                    newlyTrusted = true
                }
            } else {
                guard trust else { throw untrusted(producer) }
                newlyTrusted = true
            }
            // A bundle must follow on from what we hold (else a later edit could arrive before
            // the one it replaced): each replica's first number at most one past ours.
            let held = try reader.knowledge()
            for (replica, range) in bundle.sequences.sorted(by: { $0.key < $1.key })
            where range.lowerBound > (held[replica] ?? 0) + 1 {
                throw BundleError.missingEarlierOperations(
                    replica: replica, first: range.lowerBound, held: held[replica] ?? 0)
            }
            for (kind, ids) in bundle.references {
                for id in ids where !bundle.records.contains(id) {
                    guard try reader.holds(kind, id: id) else {
                        throw BundleError.danglingReference(kind: kind, id: id)
                    }
                }
            }
            return newlyTrusted
        }
    }

    func untrusted(_ producer: BundleManifest.Producer) -> BundleError {
        .unknownSigner(fingerprint: producer.fingerprint, replica: producer.replica)
    }

    /// What importing would change, without changing anything.
    public func preview(_ bundle: VerifiedBundle, trust: Bool) throws -> Result {
        let newlyTrusted = try preflight(bundle, trust: trust)
        let summary = try store.trial { writer -> ReceiveSummary in
            var summary = ReceiveSummary()
            try bundle.forEachOperation { try writer.receive($0, into: &summary) }
            return summary
        }
        return Result(summary: summary, manifest: bundle.manifest, newlyTrusted: newlyTrusted, backup: nil)
    }

    /// Applies every operation and records the peer, in one transaction, as one import that can be
    /// undone; `backups`: a whole copy of the database first, as well (`ncc import --backup`).
    /// Imports into the same database, from any process, take turns (see `ImportLock`).
    public func apply(_ bundle: VerifiedBundle, trust: Bool, backups: Backups? = nil, file: String = "") throws
        -> Result
    {
        try ImportLock.holding(store.path) { try applyAlone(bundle, trust: trust, backups: backups, file: file) }
    }

    private func applyAlone(_ bundle: VerifiedBundle, trust: Bool, backups: Backups?, file: String) throws -> Result {
        let newlyTrusted = try preflight(bundle, trust: trust)
        let held = try store.read { try $0.knowledge() }
        let bringsNews = bundle.sequences.contains { $0.value.upperBound > held[$0.key] ?? 0 }
        // A bundle seen before changes no record: no backup for it.
        let backup = bringsNews ? try backups?.make() : nil
        let manifest = bundle.manifest
        let summary = try store.write { writer -> ReceiveSummary in
            var summary = ReceiveSummary()
            if bringsNews { try writer.beginImport(producer: manifest.producer.replica, file: file) }
            let large = manifest.operations > 10_000
            if large { try writer.beginBulkLoad() }
            let held = try writer.reader.knowledge()
            // A record of a kind this database held none of, seen first here, needs no lookup.
            let emptyKinds = try Set(Kind.allCases.filter { try writer.reader.holdsNone($0) })
            var seen = Set<String>()
            try bundle.forEachOperation { op in
                let absent = emptyKinds.contains(op.kind) && seen.insert(op.record).inserted
                try writer.receive(op, into: &summary, newer: op.seq > held[op.replica] ?? 0, absent: absent)
            }
            if large { try writer.endBulkLoad() }
            var peer =
                try writer.reader.peer(manifest.producer.replica)
                ?? Peer(replica: manifest.producer.replica, publicKey: manifest.producer.publicKey)
            peer.trusted = true
            // What it holds only grows: an old bundle replayed does not make us forget newer news.
            peer.knowledge.merge(manifest.knowledge) { max($0, $1) }
            // This machine's clock, as the member reads it: the replica's logical clock is the
            // newest stamp it holds, which is 1970 in a database that has made no change yet.
            peer.lastImport = Dates.nowUTC()
            peer.lastBundle = bundle.fileHash
            try writer.savePeer(peer)
            return summary
        }
        return Result(summary: summary, manifest: manifest, newlyTrusted: newlyTrusted, backup: backup)
    }
}

/// Copies of the database taken before each import, beside it, the last five kept.
public struct Backups {
    let store: Store
    public let folder: URL
    public static let kept = 5

    public init(store: Store) {
        self.store = store
        let database = URL(fileURLWithPath: store.path)
        folder = database.deletingLastPathComponent().appendingPathComponent(database.lastPathComponent + ".backups")
    }

    /// A new backup; returns its path.
    public func make() throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var path = folder.appendingPathComponent("before-import-\(formatter.string(from: Date())).sqlite").path
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = folder.appendingPathComponent("before-import-\(formatter.string(from: Date()))-\(n).sqlite").path
            n += 1
        }
        try store.backup(to: path)
        try prune()
        return path
    }

    public func list() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("before-import-") && $0.hasSuffix(".sqlite") }.sorted().map {
            folder.appendingPathComponent($0).path
        }
    }

    func prune() throws {
        let all = list()
        for path in all.dropLast(Self.kept) { try? FileManager.default.removeItem(atPath: path) }
    }
}
