import Foundation

/// One import at a time into a database, across processes. An import is one long write
/// transaction; a second one started meanwhile would wait on SQLite's busy timeout and could
/// fail with "database is locked" on a slow machine. Instead it waits here, on an advisory lock
/// (`flock`) on a file beside the database, and then sees what the first one brought.
public enum ImportLock {
    public static func holding<T>(_ databasePath: String, _ body: () throws -> T) throws -> T {
        // An in-memory or temporary database has no file to lock beside.
        guard !databasePath.isEmpty, databasePath != ":memory:" else { return try body() }
        let path = databasePath + ".import-lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw BundleError.cannotLock(path: path, reason: String(cString: strerror(errno)))
        }
        // Closing the descriptor releases the lock, also when the process dies.
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw BundleError.cannotLock(path: path, reason: String(cString: strerror(errno)))
            }
        }
        return try body()
    }
}
