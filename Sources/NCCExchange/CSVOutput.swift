import Foundation

/// RFC 4180 rows written through a file handle in 64 KiB pieces: a cell holding a comma, a
/// quote or a line break is quoted, its quotes doubled; every row ends with "\n".
final class CSVOutput {
    let handle: FileHandle
    let name: String
    private var buffer: [UInt8] = []
    static let flushSize = 1 << 16

    init(handle: FileHandle, name: String) {
        self.handle = handle
        self.name = name
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    func write(row: [String]) throws {
        for (index, cell) in row.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            append(cell)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushSize { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CSVFileError(description: "cannot write \(name): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(_ cell: String) {
        let bytes = cell.utf8
        let quote = UInt8(ascii: "\"")
        guard bytes.contains(where: { $0 == quote || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(quote)
        for byte in bytes {
            buffer.append(byte)
            if byte == quote { buffer.append(quote) }
        }
        buffer.append(quote)
    }
}
