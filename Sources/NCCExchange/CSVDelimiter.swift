import Foundation

/// Which character separates a CSV file's cells. Spreadsheets in many European locales save
/// "CSV" with semicolons (the comma is their decimal mark), and some tools save tabs; the header
/// line tells which, since no column name holds any of them.
enum CSVDelimiter {
    static func of(_ path: String) -> UnicodeScalar {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "," }
        defer { try? handle.close() }
        // The header is short; TextFileCheck has already refused lines over 1 MB.
        let start = (try? handle.read(upToCount: TextFileCheck.maxLineBytes)) ?? Data()
        return of(header: start.prefix { $0 != UInt8(ascii: "\n") })
    }

    /// The first of comma, semicolon and tab found outside quotes in the header line; comma if none.
    static func of<Line: Collection<UInt8>>(header: Line) -> UnicodeScalar {
        var quoted = false
        var found: Set<UInt8> = []
        for byte in header {
            if byte == UInt8(ascii: "\"") { quoted.toggle() } else if !quoted { found.insert(byte) }
        }
        for candidate in [",", ";", "\t"] as [UnicodeScalar] where found.contains(UInt8(candidate.value)) {
            return candidate
        }
        return ","
    }
}
