import Foundation
import NCCModel
import NCCStore

/// Writes the people who agreed to share their contact details as vCard 4.0 (RFC 6350), with the
/// same escaping, CRLF line ends and 75-octet folding as the calendar. Nobody else is written.
public struct ContactsExporter {
    let store: Store
    public init(store: Store) { self.store = store }

    static let pageSize = 500

    /// Writes the cards to `path` (`-`: standard output) and returns how many.
    @discardableResult
    public func export(to path: String) throws -> Int {
        let sink = try ExportSink(path: path)
        let count = try write(emit: sink.write)
        try sink.commit()
        return count
    }

    /// The cards as text (for tests).
    public func render() throws -> String {
        var text = ""
        _ = try write { text += $0 }
        return text
    }

    private func write(emit: (String) throws -> Void) throws -> Int {
        var count = 0
        try store.read { reader in
            let query = RecordQuery(.person, conditions: [.equals(Fields.Person.shareable, .bool(true))])
            var offset = 0
            while true {
                let page = try reader.records(query, limit: Self.pageSize, offset: offset)
                if page.isEmpty { break }
                // Organisation names for this page only: memory stays bounded however many there are.
                var organisations: [String: String] = [:]
                for person in page {
                    var organisation: String?
                    if let id = person[Fields.Person.organisation].text {
                        if let known = organisations[id] {
                            organisation = known
                        } else {
                            let name = try reader.record(.organisation, id: id)?[Fields.Organisation.name].text
                            organisations[id] = name ?? ""
                            organisation = name
                        }
                    }
                    try emit(Self.card(person, organisation: organisation).map(\.folded).joined())
                    count += 1
                }
                offset += page.count
            }
        }
        return count
    }

    /// The vCard of one person.
    static func card(_ person: Record, organisation: String?) -> [ContentLine] {
        func value(_ field: FieldName) -> String? {
            guard let text = person[field].text else { return nil }
            let clean = ContentLine.clean(text, multiline: false).trimmingCharacters(in: .whitespaces)
            return clean.isEmpty ? nil : clean
        }
        let name = value(Fields.Person.name) ?? "(no name)"
        var lines = [
            ContentLine("BEGIN", raw: "VCARD"),
            ContentLine("VERSION", raw: "4.0"),
            .text("FN", name, multiline: false),
            .components("N", structuredName(name)),
        ]
        if let email = value(Fields.Person.email) { lines.append(.text("EMAIL", email, multiline: false)) }
        if let phone = value(Fields.Person.phone) { lines.append(.text("TEL", phone, multiline: false)) }
        if let organisation = organisation.map({
            ContentLine.clean($0, multiline: false).trimmingCharacters(in: .whitespaces)
        }),
            !organisation.isEmpty
        {
            lines.append(.components("ORG", [organisation]))
        }
        if let role = value(Fields.Person.role) { lines.append(.text("ROLE", role, multiline: false)) }
        lines.append(ContentLine("UID", raw: "urn:uuid:" + uuid(of: person.id)))
        lines.append(ContentLine("END", raw: "VCARD"))
        return lines
    }

    /// `N`'s five components (family; given; additional; prefixes; suffixes), best effort: the
    /// last word is the family name, the words before it the given names.
    static func structuredName(_ name: String) -> [String] {
        let words = name.split(whereSeparator: { $0 == " " }).map(String.init)
        guard let family = words.last else { return ["", "", "", "", ""] }
        return [family, words.dropLast().joined(separator: " "), "", "", ""]
    }

    /// The person's id when it is a UUID (as ncc makes them); an id from elsewhere (a CSV file's
    /// `p-egle`) is turned into a name-based UUID, since `urn:uuid:` must hold a UUID.
    static func uuid(of id: String) -> String {
        NameUUID.isUUID(id) ? id.lowercased() : NameUUID.make("person:" + id)
    }
}
