import Foundation

/// Replies of background work waiting for the update, and a pipe that wakes the terminal's loop
/// when one arrives (it waits on the pipe and the keyboard together, as a self-pipe does).
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var replies: [Reply] = []
    private let readFD: Int32
    private let writeFD: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            // Neither end blocks: a full pipe already says "wake up", and draining stops when empty.
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        (readFD, writeFD) = (fds[0], fds[1])
    }

    deinit {
        if readFD >= 0 { close(readFD) }
        if writeFD >= 0 { close(writeFD) }
    }

    var readEnd: Int32 { readFD }

    /// From any thread.
    func post(_ reply: Reply) {
        lock.withLock { replies.append(reply) }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// The replies posted so far, oldest first; empties the pipe as well.
    func take() -> [Reply] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readFD, &buffer, buffer.count) > 0 {}
        return lock.withLock {
            defer { replies = [] }
            return replies
        }
    }
}
