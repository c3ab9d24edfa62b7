/// The value of one field of one record, as stored and as carried by an operation.
/// Lists (topics, languages, tags) are one value: they are replaced whole, never merged item by item.
public enum Value: Sendable, Hashable, Codable {
    case null
    case text(String)
    case int(Int)
    case bool(Bool)
    case list([String])

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var text: String? { if case .text(let s) = self { s } else { nil } }
    public var int: Int? { if case .int(let i) = self { i } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var list: [String] { if case .list(let l) = self { l } else { [] } }

    /// A plain rendering for tables and CSV: lists joined with `;`, booleans as true/false.
    public var plain: String {
        switch self {
        case .null: ""
        case .text(let s): s
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .list(let l): l.joined(separator: ";")
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let s = try? c.decode(String.self) {
            self = .text(s)
        } else {
            self = .list(try c.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .text(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .list(let l): try c.encode(l)
        }
    }
}

/// A record as the store hands it out: its kind, id, field values and housekeeping stamps.
public struct Record: Sendable, Hashable {
    public var kind: Kind
    public var id: String
    public var values: [String: Value]
    public var createdAt: String
    public var updatedAt: String

    public init(kind: Kind, id: String, values: [String: Value], createdAt: String = "", updatedAt: String = "") {
        self.kind = kind
        self.id = id
        self.values = values
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public subscript(field: String) -> Value { values[field] ?? .null }
}
