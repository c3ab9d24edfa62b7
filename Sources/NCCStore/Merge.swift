import GRDB
import NCCModel

/// Applies an operation to the record tables: per field, the value with the highest stamp wins
/// (a last-writer-wins register; edits to different fields never collide). Local writes and
/// operations from peers take this same path, so a replica's state depends only on the set of
/// operations it holds, never on the order they came in.
struct Merge {
    let db: Database

    func apply(_ op: Operation, current: StoredRecord?) throws {
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
            var arguments: [DatabaseValue] = [op.record.databaseValue, Folding.key(title).databaseValue,
                                              (deleted ? 1 : 0).databaseValue, (isCreate ? stamp : "").databaseValue,
                                              stamps.isEmpty ? .null : CanonicalJSON.encode(stamps).databaseValue,
                                              time.databaseValue, time.databaseValue]
            arguments += names.map { Table.databaseValue(op.fields[$0]!) }
            let sql = isCreate ? Table.createSQL[kind]! : Table.insertSQL(kind, columns)
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
            if !deleted {
                try index(kind, key: db.lastInsertedRowID, id: op.record, title: title, values: op.fields, isNew: true)
            }
            return
        }

        var winners: [String: Value] = [:]
        var stamps = current.stamps
        for (name, value) in op.fields where stamp > current.stamp(of: name) {
            winners[name] = value
            stamps[name] = stamp
        }
        guard !winners.isEmpty else { return }
        var assignments = winners.keys.sorted()
        var arguments = assignments.map { Table.databaseValue(winners[$0]!) }
        assignments = assignments.map { Table.quoted($0) + " = ?" }
        assignments += ["stamps = ?", "updated_at = max(updated_at, ?)", "created_at = min(created_at, ?)"]
        arguments += [CanonicalJSON.encode(stamps).databaseValue, time.databaseValue, time.databaseValue]
        arguments.append(current.key.databaseValue)
        try db.execute(sql: "UPDATE \(Table.name(kind)) SET \(assignments.joined(separator: ", ")) WHERE key = ?",
                       arguments: StatementArguments(arguments))

        var values = current.record.values
        for (name, value) in winners where name != Operation.deletedField { values[name] = value }
        let deleted = winners[Operation.deletedField]?.bool ?? current.deleted
        if deleted {
            if !current.deleted {
                try SearchIndex.remove(db, kind: kind, key: current.key)
                if kind == .expert { try SearchIndex.removeExpert(db, key: current.key) }
            }
            return
        }
        let title = try reader.title(of: kind, values: values)
        let oldTitle = try reader.title(of: kind, values: current.record.values)
        if title != oldTitle {
            try db.execute(sql: "UPDATE \(Table.name(kind)) SET sort_key = ? WHERE key = ?",
                           arguments: [Folding.key(title), current.key])
        }
        try index(kind, key: current.key, id: op.record, title: title, values: values)
        if title != oldTitle { try retitleDependents(of: kind, id: op.record, title: title) }
    }

    private func index(_ kind: Kind, key: Int64, id: String, title: String, values: [String: Value], isNew: Bool = false) throws {
        guard SearchIndex.isIndexed(kind) else { return }
        if kind == .expert { try SearchIndex.putExpert(db, key: key, values: values, isNew: isNew) }
        let body = SearchIndex.body(kind, values)
        // An engagement is found through its expert and its need; it is worth an entry of its
        // own only for what its notes say (else a search for a name lists every engagement first).
        if kind == .engagement, body.isEmpty {
            if !isNew { try SearchIndex.remove(db, kind: kind, key: key) }
            return
        }
        try SearchIndex.put(db, kind: kind, key: key, id: id, title: title, body: body, isNew: isNew)
    }

    /// Records named after this one (an expert after their person) take its new title.
    private func retitleDependents(of kind: Kind, id: String, title: String) throws {
        for dependent in Kind.allCases {
            guard let field = Schema.titleReference(of: dependent),
                  Schema.field(field, of: dependent)?.type.referencedKind == kind else { continue }
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Table.selectColumns(dependent)) FROM \(Table.name(dependent)) WHERE \(Table.quoted(field)) = ? AND deleted = 0
                """, arguments: [id])
            for row in rows {
                let stored = Table.decode(dependent, row)
                try db.execute(sql: "UPDATE \(Table.name(dependent)) SET sort_key = ? WHERE key = ?",
                               arguments: [Folding.key(title), stored.key])
                try index(dependent, key: stored.key, id: stored.record.id, title: title, values: stored.record.values)
                try retitleDependents(of: dependent, id: stored.record.id, title: title)
            }
        }
    }
}
