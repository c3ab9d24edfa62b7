import NCCModel
import NCCStore

/// Turns stored values into what a person reads: references become the referenced record's
/// title, lists are joined with `, `. Titles are looked up once per id.
final class RecordPresenter {
    let reader: StoreReader
    private var titles: [String: String] = [:]

    init(reader: StoreReader) { self.reader = reader }

    func title(_ kind: Kind, id: String) throws -> String {
        let key = kind.rawValue + "/" + id
        if let known = titles[key] { return known }
        let title = try reader.title(kind, id: id)
        titles[key] = title
        return title
    }

    func display(_ value: Value, of field: Field) throws -> String {
        if let target = field.type.referencedKind, let id = value.text { return try title(target, id: id) }
        switch value {
        case .list(let items): return items.joined(separator: ", ")
        case .bool(let b): return b ? "yes" : "no"
        default: return value.plain
        }
    }

    /// A record as a JSON object: its id, every field as stored (references as ids), and its
    /// created/updated times. Control characters are escaped, so the output is safe on a terminal.
    static func json(_ record: Record, extra: [String: Value] = [:]) -> String {
        var fields = record.values
        fields["id"] = .text(record.id)
        fields["created_at"] = .text(record.createdAt)
        fields["updated_at"] = .text(record.updatedAt)
        for (key, value) in extra { fields[key] = value }
        return CanonicalJSON.encode(fields)
    }
}

extension String {
    /// The last eight characters of an id: its random part (ids begin with their creation
    /// time, shared by records made together), enough to name a record on the command line.
    var shortID: String { String(suffix(8)) }
}
