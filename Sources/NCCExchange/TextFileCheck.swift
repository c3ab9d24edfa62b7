import Foundation

/// Checks that a file is UTF-8 text in lines of at most 1 MB, reading it in chunks (a file of any
/// size in little memory), before a parser holds any of it: a 50 MB line would otherwise be read
/// whole, parsed for a minute and quoted back in an error message.
enum TextFileCheck {
    static let chunkSize = 1 << 16
    static let maxLineBytes = 1 << 20

    /// Throws a `CSVFileError` naming the line of the first byte that is not UTF-8, or of the
    /// first line over `maxLineBytes`.
    static func file(_ path: String, name: String) throws {
        guard let stream = InputStream(fileAtPath: path) else {
            throw CSVFileError(description: "cannot read \(path)")
        }
        stream.open()
        defer { stream.close() }
        guard stream.streamStatus == .open else {
            throw CSVFileError(
                description: "cannot read \(path)\(stream.streamError.map { ": \($0.localizedDescription)" } ?? "")")
        }
        var bytes = ChunkedBytes(stream: stream)
        var decoder = UTF8()
        var line = 1
        var lineBytes = 0
        while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    lineBytes = 0
                } else {
                    lineBytes += UTF8.width(scalar)
                    if lineBytes > maxLineBytes {
                        throw CSVFileError(description: "\(name):\(line): the line is longer than 1 MB; refused")
                    }
                }
            case .emptyInput:
                if bytes.failed {
                    throw CSVFileError(description: "\(name): cannot read the file (line \(line))")
                }
                return
            case .error:
                throw CSVFileError(
                    description: "\(name):\(line): the file is not UTF-8 text; save it as UTF-8 and try again")
            }
        }
    }

    /// The bytes of a stream, one chunk in memory at a time.
    struct ChunkedBytes: IteratorProtocol {
        let stream: InputStream
        var buffer = [UInt8](repeating: 0, count: TextFileCheck.chunkSize)
        var count = 0
        var position = 0
        var failed = false

        init(stream: InputStream) { self.stream = stream }

        mutating func next() -> UInt8? {
            if position == count {
                if failed { return nil }
                let read = buffer.withUnsafeMutableBufferPointer { pointer -> Int in
                    guard let base = pointer.baseAddress else { return -1 }
                    return stream.read(base, maxLength: pointer.count)
                }
                if read < 0 { failed = true }
                guard read > 0 else { return nil }
                count = read
                position = 0
            }
            defer { position += 1 }
            return buffer[position]
        }
    }
}
