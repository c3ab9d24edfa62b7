/// The fields of every kind, as their `KindSpec`s declare them, looked up by name. The store builds
/// its tables, the CLI its flags and the sync layer its checks of incoming operations from here.
public enum Schema {
    public static let organisationKinds = [
        "ministry", "managing_authority", "agency", "ngo", "university", "research", "social_enterprise",
        "cooperative", "municipality", "business", "network", "other",
    ]
    public static let meetingKinds = ["quarterly", "thematic", "joint_event", "workshop", "kickoff"]
    public static let taskStatuses = ["todo", "doing", "blocked", "done"]
    public static let engagementStatuses = ["proposed", "agreed", "done", "declined"]

    /// The fields of a kind, built once: this is asked for on every read and write.
    public static func fields(of kind: Kind) -> [Field] { table[kind]! }

    public static func field(_ name: String, of kind: Kind) -> Field? { byName[kind]![name] }

    /// A field named in code; every `Fields` constant names one (`FieldNameTests`).
    public static func field(_ name: FieldName) -> Field {
        guard let field = byName[name.kind]![name.name] else {
            preconditionFailure("a \(name.kind.singular) has no field \(name.name)")
        }
        return field
    }

    private static let table: [Kind: [Field]] = Dictionary(
        uniqueKeysWithValues: Kind.allCases.map { ($0, $0.spec.fields) })
    private static let byName: [Kind: [String: Field]] = table.mapValues { fields in
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
    }

    /// The field a user names a record by, when it has one of its own.
    public static func titleField(of kind: Kind) -> String? {
        if case .field(let name) = kind.spec.naming { name.name } else { nil }
    }

    /// For kinds without a name of their own, the reference whose title names them
    /// (an expert is called by their person's name).
    public static func titleReference(of kind: Kind) -> String? {
        if case .reference(let name) = kind.spec.naming { name.name } else { nil }
    }

    /// The columns `ncc list` shows, most telling first.
    public static func listColumns(of kind: Kind) -> [String] { kind.spec.listColumns }

    /// How `ncc list` orders a kind (an SQL ORDER BY over its columns, always ending with id so
    /// keyset pages are stable).
    public static func listOrder(of kind: Kind) -> [String] {
        if let order = kind.spec.listOrder { return order }
        if let title = titleField(of: kind) ?? titleReference(of: kind) { return [title, "id"] }
        return ["created_at", "id"]
    }

    /// Kinds whose records are parts of another record and go when it goes
    /// (a meeting's agenda, attendance, decisions and action items).
    public static func parts(of kind: Kind) -> [(kind: Kind, field: String)] {
        kind.spec.parts.map { ($0.kind, $0.field) }
    }

    /// Every (kind, field) pair that points at `kind`: the records that stand in the way of deleting it.
    public static func referrers(of kind: Kind) -> [(kind: Kind, field: String)] {
        Kind.allCases.flatMap { k in
            fields(of: k).compactMap { f in f.type.referencedKind == kind ? (k, f.name) : nil }
        }
    }
}
