import ArgumentParser
import NCCModel
import NCCStore
import TerminalText

/// `ncc show KIND ID`: one record with every field and the records that point at it.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one record, its fields and the records related to it.",
        discussion: "ID is a record's id, its first 8 or more characters, or its exact name or title.")

    @Argument(help: "The kind of record.", transform: KindWords.parse) var kind: Kind
    @Argument(help: "Its id, id prefix or exact name.") var id: String
    @Flag(help: "Print the record as JSON (each reference as an id, with FIELD_name beside it).") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let id = try reader.resolve(kind, self.id)
            guard let record = try reader.record(kind, id: id) else {
                throw StoreError.notFound(kind: kind, reference: self.id)
            }
            let related = try relatedRecords(reader, id)
            let presenter = RecordPresenter(reader: reader)
            if json {
                var extra: [String: Value] = [:]
                for (label, items) in related {
                    extra["related_" + label] = .list(items.map(\.id))
                    extra["related_" + label + "_names"] = .list(items.map(\.title))
                }
                Console.out(try presenter.json(record, extra: extra))
                return
            }
            Console.out(Sanitizer.clean("\(kind.singular.capitalized): \(try presenter.title(kind, id: id))"))
            let labelWidth = 2 + (Schema.fields(of: kind).map { DisplayWidth.of($0.name) }.max() ?? 0)
            Console.out("  \(DisplayWidth.fit("id", to: labelWidth))\(id)")
            for field in Schema.fields(of: kind) {
                let value = try presenter.display(record[field.name], of: field)
                let label = DisplayWidth.fit(field.name.replacingOccurrences(of: "_", with: " "), to: labelWidth)
                if case .longText = field.type, value.contains("\n") {
                    Console.out("  \(label)")
                    for line in Sanitizer.clean(value, keepNewlines: true).split(
                        separator: "\n", omittingEmptySubsequences: false)
                    {
                        Console.out("      " + line)
                    }
                } else {
                    Console.out("  \(label)\(Sanitizer.clean(value))")
                }
            }
            Console.out(
                "  \(DisplayWidth.fit("updated", to: labelWidth))\(record.updatedAt)  (created \(record.createdAt))")
            for (label, items) in related where !items.isEmpty {
                Console.out("")
                Console.out(
                    "\(label.replacingOccurrences(of: "_", with: " ").capitalized) (\(items.count)\(items.count == Self.relatedLimit ? "+" : "")):"
                )
                for item in items { Console.out(Sanitizer.clean("  \(item.id.shortID)  \(item.title)")) }
            }
        }
    }

    static let relatedLimit = 50

    /// The records that point at this one, grouped as "needs", "tasks (owner)" and so on.
    private func relatedRecords(_ reader: StoreReader, _ id: String) throws -> [(String, [(id: String, title: String)])]
    {
        let referrers = Schema.referrers(of: kind)
        return try referrers.compactMap { referrer, field in
            let records = try reader.records(referrer, where: field, is: id, limit: Self.relatedLimit)
            guard !records.isEmpty else { return nil }
            let sameKindTwice = referrers.filter { $0.kind == referrer }.count > 1
            let label = referrer.plural.replacingOccurrences(of: "-", with: "_") + (sameKindTwice ? "_as_\(field)" : "")
            let items = try records.map { record -> (id: String, title: String) in
                // A link record (membership, attendance) is named by the other end.
                let other = Schema.fields(of: referrer).first { $0.type.referencedKind != nil && $0.name != field }
                if Schema.titleField(of: referrer) == nil, let other, let otherKind = other.type.referencedKind,
                    let otherID = record[other.name].text
                {
                    return (record.id, try reader.title(otherKind, id: otherID))
                }
                return (record.id, try reader.title(referrer, id: record.id))
            }
            return (label, items)
        }
    }
}
