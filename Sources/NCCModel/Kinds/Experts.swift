// Experts, the needs centres raise, and the engagements between them.

extension KindSpec {
    /// A person with expertise to offer (their name and e-mail are their person's).
    static let expert = KindSpec(
        singular: "expert", plural: "experts",
        fields: [
            Field("person", .reference(.person), required: true),
            Field("country", .country),
            Field("languages", .languages),
            Field("countries", .countries),
            Field("topics", .tags),
            Field("availability_days", .integer(0...31), default: .int(0)),
            Field("bio", .longText),
            Field("source", .text),
        ],
        naming: .reference("person"),
        listColumns: ["person", "country", "languages", "availability_days", "topics"],
        csv: CSVLayout(columns: ["id", "name", "email", "organisation", "country", "languages", "countries", "topics", "bio",
                                 "availability_days"], required: ["name"]),
        form: ["name", "email", "country", "languages", "countries", "topics", "availability_days", "bio"],
        search: .indexed(code: 6),
        parts: [Part(.engagement, "expert")],
        group: .experts, isMain: true,
        erasure: ["bio": .null])

    /// A centre's request for support.
    static let need = KindSpec(
        singular: "need", plural: "needs",
        fields: [
            Field("centre", .reference(.centre), required: true),
            Field("title", .text, required: true),
            Field("description", .longText),
            Field("topics", .tags),
            Field("languages", .languages),
            Field("country", .country),
            Field("deadline", .date),
            Field("status", .choice(["open", "matched", "closed"]), default: .text("open")),
        ],
        naming: .field("title"),
        listColumns: ["title", "centre", "status", "deadline", "topics"],
        csv: CSVLayout(columns: ["id", "centre", "title", "description", "topics", "languages", "country", "deadline"],
                       required: ["centre", "title"]),
        form: ["title", "centre", "description", "topics", "languages", "country", "deadline", "status"],
        search: .indexed(code: 7),
        parts: [Part(.engagement, "need")],
        group: .experts, isMain: true)

    /// An expert working on a need: proposed, agreed, done (with feedback) or declined.
    static let engagement = KindSpec(
        singular: "engagement", plural: "engagements",
        fields: [
            Field("expert", .reference(.expert), required: true),
            Field("need", .reference(.need), required: true),
            Field("status", .choice(Schema.engagementStatuses), default: .text("proposed")),
            Field("starts", .date),
            Field("ends", .date),
            Field("feedback", .integer(1...5)),
            Field("notes", .longText),
        ],
        naming: .reference("expert"),
        listColumns: ["expert", "need", "status", "feedback"],
        csv: CSVLayout(columns: ["id", "expert", "need", "status", "starts", "ends", "feedback", "notes"],
                       required: ["expert", "need"]),
        search: .indexed(code: 8, onlyWithText: true),
        group: .experts, isMain: true)
}
