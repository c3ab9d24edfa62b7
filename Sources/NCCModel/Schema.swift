/// The fields of every kind, declared once. The store builds its tables, the CLI its flags and the
/// sync layer its checks of incoming operations from this one table.
public enum Schema {
    public static let organisationKinds = [
        "ministry", "managing_authority", "agency", "ngo", "university", "research", "social_enterprise",
        "cooperative", "municipality", "business", "network", "other",
    ]
    public static let meetingKinds = ["quarterly", "thematic", "joint_event", "workshop", "kickoff"]
    public static let taskStatuses = ["todo", "doing", "blocked", "done"]
    public static let engagementStatuses = ["proposed", "agreed", "done", "declined"]

    /// The fields of a kind, built once: this is asked for on every read and write.
    public static func fields(of kind: Kind) -> [Field] { table[kind]! }

    public static func field(_ name: String, of kind: Kind) -> Field? { byName[kind]![name] }

    private static let table: [Kind: [Field]] = Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0, declaredFields(of: $0)) })
    private static let byName: [Kind: [String: Field]] = table.mapValues { fields in
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
    }

    private static func declaredFields(of kind: Kind) -> [Field] {
        switch kind {
        case .consortium: [
            Field("name", .text, required: true),
            Field("title", .text),
            Field("call", .text),
            Field("starts", .date),
            Field("ends", .date),
            Field("lead", .country),
            Field("countries", .countries),
        ]
        case .centre: [
            Field("name", .text, required: true),
            Field("country", .country, required: true),
            Field("status", .choice(["planned", "active", "closed"]), default: .text("active")),
            Field("capacity_group", .integer(1...3)),
            Field("website", .text),
            Field("email", .email),
            Field("description", .longText),
            Field("topics", .tags),
        ]
        case .membership: [
            Field("centre", .reference(.centre), required: true),
            Field("consortium", .reference(.consortium), required: true),
        ]
        case .organisation: [
            Field("name", .text, required: true),
            Field("country", .country),
            Field("kind", .choice(organisationKinds), default: .text("other")),
            Field("centre", .reference(.centre)),
            Field("role", .choice(["founding", "partner", "associate", "stakeholder"])),
        ]
        case .person: [
            Field("name", .text, required: true),
            Field("organisation", .reference(.organisation)),
            Field("role", .text),
            Field("email", .email, personal: true),
            Field("phone", .text, personal: true),
            Field("shareable", .bool, default: .bool(false)),
        ]
        case .expert: [
            Field("person", .reference(.person), required: true),
            Field("country", .country),
            Field("languages", .languages),
            Field("countries", .countries),
            Field("topics", .tags),
            Field("availability_days", .integer(0...31), default: .int(0)),
            Field("bio", .longText),
            Field("source", .text),
        ]
        case .need: [
            Field("centre", .reference(.centre), required: true),
            Field("title", .text, required: true),
            Field("description", .longText),
            Field("topics", .tags),
            Field("languages", .languages),
            Field("country", .country),
            Field("deadline", .date),
            Field("status", .choice(["open", "matched", "closed"]), default: .text("open")),
        ]
        case .engagement: [
            Field("expert", .reference(.expert), required: true),
            Field("need", .reference(.need), required: true),
            Field("status", .choice(engagementStatuses), default: .text("proposed")),
            Field("starts", .date),
            Field("ends", .date),
            Field("feedback", .integer(1...5)),
            Field("notes", .longText),
        ]
        case .workingArea: [
            Field("number", .integer(1...99)),
            Field("title", .text, required: true),
            Field("description", .longText),
        ]
        case .task: [
            Field("title", .text, required: true),
            Field("description", .longText),
            Field("working_area", .reference(.workingArea)),
            Field("owner", .reference(.person)),
            Field("centre", .reference(.centre)),
            Field("due", .date),
            Field("status", .choice(taskStatuses), default: .text("todo")),
            Field("priority", .choice(["low", "normal", "high"]), default: .text("normal")),
            Field("origin", .reference(.actionItem)),
            Field("tags", .tags),
        ]
        case .meeting: [
            Field("title", .text, required: true),
            Field("kind", .choice(meetingKinds), default: .text("quarterly")),
            Field("start", .dateTime, required: true),
            Field("end", .dateTime),
            Field("place", .text),
            Field("online", .bool, default: .bool(false)),
            Field("minutes", .longText),
        ]
        case .agendaItem: [
            Field("meeting", .reference(.meeting), required: true),
            Field("position", .integer(0...9999), default: .int(0)),
            Field("title", .text, required: true),
            Field("notes", .longText),
        ]
        case .attendance: [
            Field("meeting", .reference(.meeting), required: true),
            Field("person", .reference(.person), required: true),
        ]
        case .decision: [
            Field("meeting", .reference(.meeting), required: true),
            Field("position", .integer(0...9999), default: .int(0)),
            Field("text", .longText, required: true),
        ]
        case .actionItem: [
            Field("meeting", .reference(.meeting), required: true),
            Field("text", .longText, required: true),
            Field("owner", .reference(.person)),
            Field("due", .date),
            Field("task", .reference(.task)),
        ]
        }
    }


    /// The field a user names a record by, when it has one of its own.
    public static func titleField(of kind: Kind) -> String? {
        switch kind {
        case .consortium, .centre, .organisation, .person: "name"
        case .need, .workingArea, .task, .meeting, .agendaItem: "title"
        case .decision, .actionItem: "text"
        case .membership, .expert, .engagement, .attendance: nil
        }
    }

    /// For kinds without a name of their own, the reference whose title names them
    /// (an expert is called by their person's name).
    public static func titleReference(of kind: Kind) -> String? {
        switch kind {
        case .expert: "person"
        case .engagement: "expert"
        case .membership: "centre"
        case .attendance: "person"
        default: nil
        }
    }

    /// The columns `ncc list` shows, most telling first.
    public static func listColumns(of kind: Kind) -> [String] {
        switch kind {
        case .consortium: ["name", "call", "countries", "starts", "ends"]
        case .centre: ["name", "country", "status", "capacity_group"]
        case .membership: ["centre", "consortium"]
        case .organisation: ["name", "country", "kind", "centre", "role"]
        case .person: ["name", "organisation", "role", "shareable"]
        case .expert: ["person", "country", "languages", "availability_days", "topics"]
        case .need: ["title", "centre", "status", "deadline", "topics"]
        case .engagement: ["expert", "need", "status", "feedback"]
        case .workingArea: ["number", "title"]
        case .task: ["title", "status", "due", "owner", "working_area"]
        case .meeting: ["start", "title", "kind", "place"]
        case .agendaItem: ["meeting", "position", "title"]
        case .attendance: ["meeting", "person"]
        case .decision: ["meeting", "position", "text"]
        case .actionItem: ["meeting", "text", "owner", "due"]
        }
    }

    /// How `ncc list` orders a kind (an SQL ORDER BY over its columns, always ending with id so
    /// keyset pages are stable).
    public static func listOrder(of kind: Kind) -> [String] {
        switch kind {
        case .meeting: ["start", "id"]
        case .task: ["due", "id"]
        case .workingArea: ["number", "id"]
        case .agendaItem, .decision: ["meeting", "position", "id"]
        default:
            if let title = titleField(of: kind) ?? titleReference(of: kind) { [title, "id"] } else { ["created_at", "id"] }
        }
    }

    /// Kinds whose records are parts of another record and go when it goes
    /// (a meeting's agenda, attendance, decisions and action items).
    public static func parts(of kind: Kind) -> [(kind: Kind, field: String)] {
        switch kind {
        case .meeting: [(.agendaItem, "meeting"), (.attendance, "meeting"), (.decision, "meeting"), (.actionItem, "meeting")]
        case .centre: [(.membership, "centre")]
        case .consortium: [(.membership, "consortium")]
        case .person: [(.attendance, "person")]
        case .need: [(.engagement, "need")]
        case .expert: [(.engagement, "expert")]
        default: []
        }
    }

    /// Every (kind, field) pair that points at `kind`: the records that stand in the way of deleting it.
    public static func referrers(of kind: Kind) -> [(kind: Kind, field: String)] {
        Kind.allCases.flatMap { k in
            fields(of: k).compactMap { f in f.type.referencedKind == kind ? (k, f.name) : nil }
        }
    }
}
