/// Every kind of record the working group keeps. The raw value is the SQLite table name and the
/// name an operation carries in a bundle, so it never changes once shipped. What each kind is
/// (its fields, names, layouts and rules) is declared once, in its `KindSpec` under `Kinds/`.
public enum Kind: String, CaseIterable, Sendable, Codable, Hashable {
    case centre
    case consortium
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
    case proposal
    case ballot
    case replicaBinding = "replica_binding"
    case objective
    case indicator
    case measurement
    case dimension
    case assessment
    case pathwayStep = "pathway_step"
    case stepDone = "step_done"

    /// The kind's declaration. A new case fails the build here until it has one.
    public var spec: KindSpec {
        switch self {
        case .centre: .centre
        case .consortium: .consortium
        case .membership: .membership
        case .organisation: .organisation
        case .person: .person
        case .expert: .expert
        case .need: .need
        case .engagement: .engagement
        case .workingArea: .workingArea
        case .task: .task
        case .meeting: .meeting
        case .agendaItem: .agendaItem
        case .attendance: .attendance
        case .decision: .decision
        case .actionItem: .actionItem
        case .proposal: .proposal
        case .ballot: .ballot
        case .replicaBinding: .replicaBinding
        case .objective: .objective
        case .indicator: .indicator
        case .measurement: .measurement
        case .dimension: .dimension
        case .assessment: .assessment
        case .pathwayStep: .pathwayStep
        case .stepDone: .stepDone
        }
    }

    /// The word a user types on the command line (`ncc list centres`).
    public var plural: String { spec.plural }

    /// Human singular, for messages ("centre 'CCSI' not found").
    public var singular: String { spec.singular }

    /// A count in words: "1 centre", "3 centres", "2 working areas".
    public func counted(_ count: Int) -> String {
        "\(count) \(count == 1 ? singular : plural.replacingOccurrences(of: "-", with: " "))"
    }

    /// Parses what a user types: plural or singular, dashes or underscores, any case.
    public init?(userInput: String) {
        let word = userInput.lowercased().replacingOccurrences(of: "_", with: "-")
        guard
            let kind = Kind.allCases.first(where: {
                $0.plural == word || $0.rawValue.replacingOccurrences(of: "_", with: "-") == word
            })
        else { return nil }
        self = kind
    }

    public static var userNames: String { allCases.map(\.plural).joined(separator: ", ") }

    /// The kinds a user works with directly, in the order help texts list them.
    public static let main: [Kind] = allCases.filter { $0.spec.isMain }

    /// The kinds that have a CSV file, in the same order.
    public static let withCSV: [Kind] = allCases.filter { $0.spec.csv != nil }
}
