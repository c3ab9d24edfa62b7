import Foundation
import NCCStore

/// A report that cannot be made or written: one line for the user.
public struct ReportError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The formats a report is written in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown = "md"
    case html

    /// `md` (or `markdown`) and `html` (or `htm`), any case.
    public init?(word: String) {
        switch word.lowercased() {
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }

    /// The format a file name asks for (`report.html`), or nil when its extension says nothing.
    public init?(path: String) {
        let ext = URL(fileURLWithPath: path).pathExtension
        guard !ext.isEmpty, let format = ReportFormat(word: ext) else { return nil }
        self = format
    }
}

/// Writes a finished report: under a temporary name in the destination's folder, flushed to
/// disk, then renamed into place, so a reader finds the old file or the whole new one.
public enum ReportFile {
    /// Writes `text` to `path` and returns the file's absolute path.
    @discardableResult
    public static func write(_ text: String, to path: String) throws -> String {
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        let folder = destination.deletingLastPathComponent()
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ReportError("cannot write \(path): the folder \(folder.path) does not exist")
        }
        if fm.fileExists(atPath: destination.path, isDirectory: &isFolder), isFolder.boolValue {
            throw ReportError("cannot write \(path): it is a folder")
        }
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportError("cannot write \(path): \(String(cString: strerror(errno)))") }
        var closed = false
        do {
            do {
                try StandardOutput.write(Array(text.utf8), to: fd, name: path)
            } catch let error as StandardOutputError {
                throw ReportError(error.description)
            }
            guard fsync(fd) == 0 else { throw ReportError("cannot write \(path): \(String(cString: strerror(errno)))") }
            close(fd)
            closed = true
            guard rename(temporary, destination.path) == 0 else {
                throw ReportError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            if !closed { close(fd) }
            unlink(temporary)
            throw error
        }
        return destination.path
    }
}

/// Reading a query's records a page at a time, so no report ever holds a whole table.
enum ReportPages {
    static let size = 500

    /// Calls `body` with each record of the query in order, from `offset`, until it returns false.
    static func each(
        _ reader: StoreReader, _ query: RecordQuery, from offset: Int = 0,
        _ body: (Record) throws -> Bool
    ) throws {
        var offset = offset
        while true {
            let page = try reader.records(query, limit: size, offset: offset)
            for record in page {
                if try !body(record) { return }
            }
            if page.count < size { return }
            offset += page.count
        }
    }

    /// Every record of a query (for the parts of one record: a meeting's agenda or decisions).
    static func all(_ reader: StoreReader, _ query: RecordQuery) throws -> [Record] {
        var result: [Record] = []
        try each(reader, query) {
            result.append($0)
            return true
        }
        return result
    }
}
