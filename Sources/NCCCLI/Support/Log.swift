import Foundation

/// The app's log: `$XDG_STATE_HOME/ncc/ncc.log` (default `~/.local/state/ncc/ncc.log`), never the
/// screen. Lines are appended with a UTC time; a failure to log is not worth failing for.
enum Log {
    nonisolated(unsafe) static var handle: FileHandle?

    static func path(environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return state + "/ncc/ncc.log"
    }

    static func open(environment: [String: String]) {
        let path = path(environment: environment)
        let fm = FileManager.default
        try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !fm.fileExists(atPath: path) { _ = fm.createFile(atPath: path, contents: nil) }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    static func write(_ message: String) {
        let line = "\(ISO8601DateFormatter().string(from: Date())) \(message)\n"
        try? handle?.write(contentsOf: Data(line.utf8))
    }
}
