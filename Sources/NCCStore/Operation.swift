import NCCModel

/// One change to one record: the fields it sets (a delete sets `deleted` to true), stamped for the
/// last-writer-wins merge, and numbered in its replica's sequence so peers know what they hold.
public struct Operation: Sendable, Hashable {
    public var replica: String
    public var seq: Int
    public var stamp: Stamp
    public var kind: Kind
    public var record: String
    /// Field name -> new value. Always all fields of the kind when the operation creates the record.
    public var fields: [String: Value]
    /// Field name -> the stamp of the value this operation replaced ("" when there was none), so
    /// that a receiver can tell a later edit from a concurrent one.
    public var prev: [String: String]

    public init(
        replica: String, seq: Int, stamp: Stamp, kind: Kind, record: String,
        fields: [String: Value], prev: [String: String]
    ) {
        self.replica = replica
        self.seq = seq
        self.stamp = stamp
        self.kind = kind
        self.record = record
        self.fields = fields
        self.prev = prev
    }

    /// The field a delete writes: a tombstone is an ordinary field, so it merges like any other.
    public static let deletedField = "deleted"

    /// Set (to true) by `ncc forget`: the record's personal data is erased here and everywhere the
    /// operation travels, in the record and in every operation of the log that held it.
    public static let erasedField = "erased"

    /// The stamps an operation had seen for a field. One, for an edit; several for a resolution,
    /// which supersedes the winner and every conflicting value at once (space-separated).
    public static func seenStamps(_ prev: String?) -> [String] {
        guard let prev, !prev.isEmpty else { return [] }
        return prev.split(separator: " ").map(String.init)
    }

    /// Whether a field name is one an operation may carry for this kind.
    public static func carries(_ name: String, of kind: Kind) -> Bool {
        name == deletedField || name == erasedField || Schema.field(name, of: kind) != nil
    }
}

/// The fields `ncc forget` erases, and what they become.
public enum Erasure {
    /// Made once: an import asks for every operation it receives.
    private static let byKind: [Kind: [String: Value]?] = Dictionary(
        uniqueKeysWithValues: Kind.allCases.map { kind in
            (
                kind,
                kind.spec.erasure.map { erasure in
                    Dictionary(uniqueKeysWithValues: erasure.map { ($0.key.name, $0.value) })
                }
            )
        })

    public static func fields(of kind: Kind) -> [String: Value]? {
        byKind[kind] ?? nil
    }

    /// The operation's fields with every personal value replaced.
    public static func scrub(_ fields: [String: Value], of kind: Kind) -> [String: Value] {
        guard let erased = self.fields(of: kind) else { return fields }
        var result = fields
        for (name, value) in erased where result[name] != nil { result[name] = value }
        return result
    }
}
