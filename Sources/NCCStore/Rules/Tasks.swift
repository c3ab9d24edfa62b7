import NCCModel

/// The action plan's rules.
extension StoreWriter {
    /// Moves a task to the status after its own (todo, doing, blocked, done, then todo again);
    /// returns the new status.
    @discardableResult
    public func advanceTaskStatus(_ id: String) throws -> String {
        let next = Self.status(after: try reader.record(.task, id: id)?[Fields.Task.status].text)
        try update(.task, id: id, [Fields.Task.status: .text(next)])
        return next
    }

    /// The status after this one.
    public static func status(after status: String?) -> String {
        let all = Schema.taskStatuses
        guard let status, let i = all.firstIndex(of: status) else { return all[0] }
        return all[(i + 1) % all.count]
    }
}
