import Foundation
import GRDB
import NCCModel
import Testing

@testable import NCCStore

/// What the store refuses is a case, worded in one place; callers match cases, never text.
@Suite struct StoreErrorTests {
    @Test func aBusyDatabaseIsItsOwnCase() throws {
        let db = try TestDatabase()
        // Another program holds the write lock; a writer with no patience meets it at once.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // the transaction stays open across accesses
        let other = try DatabaseQueue(path: db.path, configuration: holding)
        try other.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? other.inDatabase { try $0.execute(sql: "ROLLBACK") } }
        var config = Configuration()
        config.busyMode = .immediateError
        let impatient = try DatabaseQueue(path: db.path, configuration: config)
        do {
            try impatient.write { try $0.execute(sql: "INSERT INTO replica_meta (name, value) VALUES ('x', 'y')") }
            Issue.record("the write went through the lock")
        } catch {
            #expect(Store.map(error, path: db.path) == .busy)
            #expect(
                Store.map(error, path: db.path).description
                    == "database error: the database is busy in another ncc; try again")
        }
    }

    @Test func aRecordCreatedWithATakenIdIsRefusedByCase() throws {
        let db = try TestDatabase()
        let id = try db.store.write { try $0.create(.centre, ["name": .text("NCC Malta"), "country": .text("MT")]) }
        #expect(throws: StoreError.exists(kind: .centre, id: id)) {
            try db.store.write {
                _ = try $0.create(.centre, ["name": .text("NCC Malta"), "country": .text("MT")], id: id)
            }
        }
        #expect(StoreError.exists(kind: .centre, id: id).description == "database error: centre \(id) exists already")
        #expect(StoreError.malformedLog.description == "database error: an operation in the log is malformed")
        #expect(
            StoreError.cannotBackUp(destination: "/x.sqlite", reason: "disk full").description
                == "database error: cannot back up to /x.sqlite: disk full")
    }
}
