import Foundation

/// Items made on one thread and used on another, in the order they were made, in batches: the
/// demo's records are invented and a bundle's lines parsed on the second core while the first
/// holds the write transaction, and an export's log is read there while the first deflates it.
/// The making side waits when it is far ahead (memory stays small), and a failure on either side
/// stops both.
public final class Handoff<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var pending: [Item] = []
    private var finished = false
    private var failure: (any Error)?
    private let batchSize: Int
    private let batchesAhead: Int

    init(batchSize: Int, batchesAhead: Int) {
        self.batchSize = batchSize
        self.batchesAhead = batchesAhead
    }

    /// Runs `make` on a thread of its own, which sends items, and `use` on this thread for every
    /// item in order. Returns when both sides are done; throws the first failure of either, once
    /// the other side has stopped.
    public static func run(
        batchSize: Int = 512, batchesAhead: Int = 8,
        make: @escaping @Sendable (Handoff<Item>) throws -> Void,
        use: (Item) throws -> Void
    ) throws {
        try run(batchSize: batchSize, batchesAhead: batchesAhead, make: make) { handoff in
            while let item = try handoff.take() { try use(item) }
        }
    }

    /// Runs `make` on a thread of its own, which sends items, and `consume` on this thread, which
    /// takes them (`take`) at its own pace. Returns `consume`'s result once both sides are done;
    /// throws the first failure of either, once the other side has stopped.
    public static func run<Result>(
        batchSize: Int = 512, batchesAhead: Int = 8,
        make: @escaping @Sendable (Handoff<Item>) throws -> Void,
        consume: (Handoff<Item>) throws -> Result
    ) throws -> Result {
        let handoff = Handoff(batchSize: batchSize, batchesAhead: batchesAhead)
        let made = DispatchSemaphore(value: 0)
        let maker = Thread {
            defer { made.signal() }
            do {
                try make(handoff)
                try handoff.finish()
            } catch {
                handoff.fail(error)
            }
        }
        maker.stackSize = 8 << 20
        maker.start()
        defer { made.wait() }
        do {
            let result = try consume(handoff)
            // A maker still sending what no one will take stops instead of waiting for ever.
            handoff.fail(Closed())
            return result
        } catch {
            handoff.fail(error)
            throw error
        }
    }

    /// Stops a maker whose items are no longer taken.
    struct Closed: Error {}

    // MARK: The making side

    /// Hands an item over; throws (and the maker should stop) once the using side has failed.
    public func send(_ item: Item) throws {
        pending.append(item)
        if pending.count >= batchSize { try flush() }
    }

    private func finish() throws {
        try flush()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func flush() throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= batchesAhead && failure == nil { condition.wait() }
        if let failure { throw failure }
        batches.append(pending)
        pending = []
        condition.broadcast()
    }

    // MARK: Either side

    /// Stops the other side at its next step with this error (the first one given wins).
    private func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    // MARK: The using side

    private var taking: [Item] = []
    private var taken = 0

    /// The next item, in the order sent; nil once the making side has finished and every item
    /// was taken. Throws the making side's failure.
    public func take() throws -> Item? {
        while taken == taking.count {
            guard let batch = try next() else { return nil }
            taking = batch
            taken = 0
        }
        taken += 1
        return taking[taken - 1]
    }

    private func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished && failure == nil { condition.wait() }
        if let failure { throw failure }
        if batches.isEmpty { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }
}
