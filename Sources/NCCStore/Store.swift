import Foundation
import GRDB
import NCCModel

/// The working group's data on this machine: one SQLite file, the single source of truth.
/// Only this module imports GRDB; everything else reads through `StoreReader` and writes through
/// `StoreWriter`, which records every change as an `Operation` for sync.
public final class Store: Sendable {
    public let path: String
    public let replicaID: String
    let pool: DatabasePool
    let wallClock: @Sendable () -> UInt64

    /// Opens (creating if needed) the database at `path`, migrating it to this build's schema.
    /// A file that is not ours, is read-only, or is newer than this build is refused untouched.
    /// `cacheMegabytes` is the page cache of each connection: more makes a very large write (a big
    /// demo, an import of a million operations) much faster, at the price of memory.
    public static func open(
        path: String, wallClock: @escaping @Sendable () -> UInt64 = HybridClock.wallClock,
        cacheMegabytes: Int = 32
    ) throws(StoreError) -> Store {
        let url = URL(fileURLWithPath: path)
        let fm = FileManager.default
        let existed = fm.fileExists(atPath: url.path)
        if existed {
            try checkFile(url)
        } else {
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
            }
        }
        if existed { try inspect(url.path) }
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // The writer's page cache (32 MB by default) keeps large imports from spilling pages
            // mid-transaction. Readers (up to five, at once when the app counts in the background)
            // get 8 MB each: the system's file cache serves their scans as well, and five full
            // 32 MB caches made the app's memory grow past 350 MB on a million tasks.
            let megabytes = db.configuration.readonly ? min(cacheMegabytes, 8) : cacheMegabytes
            try db.execute(sql: "PRAGMA cache_size = -\(megabytes * 1024)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: config)
            // A database that is ours and current is opened without writing: an import may hold
            // the write lock for longer than the busy timeout, and `ncc list` or the app opening
            // meanwhile should read, not fail.
            if let replica = try pool.read(replicaIfCurrent) {
                return Store(path: url.path, replicaID: replica, pool: pool, wallClock: wallClock)
            }
            // Marked as ours before the first table exists: a process killed in the middle of its
            // first migrations leaves a file the next run recognises and finishes, not a stranger.
            try pool.writeWithoutTransaction { db in
                if try Int32(Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0) != Migrations.applicationID,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") == 0
                {
                    try db.execute(sql: "PRAGMA application_id = \(Migrations.applicationID)")
                }
            }
            try Migrations.migrator.migrate(pool)
        } catch {
            throw map(error, path: path)
        }
        do {
            let replica = try pool.write { db -> String in
                if try Int32(Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0) != Migrations.applicationID {
                    try db.execute(sql: "PRAGMA application_id = \(Migrations.applicationID)")
                }
                try db.execute(
                    sql: "INSERT OR IGNORE INTO replica_meta (name, value) VALUES ('replica', ?)",
                    arguments: [newReplicaID()])
                return try String.fetchOne(db, sql: "SELECT value FROM replica_meta WHERE name = 'replica'")!
            }
            return Store(path: url.path, replicaID: replica, pool: pool, wallClock: wallClock)
        } catch {
            throw map(error, path: path)
        }
    }

    /// This replica's id if the file is marked as ours, fully migrated and has one; else nil.
    private static func replicaIfCurrent(_ db: Database) throws -> String? {
        guard try Int32(Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0) == Migrations.applicationID,
            try Migrations.migrator.hasCompletedMigrations(db)
        else { return nil }
        return try String.fetchOne(db, sql: "SELECT value FROM replica_meta WHERE name = 'replica'")
    }

    init(path: String, replicaID: String, pool: DatabasePool, wallClock: @escaping @Sendable () -> UInt64) {
        self.path = path
        self.replicaID = replicaID
        self.pool = pool
        self.wallClock = wallClock
    }

    /// Reads a consistent snapshot.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        do {
            return try pool.read { db in try body(StoreReader(db: db)) }
        } catch let error as DatabaseError {
            throw Store.map(error, path: path)
        }
    }

    /// Runs `body` in one transaction: all of its changes land, or none do.
    public func write<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        do {
            return try pool.write { db in
                let writer = try StoreWriter(db: db, replica: replicaID, wallClock: wallClock)
                let result = try body(writer)
                try writer.finish()
                return result
            }
        } catch let error as DatabaseError {
            throw Store.map(error, path: path)
        }
    }

    /// Runs `body` in a transaction that is rolled back at the end (a dry run sees what would change).
    public func trial<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    let writer = try StoreWriter(db: db, replica: replicaID, wallClock: wallClock)
                    result = try body(writer)
                    return .rollback
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw Store.map(error, path: path)
        }
    }

    /// A consistent copy of the whole database in a new file (`VACUUM INTO`), while others may read.
    public func backup(to destination: String) throws {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotBackUp(destination: destination, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Changes whenever anyone (this process or another, such as a CLI import while the app is
    /// open) commits a write: every write transaction counts itself in `replica_meta`. A one-row read,
    /// so the app can poll it every second. (`PRAGMA data_version` is per connection, and a pool
    /// reads through several.)
    public func changeToken() throws -> String {
        try read { r in try r.changeCount() }
    }

    // MARK: - Opening safely

    static func checkFile(_ url: URL) throws(StoreError) {
        let fm = FileManager.default
        let attributes = try? fm.attributesOfItem(atPath: url.path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
        // Root may write anything; still honour a file its owner made read-only.
        if !fm.isWritableFile(atPath: url.path) || mode & 0o222 == 0 {
            throw .readOnly(path: url.path)
        }
        if !fm.isWritableFile(atPath: url.deletingLastPathComponent().path) {
            throw .readOnly(path: url.deletingLastPathComponent().path)
        }
        guard size > 0 else { return }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw .cannotOpen(path: url.path, reason: "it cannot be read")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header != Data("SQLite format 3\0".utf8) { throw .notADatabase(path: url.path) }
    }

    /// Looks at an existing file read-only before anything may write to it.
    static func inspect(_ path: String) throws(StoreError) {
        do {
            try inspect(path, readonly: true)
        } catch .readOnly {
            // A write-ahead log left by a process that was killed needs recovering before anyone
            // can read, and a read-only connection cannot: look again with one that can (recovery
            // replays committed transactions only; the data stays as it was).
            try inspect(path, readonly: false)
        }
    }

    private static func inspect(_ path: String, readonly: Bool) throws(StoreError) {
        var config = Configuration()
        config.readonly = readonly
        // Another ncc closing its last connection holds an exclusive lock for a moment while it
        // tidies the write-ahead log: wait for it, as every other connection here does.
        config.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in
                let applicationID = try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if tables.isEmpty { return }
                if Int32(truncatingIfNeeded: applicationID) != Migrations.applicationID
                    && !(applicationID == 0 && tables.contains("grdb_migrations") && tables.contains("replica_meta"))
                {
                    throw StoreError.notAnNCCDatabase(path: path)
                }
                let applied = try Migrations.migrator.appliedIdentifiers(db)
                let known = Set(Migrations.migrator.migrations)
                let unknown = applied.subtracting(known)
                if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown.sorted()) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw map(error, path: path)
        }
    }

    static func map(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .cannotOpen(path: path, reason: "\(error)") }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notADatabase(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: error.message ?? "cannot open")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        default: return .sqlite(error.message ?? "\(error.resultCode)")
        }
    }

    static func newReplicaID() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = String(generator.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
