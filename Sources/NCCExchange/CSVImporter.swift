import CSV
import Foundation
import NCCModel
import NCCStore

public struct CSVImportSummary: Sendable, Equatable {
    public var rows = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0

    public init(rows: Int = 0, created: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.rows = rows
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// A file rejected because of bad rows: each as `FILE:LINE: reason` (at most 20), and a summary.
public struct CSVImportError: Error, CustomStringConvertible {
    public var problems: [String]
    public var badRows: Int
    public var file: String
    public var description: String {
        let more = badRows - problems.count
        return
            "\(file): \(badRows) bad row\(badRows == 1 ? "" : "s")\(more > 0 ? " (\(problems.count) shown, and \(more) more)" : ""); nothing was imported"
    }
}

/// A file that cannot be read as this kind's CSV at all (missing, not UTF-8, unknown column).
public struct CSVFileError: Error, CustomStringConvertible {
    public var description: String
}

/// Imports one kind's records from a CSV file: every row or none, in one transaction.
public struct CSVImporter {
    let store: Store
    public init(store: Store) { self.store = store }

    static let maxProblems = 20

    private struct DryRun: Error { var summary: CSVImportSummary }

    /// A cell that `export-csv` guarded against spreadsheets (`CSVFormula`) reads back as its
    /// value; `raw` takes every cell as it is.
    public func importCSV(_ kind: Kind, from path: String, dryRun: Bool = false, raw: Bool = false) throws
        -> CSVImportSummary
    {
        try CSVTable.requireFormat(for: kind)
        let name = (path as NSString).lastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw CSVFileError(description: "cannot read \(path): no such file")
        }
        // A first pass checks the bytes are UTF-8 in lines of sane length: a bad byte must name the
        // file and its line before anything is parsed (CSV.swift would stop at it, or miss it in
        // the header), and a giant line must not be parsed at all.
        try TextFileCheck.file(path, name: name)
        guard let input = InputStream(fileAtPath: path) else {
            throw CSVFileError(description: "cannot read \(path)")
        }
        let reader: CSVReader
        do {
            // The stream reader skips a leading byte order mark itself.
            reader = try CSVReader(stream: input, hasHeaderRow: true, delimiter: CSVDelimiter.of(path))
        } catch CSVError.cannotReadHeaderRow {
            throw CSVFileError(
                description:
                    "\(name): the file is empty; the first line must name the columns (\(CSVTable.header(for: kind).joined(separator: ",")))"
            )
        } catch {
            throw CSVFileError(description: "\(name): \(Self.describe(error))")
        }
        guard var header = reader.headerRow, !(header.count == 1 && header[0].isEmpty) else {
            throw CSVFileError(
                description:
                    "\(name): the file is empty; the first line must name the columns (\(CSVTable.header(for: kind).joined(separator: ",")))"
            )
        }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        header = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let known = CSVTable.header(for: kind)
        if let unknown = header.first(where: { !known.contains($0) }) {
            throw CSVFileError(
                description:
                    "\(name): unknown column '\(Sanitized.one(unknown))' (columns of \(kind.plural): \(known.joined(separator: ",")))"
            )
        }
        var seen = Set<String>()
        if let twice = header.first(where: { !seen.insert($0).inserted }) {
            throw CSVFileError(description: "\(name): the column '\(Sanitized.one(twice))' appears twice")
        }
        if let missing = CSVTable.requiredColumns(for: kind).first(where: { !header.contains($0) }) {
            throw CSVFileError(description: "\(name): the column '\(missing)' is required")
        }
        // The line each record starts on, counting the newlines inside quoted cells.
        var line = 1 + header.reduce(0) { $0 + Self.newlines(in: $1) } + 1
        do {
            return try store.write { writer -> CSVImportSummary in
                var rows = RowWriter(kind: kind, header: header, writer: writer)
                var problems: [String] = []
                var badRows = 0
                var summary = CSVImportSummary()
                while let cells = reader.next() {
                    defer { line += 1 + cells.reduce(0) { $0 + Self.newlines(in: $1) } }
                    if cells.count == 1, cells[0].isEmpty { continue }  // a blank line
                    summary.rows += 1
                    do {
                        guard cells.count == header.count else {
                            throw RowProblem(
                                "has \(cells.count) column\(cells.count == 1 ? "" : "s"), the header has \(header.count)"
                            )
                        }
                        // Lines are at most 1 MB; a quoted cell may span many, but not hold more.
                        if let big = cells.firstIndex(where: { $0.utf8.count > TextFileCheck.maxLineBytes }) {
                            throw RowProblem("the \(header[big]) cell is longer than 1 MB")
                        }
                        switch try rows.write(raw ? cells : cells.map(CSVFormula.unguarded)) {
                        case .created: summary.created += 1
                        case .updated: summary.updated += 1
                        case .unchanged: summary.unchanged += 1
                        }
                    } catch {
                        badRows += 1
                        if problems.count < Self.maxProblems {
                            problems.append("\(name):\(line): \(Self.describe(error))")
                        }
                    }
                }
                if let error = reader.error, !Self.isEndOfFile(error) {
                    throw CSVFileError(description: "\(name):\(line): \(Self.describe(error))")
                }
                if badRows > 0 { throw CSVImportError(problems: problems, badRows: badRows, file: name) }
                if dryRun { throw DryRun(summary: summary) }
                return summary
            }
        } catch let dry as DryRun {
            return dry.summary
        }
    }

    /// The line breaks in a cell as a file has them: "\n", "\r\n" (one grapheme) or a lone "\r".
    /// Other characters Swift calls newlines (U+2028, form feed) do not start a line in the file.
    static func newlines(in cell: String) -> Int {
        cell.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) }
    }

    /// CSV.swift's byte reader reports the end of a file it has read to the last byte as
    /// `cannotReadFile` (a read of 0 bytes); a real read error is `streamErrorHasOccurred`.
    static func isEndOfFile(_ error: any Error) -> Bool {
        if case CSVError.cannotReadFile = error { return true }
        return false
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? CSVError {
            switch error {
            case .unicodeDecoding, .stringEncodingMismatch: return "the file is not UTF-8 text"
            case .cannotReadHeaderRow: return "cannot read the header row"
            default: return "cannot read the file"
            }
        }
        return String(describing: error)
    }
}

struct RowProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
