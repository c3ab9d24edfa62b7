import GRDB
import NCCModel

/// What applying one operation did to its record.
enum MergeEffect {
    case created, updated, deleted, unchanged
}

/// Applies an operation to the record tables: per field, the value with the highest stamp wins
/// (a last-writer-wins register; edits to different fields never collide). Local writes and
/// operations from peers take this same path, so a replica's state depends only on the set of
/// operations it holds, never on the order they came in.
///
/// Conflicts: the values of a field that no later operation has seen (its "heads") are all kept;
/// the highest is the field's value and the others are rows of `conflict`, until an operation
/// that saw them (a resolution, whose `prev` names every head) supersedes them. Operations are
/// applied in stamp order and a replica only ever holds whole prefixes of each peer's sequence,
/// so an operation never arrives after one that saw it: every replica with the same operations
/// keeps the same conflict rows.
struct Merge {
    let db: Database

    @discardableResult
    func apply(_ op: Operation, current: StoredRecord?) throws -> (effect: MergeEffect, conflicts: Int) {
        var op = op
        if op.fields[Operation.erasedField] != nil {
            try erase(op.kind, record: op.record)
            op.fields[Operation.erasedField] = nil
        }
        let kind = op.kind
        let stamp = op.stamp.description
        let time = op.stamp.time
        let fields = Schema.fields(of: kind)
        let reader = StoreReader(db: db)

        guard let current else {
            // First sight of this record. A creating operation carries every field and becomes the
            // base stamp; a lone edit that arrived before its create stamps only its own fields.
            let isCreate = fields.allSatisfy { op.fields[$0.name] != nil }
            let names = fields.map(\.name).filter { op.fields[$0] != nil }
            let deleted = op.fields[Operation.deletedField]?.bool ?? false
            var stamps: [String: String] = [:]
            if !isCreate { for name in op.fields.keys { stamps[name] = stamp } }
            let title = try reader.title(of: kind, values: op.fields)
            let columns = ["id", "sort_key", "deleted", "base_stamp", "stamps", "created_at", "updated_at"] + names
            var arguments: [DatabaseValue] = [
                op.record.databaseValue, Folding.key(title).databaseValue,
                (deleted ? 1 : 0).databaseValue, (isCreate ? stamp : "").databaseValue,
                stamps.isEmpty ? .null : CanonicalJSON.encode(stamps).databaseValue,
                time.databaseValue, time.databaseValue,
            ]
            arguments += names.map { Table.databaseValue(op.fields[$0]!) }
            let sql = isCreate ? Table.createSQL[kind]! : Table.insertSQL(kind, columns)
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values: arguments))
            if !deleted {
                try index(kind, key: db.lastInsertedRowID, id: op.record, title: title, values: op.fields, isNew: true)
            }
            return (deleted ? .deleted : .created, 0)
        }

        var winners: [String: Value] = [:]
        var stamps = current.stamps
        var conflicts = 0
        for (name, value) in op.fields {
            let held = current.stamp(of: name)
            let seen = Operation.seenStamps(op.prev[name])
            if !seen.isEmpty { try dropConflicts(record: op.record, field: name, stamps: seen) }
            let heldValue =
                name == Operation.deletedField ? .bool(current.deleted) : current.record.values[name] ?? .null
            if stamp > held {
                winners[name] = value
                stamps[name] = stamp
                // The value this one replaces, unseen by it, is a concurrent edit: kept, not lost.
                if !held.isEmpty, !seen.contains(held) {
                    try keepConflict(kind, record: op.record, field: name, stamp: held, value: heldValue)
                    if heldValue != value { conflicts += 1 }
                }
            } else {
                // Older than the value held, and nothing here saw it: the losing side of a concurrent edit.
                try keepConflict(kind, record: op.record, field: name, stamp: stamp, value: value)
                if heldValue != value { conflicts += 1 }
            }
        }
        guard !winners.isEmpty else { return (.unchanged, conflicts) }
        var assignments = winners.keys.sorted()
        var arguments = assignments.map { Table.databaseValue(winners[$0]!) }
        assignments = assignments.map { Table.quoted($0) + " = ?" }
        assignments += ["stamps = ?", "updated_at = max(updated_at, ?)", "created_at = min(created_at, ?)"]
        arguments += [CanonicalJSON.encode(stamps).databaseValue, time.databaseValue, time.databaseValue]
        arguments.append(current.key.databaseValue)
        try db.execute(
            sql: "UPDATE \(Table.name(kind)) SET \(assignments.joined(separator: ", ")) WHERE key = ?",
            arguments: StatementArguments(values: arguments))

        var values = current.record.values
        for (name, value) in winners where name != Operation.deletedField { values[name] = value }
        let deleted = winners[Operation.deletedField]?.bool ?? current.deleted
        if deleted {
            if !current.deleted {
                try SearchIndex.remove(db, kind: kind, key: current.key)
                if kind == .expert { try SearchIndex.removeExpert(db, key: current.key) }
            }
            return (current.deleted ? .unchanged : .deleted, conflicts)
        }
        let title = try reader.title(of: kind, values: values)
        let oldTitle = try reader.title(of: kind, values: current.record.values)
        if title != oldTitle {
            try db.execute(
                sql: "UPDATE \(Table.name(kind)) SET sort_key = ? WHERE key = ?",
                arguments: [Folding.key(title), current.key])
        }
        try index(kind, key: current.key, id: op.record, title: title, values: values)
        if title != oldTitle { try retitleDependents(of: kind, id: op.record, title: title) }
        return (current.deleted ? .created : .updated, conflicts)
    }

    // MARK: - Conflicts and erasure

    private func keepConflict(_ kind: Kind, record: String, field: String, stamp: String, value: Value) throws {
        var json = ""
        CanonicalJSON.append(value, to: &json)
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO conflict (kind, record, field, stamp, value) VALUES (?, ?, ?, ?, ?)"
        )
        .execute(arguments: [kind.rawValue, record, field, stamp, json])
    }

    private func dropConflicts(record: String, field: String, stamps: [String]) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM conflict WHERE record = ? AND field = ? AND stamp = ?")
        for stamp in stamps { try statement.execute(arguments: [record, field, stamp]) }
    }

    /// Blanks a record's personal fields in every operation of the log and in its conflicts, and
    /// remembers the record, so an operation that arrives later is blanked too.
    private func erase(_ kind: Kind, record: String) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO erased (record) VALUES (?)", arguments: [record])
        guard let erased = Erasure.fields(of: kind) else { return }
        let rows = try Row.fetchAll(
            db, sql: "SELECT replica, seq, fields FROM op WHERE kind = ? AND record = ?",
            arguments: [kind.rawValue, record])
        for row in rows {
            let fields = try CanonicalJSON.decodeFields(row[2])
            let scrubbed = Erasure.scrub(fields, of: kind)
            if scrubbed != fields {
                // The salts go with the values; the commitments stay, so the chain still verifies.
                try db.execute(
                    sql: "UPDATE op SET fields = ?, salts = NULL WHERE replica = ? AND seq = ?",
                    arguments: [CanonicalJSON.encode(scrubbed), row[0] as String, row[1] as Int])
            }
        }
        for name in erased.keys {
            try db.execute(sql: "DELETE FROM conflict WHERE record = ? AND field = ?", arguments: [record, name])
        }
    }

    private func index(
        _ kind: Kind, key: Int64, id: String, title: String, values: [String: Value], isNew: Bool = false
    ) throws {
        guard SearchIndex.isIndexed(kind) else { return }
        if kind == .expert { try SearchIndex.putExpert(db, key: key, values: values, isNew: isNew) }
        let body = SearchIndex.body(kind, values)
        // An engagement is found through its expert and its need; it is worth an entry of its
        // own only for what its notes say (else a search for a name lists every engagement first).
        if kind.spec.search.onlyWithText, body.isEmpty {
            if !isNew { try SearchIndex.remove(db, kind: kind, key: key) }
            return
        }
        try SearchIndex.put(db, kind: kind, key: key, id: id, title: title, body: body, isNew: isNew)
    }

    /// Removes a record and its search entries, to be built again from the log (its conflicts
    /// go with the log's operations: the caller removes them).
    func forget(_ kind: Kind, id: String) throws {
        let reader = StoreReader(db: db)
        if let stored = try reader.stored(kind, id: id) {
            try SearchIndex.remove(db, kind: kind, key: stored.key)
            if kind == .expert { try SearchIndex.removeExpert(db, key: stored.key) }
            try db.cachedStatement(sql: "DELETE FROM \(Table.name(kind)) WHERE key = ?").execute(arguments: [stored.key]
            )
        }
    }

    /// Records named after this one (an expert after their person) take its new title.
    func retitleDependents(of kind: Kind, id: String, title: String) throws {
        for dependent in Kind.allCases {
            guard let field = Schema.titleReference(of: dependent),
                Schema.field(field, of: dependent)?.type.referencedKind == kind
            else { continue }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Table.selectColumns(dependent)) FROM \(Table.name(dependent)) WHERE \(Table.quoted(field)) = ? AND deleted = 0
                    """, arguments: [id])
            for row in rows {
                let stored = Table.decode(dependent, row)
                try db.execute(
                    sql: "UPDATE \(Table.name(dependent)) SET sort_key = ? WHERE key = ?",
                    arguments: [Folding.key(title), stored.key])
                try index(dependent, key: stored.key, id: stored.record.id, title: title, values: stored.record.values)
                try retitleDependents(of: dependent, id: stored.record.id, title: title)
            }
        }
    }
}
