// The directory's kinds: consortia, centres, their memberships, organisations and people.

extension KindSpec {
    /// The name `ncc forget` leaves on a person record.
    public static let forgottenPersonName = "Forgotten person"

    static let consortium = KindSpec(
        singular: "consortium", plural: "consortia",
        fields: [
            Field(Fields.Consortium.name, .text, required: true),
            Field(Fields.Consortium.title, .text),
            Field(Fields.Consortium.call, .text),
            Field(Fields.Consortium.starts, .date),
            Field(Fields.Consortium.ends, .date),
            Field(Fields.Consortium.lead, .country),
            Field(Fields.Consortium.countries, .countries),
        ],
        naming: .field(Fields.Consortium.name),
        listColumns: ["name", "call", "countries", "starts", "ends"],
        csv: CSVLayout(
            columns: ["id", "name", "title", "call", "starts", "ends", "lead", "countries"], required: ["name"]),
        search: .indexed(code: 1),
        parts: [Part(Fields.Membership.consortium)],
        group: .directory, isMain: true)

    static let centre = KindSpec(
        singular: "centre", plural: "centres",
        fields: [
            Field(Fields.Centre.name, .text, required: true),
            Field(Fields.Centre.country, .country, required: true),
            Field(Fields.Centre.status, .choice(["planned", "active", "closed"]), default: .text("active")),
            Field(Fields.Centre.capacityGroup, .integer(1...9)),
            Field(Fields.Centre.website, .text),
            Field(Fields.Centre.email, .email),
            Field(Fields.Centre.description, .longText),
            Field(Fields.Centre.topics, .tags),
        ],
        naming: .field(Fields.Centre.name),
        listColumns: ["name", "country", "status", "capacity_group"],
        csv: CSVLayout(
            columns: ["id", "name", "country", "consortium", "status", "website", "email"],
            required: ["name", "country"]),
        form: ["name", "country", "status", "website", "email", "topics", "description"],
        search: .indexed(code: 2),
        parts: [Part(Fields.Membership.centre)],
        group: .directory, isMain: true)

    /// A centre's place in a consortium (a country can be in two).
    static let membership = KindSpec(
        singular: "membership", plural: "memberships",
        fields: [
            Field(Fields.Membership.centre, .reference(.centre), required: true),
            Field(Fields.Membership.consortium, .reference(.consortium), required: true),
        ],
        naming: .reference(Fields.Membership.centre),
        listColumns: ["centre", "consortium"],
        search: .notIndexed(code: 3),
        linkTarget: Fields.Membership.consortium,
        group: .directory, isMain: false)

    static let organisation = KindSpec(
        singular: "organisation", plural: "organisations",
        fields: [
            Field(Fields.Organisation.name, .text, required: true),
            Field(Fields.Organisation.country, .country),
            Field(Fields.Organisation.kind, .choice(Schema.organisationKinds), default: .text("other")),
            Field(Fields.Organisation.centre, .reference(.centre)),
            Field(Fields.Organisation.role, .choice(["founding", "partner", "associate", "stakeholder"])),
        ],
        naming: .field(Fields.Organisation.name),
        listColumns: ["name", "country", "kind", "centre", "role"],
        csv: CSVLayout(columns: ["id", "name", "country", "kind", "centre", "role"], required: ["name"]),
        form: ["name", "country", "kind", "centre", "role"],
        search: .indexed(code: 4),
        group: .directory, isMain: true)

    static let person = KindSpec(
        singular: "person", plural: "people",
        fields: [
            Field(Fields.Person.name, .text, required: true),
            Field(Fields.Person.organisation, .reference(.organisation)),
            Field(Fields.Person.role, .text),
            Field(Fields.Person.email, .email, personal: true),
            Field(Fields.Person.phone, .text, personal: true),
            Field(Fields.Person.shareable, .bool, default: .bool(false)),
        ],
        naming: .field(Fields.Person.name),
        listColumns: ["name", "organisation", "role", "shareable"],
        csv: CSVLayout(
            columns: ["id", "name", "email", "phone", "organisation", "role", "shareable"], required: ["name"]),
        form: ["name", "organisation", "role", "email", "phone", "shareable"],
        search: .indexed(code: 5),
        parts: [Part(Fields.Attendance.person)],
        sharing: Sharing(Fields.Person.shareable, travels: .bool(true)),
        group: .directory, isMain: true,
        erasure: [
            Fields.Person.name: .text(forgottenPersonName), Fields.Person.email: .null, Fields.Person.phone: .null,
            Fields.Person.role: .null,
        ])
}

extension Fields {
    public enum Consortium {
        public static let name = FieldName(.consortium, "name")
        public static let title = FieldName(.consortium, "title")
        public static let call = FieldName(.consortium, "call")
        public static let starts = FieldName(.consortium, "starts")
        public static let ends = FieldName(.consortium, "ends")
        public static let lead = FieldName(.consortium, "lead")
        public static let countries = FieldName(.consortium, "countries")
        public static let all = [name, title, call, starts, ends, lead, countries]
    }

    public enum Centre {
        public static let name = FieldName(.centre, "name")
        public static let country = FieldName(.centre, "country")
        public static let status = FieldName(.centre, "status")
        public static let capacityGroup = FieldName(.centre, "capacity_group")
        public static let website = FieldName(.centre, "website")
        public static let email = FieldName(.centre, "email")
        public static let description = FieldName(.centre, "description")
        public static let topics = FieldName(.centre, "topics")
        public static let all = [name, country, status, capacityGroup, website, email, description, topics]
    }

    public enum Membership {
        public static let centre = FieldName(.membership, "centre")
        public static let consortium = FieldName(.membership, "consortium")
        public static let all = [centre, consortium]
    }

    public enum Organisation {
        public static let name = FieldName(.organisation, "name")
        public static let country = FieldName(.organisation, "country")
        public static let kind = FieldName(.organisation, "kind")
        public static let centre = FieldName(.organisation, "centre")
        public static let role = FieldName(.organisation, "role")
        public static let all = [name, country, kind, centre, role]
    }

    public enum Person {
        public static let name = FieldName(.person, "name")
        public static let organisation = FieldName(.person, "organisation")
        public static let role = FieldName(.person, "role")
        public static let email = FieldName(.person, "email")
        public static let phone = FieldName(.person, "phone")
        public static let shareable = FieldName(.person, "shareable")
        public static let all = [name, organisation, role, email, phone, shareable]
    }
}
