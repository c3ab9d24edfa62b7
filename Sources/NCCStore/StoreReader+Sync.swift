import GRDB
import NCCModel

/// Another installation whose bundles this one has seen.
public struct Peer: Sendable, Equatable {
    public var replica: String
    /// The Ed25519 public key its bundles are signed with, base64.
    public var publicKey: String
    public var trusted: Bool
    public var revoked: Bool
    /// What its last bundle said it holds: replica -> highest sequence number.
    public var knowledge: [String: Int]
    /// When this database last imported a bundle from it, and last exported one for it
    /// (`--for`), by this machine's wall clock (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    public var lastImport: String?
    public var lastExport: String?
    /// The SHA-256 of the last bundle imported from it (a shared folder's unchanged file is skipped).
    public var lastBundle: String?
    /// The X25519 key bundles for it are sealed with (base64), once its signed manifest gave it.
    public var agreementKey: String?
    /// The trusted peer whose bundle introduced its key (nil: met directly).
    public var introducedBy: String?

    public init(
        replica: String, publicKey: String, trusted: Bool = false, revoked: Bool = false,
        knowledge: [String: Int] = [:], lastImport: String? = nil, lastExport: String? = nil, lastBundle: String? = nil,
        agreementKey: String? = nil, introducedBy: String? = nil
    ) {
        self.replica = replica
        self.publicKey = publicKey
        self.trusted = trusted
        self.revoked = revoked
        self.knowledge = knowledge
        self.lastImport = lastImport
        self.lastExport = lastExport
        self.lastBundle = lastBundle
        self.agreementKey = agreementKey
        self.introducedBy = introducedBy
    }
}

/// A value of a field that lost to a concurrent edit and waits for someone to choose.
public struct Conflict: Sendable, Equatable {
    public var kind: Kind
    public var record: String
    /// The record's title as shown in lists.
    public var title: String
    public var field: String
    /// The losing value and its stamp.
    public var value: Value
    public var stamp: Stamp
    /// The value the field has now (the winner) and its stamp.
    public var current: Value
    public var currentStamp: Stamp?
}

extension StoreReader {
    // MARK: - Operations for a bundle

    /// An operation as the log stores it: its fields and prev already canonical JSON text.
    public struct StoredOperation: Sendable {
        public var replica: String
        public var seq: Int
        public var stamp: String
        public var kind: String
        public var record: String
        public var fields: String
        public var prev: String
        /// The commitments to its committed values and the salts of those held here (JSON), nil
        /// when it has none; its chain hash, nil when held from before its author kept a chain.
        public var commits: String?
        public var salts: String?
        public var chain: String?
    }

    /// Every operation this peer is not known to hold (all of them for an empty `knowledge`), in
    /// stamp order, one at a time, as stored (no JSON is parsed: exporting is copying text); only
    /// those of `kind` if given. Returns how many there were.
    @discardableResult
    public func forEachStoredOperation(
        notIn knowledge: [String: Int], upTo caps: [String: Int] = [:], kind: Kind? = nil,
        _ body: (StoredOperation) throws -> Void
    ) throws -> Int {
        let notKnown = Self.notKnown(knowledge, caps: caps)
        let statement = try db.makeStatement(
            sql: """
                SELECT replica, seq, stamp, kind, record, fields, prev, commits, salts, chain FROM op
                WHERE \(notKnown.sql)\(kind == nil ? "" : " AND kind = ?")
                ORDER BY stamp
                """)
        let cursor = try Row.fetchCursor(
            statement, arguments: StatementArguments(notKnown.arguments + (kind.map { [$0.rawValue] } ?? [])))
        var count = 0
        while let row = try cursor.next() {
            try body(
                StoredOperation(
                    replica: row[0], seq: row[1], stamp: row[2], kind: row[3], record: row[4], fields: row[5],
                    prev: row[6], commits: row[7], salts: row[8], chain: row[9]))
            count += 1
        }
        return count
    }

    /// How many operations `forEachStoredOperation(notIn:)` gives, and the bytes of their stored
    /// text in all (replica, seq in decimal, stamp, kind, record, fields, prev): for a writer that
    /// must know the size of what it writes before it starts.
    public func storedOperationsSize(notIn knowledge: [String: Int], upTo caps: [String: Int] = [:]) throws -> (
        count: Int, bytes: Int64
    ) {
        let notKnown = Self.notKnown(knowledge, caps: caps)
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*), coalesce(sum(length(CAST(replica AS BLOB)) + length(CAST(seq AS TEXT)) + length(CAST(stamp AS BLOB))
                    + length(CAST(kind AS BLOB)) + length(CAST(record AS BLOB)) + length(CAST(fields AS BLOB)) + length(CAST(prev AS BLOB))), 0)
                FROM op WHERE \(notKnown.sql)
                """, arguments: StatementArguments(notKnown.arguments))
        return (row?[0] ?? 0, row?[1] ?? 0)
    }

    /// The condition that an operation is one a peer with this knowledge is not known to hold
    /// (every operation, with no test per row, for a peer known to hold nothing), and numbered at
    /// most its replica's cap, if it has one.
    private static func notKnown(_ knowledge: [String: Int], caps: [String: Int]) -> (
        sql: String, arguments: [String]
    ) {
        var conditions: [String] = []
        var arguments: [String] = []
        if !knowledge.isEmpty {
            conditions.append(#"seq > coalesce(json_extract(?, '$."' || replica || '"'), 0)"#)
            arguments.append(CanonicalJSON.encode(knowledge.mapValues { Value.int($0) }))
        }
        if !caps.isEmpty {
            conditions.append(#"seq <= coalesce(json_extract(?, '$."' || replica || '"'), seq)"#)
            arguments.append(CanonicalJSON.encode(caps.mapValues { Value.int($0) }))
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }

    /// The same operations, parsed.
    @discardableResult
    public func forEachOperation(notIn knowledge: [String: Int], _ body: (Operation) throws -> Void) throws -> Int {
        try forEachStoredOperation(notIn: knowledge) { stored in
            guard let stamp = Stamp(stored.stamp), let kind = Kind(rawValue: stored.kind) else {
                throw StoreError.malformedLog
            }
            try body(
                Operation(
                    replica: stored.replica, seq: stored.seq, stamp: stamp, kind: kind, record: stored.record,
                    fields: try CanonicalJSON.decodeFields(stored.fields),
                    prev: CanonicalJSON.decodeStrings(stored.prev)))
        }
    }

    /// Ids of the records of a kind whose personal fields stay here (`KindSpec.sharing`): people
    /// who did not agree to share their contacts, assessments a centre shares only as averages.
    public func privateRecords(of kind: Kind) throws -> Set<String> {
        guard let sharing = kind.spec.sharing else { return [] }
        return Set(
            try String.fetchAll(
                db, sql: "SELECT id FROM \(Table.name(kind)) WHERE \(Table.quoted(sharing.field.name)) IS NOT ?",
                arguments: StatementArguments(values: [Table.databaseValue(sharing.travels)])))
    }

    /// The kinds whose records may hold personal fields that stay here.
    public static let kindsWithSharing: [Kind] = Kind.allCases.filter { $0.spec.sharing != nil }

    /// Whether this database has the record at all, deleted or not.
    public func holds(_ kind: Kind, id: String) throws -> Bool {
        try stored(kind, id: id) != nil
    }

    /// Whether this database has no record of this kind at all, deleted or not.
    public func holdsNone(_ kind: Kind) throws -> Bool {
        try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(Table.name(kind)))") ?? false)
    }

    public func operationExists(replica: String, seq: Int) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM op WHERE replica = ? AND seq = ?", arguments: [replica, seq]) ?? false
    }

    // MARK: - Conflicts

    /// Conflicts waiting for a choice, oldest record first. A losing value equal to the winner is
    /// no conflict for a person (two peers imported the same file) and is left out.
    public func conflicts(limit: Int = 500) throws -> [Conflict] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT kind, record, field, stamp, value FROM conflict ORDER BY record, field, stamp")
        var result: [Conflict] = []
        for row in rows {
            guard let kind = Kind(rawValue: row[0]), let stamp = Stamp(row[3]),
                let stored = try stored(kind, id: row[1])
            else { continue }
            let field: String = row[2]
            let value = try CanonicalJSON.decodeValue(row[4])
            let current = field == Operation.deletedField ? .bool(stored.deleted) : stored.record.values[field] ?? .null
            if current == value { continue }
            result.append(
                Conflict(
                    kind: kind, record: stored.record.id, title: try title(of: kind, values: stored.record.values),
                    field: field, value: value, stamp: stamp, current: current,
                    currentStamp: Stamp(stored.stamp(of: field))))
            if result.count == limit { break }
        }
        return result
    }

    public func conflictCount() throws -> Int { try conflicts(limit: 100_000).count }

    // MARK: - Peers and settings

    public func peers() throws -> [Peer] {
        try Row.fetchAll(db, sql: "SELECT * FROM peer ORDER BY replica").map(Self.peer)
    }

    public func peer(_ replica: String) throws -> Peer? {
        try Row.fetchOne(db, sql: "SELECT * FROM peer WHERE replica = ?", arguments: [replica]).map(Self.peer)
    }

    static func peer(_ row: Row) -> Peer {
        let knowledge = (try? CanonicalJSON.decodeFields(row["knowledge"])) ?? [:]
        return Peer(
            replica: row["replica"], publicKey: row["public_key"], trusted: row["trusted"], revoked: row["revoked"],
            knowledge: knowledge.compactMapValues(\.int), lastImport: row["last_import"],
            lastExport: row["last_export"], lastBundle: row["last_bundle"], agreementKey: row["agreement_key"],
            introducedBy: row["introduced_by"])
    }

    public func setting(_ name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM replica_meta WHERE name = ?", arguments: [name])
    }

    /// This replica's clock as a stamp time (for a bundle's `created`: the same data gives the same bytes).
    public func clockTime() throws -> String {
        let clock = UInt64(try clockValue(), radix: 16) ?? 0
        return Stamp(clock: clock, replica: "").time
    }

    // MARK: - A canonical dump

    /// Every record of every kind (deleted ones as tombstones), sorted by id, then every open
    /// conflict: text that is equal on two replicas exactly when their data is.
    /// `withholdingPrivateContacts` blanks what bundles leave out (contacts of people who did not
    /// agree to share them, scores a centre shares only as averages), to compare a replica with
    /// one that received its bundle.
    public func canonicalDump(withholdingPrivateContacts: Bool = false) throws -> String {
        var out = ""
        for kind in Kind.allCases {
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(Table.selectColumns(kind)) FROM \(Table.name(kind)) ORDER BY id")
            for row in rows {
                let stored = Table.decode(kind, row)
                var values = stored.record.values
                values[Operation.deletedField] = .bool(stored.deleted)
                if withholdingPrivateContacts, let sharing = kind.spec.sharing,
                    values[sharing.field.name] ?? .null != sharing.travels
                {
                    for field in Schema.fields(of: kind) where field.personal { values[field.name] = .null }
                }
                out += "\(kind.rawValue) \(stored.record.id) \(CanonicalJSON.encode(values))\n"
            }
        }
        for conflict in try conflicts(limit: Int.max) {
            var value = ""
            CanonicalJSON.append(conflict.value, to: &value)
            out += "conflict \(conflict.record) \(conflict.field) \(conflict.stamp) \(value)\n"
        }
        return out
    }
}
