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

    public init(replica: String, seq: Int, stamp: Stamp, kind: Kind, record: String,
                fields: [String: Value], prev: [String: String]) {
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
}
