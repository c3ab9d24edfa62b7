import NCCStore

extension ReceiveSummary {
    /// What an import did with operations it did not apply, one line each, naming their authors:
    /// refused (a revoked key) and set aside to wait, and what had waited and applied now.
    public var authorshipNotes: [String] {
        var notes: [String] = []
        for (replica, count) in refused.sorted(by: { $0.key < $1.key }) {
            notes.append("Refused \(English.count(count, "operation")) of replica \(replica): its key was revoked")
        }
        for (replica, count) in waiting.sorted(by: { $0.key < $1.key }) {
            notes.append(
                "\(English.count(count, "operation")) of replica \(replica) \(count == 1 ? "waits" : "wait") aside, unapplied (see 'ncc peers'; 'ncc peers trust \(replica)' once its key is checked)"
            )
        }
        if released > 0 { notes.append("\(English.count(released, "operation")) that waited applied now") }
        return notes
    }
}
