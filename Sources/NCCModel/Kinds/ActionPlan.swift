// The action plan: its working areas and tasks.

extension KindSpec {
    static let workingArea = KindSpec(
        singular: "working area", plural: "working-areas",
        fields: [
            Field("number", .integer(1...99)),
            Field("title", .text, required: true),
            Field("description", .longText),
        ],
        naming: .field("title"),
        listColumns: ["number", "title"],
        listOrder: ["number", "id"],
        csv: CSVLayout(columns: ["id", "number", "title", "description"], required: ["title"]),
        search: .indexed(code: 9),
        group: .tasks, isMain: true)

    static let task = KindSpec(
        singular: "task", plural: "tasks",
        fields: [
            Field("title", .text, required: true),
            Field("description", .longText),
            Field("working_area", .reference(.workingArea)),
            Field("owner", .reference(.person)),
            Field("centre", .reference(.centre)),
            Field("due", .date),
            Field("status", .choice(Schema.taskStatuses), default: .text("todo")),
            Field("priority", .choice(["low", "normal", "high"]), default: .text("normal")),
            Field("origin", .reference(.actionItem)),
            Field("tags", .tags),
        ],
        naming: .field("title"),
        listColumns: ["title", "status", "due", "owner", "working_area"],
        listOrder: ["due", "id"],
        csv: CSVLayout(columns: ["id", "title", "description", "working_area", "owner", "centre", "due", "status", "priority",
                                 "tags"], required: ["title"]),
        form: ["title", "status", "due", "owner", "working_area", "centre", "priority", "tags", "description"],
        search: .indexed(code: 10),
        group: .tasks, isMain: true)
}
