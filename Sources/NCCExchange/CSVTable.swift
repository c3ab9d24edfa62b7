import Crypto
import Foundation
import NCCModel

/// The CSV layout of each kind: its columns, which of them must be there, and how a column maps
/// to a field (most are the field itself; a few belong to a related record).
public enum CSVTable {
    public static func header(for kind: Kind) -> [String] { kind.spec.csv?.columns ?? [] }

    /// Refuses, in one line, a kind that has no CSV file (the parts of a meeting travel with it).
    static func requireFormat(for kind: Kind) throws {
        guard kind.spec.csv == nil else { return }
        throw CSVFileError(
            description:
                "there is no CSV format for \(kind.plural) (formats: \(Kind.withCSV.map(\.plural).joined(separator: ", ")))"
        )
    }

    /// Columns a file must have: what names the record and what it cannot exist without.
    static func requiredColumns(for kind: Kind) -> [String] { kind.spec.csv?.required ?? ["name"] }

    /// Columns that are not fields of the kind itself.
    static let consortiumColumn = "consortium"
    static let attendeesColumn = "attendees"
    static let personColumns: Set<String> = ["name", "email", "organisation"]

    /// The field a column fills: the kind's own, or (for experts) their person's.
    static func field(_ column: String, of kind: Kind) -> (field: Field, onPerson: Bool)? {
        if kind == .expert, personColumns.contains(column) {
            return Schema.field(column, of: .person).map { ($0, true) }
        }
        return Schema.field(column, of: kind).map { ($0, false) }
    }
}

/// Stable ids for rows whose `id` is not a UUID: a name-based (version 5) UUID of the kind and
/// the given text, so importing the same file twice updates the same records.
enum StableID {
    static let namespace = UUID(uuidString: "6f1c2a52-3d4b-4c1e-9a57-0e6c9b1d2f40")!

    static func make(_ kind: Kind, _ name: String) -> String {
        var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        bytes += Array("\(kind.rawValue):\(name)".utf8)
        var hash = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7],
                hash[8], hash[9], hash[10], hash[11], hash[12], hash[13], hash[14], hash[15]
            ))
        return uuid.uuidString.lowercased()
    }

    /// The id a CSV cell names: a UUID as is, anything else turned into a stable UUID.
    static func from(_ cell: String, kind: Kind) -> String {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if let uuid = UUID(uuidString: trimmed) { return uuid.uuidString.lowercased() }
        return make(kind, trimmed)
    }
}
