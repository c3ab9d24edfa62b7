/// A field of a kind, named in code: `Fields.Task.due`, not `"due"`. Each kind's file under
/// `Kinds/` declares its fields' names once, in its namespace of `Fields`, and builds its spec's
/// fields from them, so renaming a field fails the build wherever the old name was used.
///
/// Deliberately not `ExpressibleByStringLiteral`: a string is a name the compiler cannot check.
/// Code that gets a field's name at run time (a CLI flag, a CSV header, a bundle's operation)
/// or walks `Schema.fields(of:)` keeps the string, and says so with `FieldName(kind, name)`.
public struct FieldName: Hashable, Sendable {
    public let kind: Kind
    /// The SQLite column, the CLI flag's word, the key in operations and in `Record.values`.
    public let name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// The housekeeping column every kind's table has: when the record was made. Not a field
    /// (no form, CSV or operation holds it), but queries may filter and order by it.
    public static func createdAt(_ kind: Kind) -> FieldName { FieldName(kind, "created_at") }
}

/// The names of every kind's fields, one namespace per kind (`Fields.Need.status`), declared in
/// the kind's file under `Kinds/` next to its spec. Each namespace's `all` lists its names in the
/// spec's order; `FieldNameTests` checks that they are exactly the spec's fields.
public enum Fields {}

extension Record {
    /// The value of one of this record's fields, `.null` when it holds none.
    public subscript(_ field: FieldName) -> Value {
        precondition(field.kind == kind, "a \(kind.singular) has no field \(field.kind.singular).\(field.name)")
        return values[field.name] ?? .null
    }
}
