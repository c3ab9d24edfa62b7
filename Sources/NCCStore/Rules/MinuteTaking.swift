import NCCModel

/// The working group's rules for taking minutes, each one write of one transaction, called alike
/// by the app and the CLI.
extension StoreWriter {
    /// Adds a line at the end of a meeting's minutes.
    public func appendToMinutes(meeting: String, note: String) throws {
        let minutes = try reader.record(.meeting, id: meeting)?[Fields.Meeting.minutes].text ?? ""
        let joined = minutes.isEmpty || minutes.hasSuffix("\n") ? minutes + note : minutes + "\n" + note
        try update(.meeting, id: meeting, [Fields.Meeting.minutes: .text(joined)])
    }

    /// Records a decision after the meeting's others.
    @discardableResult
    public func recordDecision(meeting: String, text: String) throws -> String {
        let position = try reader.countRecords(where: Fields.Decision.meeting, is: meeting)
        return try create(
            .decision,
            [
                Fields.Decision.meeting: .text(meeting), Fields.Decision.text: .text(text),
                Fields.Decision.position: .int(position),
            ])
    }

    /// Records an action item and the task it becomes, linked both ways (the task's origin, the
    /// item's task), so the action plan holds every action a meeting agreed on.
    @discardableResult
    public func recordActionItem(meeting: String, text: String, owner: Value = .null, due: Value = .null) throws
        -> (item: String, task: String)
    {
        let item = try create(
            .actionItem,
            [
                Fields.ActionItem.meeting: .text(meeting), Fields.ActionItem.text: .text(text),
                Fields.ActionItem.owner: owner, Fields.ActionItem.due: due,
            ])
        let meetingTitle = try reader.title(.meeting, id: meeting)
        let task = try create(
            .task,
            [
                Fields.Task.title: .text(text), Fields.Task.owner: owner, Fields.Task.due: due,
                Fields.Task.origin: .text(item), Fields.Task.description: .text("Action item of \(meetingTitle)"),
            ])
        try update(.actionItem, id: item, [Fields.ActionItem.task: .text(task)])
        return (item, task)
    }
}
