import Foundation

extension Process {
    /// Starts the process and waits for it to end, at most `timeout` seconds, then kills it.
    ///
    /// Not `waitUntilExit()`: on Linux that spins a run loop on the calling thread and, called
    /// from a test's worker thread among many child processes, can miss the exit and wait for
    /// ever (the suite hung in CI). The termination handler is set before `run()`, so even a
    /// child that exits at once is seen.
    /// `whileRunning` runs once the child has started (to feed its input, say).
    /// - Returns: false if the process had to be killed.
    func runAndWait(timeout: TimeInterval, whileRunning: () throws -> Void = {}) throws -> Bool {
        let ended = DispatchSemaphore(value: 0)
        terminationHandler = { _ in ended.signal() }
        try run()
        try whileRunning()
        if ended.wait(timeout: .now() + timeout) == .success { return true }
        kill(processIdentifier, SIGKILL)
        _ = ended.wait(timeout: .now() + 5)
        return false
    }
}
