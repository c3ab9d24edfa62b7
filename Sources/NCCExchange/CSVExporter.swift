import CSV
import Foundation
import NCCModel
import NCCStore
import TerminalText

/// Writes one kind's records as CSV in the same columns the importer reads, so export then import
/// gives back the same data. A file is written under a temporary name and renamed into place.
/// Standard output may be a terminal: there, control characters in the data are shown as
/// symbols (␛), as everywhere ncc prints; a file keeps the data exactly.
public struct CSVExporter {
    let store: Store
    public init(store: Store) { self.store = store }

    public func exportCSV(_ kind: Kind, to path: String) throws -> Int {
        try CSVTable.requireFormat(for: kind)
        if path == "-" {
            // Appending keeps the shell's file offset when standard output is a file.
            guard let stream = OutputStream(toFileAtPath: "/dev/stdout", append: true) else {
                throw CSVFileError(description: "cannot write to standard output")
            }
            return try write(kind, to: stream, name: "standard output", printable: true)
        }
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CSVFileError(description: "cannot write \(path): the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        // Created here first, so that a folder taking no new files is reported with the system's reason.
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CSVFileError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        guard let stream = OutputStream(toFileAtPath: temporary.path, append: false) else {
            try? FileManager.default.removeItem(at: temporary)
            throw CSVFileError(description: "cannot write \(path): cannot create a file in \(folder.path)")
        }
        do {
            let rows = try write(kind, to: stream, name: path, printable: false)
            // On disk before it takes the real name: a crash leaves the old file or the new, whole.
            guard let handle = FileHandle(forUpdatingAtPath: temporary.path) else {
                throw CSVFileError(description: "cannot write \(path)")
            }
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                throw CSVFileError(description: "cannot write \(path): \(error.localizedDescription)")
            }
            guard rename(temporary.path, destination.path) == 0 else {
                throw CSVFileError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            return rows
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    private func write(_ kind: Kind, to stream: OutputStream, name: String, printable: Bool) throws -> Int {
        stream.open()
        defer { stream.close() }
        let full = CSVFileError(description: "cannot write \(name) (is the disk full?)")
        guard stream.streamStatus == .open, let csv = try? CSVWriter(stream: stream) else {
            throw CSVFileError(description: "cannot write \(name): it cannot be opened")
        }
        let header = CSVTable.header(for: kind)
        try csv.write(row: header)
        var count = 0
        try store.read { reader in
            let names = UniqueNames(reader: reader)
            var offset = 0
            while true {
                let page = try reader.list(kind, limit: 1000, offset: offset)
                if page.isEmpty { break }
                for record in page {
                    do {
                        let cells = try header.map { try cell($0, of: record, reader, names) }
                        try csv.write(row: printable ? cells.map { Sanitizer.clean($0, keepNewlines: true) } : cells)
                    } catch is CSVError {
                        throw full
                    }
                    count += 1
                }
                offset += page.count
            }
        }
        // End the last row too, as most tools expect; a write that fails is a full or vanished disk.
        guard csv.stream.write("\n", maxLength: 1) == 1 else { throw full }
        return count
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
