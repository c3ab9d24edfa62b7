// The directory's kinds: consortia, centres, their memberships, organisations and people.

extension KindSpec {
    /// The name `ncc forget` leaves on a person record.
    public static let forgottenPersonName = "Forgotten person"

    static let consortium = KindSpec(
        singular: "consortium", plural: "consortia",
        fields: [
            Field("name", .text, required: true),
            Field("title", .text),
            Field("call", .text),
            Field("starts", .date),
            Field("ends", .date),
            Field("lead", .country),
            Field("countries", .countries),
        ],
        naming: .field("name"),
        listColumns: ["name", "call", "countries", "starts", "ends"],
        csv: CSVLayout(columns: ["id", "name", "title", "call", "starts", "ends", "lead", "countries"], required: ["name"]),
        search: .indexed(code: 1),
        parts: [Part(.membership, "consortium")],
        group: .directory, isMain: true)

    static let centre = KindSpec(
        singular: "centre", plural: "centres",
        fields: [
            Field("name", .text, required: true),
            Field("country", .country, required: true),
            Field("status", .choice(["planned", "active", "closed"]), default: .text("active")),
            Field("capacity_group", .integer(1...3)),
            Field("website", .text),
            Field("email", .email),
            Field("description", .longText),
            Field("topics", .tags),
        ],
        naming: .field("name"),
        listColumns: ["name", "country", "status", "capacity_group"],
        csv: CSVLayout(columns: ["id", "name", "country", "consortium", "status", "website", "email"], required: ["name", "country"]),
        form: ["name", "country", "status", "website", "email", "topics", "description"],
        search: .indexed(code: 2),
        parts: [Part(.membership, "centre")],
        group: .directory, isMain: true)

    /// A centre's place in a consortium (a country can be in two).
    static let membership = KindSpec(
        singular: "membership", plural: "memberships",
        fields: [
            Field("centre", .reference(.centre), required: true),
            Field("consortium", .reference(.consortium), required: true),
        ],
        naming: .reference("centre"),
        listColumns: ["centre", "consortium"],
        search: .notIndexed(code: 3),
        linkTarget: "consortium",
        group: .directory, isMain: false)

    static let organisation = KindSpec(
        singular: "organisation", plural: "organisations",
        fields: [
            Field("name", .text, required: true),
            Field("country", .country),
            Field("kind", .choice(Schema.organisationKinds), default: .text("other")),
            Field("centre", .reference(.centre)),
            Field("role", .choice(["founding", "partner", "associate", "stakeholder"])),
        ],
        naming: .field("name"),
        listColumns: ["name", "country", "kind", "centre", "role"],
        csv: CSVLayout(columns: ["id", "name", "country", "kind", "centre", "role"], required: ["name"]),
        form: ["name", "country", "kind", "centre", "role"],
        search: .indexed(code: 4),
        group: .directory, isMain: true)

    static let person = KindSpec(
        singular: "person", plural: "people",
        fields: [
            Field("name", .text, required: true),
            Field("organisation", .reference(.organisation)),
            Field("role", .text),
            Field("email", .email, personal: true),
            Field("phone", .text, personal: true),
            Field("shareable", .bool, default: .bool(false)),
        ],
        naming: .field("name"),
        listColumns: ["name", "organisation", "role", "shareable"],
        csv: CSVLayout(columns: ["id", "name", "email", "phone", "organisation", "role", "shareable"], required: ["name"]),
        form: ["name", "organisation", "role", "email", "phone", "shareable"],
        search: .indexed(code: 5),
        parts: [Part(.attendance, "person")],
        group: .directory, isMain: true,
        erasure: ["name": .text(forgottenPersonName), "email": .null, "phone": .null, "role": .null])
}
