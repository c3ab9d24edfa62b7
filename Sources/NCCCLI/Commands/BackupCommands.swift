import ArgumentParser
import Foundation
import NCCStore

/// `ncc backup FILE`
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database into FILE with SQLite's online backup (safe while the app is open).")

    @Argument(help: "The backup file to write.") var file: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        try store.onlineBackup(to: file)
        Console.out(Console.oneLine("Backed up \(store.path) to \(file)"))
    }
}

/// `ncc restore FILE`
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup, after checking it; the current database is kept aside.",
        discussion: "Close the app first. Automatic backups taken before each bundle import are in DATABASE.backups/.")

    @Argument(help: "The backup file (from ncc backup, or DATABASE.backups/).") var file: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let path = database.resolvedPath
        let aside = try Store.restore(from: file, to: path)
        Console.out(
            Console.oneLine(
                "Restored \(path) from \(file)" + (aside.map { "; the database it replaced is kept as \($0)" } ?? "")))
    }
}

/// `ncc check`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database file: every page, index and reference (exit 1 on a problem).")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let problems = try store.check()
        guard problems.isEmpty else {
            for problem in problems.prefix(20) { Console.error(Console.oneLine(problem)) }
            throw ValidationError(
                "\(store.path) has \(problems.count) problem\(problems.count == 1 ? "" : "s"); restore a backup (ncc restore)"
            )
        }
        Console.out(Console.oneLine("ok: \(store.path) passes SQLite's integrity and reference checks"))
    }
}
