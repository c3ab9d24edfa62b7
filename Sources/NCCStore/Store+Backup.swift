import Foundation
import GRDB

extension Store {
    /// Copies the whole database into `path` with SQLite's online backup (others may go on
    /// reading and writing meanwhile), through a temporary file that is synced and renamed.
    public func onlineBackup(to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let copy = try DatabaseQueue(path: temporary.path)
            try pool.backup(to: copy)
            // One file, no write-ahead log beside it: a backup must be complete on its own.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        if let handle = FileHandle(forUpdatingAtPath: temporary.path) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(temporary.path, destination.path) == 0 else {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Replaces the database at `databasePath` with the backup at `backupPath`, after checking the
    /// backup (an ncc database this build can read, whose pages pass `PRAGMA integrity_check`).
    /// The current database is kept aside (`NAME.before-restore-TIME`); returns that path.
    public static func restore(from backupPath: String, to databasePath: String, now: Date = Date()) throws -> String? {
        let backup = URL(fileURLWithPath: backupPath)
        guard FileManager.default.fileExists(atPath: backup.path) else {
            throw StoreError.cannotOpen(path: backupPath, reason: "no such file")
        }

        try inspect(backup.path)
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: backup.path, configuration: config)
            defer { try? queue.close() }
            let result = try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
            guard result == "ok" else {
                throw StoreError.cannotOpen(
                    path: backupPath, reason: "it is damaged (\(result ?? "integrity check failed"))")
            }
            let tables = try queue.read {
                try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            guard tables.contains("replica_meta") else { throw StoreError.notAnNCCDatabase(path: backupPath) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw map(error, path: backupPath)
        }

        let database = URL(fileURLWithPath: databasePath)
        let folder = database.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The copy lands beside the database first, then takes its name in one rename.
        let incoming = folder.appendingPathComponent(".\(database.lastPathComponent).restore-\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: incoming) }
        do {
            try FileManager.default.copyItem(at: backup, to: incoming)
        } catch {
            throw StoreError.cannotOpen(
                path: databasePath, reason: "cannot copy the backup beside it: \(error.localizedDescription)")
        }
        if let handle = FileHandle(forUpdatingAtPath: incoming.path) {
            try? handle.synchronize()
            try? handle.close()
        }
        var aside: String?
        if FileManager.default.fileExists(atPath: database.path) {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            let kept = database.path + ".before-restore-" + formatter.string(from: now)
            // The current database, whole, goes aside first (its log folded in by a checkpoint).
            if let current = try? Store.open(path: database.path) {
                try? current.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                }
                try? current.pool.close()
            }
            guard rename(database.path, kept) == 0 else {
                throw StoreError.cannotOpen(
                    path: databasePath, reason: "cannot move it aside: \(String(cString: strerror(errno)))")
            }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
            aside = kept
        }
        guard rename(incoming.path, database.path) == 0 else {
            if let aside { _ = rename(aside, database.path) }
            throw StoreError.cannotOpen(path: databasePath, reason: String(cString: strerror(errno)))
        }
        return aside
    }
}

extension Store {
    /// SQLite's own checks of the file: every page and index (`integrity_check`) and every
    /// reference (`foreign_key_check`). Returns the problems, none when the database is sound.
    public func check() throws -> [String] {
        try read { reader in
            var problems = try String.fetchAll(reader.db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let dangling = try Row.fetchAll(reader.db, sql: "PRAGMA foreign_key_check")
            problems += dangling.prefix(20).map {
                "\($0[0] as String? ?? "?") row \($0[1] as Int64? ?? 0) refers to a missing \($0[2] as String? ?? "?")"
            }
            return problems
        }
    }
}
