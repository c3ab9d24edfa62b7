import Foundation
import GRDB
import NCCModel

/// An import undone: what it was and what undoing it did.
public struct UndoneImport: Sendable, Equatable {
    public var producer: String
    public var file: String
    /// When it was imported, by this machine's clock.
    public var at: String
    public var operations: Int
    /// Records rebuilt from the operations that remain (those the import created are gone).
    public var records: Int
}

/// Imports that can be undone from the operation log, at a cost that grows with what the import
/// brought, not with the database: a replica's state depends only on the set of operations it
/// holds (`Merge`), so taking an import's operations out and rebuilding the records they touched
/// from the rest gives back the database as it was, with the member's own later edits kept.
extension StoreWriter {
    /// Starts recording the operations received from now on as one import from `producer`, and
    /// what this database knew of that peer before it.
    public func beginImport(producer: String, file: String) throws {
        try db.execute(
            sql: "INSERT INTO import (at, producer, file) VALUES (?, ?, ?)",
            arguments: [Dates.nowUTC(), producer, file])
        let id = db.lastInsertedRowID
        try db.execute(
            sql: """
                INSERT INTO import_peer
                SELECT ?, replica, public_key, trusted, revoked, knowledge, last_import, last_export, last_bundle,
                    agreement_key, introduced_by
                FROM peer WHERE replica = ?
                """, arguments: [id, producer])
        importID = id
    }

    /// Takes the last import that is not undone yet out of the log, rebuilds the records it
    /// touched from the operations that remain, and puts the peer back as it was. Refused, with
    /// nothing changed, when the import erased personal data (that cannot come back) or when a
    /// record made since refers to one only the import brought.
    public func undoLastImport() throws -> UndoneImport {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT id, at, producer, file FROM import WHERE undone_at IS NULL ORDER BY id DESC")
        else { throw ImportUndoError("there is no import to undo") }
        let id: Int64 = row[0]
        var undone = UndoneImport(producer: row[2], file: row[3], at: row[1], operations: 0, records: 0)
        if try Bool.fetchOne(
            db, sql: "SELECT 1 FROM op WHERE import = ? AND fields LIKE ? LIMIT 1",
            arguments: [id, "%\"\(Operation.erasedField)\"%"]) ?? false
        {
            throw ImportUndoError("the import from \(undone.producer) erased personal data, which cannot come back")
        }
        // The records it touched, oldest first, in a table of their own: the log is read once for
        // all of them (it has no index by record), not once per record.
        try db.execute(sql: "DROP TABLE IF EXISTS temp.undo_touched")
        try db.execute(
            sql: """
                CREATE TEMP TABLE undo_touched (record TEXT PRIMARY KEY, kind TEXT NOT NULL, first TEXT NOT NULL);
                INSERT INTO undo_touched SELECT record, kind, min(stamp) FROM op WHERE import = ? GROUP BY record;
                """, arguments: [id])
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.undo_touched") }
        let touched = try Row.fetchAll(db, sql: "SELECT kind, record FROM undo_touched ORDER BY first")
            .compactMap { row -> (kind: Kind, id: String)? in Kind(rawValue: row[0]).map { ($0, row[1]) } }
        undone.operations =
            try Int.fetchOne(db, sql: "SELECT count(*) FROM op WHERE import = ?", arguments: [id]) ?? 0
        try db.execute(sql: "DELETE FROM op WHERE import = ?", arguments: [id])
        // What it set aside goes with it; what it applied that had waited waits again.
        try db.execute(sql: "DELETE FROM waiting WHERE import = ?", arguments: [id])
        try db.execute(sql: "UPDATE waiting SET released = NULL WHERE released = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM checkpoint WHERE import = ?", arguments: [id])
        var left: [String: [Operation]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT replica, seq, stamp, kind, record, fields, prev FROM op
                WHERE record IN (SELECT record FROM undo_touched) ORDER BY stamp
                """)
        {
            let op = try StoreReader.operation(row)
            left[op.record, default: []].append(op)
        }

        // Records the import alone brought are gone after it: nothing made since may refer to one,
        // or edit one (the edit would stand alone, a record without its other fields).
        var gone: [(kind: Kind, id: String)] = []
        for record in touched {
            guard let first = left[record.id]?.first else {
                gone.append(record)
                continue
            }
            if !Schema.fields(of: record.kind).allSatisfy({ first.fields[$0.name] != nil }) {
                throw ImportUndoError(
                    "\(record.kind.singular) '\(try reader.title(record.kind, id: record.id))' came with that import and was changed here since"
                )
            }
        }
        let goneIDs = Set(gone.map(\.id))
        for record in gone {
            for (kind, field) in Schema.referrers(of: record.kind) {
                // Deleted ones too: a tombstone keeps its references.
                let users = try String.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT id FROM \(Table.name(kind)) WHERE \(Table.quoted(field)) = ? LIMIT 100"),
                    arguments: [record.id])
                if let user = users.first(where: { !goneIDs.contains($0) }) {
                    throw ImportUndoError(
                        "\(kind.singular) '\(try reader.title(kind, id: user))' was made since and refers to \(record.kind.singular) '\(try reader.title(record.kind, id: record.id))', which only that import brought"
                    )
                }
            }
        }
        try db.execute(sql: "DELETE FROM conflict WHERE record IN (SELECT record FROM undo_touched)")

        let merge = Merge(db: db)
        for record in touched {
            try merge.forget(record.kind, id: record.id)
            for op in left[record.id] ?? [] {
                try merge.apply(op, current: try reader.stored(op.kind, id: op.record))
            }
            if let title = try? reader.title(record.kind, id: record.id), !goneIDs.contains(record.id) {
                try merge.retitleDependents(of: record.kind, id: record.id, title: title)
            }
        }
        undone.records = touched.count - gone.count

        try db.execute(sql: "DELETE FROM peer WHERE replica = ?", arguments: [undone.producer])
        if let before = try Row.fetchOne(db, sql: "SELECT * FROM import_peer WHERE import = ?", arguments: [id]) {
            try savePeer(StoreReader.peer(before))
        }
        try db.execute(sql: "UPDATE import SET undone_at = ? WHERE id = ?", arguments: [Dates.nowUTC(), id])
        return undone
    }
}

/// Why an import cannot be undone, in one line.
public struct ImportUndoError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
