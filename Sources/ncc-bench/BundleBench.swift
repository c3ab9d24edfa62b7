import ArgumentParser
import Foundation
import NCCDemo
import NCCExchange
import NCCStore

/// Export and import throughput of bundles on a demo database, next to `sqlite3 DB .dump` and
/// `sqlite3 NEW < dump.sql` on the same data. The bundle is what members send: every author's
/// checkpoint signed, and sealed for its reader (the empty database it is imported into).
struct BundleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Time bundle export and import on demo data.")

    @Option(help: "Demo scale of the database.") var scale = 100
    @Option(help: "A folder for the databases and files (emptied first).") var folder = "/tmp/ncc-bench-bundle"
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Only import the bundle of the last run again, into a new database (for profiling).") var importOnly =
        false
    @Flag(help: "Only export the database of the last run again (for profiling).") var exportOnly = false

    func run() throws {
        let fm = FileManager.default
        if importOnly {
            try? fm.removeItem(atPath: folder + "/again.sqlite")
            let target = try Store.open(path: folder + "/again.sqlite", cacheMegabytes: 256)
            // Sealed for the first run's reader: opened with its key.
            let reader = try String(contentsOfFile: folder + "/target.replica", encoding: .utf8)
            let key = try AgreementKey.loadOrCreate(replica: reader, folder: URL(fileURLWithPath: folder + "/keys"))
            let start = Date()
            let bundle = try BundleReader.read(folder + "/full.nccbundle", sealingKey: key)
            let checked = Date().timeIntervalSince(start)
            let result = try BundleImporter(store: target).apply(bundle, trust: true)
            bundle.discard()
            print(
                String(
                    format: "import %.2f s (checking %.2f s), %d operations", Date().timeIntervalSince(start), checked,
                    result.summary.applied))
            return
        }
        if exportOnly {
            // Store.open would make an empty database, and the export would time nothing.
            guard fm.fileExists(atPath: folder + "/source.sqlite") else {
                throw BenchError("no \(folder)/source.sqlite: run `ncc-bench bundle` first")
            }
            let source = try Store.open(path: folder + "/source.sqlite", cacheMegabytes: 256)
            let identity = try Identity.loadOrCreate(
                replica: source.replicaID, folder: URL(fileURLWithPath: folder + "/keys"))
            let start = Date()
            let peers = try source.read { try $0.peers() }.map(\.replica)
            let written = try BundleWriter(store: source, identity: identity).write(
                to: folder + "/again.nccbundle", for: peers, full: true, sealed: !peers.isEmpty)
            print(
                String(
                    format: "export %.2f s, %d operations", Date().timeIntervalSince(start), written.manifest.operations
                ))
            return
        }
        try? fm.removeItem(atPath: folder)
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = try Store.open(path: folder + "/source.sqlite", cacheMegabytes: 256)
        // No other members' ballots: the reader, who met only the source, holds all of it after one import.
        _ = try DemoData.load(into: source, seed: 1, scale: scale, decisions: false)
        let identity = try Identity.loadOrCreate(
            replica: source.replicaID, folder: URL(fileURLWithPath: folder + "/keys"))

        // The reader has met the source: the source knows its sealing key from its bundle.
        let target = try Store.open(path: folder + "/target.sqlite", cacheMegabytes: 256)
        let targetIdentity = try Identity.loadOrCreate(
            replica: target.replicaID, folder: URL(fileURLWithPath: folder + "/keys"))
        try target.replicaID.write(toFile: folder + "/target.replica", atomically: true, encoding: .utf8)
        let hello = folder + "/hello.nccbundle"
        try BundleWriter(store: target, identity: targetIdentity).write(to: hello)
        let met = try BundleReader.read(hello)
        _ = try BundleImporter(store: source).apply(met, trust: true)
        met.discard()

        let bundlePath = folder + "/full.nccbundle"
        var start = Date()
        let written = try BundleWriter(store: source, identity: identity).write(
            to: bundlePath, for: [target.replicaID], full: true, sealed: true)
        let exportSeconds = Date().timeIntervalSince(start)
        let operations = written.manifest.operations

        let cpuBefore = Self.cpuSeconds()
        start = Date()
        let bundle = try BundleReader.read(bundlePath, sealingKey: targetIdentity.sealing)
        let checked = Date().timeIntervalSince(start)
        _ = try BundleImporter(store: target).apply(bundle, trust: true)
        bundle.discard()
        let importSeconds = Date().timeIntervalSince(start)
        let importCPU = Self.cpuSeconds() - cpuBefore
        let same =
            try source.read { try $0.canonicalDump(withholdingPrivateContacts: true) }
            == target.read { try $0.canonicalDump() }

        // The same database through sqlite3's own text dump, for scale.
        let dumpPath = folder + "/dump.sql"
        start = Date()
        let dumped = BenchShell.sh("sqlite3 '\(folder)/source.sqlite' .dump > '\(dumpPath)'")
        let dumpSeconds = Date().timeIntervalSince(start)
        start = Date()
        let loaded = BenchShell.sh("sqlite3 '\(folder)/restored.sqlite' < '\(dumpPath)'")
        let loadSeconds = Date().timeIntervalSince(start)
        let dumpBytes = ((try? fm.attributesOfItem(atPath: dumpPath)[.size]) as? NSNumber)?.int64Value ?? 0

        // What the libraries alone take for the same data: no export or import could beat these.
        let plainPath = folder + "/plain.nccbundle"
        try BundleWriter(store: source, identity: identity).write(to: plainPath)
        let deflateSeconds = try BundleCeilings.deflateSeconds(bundle: plainPath, folder: folder)
        let copySeconds = try BundleCeilings.copySeconds(source: folder + "/source.sqlite", folder: folder)

        let exportRate = Double(operations) / exportSeconds
        let importRate = Double(operations) / importSeconds
        if json {
            print(
                #"{"scale":\#(scale),"operations":\#(operations),"bundle_bytes":\#(written.bytes),"export_ops_per_s":\#(Int(exportRate)),"import_ops_per_s":\#(Int(importRate)),"import_check_seconds":\#(String(format: "%.2f", checked)),"sqlite_dump_seconds":\#(String(format: "%.2f", dumpSeconds)),"sqlite_load_seconds":\#(String(format: "%.2f", loadSeconds)),"dump_bytes":\#(dumpBytes),"zipfoundation_deflate_seconds":\#(String(format: "%.2f", deflateSeconds)),"sqlite_copy_seconds":\#(copySeconds.map { String(format: "%.2f", $0) } ?? "null"),"identical":\#(same)}"#
            )
        } else {
            print("demo scale \(scale): \(operations) operations")
            print(
                String(
                    format: "export        %.2f s   %8.0f ops/s   bundle %.1f MB (signed and sealed)", exportSeconds,
                    exportRate,
                    Double(written.bytes) / 1e6))
            print(
                String(
                    format: "import        %.2f s   %8.0f ops/s   (checking %.2f s, CPU %.2f s)   identical: %@",
                    importSeconds, importRate, checked, importCPU, same ? "yes" : "NO"))
            if dumped && loaded {
                print(
                    String(
                        format: "sqlite3 .dump %.2f s   (export / dump time: %.1fx)   dump %.1f MB", dumpSeconds,
                        exportSeconds / dumpSeconds, Double(dumpBytes) / 1e6))
                print(
                    String(
                        format: "sqlite3 load  %.2f s   (import / load time: %.1fx)", loadSeconds,
                        importSeconds / loadSeconds))
            } else {
                print("sqlite3 not found: no comparison")
            }
            print("the libraries alone on the same data (no export or import can be faster):")
            print(
                String(
                    format: "  ZIPFoundation deflating ops.jsonl       %.2f s   = at most %8.0f ops/s for an export",
                    deflateSeconds, Double(operations) / deflateSeconds))
            if let copySeconds {
                print(
                    String(
                        format:
                            "  SQLite copying the rows and indexes     %.2f s   = at most %8.0f ops/s for an import",
                        copySeconds, Double(operations) / copySeconds))
            }
        }
        if !same { throw ValidationError("the imported database differs from the exported one") }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
            usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
