import ArgumentParser

/// `ncc init`: creates (or checks and migrates) the database and shows where it lives.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database (or check an existing one) and show where it lives.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let records = try store.read { r in try KindWords.main.reduce(0) { $0 + (try r.count($1)) } }
        Console.out("Database: \(Console.oneLine(store.path))")
        Console.out("Replica:  \(store.replicaID)")
        Console.out("Records:  \(records)")
    }
}
