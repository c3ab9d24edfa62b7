// Experts, the needs centres raise, and the engagements between them.

extension KindSpec {
    /// A person with expertise to offer (their name and e-mail are their person's).
    static let expert = KindSpec(
        singular: "expert", plural: "experts",
        fields: [
            Field(Fields.Expert.person, .reference(.person), required: true),
            Field(Fields.Expert.country, .country),
            Field(Fields.Expert.languages, .languages),
            Field(Fields.Expert.countries, .countries),
            Field(Fields.Expert.topics, .tags),
            Field(Fields.Expert.availabilityDays, .integer(0...31), default: .int(0)),
            Field(Fields.Expert.bio, .longText),
            Field(Fields.Expert.source, .text),
        ],
        naming: .reference(Fields.Expert.person),
        listColumns: ["person", "country", "languages", "availability_days", "topics"],
        csv: CSVLayout(
            columns: [
                "id", "name", "email", "organisation", "country", "languages", "countries", "topics", "bio",
                "availability_days",
            ], required: ["name"], identity: .personName),
        form: ["name", "email", "country", "languages", "countries", "topics", "availability_days", "bio"],
        search: .indexed(code: 6),
        parts: [Part(Fields.Engagement.expert)],
        group: .experts, isMain: true,
        erasure: [Fields.Expert.bio: .null])

    /// A centre's request for support.
    static let need = KindSpec(
        singular: "need", plural: "needs",
        fields: [
            Field(Fields.Need.centre, .reference(.centre), required: true),
            Field(Fields.Need.title, .text, required: true),
            Field(Fields.Need.description, .longText),
            Field(Fields.Need.topics, .tags),
            Field(Fields.Need.languages, .languages),
            Field(Fields.Need.country, .country),
            Field(Fields.Need.deadline, .date),
            Field(Fields.Need.status, .choice(["open", "matched", "closed"]), default: .text("open")),
        ],
        naming: .field(Fields.Need.title),
        listColumns: ["title", "centre", "status", "deadline", "topics"],
        csv: CSVLayout(
            columns: ["id", "centre", "title", "description", "topics", "languages", "country", "deadline"],
            required: ["centre", "title"], identity: .nameWithin(Fields.Need.centre, where: "centre")),
        form: ["title", "centre", "description", "topics", "languages", "country", "deadline", "status"],
        search: .indexed(code: 7),
        parts: [Part(Fields.Engagement.need)],
        group: .experts, isMain: true)

    /// An expert working on a need: proposed, agreed, done (with feedback) or declined.
    static let engagement = KindSpec(
        singular: "engagement", plural: "engagements",
        fields: [
            Field(Fields.Engagement.expert, .reference(.expert), required: true),
            Field(Fields.Engagement.need, .reference(.need), required: true),
            Field(Fields.Engagement.status, .choice(Schema.engagementStatuses), default: .text("proposed")),
            Field(Fields.Engagement.starts, .date),
            Field(Fields.Engagement.ends, .date),
            Field(Fields.Engagement.feedback, .integer(1...5)),
            Field(Fields.Engagement.notes, .longText),
            Field(Fields.Engagement.objective, .reference(.objective)),
        ],
        naming: .reference(Fields.Engagement.expert),
        listColumns: ["expert", "need", "status", "feedback"],
        csv: CSVLayout(
            columns: ["id", "expert", "need", "status", "starts", "ends", "feedback", "notes"],
            required: ["expert", "need"], identity: .pair(Fields.Engagement.expert, Fields.Engagement.need)),
        search: .indexed(code: 8, onlyWithText: true),
        group: .experts, isMain: true)
}

extension Fields {
    public enum Expert {
        public static let person = FieldName(.expert, "person")
        public static let country = FieldName(.expert, "country")
        public static let languages = FieldName(.expert, "languages")
        public static let countries = FieldName(.expert, "countries")
        public static let topics = FieldName(.expert, "topics")
        public static let availabilityDays = FieldName(.expert, "availability_days")
        public static let bio = FieldName(.expert, "bio")
        public static let source = FieldName(.expert, "source")
        public static let all = [person, country, languages, countries, topics, availabilityDays, bio, source]
    }

    public enum Need {
        public static let centre = FieldName(.need, "centre")
        public static let title = FieldName(.need, "title")
        public static let description = FieldName(.need, "description")
        public static let topics = FieldName(.need, "topics")
        public static let languages = FieldName(.need, "languages")
        public static let country = FieldName(.need, "country")
        public static let deadline = FieldName(.need, "deadline")
        public static let status = FieldName(.need, "status")
        public static let all = [centre, title, description, topics, languages, country, deadline, status]
    }

    public enum Engagement {
        public static let expert = FieldName(.engagement, "expert")
        public static let need = FieldName(.engagement, "need")
        public static let status = FieldName(.engagement, "status")
        public static let starts = FieldName(.engagement, "starts")
        public static let ends = FieldName(.engagement, "ends")
        public static let feedback = FieldName(.engagement, "feedback")
        public static let notes = FieldName(.engagement, "notes")
        /// The objective this engagement serves.
        public static let objective = FieldName(.engagement, "objective")
        public static let all = [expert, need, status, starts, ends, feedback, notes, objective]
    }
}
