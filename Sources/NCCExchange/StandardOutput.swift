import Foundation

/// Standard output that cannot be written (closed, a full disk): one line for the user.
public struct StandardOutputError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Writes to file descriptor 1 as the shell set it up. Never reopened by name (`/dev/stdout`
/// opens the file anew, with an offset of its own, so the shell's next write lands on top of ours):
/// redirections, appends and pipes all see the bytes where the shell expects them.
public enum StandardOutput {
    public static func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    public static func write(_ bytes: [UInt8]) throws {
        try write(bytes, to: STDOUT_FILENO, name: "standard output")
    }

    /// Writes every byte to `fd` (standard output, or a file being written), resuming after a
    /// short write or a signal.
    public static func write(_ bytes: [UInt8], to fd: Int32, name: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw StandardOutputError("cannot write \(name): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
