import Foundation
import NCCModel
import NCCStore
import Testing

/// Records made on one thread are written on another (the demo, imports): a failure on either side
/// must stop both and leave nothing written, and every item must arrive, in order.
@Suite struct HandoffTests {
    struct Invented: Error {}

    /// Sends `first`, then more working areas than the handoff holds (it is bounded, so the
    /// making side has to wait for the using side); fails after 10,000 of them if asked.
    static func make(first: String?, failing: Bool, ended: Ended) -> @Sendable (Handoff<String>) throws -> Void {
        { handoff in
            defer { ended.value = true }
            if let first { try handoff.send(first) }
            for i in 0..<20_000 {
                try handoff.send("area-\(i)")
                if i == 10_000, failing { throw Invented() }
            }
        }
    }

    func write(_ id: String, _ writer: StoreWriter) throws {
        if id.hasPrefix("missing") {
            try writer.update(.task, id: id, ["title": .text("x")])
        } else {
            try writer.create(.workingArea, ["title": .text("Area \(id)"), "number": .int(1)], id: id)
        }
    }

    @Test func aWriteThatFailsStopsTheMakingSide() throws {
        let database = try TestDatabase()
        let ended = Ended()
        #expect(throws: StoreError.self) {
            try database.store.write { writer in
                try Handoff<String>.run(
                    make: Self.make(first: "missing-task", failing: false, ended: ended),
                    use: { try write($0, writer) })
            }
        }
        #expect(ended.value, "the making thread stopped before run returned")
        #expect(try database.store.read { try $0.count(.workingArea) } == 0, "nothing was committed")
    }

    @Test func aFailureWhileMakingIsThrownByTheUsingSide() throws {
        let database = try TestDatabase()
        let ended = Ended()
        var used = 0
        #expect(throws: Invented.self) {
            try database.store.write { writer in
                try Handoff<String>.run(
                    make: Self.make(first: nil, failing: true, ended: ended),
                    use: {
                        try write($0, writer)
                        used += 1
                    })
            }
        }
        #expect(ended.value)
        #expect(used <= 10_001, "nothing made after the failure was used")
        #expect(
            try database.store.read { try $0.count(.workingArea) } == 0,
            "the writes before the failure were rolled back")
    }

    @Test func everyItemArrivesInOrder() throws {
        let database = try TestDatabase()
        let ended = Ended()
        try database.store.write { writer in
            try Handoff<String>.run(
                make: Self.make(first: nil, failing: false, ended: ended), use: { try write($0, writer) })
        }
        var written: [String] = []
        try database.store.read { r in try r.forEachStoredOperation(notIn: [:]) { written.append($0.record) } }
        #expect(written == (0..<20_000).map { "area-\($0)" }, "the log holds the writes in the order they were made")
    }
}

/// Set by the making thread when it has returned; read once `run` has.
final class Ended: @unchecked Sendable {
    var value = false
}
