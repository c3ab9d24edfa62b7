import Foundation
import NCCExchange
import NCCStore
import ZIPFoundation

/// What the bundle's data costs the libraries ncc is built on, with none of ncc's own work: the
/// fastest any exporter or importer built on them could go on this machine.
enum BundleCeilings {
    /// Seconds ZIPFoundation alone takes to deflate the bundle's `ops.jsonl` into a new zip (with
    /// the exporter's buffer size, from a file as the exporter does). Export can be no faster.
    static func deflateSeconds(bundle: String, folder: String) throws -> Double {
        let operations = URL(fileURLWithPath: folder + "/" + BundleFormat.operationsEntry)
        let zip = URL(fileURLWithPath: folder + "/deflated.zip")
        try? FileManager.default.removeItem(at: operations)
        try? FileManager.default.removeItem(at: zip)
        defer {
            try? FileManager.default.removeItem(at: operations)
            try? FileManager.default.removeItem(at: zip)
        }
        let source = try Archive(url: URL(fileURLWithPath: bundle), accessMode: .read)
        guard let entry = source[BundleFormat.operationsEntry] else {
            throw BenchError("no \(BundleFormat.operationsEntry) in \(bundle)")
        }
        _ = try source.extract(entry, to: operations)
        let start = Date()
        let archive = try Archive(url: zip, accessMode: .create)
        try archive.addEntry(
            with: BundleFormat.operationsEntry, fileURL: operations, compressionMethod: .deflate, bufferSize: 1 << 16)
        return Date().timeIntervalSince(start)
    }

    /// Seconds SQLite takes (the `sqlite3` shell, in one transaction) to copy every table of
    /// `source` that an import fills into a new database of ncc's schema, with `INSERT … SELECT`:
    /// the same rows, indexes and full-text indexes, and nothing parsed, checked or merged.
    /// Import can be no faster than this. Nil without `sqlite3`.
    static func copySeconds(source: String, folder: String) throws -> Double? {
        let copy = folder + "/copy.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        _ = try Store.open(path: copy)
        // Every table but SQLite's and GRDB's own, this replica's settings, FTS5 shadow tables
        // (filled by inserting into their virtual table) and fts5vocab views.
        let list = """
            SELECT name FROM sqlite_master AS t WHERE type = 'table'
              AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('grdb_migrations', 'replica_meta')
              AND sql NOT LIKE '%USING fts5vocab%'
              AND NOT EXISTS (SELECT 1 FROM sqlite_master AS v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'
                              AND t.name LIKE v.name || '\\_%' ESCAPE '\\')
            """
        guard let names = BenchShell.output("sqlite3 '\(source)' \"\(list)\"", scratch: folder + "/tables.txt") else {
            return nil
        }
        let inserts = names.split(separator: "\n").map { #"INSERT INTO main."\#($0)" SELECT * FROM s."\#($0)";"# }
        let script = folder + "/copy.sql"
        try (["ATTACH '\(source)' AS s;", "BEGIN;"] + inserts + ["COMMIT;"]).joined(separator: "\n")
            .write(toFile: script, atomically: true, encoding: .utf8)
        let start = Date()
        guard BenchShell.sh("sqlite3 '\(copy)' < '\(script)'") else {
            throw BenchError("sqlite3 could not copy \(source)")
        }
        return Date().timeIntervalSince(start)
    }
}
