import NCCMatch
import NCCModel
import NCCStore

/// Reads what a pane shows and turns it into rows and detail lines, so views only draw text.
/// Every list is a page of a `RecordQuery`, or a bounded list of search hits. Only the runner
/// makes one (inside a read of the store).
struct Loader {
    let reader: StoreReader
    let today: String
    /// The time proposals' closing is measured against (the store's clock).
    var now = Dates.nowUTC()
    /// Ranks experts for a need (the Experts pane's detail).
    var engine = MatchEngine()

    /// Titles of referenced records, looked up once per id and page.
    final class Titles {
        var known: [String: String] = [:]
    }
    let titles = Titles()

    func title(_ kind: Kind, _ id: String?) throws -> String {
        guard let id, !id.isEmpty else { return "" }
        let key = kind.rawValue + id
        if let known = titles.known[key] { return known }
        let title = try reader.title(kind, id: id)
        titles.known[key] = title
        return title
    }

    /// A field's value as a list shows it: a reference by its record's title, a list joined.
    func value(_ record: Record, _ field: FieldName) throws -> String {
        precondition(
            field.kind == record.kind, "a \(record.kind.singular) has no field \(field.kind.singular).\(field.name)")
        return try value(record, field.name)
    }

    func value(_ record: Record, _ field: String) throws -> String {
        guard let spec = Schema.field(field, of: record.kind) else { return "" }
        let value = record[field]
        if let target = spec.type.referencedKind { return try title(target, value.text) }
        switch value {
        case .list(let items): return items.joined(separator: ", ")
        case .bool(let b): return b ? "yes" : "no"
        default: return value.plain
        }
    }

    /// Every field of a record as detail lines, then the records that point at it.
    func genericDetail(_ ref: RecordRef) throws -> [DetailLine] {
        guard let record = try reader.record(ref.kind, id: ref.id) else {
            return [DetailLine("This \(ref.kind.singular) no longer exists.", .dim)]
        }
        var lines = [DetailLine(try reader.title(ref.kind, id: ref.id), .title)]
        for field in Schema.fields(of: ref.kind) where !field.hidden {
            let text = try value(record, field.name)
            if text.isEmpty { continue }
            if case .longText = field.type {
                lines.append(DetailLine(label(field.name), .heading))
                lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { DetailLine("  " + $0) }
            } else {
                let target = field.type.referencedKind.flatMap { k in record[field.name].text.map { RecordRef(k, $0) } }
                lines.append(DetailLine("\(label(field.name)): \(text)", .field(field.name), target: target))
            }
        }
        for (kind, field) in Schema.referrers(of: ref.kind) {
            let related = try reader.records(kind, where: field, is: ref.id, limit: 30)
            guard !related.isEmpty else { continue }
            lines.append(DetailLine(""))
            lines.append(
                DetailLine(kind.plural.replacingOccurrences(of: "-", with: " ").capitalized + " (\(field))", .heading))
            for item in related { lines.append(try refLine(item)) }
        }
        return lines
    }

    /// A record's detail ends with its id, for people who script (`ncc show KIND ID`).
    static func withID(_ lines: [DetailLine], _ ref: RecordRef) -> [DetailLine] {
        guard lines.count > 1 else { return lines }  // "no longer exists" needs no id
        return lines + [DetailLine(""), DetailLine("id \(ref.id)", .dim)]
    }

    /// A line naming a related record, which Enter opens. Link records show their other end.
    func refLine(_ record: Record, prefix: String = "  ") throws -> DetailLine {
        if let link = record.kind.spec.linkTarget, let far = Schema.field(link).type.referencedKind {
            let id = record[link].text ?? ""
            return DetailLine(prefix + (try title(far, id)), target: RecordRef(far, id))
        }
        return DetailLine(
            prefix + (try reader.title(record.kind, id: record.id)), target: RecordRef(record.kind, record.id))
    }

    /// A heading with its count, then the items (or "none").
    static func section(_ heading: String, _ items: [DetailLine], count: Int? = nil, into lines: inout [DetailLine]) {
        lines.append(DetailLine(""))
        lines.append(
            DetailLine(
                "\(heading) (\(count ?? items.filter { $0.target != nil && !$0.text.hasPrefix("      ") }.count))",
                .heading))
        lines += items.isEmpty ? [DetailLine("  none", .dim)] : items
    }

    func label(_ field: String) -> String { field.replacingOccurrences(of: "_", with: " ").capitalized }

    static func countryName(_ code: String) -> String {
        Codes.countryNames[code].map { "\(code) \($0)" } ?? code
    }
}
