import Foundation
import GRDB
import NCCModel

/// An author's signature over its chain up to one operation: "replica R, operation n, chain h".
public struct Checkpoint: Sendable, Equatable, Codable {
    public var seq: Int
    public var chain: Chain.Hash
    /// Base64 of the Ed25519 signature over `Chain.checkpointMessage`.
    public var signature: String

    public init(seq: Int, chain: Chain.Hash, signature: String) {
        self.seq = seq
        self.chain = chain
        self.signature = signature
    }
}

/// A member's statement that a key no longer speaks for a replica after one of its operations,
/// signed by that member; it travels in every bundle of theirs, so the group learns of it.
public struct Revocation: Sendable, Equatable, Codable {
    public var replica: String
    /// The revoked Ed25519 key, base64.
    public var publicKey: String
    /// The replica's operations up to this number stay; later ones under this key are refused.
    public var after: Int
    /// Who revoked it, and their signature over `Chain.revocationMessage`.
    public var by: String
    public var signature: String

    public init(replica: String, publicKey: String, after: Int, by: String, signature: String) {
        self.replica = replica
        self.publicKey = publicKey
        self.after = after
        self.by = by
        self.signature = signature
    }

    enum CodingKeys: String, CodingKey {
        case replica, after, by, signature
        case publicKey = "public_key"
    }
}

/// An operation that arrived but waits aside: its author's key is not confirmed yet, it came
/// unverified through a version 1 bundle, or it builds on one that waits. Never dropped: applied
/// when its author is trusted and what it builds on is here.
public struct WaitingOperation: Sendable, Equatable {
    public var replica: String
    public var seq: Int
    public var stamp: String
    /// The operation's bundle line, as it came (values, salts and commitments).
    public var line: String
    /// Its chain hash, verified against its author's checkpoint when it came (nil: unverified).
    public var chain: Chain.Hash?
    public var reason: String
    /// The replica whose bundle brought it.
    public var via: String

    public init(
        replica: String, seq: Int, stamp: String, line: String, chain: Chain.Hash?, reason: String, via: String
    ) {
        self.replica = replica
        self.seq = seq
        self.stamp = stamp
        self.line = line
        self.chain = chain
        self.reason = reason
        self.via = via
    }
}

extension StoreReader {
    // MARK: - Chains and checkpoints

    /// The chain hash of a replica's operation as held here (nil: not held, or held from before
    /// its author kept a chain).
    public func chain(of replica: String, seq: Int) throws -> Chain.Hash? {
        guard seq > 0 else { return Chain.genesis(replica) }
        return try String.fetchOne(
            db.cachedStatement(sql: "SELECT chain FROM op WHERE replica = ? AND seq = ?"), arguments: [replica, seq])
    }

    /// The highest checkpoint of `replica` held here at or below `seq`.
    public func checkpoint(of replica: String, atMost seq: Int) throws -> Checkpoint? {
        try Row.fetchOne(
            db,
            sql:
                "SELECT seq, chain, signature FROM checkpoint WHERE replica = ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
            arguments: [replica, seq]
        ).map { Checkpoint(seq: $0[0], chain: $0[1], signature: $0[2]) }
    }

    /// The peers a bundle for the whole group is sealed for: trusted, not revoked, and with a
    /// sealing key of theirs known here.
    public func sealingReaders() throws -> [String] {
        try peers().filter { $0.trusted && !$0.revoked && $0.agreementKey != nil }.map(\.replica)
    }

    // MARK: - Revocations and waiting operations

    public func revocations() throws -> [Revocation] {
        try Row.fetchAll(
            db, sql: "SELECT replica, public_key, after, by, signature FROM revocation ORDER BY replica, by"
        )
        .map { Revocation(replica: $0[0], publicKey: $0[1], after: $0[2], by: $0[3], signature: $0[4]) }
    }

    public func waitingOperations(limit: Int = Int.max) throws -> [WaitingOperation] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT replica, seq, stamp, line, chain, reason, via FROM waiting WHERE released IS NULL
                ORDER BY stamp LIMIT ?
                """,
            arguments: [limit]
        ).map {
            WaitingOperation(
                replica: $0[0], seq: $0[1], stamp: $0[2], line: $0[3], chain: $0[4], reason: $0[5], via: $0[6])
        }
    }

    public func waitingOperation(replica: String, seq: Int) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM waiting WHERE replica = ? AND seq = ? AND released IS NULL"),
            arguments: [replica, seq])
            ?? false
    }

    public func waitingCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM waiting WHERE released IS NULL") ?? 0
    }

    /// Waiting operations per author and reason, for `ncc peers` and the Sync pane.
    public func waitingCounts() throws -> [(replica: String, reason: String, via: String, count: Int)] {
        try Row.fetchAll(
            db,
            sql:
                "SELECT replica, reason, via, count(*) FROM waiting GROUP BY replica, reason, via ORDER BY replica, reason"
        ).map { ($0[0], $0[1], $0[2], $0[3]) }
    }
}

extension StoreWriter {
    /// The chain hash of this replica's newest operation. The first time in a database made before
    /// chains were kept, its own operations are chained first (with fresh salts): once.
    func ownChainHead() throws -> Chain.Hash {
        if let chainHead { return chainHead }
        let last = try Row.fetchOne(
            db, sql: "SELECT seq, chain FROM op WHERE replica = ? AND chain IS NOT NULL ORDER BY seq DESC LIMIT 1",
            arguments: [replica])
        var head: Chain.Hash = last?[1] ?? Chain.genesis(replica)
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT replica, seq, stamp, kind, record, fields, prev FROM op WHERE replica = ? AND seq > ? ORDER BY seq",
            arguments: [replica, last?[0] ?? 0])
        for row in rows {
            let op = try StoreReader.operation(row)
            let authorship = Authorship.made(op, after: head)
            try db.cachedStatement(sql: "UPDATE op SET chain = ?, commits = ?, salts = ? WHERE replica = ? AND seq = ?")
                .execute(arguments: [
                    authorship.chain, authorship.commitsText, authorship.saltsText, op.replica, op.seq,
                ])
            head = authorship.chain ?? head
        }
        chainHead = head
        return head
    }

    /// This replica's newest operation number and chain hash, for a checkpoint to sign.
    public func ownChainTip() throws -> (seq: Int, chain: Chain.Hash) {
        let head = try ownChainHead()
        return (seq, head)
    }

    public func saveCheckpoint(_ checkpoint: Checkpoint, of replica: String) throws {
        try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO checkpoint (replica, seq, chain, signature, import) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [replica, checkpoint.seq, checkpoint.chain, checkpoint.signature, importID])
    }

    /// The verified chain hash (and commitments) of an operation held from before its author kept a
    /// chain: it can be relayed verifiably from now on. Salts of values that differ here are dropped
    /// (the values were withheld or erased on the way), so what is relayed still verifies.
    public func adopt(_ authorship: Authorship, of op: Operation) throws {
        guard
            let held = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT fields, chain FROM op WHERE replica = ? AND seq = ?"),
                arguments: [op.replica, op.seq])
        else { return }
        if let chain = held[1] as String? {
            // Two operations under one number, both vouched for by the author: never one quietly dropped.
            guard chain == authorship.chain else { throw StoreError.forked(replica: op.replica, seq: op.seq) }
            return
        }
        let fields = try CanonicalJSON.decodeFields(held[0])
        var salts = authorship.salts
        for name in salts.keys where fields[name] != op.fields[name] { salts[name] = nil }
        let adopted = Authorship(chain: authorship.chain, commits: authorship.commits, salts: salts)
        try db.cachedStatement(sql: "UPDATE op SET chain = ?, commits = ?, salts = ? WHERE replica = ? AND seq = ?")
            .execute(arguments: [adopted.chain, adopted.commitsText, adopted.saltsText, op.replica, op.seq])
    }

    /// The chain hash before an author's first operation in a bundle, as its checkpoint vouches
    /// for it, on the operation held here from before chains were kept; refused when the one held
    /// here has another.
    public func adoptChain(of replica: String, seq: Int, chain: Chain.Hash) throws {
        let held = try String.fetchOne(
            db, sql: "SELECT chain FROM op WHERE replica = ? AND seq = ?", arguments: [replica, seq])
        if let held, held != chain { throw StoreError.forked(replica: replica, seq: seq) }
        if held == nil {
            try db.execute(
                sql: "UPDATE op SET chain = ? WHERE replica = ? AND seq = ?", arguments: [chain, replica, seq])
        }
    }

    public func saveRevocation(_ revocation: Revocation) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO revocation (replica, public_key, after, by, signature) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                revocation.replica, revocation.publicKey, revocation.after, revocation.by, revocation.signature,
            ])
    }

    /// Sets an operation aside; one that waits already keeps its place (and the import that set
    /// it aside), taking the verified copy if this one is and that one was not.
    public func setAside(_ waiting: WaitingOperation) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO waiting (replica, seq, stamp, line, chain, reason, via, import)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (replica, seq) DO UPDATE SET
                    line = CASE WHEN chain IS NULL AND excluded.chain IS NOT NULL THEN excluded.line ELSE line END,
                    chain = coalesce(chain, excluded.chain), reason = excluded.reason, via = excluded.via
                """
        ).execute(arguments: [
            waiting.replica, waiting.seq, waiting.stamp, waiting.line, waiting.chain, waiting.reason, waiting.via,
            importID,
        ])
    }

    /// An operation that waited is applied now: gone from the list, or, inside an import, kept as
    /// released by it, so that undoing the import sets it aside again.
    public func removeWaiting(replica: String, seq: Int) throws {
        if let importID {
            try db.cachedStatement(
                sql: "UPDATE waiting SET released = ? WHERE replica = ? AND seq = ? AND released IS NULL"
            ).execute(arguments: [importID, replica, seq])
        } else {
            try db.cachedStatement(sql: "DELETE FROM waiting WHERE replica = ? AND seq = ?").execute(arguments: [
                replica, seq,
            ])
        }
    }
}
