import Foundation
import Testing

/// `ncc backup` and `ncc restore` with the real binary: a restore brings back the data of the
/// backup, keeps the replaced database aside, and refuses a file that is not a good ncc database.
@Suite struct BackupCLITests {
    let ncc: NCCProcess

    init() throws { ncc = try NCCProcess() }

    @Test func aBackupRestoresAndTheReplacedDatabaseIsKeptAside() throws {
        #expect(try ncc.run(["add", "centre", "--name", "NCC Lietuva", "--country", "LT"]).status == 0)
        let backup = ncc.file("before.sqlite")
        let made = try ncc.run(["backup", backup])
        #expect(made.status == 0, "\(made.err)")
        #expect(!FileManager.default.fileExists(atPath: backup + "-wal"), "a backup is one file")
        #expect(try ncc.run(["add", "centre", "--name", "NCC Malta", "--country", "MT"]).status == 0)

        let restored = try ncc.run(["restore", backup])
        #expect(restored.status == 0, "\(restored.err)")
        let centres = try ncc.run(["list", "centres"]).out
        #expect(centres.contains("NCC Lietuva") && !centres.contains("NCC Malta"))
        let aside = try #require(
            restored.out.components(separatedBy: "kept as ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(FileManager.default.fileExists(atPath: aside))
        #expect(
            try ncc.run(["list", "centres", "--db", aside], useDefaultDatabase: true).out.contains("NCC Malta"),
            "the replaced database, with its last change, is kept whole")
    }

    @Test func aBadBackupIsRefusedAndTheDatabaseStays() throws {
        #expect(try ncc.run(["add", "centre", "--name", "NCC Lietuva", "--country", "LT"]).status == 0)
        let junk = try ncc.write("junk.sqlite", "not a database\n")
        _ = try ncc.run(["backup", ncc.file("good.sqlite")])
        var damaged = try Data(contentsOf: URL(fileURLWithPath: ncc.file("good.sqlite")))
        // Damage a page in the middle (past the header): the integrity check must catch it.
        for i in (damaged.count / 2)..<(damaged.count / 2 + 512) { damaged[i] = 0x5A }
        try damaged.write(to: URL(fileURLWithPath: ncc.file("damaged.sqlite")))
        for (file, phrase) in [
            (junk, "not an SQLite database"), (ncc.file("missing.sqlite"), "no such file"),
            (ncc.file("damaged.sqlite"), "damaged"),
        ] {
            let result = try ncc.run(["restore", file])
            #expect(result.status != 0)
            #expect(
                result.err.split(separator: "\n").count == 1 && result.err.contains(phrase), "\(file): \(result.err)")
        }
        #expect(try ncc.run(["list", "centres"]).out.contains("NCC Lietuva"))
    }
}
