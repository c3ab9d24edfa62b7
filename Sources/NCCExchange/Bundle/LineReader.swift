import Crypto
import Foundation

/// The lines of a file, read in 1 MB chunks: a file of any size in little memory.
struct LineReader {
    let handle: FileHandle
    let maxLine: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private(set) var number = 0
    /// The SHA-256 of every byte read so far, when asked for.
    private(set) var hasher: SHA256?

    init(path: String, maxLine: Int, hashing: Bool = false) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BundleError.cannotRead(path: path) }
        self.handle = handle
        self.maxLine = maxLine
        if hashing { hasher = SHA256() }
    }

    func close() { try? handle.close() }

    /// The next line without its "\n", or nil at the end.
    mutating func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                number += 1
                return line
            }
            if buffer.count - start > maxLine {
                throw BundleError.lineTooLong(bundle: nil, line: number + 1, megabytes: maxLine >> 20)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                number += 1
                return line
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true }
            hasher?.update(data: chunk)
            buffer.removeFirst(start)
            buffer.append(contentsOf: chunk)
            start = 0
        }
    }
}
