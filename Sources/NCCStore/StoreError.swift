import NCCModel

/// Everything the store refuses, each with the one line a user reads.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notADatabase(path: String)
    case notAnNCCDatabase(path: String)
    case readOnly(path: String)
    case newerSchema(path: String, unknown: [String])
    case cannotOpen(path: String, reason: String)
    case notFound(kind: Kind, reference: String)
    case ambiguous(kind: Kind, reference: String, count: Int)
    case invalid(kind: Kind, FieldError)
    case unknownField(kind: Kind, field: String)
    /// Code named a field of another kind (a need's status in a task's query or values).
    case foreignField(kind: Kind, field: FieldName)
    case missingRequired(kind: Kind, field: String)
    case stillReferenced(kind: Kind, title: String, by: String)
    /// Another ncc holds the write lock longer than the busy timeout.
    case busy
    /// A record created with an id that is taken.
    case exists(kind: Kind, id: String)
    /// An operation of the log that does not decode (the file was altered or damaged).
    case malformedLog
    /// An operation arrived under a number held here for another one of the same author.
    case forked(replica: String, seq: Int)
    case cannotBackUp(destination: String, reason: String)
    /// What SQLite itself said, for the errors ncc has no words of its own for.
    case sqlite(String)

    public var description: String {
        switch self {
        case .notADatabase(let path): "\(path) is not an SQLite database; it was left untouched"
        case .notAnNCCDatabase(let path): "\(path) is an SQLite database of another application; it was left untouched"
        case .readOnly(let path): "\(path) is read-only; ncc needs to write to it (check its permissions)"
        case .newerSchema(let path, let unknown):
            "\(path) was written by a newer ncc (schema \(unknown.joined(separator: ", "))): upgrade ncc; the file was left untouched"
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .notFound(let kind, let ref): "no \(kind.singular) '\(ref)'"
        case .forked(let replica, let seq):
            "refused: operation \(seq) of replica \(replica) in the bundle is not the one held here under that number (same number, other content)"
        case .ambiguous(let kind, let ref, let count): "\(count) \(kind.plural) are called '\(ref)': name one by its id"
        case .invalid(let kind, let error): "\(kind.singular) \(error)"
        case .unknownField(let kind, let field):
            "a \(kind.singular) has no field '\(field)' (fields: \(Schema.fields(of: kind).map(\.name).joined(separator: ", ")))"
        case .foreignField(let kind, let field):
            "a \(kind.singular) has no field of a \(field.kind.singular) ('\(field.name)')"
        case .missingRequired(let kind, let field): "a \(kind.singular) needs a \(field)"
        case .stillReferenced(let kind, let title, let by): "\(kind.singular) '\(title)' is still used by \(by)"
        case .busy: "database error: the database is busy in another ncc; try again"
        case .exists(let kind, let id): "database error: \(kind.singular) \(id) exists already"
        case .malformedLog: "database error: an operation in the log is malformed"
        case .cannotBackUp(let destination, let reason): "database error: cannot back up to \(destination): \(reason)"
        case .sqlite(let message): "database error: \(message)"
        }
    }
}
