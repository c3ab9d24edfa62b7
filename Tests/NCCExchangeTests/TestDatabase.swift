import Foundation
import NCCStore

/// A real SQLite file in a fresh temporary folder, removed when the test is done with it.
final class TestDatabase {
    let folder: URL
    let path: String
    let store: Store

    init(wallClock: (@Sendable () -> UInt64)? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("ncc.sqlite").path
        store = try Store.open(path: path, wallClock: wallClock ?? HybridClock.wallClock)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
