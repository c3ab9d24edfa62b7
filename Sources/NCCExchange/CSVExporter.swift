import Foundation
import NCCModel
import NCCStore
import TerminalText

/// Writes one kind's records as CSV in the same columns the importer reads, so export then import
/// gives back the same data. A file is written under a temporary name and renamed into place;
/// `-` is standard output.
/// Standard output may be a terminal: there, control characters in the data are shown as
/// symbols (␛), as everywhere ncc prints; a file keeps the data exactly.
public struct CSVExporter {
    let store: Store
    public init(store: Store) { self.store = store }

    /// `raw`: values as they are, even those a spreadsheet would run as a formula (`CSVFormula`).
    public func exportCSV(_ kind: Kind, to path: String, raw: Bool = false) throws -> Int {
        try CSVTable.requireFormat(for: kind)
        do {
            // Standard output is file descriptor 1 as it is, so `>>` and a shell's later writes
            // land after ours; a file goes through a temporary name, synced, then renamed.
            let sink = try ExportSink(path: path)
            let rows = try write(kind, to: sink, printable: path == "-", raw: raw)
            try sink.commit()
            return rows
        } catch let error as CalendarFileError {
            throw CSVFileError(description: error.description)
        }
    }

    private func write(_ kind: Kind, to sink: ExportSink, printable: Bool, raw: Bool) throws -> Int {
        let header = CSVTable.header(for: kind)
        try sink.write(Self.row(header))
        var count = 0
        try store.read { reader in
            let names = UniqueNames(reader: reader)
            var offset = 0
            while true {
                let page = try reader.list(kind, limit: 1000, offset: offset)
                if page.isEmpty { break }
                for record in page {
                    var cells = try header.map { try cell($0, of: record, reader, names) }
                    if !raw { cells = cells.map(CSVFormula.guarded) }
                    try sink.write(Self.row(printable ? cells.map { Sanitizer.clean($0, keepNewlines: true) } : cells))
                    count += 1
                }
                offset += page.count
            }
        }
        return count
    }

    /// One RFC 4180 row and its line end (every row ends in one, the last too, as most tools
    /// expect): a cell holding a quote, a comma or a line break is quoted, its quotes doubled.
    static func row(_ cells: [String]) -> String {
        cells.map { cell in
            guard cell.contains(where: { $0 == "\"" || $0 == "," || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            else { return cell }
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\n"
    }

    private func cell(_ column: String, of record: Record, _ reader: StoreReader, _ names: UniqueNames) throws -> String
    {
        if column == "id" { return record.id }
        if record.kind == .centre, column == CSVTable.consortiumColumn {
            return try reader.records(where: Fields.Membership.centre, is: record.id, limit: 10_000)
                .compactMap { $0[Fields.Membership.consortium].text }.map { try names.reference(.consortium, $0) }
                .sorted().joined(separator: ";")
        }
        if record.kind == .meeting, column == CSVTable.attendeesColumn {
            return try reader.records(where: Fields.Attendance.meeting, is: record.id, limit: 10_000)
                .compactMap { $0[Fields.Attendance.person].text }.map { try names.reference(.person, $0) }.sorted()
                .joined(separator: ";")
        }
        guard let (field, onPerson) = CSVTable.field(column, of: record.kind) else { return "" }
        var source = record
        if onPerson {
            guard let person = try record[Fields.Expert.person].text.flatMap({ try reader.record(.person, id: $0) })
            else { return "" }
            source = person
        }
        let value = source[field.name]
        if let target = field.type.referencedKind, let id = value.text { return try names.reference(target, id) }
        return value.plain
    }
}

/// A reference as a person would write it: the record's name when no other record of its kind
/// has the same one, else its id.
final class UniqueNames {
    let reader: StoreReader
    var cache: [String: String] = [:]

    init(reader: StoreReader) { self.reader = reader }

    func reference(_ kind: Kind, _ id: String) throws -> String {
        if let known = cache[id] { return known }
        let title = try reader.title(kind, id: id)
        let unique =
            (try? reader.resolve(kind, title)) == id
            && !title.contains(";") && title.trimmingCharacters(in: .whitespaces) == title
        let result = unique ? title : id
        cache[id] = result
        return result
    }
}
