/// Every kind of record the working group keeps. The raw value is the SQLite table name and the
/// name an operation carries in a bundle, so it never changes once shipped.
public enum Kind: String, CaseIterable, Sendable, Codable, Hashable {
    case consortium
    case centre
    case membership
    case organisation
    case person
    case expert
    case need
    case engagement
    case workingArea = "working_area"
    case task
    case meeting
    case agendaItem = "agenda_item"
    case attendance
    case decision
    case actionItem = "action_item"

    /// The word a user types on the command line (`ncc list centres`).
    public var plural: String {
        switch self {
        case .consortium: "consortia"
        case .centre: "centres"
        case .membership: "memberships"
        case .organisation: "organisations"
        case .person: "people"
        case .expert: "experts"
        case .need: "needs"
        case .engagement: "engagements"
        case .workingArea: "working-areas"
        case .task: "tasks"
        case .meeting: "meetings"
        case .agendaItem: "agenda-items"
        case .attendance: "attendances"
        case .decision: "decisions"
        case .actionItem: "action-items"
        }
    }

    /// Human singular, for messages ("centre 'CCSI' not found").
    public var singular: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// A count in words: "1 centre", "3 centres", "2 working areas".
    public func counted(_ count: Int) -> String {
        "\(count) \(count == 1 ? singular : plural.replacingOccurrences(of: "-", with: " "))"
    }

    /// Parses what a user types: plural or singular, dashes or underscores, any case.
    public init?(userInput: String) {
        let word = userInput.lowercased().replacingOccurrences(of: "_", with: "-")
        guard let kind = Kind.allCases.first(where: {
            $0.plural == word || $0.rawValue.replacingOccurrences(of: "_", with: "-") == word
        }) else { return nil }
        self = kind
    }

    public static var userNames: String { allCases.map(\.plural).joined(separator: ", ") }
}
