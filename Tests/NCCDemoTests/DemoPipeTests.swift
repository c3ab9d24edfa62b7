import Foundation
import Testing
@testable import NCCDemo
import NCCModel
import NCCStore

/// The demo is invented on one thread and written on another; a failure on either side must stop
/// both and leave nothing written.
@Suite struct DemoPipeTests {
    func fresh() throws -> Store {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try Store.open(path: folder.appendingPathComponent("ncc.sqlite").path)
    }

    /// Sends `first`, then more creates than the pipe holds, from a thread of its own; returns a
    /// semaphore signalled when that thread has stopped, and whether it saw an error.
    func invent(into pipe: DemoPipe, first: DemoPipe.Write?, failing: (any Error)? = nil) -> (DispatchSemaphore, Flag) {
        let stopped = DispatchSemaphore(value: 0), sawError = Flag()
        let thread = Thread {
            defer { stopped.signal() }
            do {
                if let first { try pipe.send(first) }
                for i in 0..<20_000 {
                    try pipe.send(.create(.workingArea, ["title": .text("Area \(i)"), "number": .int(1)], id: "area-\(i)"))
                    if i == 10_000, let failing { throw failing }
                }
                try pipe.finish()
            } catch {
                sawError.value = true
                pipe.fail(error)
            }
        }
        thread.start()
        return (stopped, sawError)
    }

    @Test func aWriteThatFailsStopsTheInventingSide() throws {
        let store = try fresh()
        let pipe = DemoPipe()
        let (stopped, sawError) = invent(into: pipe, first: .update(.task, id: "no-such-task", ["title": .text("x")]))
        #expect(throws: StoreError.self) { try store.write { try pipe.apply(to: $0) } }
        #expect(stopped.wait(timeout: .now() + 30) == .success, "the inventing thread was left waiting")
        #expect(sawError.value, "the inventing side heard of the failure")
        #expect(try store.read { try $0.count(.workingArea) } == 0, "nothing was committed")
    }

    @Test func aFailureWhileInventingIsThrownByTheWritingSide() throws {
        struct Invented: Error {}
        let store = try fresh()
        let pipe = DemoPipe()
        let (stopped, _) = invent(into: pipe, first: nil, failing: Invented())
        #expect(throws: Invented.self) { try store.write { try pipe.apply(to: $0) } }
        #expect(stopped.wait(timeout: .now() + 30) == .success)
        #expect(try store.read { try $0.count(.workingArea) } == 0, "the writes before the failure were rolled back")
    }

    @Test func everyWriteArrivesInOrder() throws {
        let store = try fresh()
        let pipe = DemoPipe()
        let (stopped, sawError) = invent(into: pipe, first: nil)
        try store.write { try pipe.apply(to: $0) }
        #expect(stopped.wait(timeout: .now() + 30) == .success)
        #expect(!sawError.value)
        var written: [String] = []
        try store.read { r in try r.forEachStoredOperation(notIn: [:]) { written.append($0.record) } }
        #expect(written == (0..<20_000).map { "area-\($0)" }, "the log holds the writes in the order they were sent")
    }
}

final class Flag: @unchecked Sendable {
    var value = false
}
