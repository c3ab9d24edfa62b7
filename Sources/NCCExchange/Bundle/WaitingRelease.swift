import Foundation
import NCCModel
import NCCStore

/// Applies the waiting operations that can be applied now, oldest first, with the same rules
/// an import applies (`Admission`): those whose author is trusted, that follow on from what is
/// held, and whose references are here. The rest wait on.
struct WaitingRelease {
    let writer: StoreWriter
    let ourselves: String

    func run() throws -> Int {
        let waiting = try writer.reader.waitingOperations()
        guard !waiting.isEmpty else { return 0 }
        var held = try writer.reader.knowledge()
        var admission = Admission(reader: writer.reader, ourselves: ourselves, referencesHeld: true)
        var summary = ReceiveSummary()
        var released = 0
        for entry in waiting {
            let next = (held[entry.replica] ?? 0) + 1
            if entry.seq < next {
                try writer.removeWaiting(replica: entry.replica, seq: entry.seq)
                continue
            }
            if entry.seq > next { admission.block(entry.replica, because: entry.reason) }
            let received = try OperationLine.decode(Array(entry.line.utf8), checked: false)
            switch try admission.fate(of: received.op, verified: entry.chain != nil) {
            case .wait: continue
            case .refuse:
                try writer.removeWaiting(replica: entry.replica, seq: entry.seq)
                continue
            case .apply: break
            }
            let authorship = Authorship(chain: entry.chain, commits: received.commits ?? [:], salts: received.salts)
            try writer.receive(received.op, authorship: authorship, into: &summary, newer: true)
            try writer.removeWaiting(replica: entry.replica, seq: entry.seq)
            held[entry.replica] = entry.seq
            released += 1
        }
        return released
    }
}
