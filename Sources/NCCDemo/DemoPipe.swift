import Foundation
import NCCModel
import NCCStore

/// The demo's writes, handed from the thread that invents them to the one that holds the write
/// transaction, in order and in batches: inventing names, addresses and texts takes a fifth of
/// the time, and the machine has a second core for it. The builder never reads the database (it
/// chooses every id), so it need not wait for a write to be done.
final class DemoPipe: @unchecked Sendable {
    enum Write: Sendable {
        case create(Kind, [String: Value], id: String)
        case update(Kind, id: String, [String: Value])
    }

    private let condition = NSCondition()
    private var batches: [[Write]] = []
    private var pending: [Write] = []
    private var finished = false
    private var failure: (any Error)?
    private static let batchSize = 512
    private static let batchesAhead = 8

    // MARK: The inventing side

    func send(_ write: Write) throws {
        pending.append(write)
        if pending.count >= Self.batchSize { try flush() }
    }

    /// The last writes; the applying side ends when it has them.
    func finish() throws {
        try flush()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func flush() throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.batchesAhead && failure == nil { condition.wait() }
        if let failure { throw failure }
        batches.append(pending)
        pending = []
        condition.broadcast()
    }

    // MARK: Either side

    /// Stops the other side at its next step with this error (the first one given wins).
    func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    // MARK: The applying side

    /// Applies every write as it comes, until the inventing side finishes or either side fails.
    func apply(to writer: StoreWriter) throws {
        while let batch = try next() {
            do {
                for write in batch {
                    switch write {
                    case .create(let kind, let values, let id): try writer.create(kind, values, id: id, generated: true)
                    case .update(let kind, let id, let values): try writer.update(kind, id: id, values)
                    }
                }
            } catch {
                fail(error)
                throw error
            }
        }
    }

    private func next() throws -> [Write]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished && failure == nil { condition.wait() }
        if let failure { throw failure }
        if batches.isEmpty { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }
}
