import Foundation

/// A calendar or contacts file that cannot be written or read, or an .ics file that is refused:
/// one line for the user, naming the file and, for a bad file, its line.
public struct CalendarFileError: Error, CustomStringConvertible, Equatable {
    public var description: String
    /// The line of the file the problem is on, when it is about one.
    public var line: Int?

    public init(_ description: String, line: Int? = nil) {
        self.description = description
        self.line = line
    }
}

/// Where an export goes: standard output (`-`), or a file written under a temporary name in the
/// same folder, flushed to disk and then renamed into place, so a reader sees the old file or
/// the whole new one. Text is buffered and written in chunks: an export of any size in little memory.
final class ExportSink {
    let path: String
    private let fd: Int32
    private let temporary: String?
    private var buffer: [UInt8] = []
    private var finished = false
    static let chunk = 1 << 16

    init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = STDOUT_FILENO
            temporary = nil
            return
        }
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CalendarFileError("cannot write \(path): the folder \(folder.path) does not exist")
        }
        if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder), isFolder.boolValue {
            throw CalendarFileError("cannot write \(path): it is a folder")
        }
        let name = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp").path
        let opened = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw CalendarFileError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        fd = opened
        temporary = name
    }

    deinit {
        if !finished, let temporary {
            close(fd)
            unlink(temporary)
        }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw CalendarFileError("cannot write \(path == "-" ? "standard output" : path): \(reason)")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and, for a file, puts it on disk and gives it its real name.
    func commit() throws {
        try flush()
        guard let temporary else { return }
        finished = true
        defer { close(fd) }
        do {
            guard fsync(fd) == 0 else {
                throw CalendarFileError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            guard rename(temporary, path) == 0 else {
                throw CalendarFileError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
