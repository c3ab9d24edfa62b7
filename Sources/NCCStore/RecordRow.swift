import Foundation
import GRDB
import NCCModel
import Synchronization

/// A record as it sits in its table, with the stamps the merge compares.
struct StoredRecord {
    var key: Int64
    var record: Record
    var deleted: Bool
    var baseStamp: String
    var stamps: [String: String]

    func stamp(of field: String) -> String { stamps[field] ?? baseStamp }
}

/// SQL spelling of a kind's table and columns, and conversion between `Value` and SQLite values.
enum Table {
    static func name(_ kind: Kind) -> String { kind.rawValue }

    static func quoted(_ column: String) -> String { "\"\(column)\"" }

    /// Ordering by the field that names a record (an expert's person) uses the folded title.
    static func sortsByTitle(_ kind: Kind, _ field: String) -> Bool {
        field == (Schema.titleField(of: kind) ?? Schema.titleReference(of: kind))
    }

    static let housekeepingColumns = "key, id, deleted, base_stamp, stamps, created_at, updated_at"

    /// The INSERT of a kind's columns, built once per column set.
    static func insertSQL(_ kind: Kind, _ columns: [String]) -> String {
        let key = kind.rawValue + "|" + columns.joined(separator: ",")
        if let known = insertCache.withLock({ $0[key] }) { return known }
        let sql =
            "INSERT INTO \(name(kind)) (\(columns.map(quoted).joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        insertCache.withLock { $0[key] = sql }
        return sql
    }

    static let insertCache = Mutex<[String: String]>([:])

    /// The INSERT of a record created with every field, per kind (the common case, built once).
    static let createSQL: [Kind: String] = Dictionary(
        uniqueKeysWithValues: Kind.allCases.map { kind in
            let columns =
                ["id", "sort_key", "deleted", "base_stamp", "stamps", "created_at", "updated_at"]
                + Schema.fields(of: kind).map(\.name)
            return (
                kind,
                "INSERT INTO \(name(kind)) (\(columns.map(quoted).joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
            )
        })

    static func selectColumns(_ kind: Kind) -> String { selectColumnsByKind[kind]! }

    // Spelled once: every read of a record asks for them.
    private static let selectColumnsByKind = Dictionary(
        uniqueKeysWithValues: Kind.allCases.map { kind in
            (kind, housekeepingColumns + ", " + Schema.fields(of: kind).map { quoted($0.name) }.joined(separator: ", "))
        })

    static func databaseValue(_ value: Value) -> DatabaseValue {
        switch value {
        case .null: .null
        case .text(let s): s.databaseValue
        case .int(let i): i.databaseValue
        case .bool(let b): (b ? 1 : 0).databaseValue
        case .list(let l): CanonicalJSON.encode(l).databaseValue
        }
    }

    static func value(_ dbValue: DatabaseValue, as type: FieldType) -> Value {
        switch dbValue.storage {
        case .null: return type.isList ? .list([]) : .null
        case .int64(let i):
            if case .bool = type { return .bool(i != 0) }
            return .int(Int(i))
        case .double(let d): return .int(Int(d))
        case .string(let s):
            if type.isList { return .list(CanonicalJSON.decodeList(s)) }
            return .text(s)
        case .blob: return .null
        }
    }

    static func decode(_ kind: Kind, _ row: Row) -> StoredRecord {
        var values: [String: Value] = [:]
        for (offset, field) in Schema.fields(of: kind).enumerated() {
            values[field.name] = value(row[7 + offset] as DatabaseValue, as: field.type)
        }
        let stampsText: String? = row[4]
        return StoredRecord(
            key: row[0],
            record: Record(kind: kind, id: row[1], values: values, createdAt: row[5], updatedAt: row[6]),
            deleted: (row[2] as Int) != 0,
            baseStamp: row[3],
            stamps: stampsText.map(CanonicalJSON.decodeStrings) ?? [:])
    }
}

/// Keys for ordering text as people expect: case and diacritics ignored (`Žiga` sorts with `Ziga`).
public enum Folding {
    public static func key(_ text: String) -> String {
        // ASCII needs only lower case; everything else goes through Foundation's folding.
        text.utf8.allSatisfy({ $0 < 0x80 })
            ? text.lowercased()
            : text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}

/// GRDB has a `Record` class too; in this module the word means ours.
public typealias Record = NCCModel.Record
