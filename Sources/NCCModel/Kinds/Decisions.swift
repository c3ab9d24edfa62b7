// How the working group decides: proposals, the ballots cast on them, and which replica speaks
// for which person (a ballot's voter is the person bound to the replica that signed it).

extension KindSpec {
    static let proposal = KindSpec(
        singular: "proposal", plural: "proposals",
        fields: [
            Field(Fields.Proposal.title, .text, required: true),
            Field(Fields.Proposal.text, .longText),
            Field(
                Fields.Proposal.process, .choice(DecisionProcess.allCases.map(\.rawValue)), default: .text("consent")),
            Field(Fields.Proposal.options, .tags),
            Field(Fields.Proposal.electorate, .choice(Electorate.allCases.map(\.rawValue)), default: .text("members")),
            Field(Fields.Proposal.quorum, .integer(0...9999)),
            Field(Fields.Proposal.threshold, .fraction),
            Field(Fields.Proposal.opens, .dateTime),
            Field(Fields.Proposal.closes, .dateTime),
            Field(Fields.Proposal.meeting, .reference(.meeting)),
            Field(Fields.Proposal.workingArea, .reference(.workingArea)),
            Field(Fields.Proposal.status, .choice(ProposalStatus.allCases.map(\.rawValue)), default: .text("open")),
            Field(Fields.Proposal.outcome, .text),
        ],
        naming: .field(Fields.Proposal.title),
        listColumns: ["status", "closes", "title", "process"],
        listOrder: ["closes", "id"],
        form: [
            "title", "status", "process", "options", "electorate", "quorum", "threshold", "opens", "closes", "meeting",
            "working_area", "text",
        ],
        search: .indexed(code: 16),
        parts: [Part(Fields.Ballot.proposal)],
        group: .decisions, isMain: true)

    /// A member's vote on a proposal. Cast once, never edited: a new ballot replaces it. Its
    /// voter is not a field: it is whoever the replica that made it speaks for.
    static let ballot = KindSpec(
        singular: "ballot", plural: "ballots",
        fields: [
            Field(Fields.Ballot.proposal, .reference(.proposal), required: true),
            Field(Fields.Ballot.choice, .text, required: true),
            Field(Fields.Ballot.reason, .longText),
        ],
        naming: .reference(Fields.Ballot.proposal),
        listColumns: ["proposal", "choice", "reason"],
        listOrder: ["created_at", "id"],
        search: .indexed(code: 17, onlyWithText: true),
        group: .decisions, isMain: false)

    /// "This replica speaks for this person", said by the replica itself (and counted only then).
    static let replicaBinding = KindSpec(
        singular: "replica binding", plural: "replica-bindings",
        fields: [
            Field(Fields.ReplicaBinding.replica, .text, required: true),
            Field(Fields.ReplicaBinding.person, .reference(.person), required: true),
        ],
        naming: .reference(Fields.ReplicaBinding.person),
        listColumns: ["replica", "person"],
        listOrder: ["created_at", "id"],
        search: .notIndexed(code: 18),
        linkTarget: Fields.ReplicaBinding.person,
        group: .directory, isMain: false)
}

extension Fields {
    public enum Proposal {
        public static let title = FieldName(.proposal, "title")
        public static let text = FieldName(.proposal, "text")
        public static let process = FieldName(.proposal, "process")
        public static let options = FieldName(.proposal, "options")
        public static let electorate = FieldName(.proposal, "electorate")
        public static let quorum = FieldName(.proposal, "quorum")
        public static let threshold = FieldName(.proposal, "threshold")
        public static let opens = FieldName(.proposal, "opens")
        public static let closes = FieldName(.proposal, "closes")
        public static let meeting = FieldName(.proposal, "meeting")
        public static let workingArea = FieldName(.proposal, "working_area")
        public static let status = FieldName(.proposal, "status")
        public static let outcome = FieldName(.proposal, "outcome")
        public static let all = [
            title, text, process, options, electorate, quorum, threshold, opens, closes, meeting, workingArea, status,
            outcome,
        ]
    }

    public enum Ballot {
        public static let proposal = FieldName(.ballot, "proposal")
        public static let choice = FieldName(.ballot, "choice")
        public static let reason = FieldName(.ballot, "reason")
        public static let all = [proposal, choice, reason]
    }

    public enum ReplicaBinding {
        public static let replica = FieldName(.replicaBinding, "replica")
        public static let person = FieldName(.replicaBinding, "person")
        public static let all = [replica, person]
    }
}
