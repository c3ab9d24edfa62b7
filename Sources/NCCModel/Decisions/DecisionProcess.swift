/// How a proposal is decided (README, "Decisions", has each rule in full).
public enum DecisionProcess: String, CaseIterable, Sendable {
    /// Adopted at the close unless someone's latest ballot objects (with its reason).
    case consent
    /// Adopted when yes beats no among the counted ballots (or reaches the threshold), with a quorum.
    case majority
    /// The option chosen most wins; options with the same highest count tie.
    case poll
    /// Nothing is computed: the advice is collected for the proposer.
    case advice

    /// The choices a ballot may make on a proposal of this process (a poll's are its options).
    public func choices(options: [String]) -> [String] {
        switch self {
        case .consent: ["yes", "object", "abstain"]
        case .majority: ["yes", "no", "abstain"]
        case .poll: options + ["abstain"]
        case .advice: ["yes", "no", "abstain", "object"]
        }
    }
}

/// Who votes on a proposal.
public enum Electorate: String, CaseIterable, Sendable {
    /// One vote per person of the directory bound to a replica (their latest ballot, whichever
    /// of their replicas cast it).
    case members
    /// One vote per centre: the latest ballot of any of its delegates (the people of the
    /// organisations that belong to it).
    case centres
}

public enum ProposalStatus: String, CaseIterable, Sendable {
    /// Being written: ballots are not counted yet.
    case draft
    case open
    case closed
}
