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
        // A long list refers to many records once each (a task to its action item): keep the
        // cache to the names that repeat, not one per row.
        if titles.count >= 10_000 { titles.removeAll(keepingCapacity: true) }
        titles[key] = title
        return title
    }

    /// The name beside a reference in JSON: null when there is no reference, or when the record
    /// it names is not here (the store gives back the id for a name it cannot find).
    func name(_ kind: Kind, id: String?) throws -> Value {
        guard let id else { return .null }
        let title = try title(kind, id: id)
        return title == id ? .null : .text(title)
    }

    func display(_ value: Value, of field: Field) throws -> String {
        if let target = field.type.referencedKind, let id = value.text { return try title(target, id: id) }
        switch value {
        case .list(let items): return items.joined(separator: ", ")
        case .bool(let b): return b ? "yes" : "no"
        default: return value.plain
        }
    }

    /// A record as a JSON object: its id, every field as stored (references as ids), beside each
    /// reference `FIELD_name` with the referenced record's name, an expert's own `name` (its
    /// person's), and its created/updated times. Control characters are escaped, so the output is
    /// safe on a terminal.
    func json(_ record: Record, extra: [String: Value] = [:]) throws -> String {
        var fields = record.values
        for field in Schema.fields(of: record.kind) {
            guard let target = field.type.referencedKind else { continue }
            fields[field.name + Self.nameSuffix] = try name(target, id: record[field.name].text)
        }
        if record.kind == .expert { fields["name"] = try name(.person, id: record[Fields.Expert.person].text) }
        fields["id"] = .text(record.id)
        fields["created_at"] = .text(record.createdAt)
        fields["updated_at"] = .text(record.updatedAt)
        for (key, value) in extra { fields[key] = value }
        return CanonicalJSON.encode(fields)
    }

    /// What a reference's key takes for the key of the name beside it: `owner`, `owner_name`.
    static let nameSuffix = "_name"
}

extension String {
    /// The last eight characters of an id: its random part (ids begin with their creation
    /// time, shared by records made together), enough to name a record on the command line.
    var shortID: String { String(suffix(8)) }
}
