import NCCModel

/// What became of an engagement asked to move on.
public enum EngagementStep: Sendable, Equatable {
    /// Proposed, now agreed (from today).
    case agreed
    /// Agreed: it is done once its feedback is given (`completeEngagement`).
    case needsFeedback
    /// Done or declined already: nothing follows.
    case nothingFollows(status: String)
}

/// What a proposal of an expert for a need did.
public enum EngagementProposal: Sendable, Equatable {
    case proposed(engagement: String)
    /// The expert is already engaged on the need, in this status.
    case already(status: String)
}

/// The engagement of an expert on a need: proposed, agreed, done with feedback, or declined.
/// Each step is one transaction, called alike by the app and the CLI.
extension StoreWriter {
    /// Proposes an expert for a need, unless they are engaged on it already.
    public func proposeEngagement(expert: String, need: String) throws -> EngagementProposal {
        let existing = try reader.records(
            RecordQuery(
                .engagement,
                conditions: [
                    .equals(Fields.Engagement.expert, .text(expert)),
                    .equals(Fields.Engagement.need, .text(need)),
                ]), limit: 1)
        if let engagement = existing.first {
            return .already(status: engagement[Fields.Engagement.status].text ?? "proposed")
        }
        return .proposed(
            engagement: try create(
                .engagement,
                [
                    Fields.Engagement.expert: .text(expert), Fields.Engagement.need: .text(need),
                    Fields.Engagement.status: .text("proposed"),
                ]))
    }

    /// proposed → agreed (starting today); an agreed one waits for its feedback.
    public func advanceEngagement(_ id: String, today: String) throws -> EngagementStep {
        let status = try reader.record(.engagement, id: id)?[Fields.Engagement.status].text ?? "proposed"
        switch status {
        case "proposed":
            try update(
                .engagement, id: id,
                [Fields.Engagement.status: .text("agreed"), Fields.Engagement.starts: .text(today)])
            return .agreed
        case "agreed": return .needsFeedback
        default: return .nothingFollows(status: status)
        }
    }

    /// Marks an engagement done, ending today, with the feedback it must have and any notes.
    public func completeEngagement(_ id: String, feedback: Value, notes: Value, today: String) throws {
        guard feedback.int != nil else {
            throw FieldError(field: Fields.Engagement.feedback.name, message: "give a feedback from 1 to 5")
        }
        try update(
            .engagement, id: id,
            [
                Fields.Engagement.feedback: feedback, Fields.Engagement.notes: notes,
                Fields.Engagement.status: .text("done"), Fields.Engagement.ends: .text(today),
            ])
    }

    /// Declines an engagement: the expert is left out of the need's ranking.
    public func declineEngagement(_ id: String) throws {
        try update(.engagement, id: id, [Fields.Engagement.status: .text("declined")])
    }
}
