import Foundation
import NCCModel
import NCCStore

/// Applies a verified bundle: the signer must be trusted (or trusted now), nothing may be missing
/// that its operations build on, and everything lands in one transaction, recorded as an import
/// that `StoreWriter.undoLastImport` (`ncc undo-import`) takes back out of the log. Operations of
/// authors not confirmed here wait aside (`Admission`); a revoked author's are refused.
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

    /// What the checks against this database found: whether the signer is trusted only now, and
    /// the authors whose operations in the bundle wait from the first (what they follow waits).
    struct Plan {
        var newlyTrusted: Bool
        var blocked: [String: String]
    }

    /// Checks the bundle against this database without changing anything: who signed it, whether
    /// we trust them, whether it follows on from what we hold. Throws the reason it cannot be applied.
    public func preflight(_ bundle: VerifiedBundle, trust: Bool) throws -> Bool {
        try plan(bundle, trust: trust).newlyTrusted
    }

    func plan(_ bundle: VerifiedBundle, trust: Bool) throws -> Plan {
        let producer = bundle.manifest.producer
        guard producer.replica != store.replicaID else { throw BundleError.madeHere(replica: producer.replica) }
        return try store.read { reader -> Plan in
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
            // The producer's own checkpoint must be under the key that signed the bundle.
            if let own = bundle.manifest.authors?[producer.replica], own.publicKey != producer.publicKey {
                throw AuthorshipError.badCheckpointSignature(
                    bundle: producer.replica, replica: producer.replica, seq: own.checkpoint.seq)
            }
            // An introduction must agree with the key an author is known by here.
            for (replica, author) in bundle.manifest.authors ?? [:] {
                guard let known = peers.first(where: { $0.replica == replica }), known.publicKey != author.publicKey
                else { continue }
                throw AuthorshipError.authorKnownWithAnotherKey(
                    replica: replica, known: Identity.fingerprint(ofPublicKey: known.publicKey) ?? "?",
                    claimed: author.fingerprint)
            }
            // A bundle must follow on from what we hold (else a later edit could arrive before
            // the one it replaced): each replica's first number at most one past ours. An author
            // whose next operations wait here already waits on in this bundle too.
            var blocked: [String: String] = [:]
            let held = try reader.knowledge()
            let trusted = Set(peers.filter { $0.trusted && !$0.revoked }.map(\.replica))
            for (replica, range) in bundle.sequences.sorted(by: { $0.key < $1.key })
            where range.lowerBound > (held[replica] ?? 0) + 1 {
                let next = (held[replica] ?? 0) + 1
                if try reader.waitingOperation(replica: replica, seq: next) {
                    blocked[replica] = "it follows operations of \(replica) that wait"
                } else if replica == producer.replica || trusted.contains(replica) {
                    throw BundleError.missingEarlierOperations(
                        replica: replica, first: range.lowerBound, held: held[replica] ?? 0)
                } else {
                    blocked[replica] = "operations \(next)–\(range.lowerBound - 1) of \(replica) have not come yet"
                }
            }
            for (kind, ids) in bundle.references {
                for id in ids where !bundle.records.contains(id) {
                    guard try reader.holds(kind, id: id) else {
                        throw BundleError.danglingReference(kind: kind, id: id)
                    }
                }
            }
            return Plan(newlyTrusted: newlyTrusted, blocked: blocked)
        }
    }

    func untrusted(_ producer: BundleManifest.Producer) -> BundleError {
        .unknownSigner(fingerprint: producer.fingerprint, replica: producer.replica)
    }

    /// What importing would change, without changing anything.
    public func preview(_ bundle: VerifiedBundle, trust: Bool) throws -> Result {
        let plan = try plan(bundle, trust: trust)
        let summary = try store.trial { writer -> ReceiveSummary in
            try receive(bundle, plan: plan, into: writer, large: false)
        }
        return Result(summary: summary, manifest: bundle.manifest, newlyTrusted: plan.newlyTrusted, backup: nil)
    }

    /// Applies every operation and records the peer, in one transaction, as one import that can be
    /// undone; `backups`: a whole copy of the database first, as well (`ncc import --backup`).
    /// Imports into the same database, from any process, take turns (see `ImportLock`).
    public func apply(_ bundle: VerifiedBundle, trust: Bool, backups: Backups? = nil, file: String = "") throws
        -> Result
    {
        try ImportLock.holding(store.path) { try applyAlone(bundle, trust: trust, backups: backups, file: file) }
    }

    /// Applies the operations that waited and can be applied now (their author was just trusted,
    /// or what they build on came). Returns how many.
    @discardableResult
    public func releaseWaiting() throws -> Int {
        try ImportLock.holding(store.path) {
            try store.write { writer in try WaitingRelease(writer: writer, ourselves: store.replicaID).run() }
        }
    }

    private func applyAlone(_ bundle: VerifiedBundle, trust: Bool, backups: Backups?, file: String) throws -> Result {
        let plan = try plan(bundle, trust: trust)
        let held = try store.read { try $0.knowledge() }
        let bringsNews = bundle.sequences.contains { $0.value.upperBound > held[$0.key] ?? 0 }
        // A bundle seen before changes no record: no backup for it.
        let backup = bringsNews ? try backups?.make() : nil
        let manifest = bundle.manifest
        let summary = try store.write { writer -> ReceiveSummary in
            if bringsNews { try writer.beginImport(producer: manifest.producer.replica, file: file) }
            let summary = try receive(bundle, plan: plan, into: writer, large: manifest.operations > 10_000)
            var peer =
                try writer.reader.peer(manifest.producer.replica)
                ?? Peer(replica: manifest.producer.replica, publicKey: manifest.producer.publicKey, trusted: true)
            // What it holds only grows: an old bundle replayed does not make us forget newer news.
            peer.knowledge.merge(manifest.knowledge) { max($0, $1) }
            // This machine's clock, as the member reads it: the replica's logical clock is the
            // newest stamp it holds, which is 1970 in a database that has made no change yet.
            peer.lastImport = Dates.nowUTC()
            peer.lastBundle = bundle.fileHash
            try writer.savePeer(peer)
            return summary
        }
        return Result(summary: summary, manifest: manifest, newlyTrusted: plan.newlyTrusted, backup: backup)
    }

    /// The producer trusted, the keys it introduces and the revocations it carries learned, then
    /// every operation applied, set aside or refused, then whatever waited and can go now.
    private func receive(_ bundle: VerifiedBundle, plan: Plan, into writer: StoreWriter, large: Bool) throws
        -> ReceiveSummary
    {
        let manifest = bundle.manifest
        let producer = manifest.producer
        var peer =
            try writer.reader.peer(producer.replica) ?? Peer(replica: producer.replica, publicKey: producer.publicKey)
        peer.trusted = true
        peer.agreementKey = producer.agreementKey ?? peer.agreementKey
        try writer.savePeer(peer)
        try learnKeys(manifest, writer)

        var summary = ReceiveSummary()
        if large { try writer.beginBulkLoad() }
        let held = try writer.reader.knowledge()
        let anyWaiting = try writer.reader.waitingCount() > 0
        // A record of a kind this database held none of, seen first here, needs no lookup.
        let emptyKinds = try Set(Kind.allCases.filter { try writer.reader.holdsNone($0) })
        var seen = Set<String>()
        var admission = Admission(reader: writer.reader, ourselves: store.replicaID)
        for (replica, reason) in plan.blocked { admission.block(replica, because: reason) }
        try bundle.forEachOperation { incoming in
            let op = incoming.op
            guard op.seq > held[op.replica] ?? 0 else {
                try writer.receive(op, authorship: incoming.authorship, into: &summary)
                return
            }
            switch try admission.fate(of: op, verified: bundle.isVerified(op)) {
            case .apply:
                let absent = emptyKinds.contains(op.kind) && seen.insert(op.record).inserted
                try writer.receive(op, authorship: incoming.authorship, into: &summary, newer: true, absent: absent)
                if anyWaiting { try writer.removeWaiting(replica: op.replica, seq: op.seq) }
            case .wait(let reason):
                summary.waiting[op.replica, default: 0] += 1
                try writer.setAside(
                    WaitingOperation(
                        replica: op.replica, seq: op.seq, stamp: op.stamp.description,
                        line: String(decoding: incoming.line, as: UTF8.self),
                        chain: incoming.authorship?.chain, reason: reason, via: producer.replica))
            case .refuse:
                summary.refused[op.replica, default: 0] += 1
            }
        }
        if large { try writer.endBulkLoad() }
        // Keep each author's checkpoint: relaying its operations on needs it.
        for (replica, author) in manifest.authors ?? [:]
        where replica != store.replicaID && bundle.sequences[replica] != nil {
            try writer.saveCheckpoint(author.checkpoint, of: replica)
            if let first = bundle.sequences[replica]?.lowerBound, author.first == first, first > 1 {
                try writer.adoptChain(of: replica, seq: first - 1, chain: author.base)
            }
        }
        if anyWaiting || !summary.waiting.isEmpty {
            summary.released = try WaitingRelease(writer: writer, ourselves: store.replicaID).run()
        }
        return summary
    }

    /// The authors the producer introduces (their keys, unconfirmed until the member confirms
    /// them), and the revocations it carries that a member trusted here signed.
    private func learnKeys(_ manifest: BundleManifest, _ writer: StoreWriter) throws {
        let producer = manifest.producer.replica
        let revoked = Set(try writer.reader.revocations().map { "\($0.replica) \($0.publicKey)" })
        for (replica, author) in (manifest.authors ?? [:]).sorted(by: { $0.key < $1.key })
        where replica != store.replicaID {
            if var known = try writer.reader.peer(replica) {
                if known.agreementKey == nil, let key = author.agreementKey {
                    known.agreementKey = key
                    try writer.savePeer(known)
                }
                continue
            }
            try writer.savePeer(
                Peer(
                    replica: replica, publicKey: author.publicKey,
                    revoked: revoked.contains("\(replica) \(author.publicKey)"), agreementKey: author.agreementKey,
                    introducedBy: producer))
        }
        for revocation in manifest.revocations ?? [] where revocation.by != store.replicaID {
            guard let revoker = try writer.reader.peer(revocation.by), revoker.trusted, !revoker.revoked else {
                continue
            }
            let message = Chain.revocationMessage(
                replica: revocation.replica, publicKey: revocation.publicKey, after: revocation.after)
            guard let signature = Data(base64Encoded: revocation.signature),
                Identity.verify(signature: signature, of: message, publicKey: revoker.publicKey)
            else {
                throw AuthorshipError.badRevocation(bundle: producer, replica: revocation.replica, by: revocation.by)
            }
            try writer.saveRevocation(revocation)
            if var revoked = try writer.reader.peer(revocation.replica), revoked.publicKey == revocation.publicKey,
                !revoked.revoked
            {
                revoked.revoked = true
                revoked.trusted = false
                try writer.savePeer(revoked)
            }
        }
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
