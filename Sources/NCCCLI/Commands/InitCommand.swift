import ArgumentParser
import NCCExchange
import NCCModel

/// `ncc init`: creates (or checks and migrates) the database and shows where it lives.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database (or check an existing one) and show where it lives.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let context = try SyncContext(database)
        let store = context.store
        let records = try store.read { r in try Kind.main.reduce(0) { $0 + (try r.count($1)) } }
        Console.out("Database: \(Console.oneLine(store.path))")
        Console.out("Replica:  \(store.replicaID) (key \(context.identity.fingerprint))")
        Console.out("Records:  \(records)")
    }
}
