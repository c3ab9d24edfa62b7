// Meetings and their parts: agenda items, attendance, decisions and action items.

extension KindSpec {
    static let meeting = KindSpec(
        singular: "meeting", plural: "meetings",
        fields: [
            Field(Fields.Meeting.title, .text, required: true),
            Field(Fields.Meeting.kind, .choice(Schema.meetingKinds), default: .text("quarterly")),
            Field(Fields.Meeting.start, .dateTime, required: true),
            Field(Fields.Meeting.end, .dateTime),
            Field(Fields.Meeting.place, .text),
            Field(Fields.Meeting.online, .bool, default: .bool(false)),
            Field(Fields.Meeting.minutes, .longText),
        ],
        naming: .field(Fields.Meeting.title),
        listColumns: ["start", "title", "kind", "place"],
        listOrder: ["start", "id"],
        csv: CSVLayout(
            columns: ["id", "title", "kind", "start", "place", "attendees", "minutes"], required: ["title", "start"],
            identity: .nameWithin(Fields.Meeting.start, where: "time")),
        form: ["title", "kind", "start", "place", "online"],
        search: .indexed(code: 11),
        parts: [
            Part(Fields.AgendaItem.meeting), Part(Fields.Attendance.meeting), Part(Fields.Decision.meeting),
            Part(Fields.ActionItem.meeting),
        ],
        group: .meetings, isMain: true)

    static let agendaItem = KindSpec(
        singular: "agenda item", plural: "agenda-items",
        fields: [
            Field(Fields.AgendaItem.meeting, .reference(.meeting), required: true),
            Field(Fields.AgendaItem.position, .integer(0...9999), default: .int(0), hidden: true),
            Field(Fields.AgendaItem.title, .text, required: true),
            Field(Fields.AgendaItem.notes, .longText),
        ],
        naming: .field(Fields.AgendaItem.title),
        listColumns: ["meeting", "position", "title"],
        listOrder: ["meeting", "position", "id"],
        search: .indexed(code: 12),
        group: .meetings, isMain: false)

    /// A person at a meeting.
    static let attendance = KindSpec(
        singular: "attendance", plural: "attendances",
        fields: [
            Field(Fields.Attendance.meeting, .reference(.meeting), required: true),
            Field(Fields.Attendance.person, .reference(.person), required: true),
        ],
        naming: .reference(Fields.Attendance.person),
        listColumns: ["meeting", "person"],
        search: .notIndexed(code: 13),
        linkTarget: Fields.Attendance.person,
        group: .meetings, isMain: false)

    /// What the group decided: in a meeting's minutes, or standalone, and from a proposal once
    /// it closed. `supersedes` names the decision it replaces; `review` is when to look again.
    static let decision = KindSpec(
        singular: "decision", plural: "decisions",
        fields: [
            Field(Fields.Decision.meeting, .reference(.meeting)),
            Field(Fields.Decision.position, .integer(0...9999), default: .int(0), hidden: true),
            Field(Fields.Decision.text, .longText, required: true),
            Field(Fields.Decision.proposal, .reference(.proposal)),
            Field(Fields.Decision.review, .date),
            Field(Fields.Decision.supersedes, .reference(.decision)),
            Field(Fields.Decision.objective, .reference(.objective)),
        ],
        naming: .field(Fields.Decision.text),
        listColumns: ["meeting", "position", "text", "review"],
        listOrder: ["meeting", "position", "id"],
        search: .indexed(code: 14),
        group: .decisions, isMain: false)

    /// Something a meeting asked someone to do; recording one makes it a task.
    static let actionItem = KindSpec(
        singular: "action item", plural: "action-items",
        fields: [
            Field(Fields.ActionItem.meeting, .reference(.meeting), required: true),
            Field(Fields.ActionItem.text, .longText, required: true),
            Field(Fields.ActionItem.owner, .reference(.person)),
            Field(Fields.ActionItem.due, .date),
            Field(Fields.ActionItem.task, .reference(.task)),
        ],
        naming: .field(Fields.ActionItem.text),
        listColumns: ["meeting", "text", "owner", "due"],
        search: .indexed(code: 15),
        group: .meetings, isMain: false)
}

extension Fields {
    public enum Meeting {
        public static let title = FieldName(.meeting, "title")
        public static let kind = FieldName(.meeting, "kind")
        public static let start = FieldName(.meeting, "start")
        public static let end = FieldName(.meeting, "end")
        public static let place = FieldName(.meeting, "place")
        public static let online = FieldName(.meeting, "online")
        public static let minutes = FieldName(.meeting, "minutes")
        public static let all = [title, kind, start, end, place, online, minutes]
    }

    public enum AgendaItem {
        public static let meeting = FieldName(.agendaItem, "meeting")
        public static let position = FieldName(.agendaItem, "position")
        public static let title = FieldName(.agendaItem, "title")
        public static let notes = FieldName(.agendaItem, "notes")
        public static let all = [meeting, position, title, notes]
    }

    public enum Attendance {
        public static let meeting = FieldName(.attendance, "meeting")
        public static let person = FieldName(.attendance, "person")
        public static let all = [meeting, person]
    }

    public enum Decision {
        public static let meeting = FieldName(.decision, "meeting")
        public static let position = FieldName(.decision, "position")
        public static let text = FieldName(.decision, "text")
        public static let proposal = FieldName(.decision, "proposal")
        public static let review = FieldName(.decision, "review")
        public static let supersedes = FieldName(.decision, "supersedes")
        /// The objective this decision serves.
        public static let objective = FieldName(.decision, "objective")
        public static let all = [meeting, position, text, proposal, review, supersedes, objective]
    }

    public enum ActionItem {
        public static let meeting = FieldName(.actionItem, "meeting")
        public static let text = FieldName(.actionItem, "text")
        public static let owner = FieldName(.actionItem, "owner")
        public static let due = FieldName(.actionItem, "due")
        public static let task = FieldName(.actionItem, "task")
        public static let all = [meeting, text, owner, due, task]
    }
}
