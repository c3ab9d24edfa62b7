import Foundation
import GRDB
import NCCModel

/// What a write did to a record.
public enum Change: Sendable, Equatable {
    case created, updated, unchanged
}

/// Write access inside one transaction. Every change becomes an `Operation` in the log and is then
/// applied to the record tables by the same code that will apply operations received from peers.
public final class StoreWriter {
    let db: Database
    public let replica: String
    var clock: HybridClock
    var seq: Int
    /// Local operations recorded in this transaction.
    public private(set) var operationCount = 0
    /// The import the operations received in this transaction belong to (`beginImport`).
    var importID: Int64?
    /// The chain hash of this replica's last operation, once asked for (`ownChainHead`).
    var chainHead: Chain.Hash?
    /// Inside `madeHere`: a ballot or a binding may be written.
    private var makingCastRecord = false

    /// Kinds written only by what casts them (`cast`, `bind`): a ballot is its author's as cast.
    public static let castOnly: Set<Kind> = [.ballot, .replicaBinding]

    /// Runs `body` with the kinds of `castOnly` writable.
    func madeHere<T>(_ body: () throws -> T) throws -> T {
        makingCastRecord = true
        defer { makingCastRecord = false }
        return try body()
    }

    private func refuseCastOnly(_ kind: Kind) throws {
        if Self.castOnly.contains(kind), !makingCastRecord { throw DecisionError.castOnly(kind) }
    }

    init(db: Database, replica: String, wallClock: @escaping @Sendable () -> UInt64) throws {
        self.db = db
        self.replica = replica
        let last =
            try String.fetchOne(db, sql: "SELECT value FROM replica_meta WHERE name = 'clock'").flatMap {
                UInt64($0, radix: 16)
            } ?? 0
        self.clock = HybridClock(last: last, now: wallClock)
        self.seq = try Int.fetchOne(db, sql: "SELECT max(seq) FROM op WHERE replica = ?", arguments: [replica]) ?? 0
    }

    func finish() throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO replica_meta (name, value) VALUES ('clock', ?)",
            arguments: [String(clock.last, radix: 16)])
        // Every committed write moves this, even one that left the clock where it was (a bundle
        // of old operations, a peer trusted): the app's poll of `changeToken` sees them all.
        try db.execute(
            sql: """
                INSERT INTO replica_meta (name, value) VALUES ('writes', '1')
                ON CONFLICT (name) DO UPDATE SET value = CAST(value AS INTEGER) + 1
                """)
    }

    /// For a load of very many records (a large demo, a big import): the full-text indexes merge
    /// their segments only when many pile up (64, not 4), and go back to merging as they write
    /// after `endBulkLoad`. A full `optimize` at the end was measured to cost more than it saves.
    public func beginBulkLoad() throws {
        for index in ["search", "expert_text"] {
            try db.execute(sql: "INSERT INTO \(index)(\(index), rank) VALUES ('automerge', 0)")
            try db.execute(sql: "INSERT INTO \(index)(\(index), rank) VALUES ('crisismerge', 64)")
        }
    }

    public func endBulkLoad() throws {
        for index in ["search", "expert_text"] {
            try db.execute(sql: "INSERT INTO \(index)(\(index), rank) VALUES ('automerge', 4)")
            try db.execute(sql: "INSERT INTO \(index)(\(index), rank) VALUES ('crisismerge', 16)")
        }
    }

    /// Reads inside this transaction, seeing its own writes.
    public var reader: StoreReader { StoreReader(db: db) }

    // MARK: - Local changes

    /// Creates a record from the given values (defaults fill the rest) and returns its id.
    @discardableResult
    ///
    /// `generated` is for values made by ncc itself in bulk (the demo): they skip the field checks,
    /// which every other caller's values go through. SQLite's foreign keys still hold, and the
    /// demo's tests check every generated record against the same rules.
    public func create(_ kind: Kind, _ values: [String: Value], id: String? = nil, generated: Bool = false) throws
        -> String
    {
        try refuseCastOnly(kind)
        let id = id ?? UUIDs.random()
        var all = Dictionary(uniqueKeysWithValues: Schema.fields(of: kind).map { ($0.name, $0.defaultValue) })
        for (name, value) in try generated ? values : checked(kind, values) { all[name] = value }
        for field in Schema.fields(of: kind) where field.required && isEmpty(all[field.name]!) {
            throw StoreError.missingRequired(kind: kind, field: field.name)
        }
        if kind == .proposal { try Self.checkProposal(all) }
        all[Operation.deletedField] = .bool(false)
        do {
            try record(kind, id: id, fields: all, current: nil)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            // The id's UNIQUE index is the check (no lookup first: creating is the hot path of
            // every import). The error aborts the transaction, operation included.
            throw StoreError.exists(kind: kind, id: id)
        }
        return id
    }

    /// Changes the given fields of a live record; fields whose value is unchanged make no operation.
    @discardableResult
    public func update(_ kind: Kind, id: String, _ values: [String: Value]) throws -> Change {
        try refuseCastOnly(kind)
        guard let current = try reader.stored(kind, id: id), !current.deleted else {
            throw StoreError.notFound(kind: kind, reference: id)
        }
        var changed: [String: Value] = [:]
        for (name, value) in try checked(kind, values) where current.record[name] != value {
            if Schema.field(name, of: kind)!.required && isEmpty(value) {
                throw StoreError.missingRequired(kind: kind, field: name)
            }
            changed[name] = value
        }
        if changed.isEmpty { return .unchanged }
        if kind == .proposal { try Self.checkProposal(current.record.values.merging(changed) { $1 }) }
        // Consent given (a person's to share contacts, a centre's to share scores): what bundles
        // held back until now travels with it.
        if let sharing = kind.spec.sharing, changed[sharing.field.name] == sharing.travels {
            for name in Schema.fields(of: kind).filter(\.personal).map(\.name) where changed[name] == nil {
                if let value = current.record.values[name], !value.isNull { changed[name] = value }
            }
        }
        try record(kind, id: id, fields: changed, current: current)
        return .updated
    }

    /// `create` with fields named in code: `create(.task, [Fields.Task.title: .text("Plan")])`.
    @discardableResult
    public func create(_ kind: Kind, _ values: [FieldName: Value], id: String? = nil, generated: Bool = false) throws
        -> String
    {
        try create(kind, Self.named(kind, values), id: id, generated: generated)
    }

    /// `update` with fields named in code.
    @discardableResult
    public func update(_ kind: Kind, id: String, _ values: [FieldName: Value]) throws -> Change {
        try update(kind, id: id, Self.named(kind, values))
    }

    /// `put` with fields named in code.
    @discardableResult
    public func put(_ kind: Kind, id: String, _ values: [FieldName: Value]) throws -> Change {
        try put(kind, id: id, Self.named(kind, values))
    }

    /// Values keyed by their fields' names, as operations carry them; refuses a field of another kind.
    static func named(_ kind: Kind, _ values: [FieldName: Value]) throws -> [String: Value] {
        var named: [String: Value] = [:]
        for (field, value) in values {
            guard field.kind == kind else { throw StoreError.foreignField(kind: kind, field: field) }
            named[field.name] = value
        }
        return named
    }

    /// Creates the record with this id, or updates it if it exists (a CSV row, a re-import).
    @discardableResult
    public func put(_ kind: Kind, id: String, _ values: [String: Value]) throws -> Change {
        try refuseCastOnly(kind)
        if let current = try reader.stored(kind, id: id) {
            if current.deleted {
                // Writing a deleted record again brings it back, with the values given.
                var fields = try checked(kind, values)
                fields[Operation.deletedField] = .bool(false)
                try record(kind, id: id, fields: fields, current: current)
                return .created
            }
            return try update(kind, id: id, values)
        }
        try create(kind, values, id: id)
        return .created
    }

    /// Deletes a record (a tombstone that travels to peers) together with its parts
    /// (a meeting's agenda, a centre's memberships). Refuses while other records still use it.
    public func delete(_ kind: Kind, id: String) throws {
        try refuseCastOnly(kind)
        guard let current = try reader.stored(kind, id: id), !current.deleted else {
            throw StoreError.notFound(kind: kind, reference: id)
        }
        let parts = Schema.parts(of: kind)
        var users: [String] = []
        for (referrer, field) in Schema.referrers(of: kind)
        where !parts.contains(where: { $0.kind == referrer && $0.field == field }) {
            let n = try reader.countRecords(referrer, where: field, is: id)
            if n > 0 { users.append("\(n) \(n == 1 ? referrer.singular : referrer.plural) (\(field))") }
        }
        if !users.isEmpty {
            throw StoreError.stillReferenced(
                kind: kind, title: try reader.title(kind, id: id), by: users.joined(separator: ", "))
        }
        for (part, field) in parts {
            while true {
                let batch = try reader.records(part, where: field, is: id, limit: 500)
                if batch.isEmpty { break }
                // A proposal's ballots go with it, though nothing else may delete one.
                for child in batch { try madeHere { try delete(part, id: child.id) } }
            }
        }
        try record(kind, id: id, fields: [Operation.deletedField: .bool(true)], current: current)
    }

    // MARK: - Checking

    /// Normalises and checks values against the kind's fields; references must name live records.
    func checked(_ kind: Kind, _ values: [String: Value]) throws -> [String: Value] {
        var result: [String: Value] = [:]
        for (name, raw) in values {
            guard let field = Schema.field(name, of: kind) else {
                throw StoreError.unknownField(kind: kind, field: name)
            }
            var value = raw
            if case .text(let s) = raw { value = .text(Text.normalized(s)) }
            if field.type.isList, value.isNull { value = .list([]) }
            do {
                if field.type.isList {
                    // Lists are stored in normal form (codes in their case, no repeats), so the
                    // same list written twice is no change.
                    value = try FieldInput.parse(value.list.joined(separator: ";"), for: field)
                } else {
                    try FieldInput.check(value, for: field)
                }
            } catch { throw StoreError.invalid(kind: kind, error) }
            if let target = field.type.referencedKind, let targetID = value.text,
                !(try reader.exists(target, id: targetID))
            {
                throw StoreError.invalid(
                    kind: kind, FieldError(field: name, message: "no \(target.singular) with id \(targetID)"))
            }
            result[name] = value
        }
        return result
    }

    func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .null: true
        case .text(let s): s.allSatisfy(\.isWhitespace)
        default: false
        }
    }

    // MARK: - The operation log

    func record(
        _ kind: Kind, id: String, fields: [String: Value], current: StoredRecord?, prev given: [String: String]? = nil
    ) throws {
        seq += 1
        let stamp = Stamp(clock: clock.tick(), replica: replica)
        var prev: [String: String] = given ?? [:]
        if let current, given == nil { for name in fields.keys { prev[name] = current.stamp(of: name) } }
        let op = Operation(replica: replica, seq: seq, stamp: stamp, kind: kind, record: id, fields: fields, prev: prev)
        let fieldsText = CanonicalJSON.encode(fields)
        let authorship = Authorship.made(op, after: try ownChainHead(), encodedFields: fieldsText)
        chainHead = authorship.chain
        try db.cachedStatement(
            sql: """
                INSERT INTO op (replica, seq, stamp, kind, record, fields, prev, chain, commits, salts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        .execute(arguments: [
            op.replica, op.seq, op.stamp.description, kind.rawValue, id,
            fieldsText, prev.isEmpty ? "{}" : CanonicalJSON.encode(prev),
            authorship.chain, authorship.commitsText, authorship.saltsText,
        ])
        operationCount += 1
        try Merge(db: db).apply(op, current: current)
    }
}

public enum UUIDs {
    /// A new record id: a version 7 UUID (RFC 9562), milliseconds first, so ids made one after
    /// another sort together and SQLite's indexes grow at their end.
    public static func random() -> String {
        let milliseconds = UInt64(Date().timeIntervalSince1970 * 1000)
        var bytes = withUnsafeBytes(of: milliseconds.bigEndian) { Array($0.suffix(6)) }
        var generator = SystemRandomNumberGenerator()
        bytes += withUnsafeBytes(of: generator.next() as UInt64) { Array($0) }
        bytes += withUnsafeBytes(of: generator.next() as UInt64) { Array($0.prefix(2)) }
        return version7(bytes)
    }

    /// Sets the version 7 and variant bits of 16 bytes and spells them as a lower-case UUID.
    public static func version7(_ raw: [UInt8]) -> String {
        var bytes = raw
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static let hex = Array("0123456789abcdef".utf8)
}
