// The action plan: its working areas and tasks.

extension KindSpec {
    static let workingArea = KindSpec(
        singular: "working area", plural: "working-areas",
        fields: [
            Field(Fields.WorkingArea.number, .integer(1...99)),
            Field(Fields.WorkingArea.title, .text, required: true),
            Field(Fields.WorkingArea.description, .longText),
        ],
        naming: .field(Fields.WorkingArea.title),
        listColumns: ["number", "title"],
        listOrder: ["number", "id"],
        csv: CSVLayout(columns: ["id", "number", "title", "description"], required: ["title"]),
        search: .indexed(code: 9),
        group: .tasks, isMain: true)

    static let task = KindSpec(
        singular: "task", plural: "tasks",
        fields: [
            Field(Fields.Task.title, .text, required: true),
            Field(Fields.Task.description, .longText),
            Field(Fields.Task.workingArea, .reference(.workingArea)),
            Field(Fields.Task.owner, .reference(.person)),
            Field(Fields.Task.centre, .reference(.centre)),
            Field(Fields.Task.due, .date),
            Field(Fields.Task.status, .choice(Schema.taskStatuses), default: .text("todo")),
            Field(Fields.Task.priority, .choice(["low", "normal", "high"]), default: .text("normal")),
            Field(Fields.Task.origin, .reference(.actionItem)),
            Field(Fields.Task.tags, .tags),
            Field(Fields.Task.decision, .reference(.decision)),
            Field(Fields.Task.objective, .reference(.objective)),
        ],
        naming: .field(Fields.Task.title),
        listColumns: ["title", "status", "due", "owner", "working_area"],
        listOrder: ["due", "id"],
        csv: CSVLayout(
            columns: [
                "id", "title", "description", "working_area", "owner", "centre", "due", "status", "priority",
                "tags",
            ], required: ["title"]),
        form: [
            "title", "status", "due", "owner", "working_area", "centre", "priority", "tags", "decision", "objective",
            "description",
        ],
        search: .indexed(code: 10),
        group: .tasks, isMain: true)
}

extension Fields {
    public enum WorkingArea {
        public static let number = FieldName(.workingArea, "number")
        public static let title = FieldName(.workingArea, "title")
        public static let description = FieldName(.workingArea, "description")
        public static let all = [number, title, description]
    }

    public enum Task {
        public static let title = FieldName(.task, "title")
        public static let description = FieldName(.task, "description")
        public static let workingArea = FieldName(.task, "working_area")
        public static let owner = FieldName(.task, "owner")
        public static let centre = FieldName(.task, "centre")
        public static let due = FieldName(.task, "due")
        public static let status = FieldName(.task, "status")
        public static let priority = FieldName(.task, "priority")
        public static let origin = FieldName(.task, "origin")
        public static let tags = FieldName(.task, "tags")
        /// The decision this task follows up.
        public static let decision = FieldName(.task, "decision")
        /// The objective this task serves.
        public static let objective = FieldName(.task, "objective")
        public static let all = [
            title, description, workingArea, owner, centre, due, status, priority, origin, tags, decision, objective,
        ]
    }
}
