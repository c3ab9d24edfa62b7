import GRDB
import NCCModel

/// What importing operations did, per kind.
public struct ReceiveSummary: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var added = 0, updated = 0, deleted = 0, conflicts = 0
    }

    public var kinds: [Kind: Counts] = [:]
    /// Operations new here.
    public var applied = 0
    /// Per author, operations set aside to wait (`WaitingOperation`), and refused (a revoked key).
    public var waiting: [String: Int] = [:]
    public var refused: [String: Int] = [:]
    /// Operations that had waited and were applied now.
    public var released = 0
    /// Operations this replica held already (a bundle imported twice, or overlapping bundles).
    public var alreadyHeld = 0

    public init() {}

    public var conflicts: Int { kinds.values.reduce(0) { $0 + $1.conflicts } }
}

extension StoreWriter {
    // MARK: - Operations from peers

    /// Applies an operation made elsewhere, unless it is held already. Operations must come in
    /// stamp order (a bundle's order) so that none arrives after one that saw it. `newer`: the
    /// caller knows that this replica held nothing numbered this high (a replica holds whole
    /// prefixes of each sequence, see `knowledge`), so the log need not be asked. `absent`: the
    /// caller knows that this database holds no record with this id, so its table need not be asked.
    ///
    /// `authorship`: the operation's chain hash, commitments and salts, as verified against its
    /// author's checkpoint (nil: it came unverified, from before chains were kept).
    public func receive(
        _ incoming: Operation, authorship: Authorship? = nil, into summary: inout ReceiveSummary, newer: Bool = false,
        absent: Bool = false
    ) throws {
        let held =
            try !newer
            && Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM op WHERE replica = ? AND seq = ?"),
                arguments: [incoming.replica, incoming.seq]) ?? false
        if held {
            summary.alreadyHeld += 1
            if let authorship { try adopt(authorship, of: incoming) }
            return
        }
        var op = incoming
        var authorship = authorship ?? Authorship()
        if Erasure.fields(of: op.kind) != nil,
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM erased WHERE record = ?"), arguments: [op.record])
                ?? false
        {
            op.fields = Erasure.scrub(op.fields, of: op.kind)
            // An erased value's salt goes with it; its commitment stays, so the chain still holds.
            for name in authorship.salts.keys where op.fields[name] != incoming.fields[name] {
                authorship.salts[name] = nil
            }
        }
        // Our own operations coming back from a peer (after a restore): never reuse their numbers.
        if op.replica == replica { seq = max(seq, op.seq) }
        clock.observe(op.stamp.clock)
        try db.cachedStatement(
            sql:
                """
                INSERT INTO op (replica, seq, stamp, kind, record, fields, prev, import, chain, commits, salts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        .execute(arguments: [
            op.replica, op.seq, op.stamp.description, op.kind.rawValue, op.record,
            CanonicalJSON.encode(op.fields), op.prev.isEmpty ? "{}" : CanonicalJSON.encode(op.prev), importID,
            authorship.chain, authorship.commitsText, authorship.saltsText,
        ])
        let current = absent ? nil : try reader.stored(op.kind, id: op.record)
        let (effect, conflicts) = try Merge(db: db).apply(op, current: current)
        summary.applied += 1
        var counts = summary.kinds[op.kind] ?? .init()
        switch effect {
        case .created: counts.added += 1
        case .updated: counts.updated += 1
        case .deleted: counts.deleted += 1
        case .unchanged: break
        }
        counts.conflicts += conflicts
        summary.kinds[op.kind] = counts
    }

    // MARK: - Conflicts

    /// Settles a field's conflict with this value (the winner's, a losing one, or a new one): an
    /// operation that has seen every competing value, so it supersedes them all on every replica.
    public func resolve(_ kind: Kind, id: String, field: String, value: Value) throws {
        guard let current = try reader.stored(kind, id: id) else {
            throw StoreError.notFound(kind: kind, reference: id)
        }
        guard Operation.carries(field, of: kind), field != Operation.erasedField else {
            throw StoreError.unknownField(kind: kind, field: field)
        }
        let checkedValue = field == Operation.deletedField ? value : try checked(kind, [field: value])[field]!
        let losing = try String.fetchAll(
            db, sql: "SELECT stamp FROM conflict WHERE record = ? AND field = ? ORDER BY stamp",
            arguments: [id, field])
        let seen = ([current.stamp(of: field)] + losing).filter { !$0.isEmpty }.joined(separator: " ")
        try record(kind, id: id, fields: [field: checkedValue], current: current, prev: [field: seen])
    }

    // MARK: - Erasure

    /// Erases a person's personal data (and their expert profile's bio) here, in the log too, with
    /// operations that make every peer do the same. Returns the records erased.
    @discardableResult
    public func forget(person id: String) throws -> [String] {
        guard let person = try reader.stored(.person, id: id) else {
            throw StoreError.notFound(kind: .person, reference: id)
        }
        var erased = [id]
        try erase(.person, person)
        for expert in try reader.records(where: Fields.Expert.person, is: id, limit: 100) {
            guard let stored = try reader.stored(.expert, id: expert.id) else { continue }
            try erase(.expert, stored)
            erased.append(expert.id)
        }
        return erased
    }

    private func erase(_ kind: Kind, _ current: StoredRecord) throws {
        var fields = Erasure.fields(of: kind)!
        fields[Operation.erasedField] = .bool(true)
        try record(kind, id: current.record.id, fields: fields, current: current)
    }

    // MARK: - Peers and this replica's settings

    public func savePeer(_ peer: Peer) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO peer (replica, public_key, trusted, revoked, knowledge, last_import, last_export,
                    last_bundle, agreement_key, introduced_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                peer.replica, peer.publicKey, peer.trusted, peer.revoked,
                CanonicalJSON.encode(peer.knowledge.mapValues { Value.int($0) }),
                peer.lastImport, peer.lastExport, peer.lastBundle, peer.agreementKey, peer.introducedBy,
            ])
    }

    public func setSetting(_ name: String, _ value: String) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO replica_meta (name, value) VALUES (?, ?)", arguments: [name, value])
    }
}
