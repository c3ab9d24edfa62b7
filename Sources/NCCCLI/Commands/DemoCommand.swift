import ArgumentParser
import Foundation
import NCCDemo
import NCCExchange
import NCCModel

/// `ncc demo`: realistic data to explore, in an empty database.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill an empty database with realistic demo data (invented people, real consortia).")

    @Option(help: "The same seed gives the same data.") var seed: UInt64 = 1
    @Option(help: "Multiply the invented parts (people, experts, tasks, needs, meetings) this many times.") var scale =
        1
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...100_000).contains(scale) else { throw ValidationError("--scale must be between 1 and 100000") }
    }

    func run() throws {
        // A large demo is one transaction of up to a million records: a big page cache keeps
        // SQLite from spilling and re-reading index pages (scale 1000: 68 s with 512 MB, 65 s with
        // 1 GB; it is a ceiling, not an allocation).
        let store = try database.open(cacheMegabytes: scale >= 50 ? 1024 : 32)
        let existing = try store.read { r in try Kind.main.reduce(0) { $0 + (try r.count($1)) } }
        guard existing == 0 else {
            throw CLIError(
                "\(store.path) already holds \(English.count(existing, "record")); demo data goes into an empty database (use --db NEW.sqlite)"
            )
        }
        let summary = try DemoData.load(into: store, seed: seed, scale: scale)
        let counts = Kind.main.compactMap { kind in summary.counts[kind].map { "\($0) \(kind.plural)" } }
        Console.out(
            Console.oneLine("Loaded demo data into \(store.path) in \(String(format: "%.1f", summary.seconds)) s:"))
        Console.out("  " + counts.joined(separator: ", "))
    }
}
