// Meetings and their parts: agenda items, attendance, decisions and action items.

extension KindSpec {
    static let meeting = KindSpec(
        singular: "meeting", plural: "meetings",
        fields: [
            Field("title", .text, required: true),
            Field("kind", .choice(Schema.meetingKinds), default: .text("quarterly")),
            Field("start", .dateTime, required: true),
            Field("end", .dateTime),
            Field("place", .text),
            Field("online", .bool, default: .bool(false)),
            Field("minutes", .longText),
        ],
        naming: .field("title"),
        listColumns: ["start", "title", "kind", "place"],
        listOrder: ["start", "id"],
        csv: CSVLayout(columns: ["id", "title", "kind", "start", "place", "attendees", "minutes"], required: ["title", "start"]),
        form: ["title", "kind", "start", "place", "online"],
        search: .indexed(code: 11),
        parts: [Part(.agendaItem, "meeting"), Part(.attendance, "meeting"), Part(.decision, "meeting"),
                Part(.actionItem, "meeting")],
        group: .meetings, isMain: true)

    static let agendaItem = KindSpec(
        singular: "agenda item", plural: "agenda-items",
        fields: [
            Field("meeting", .reference(.meeting), required: true),
            Field("position", .integer(0...9999), default: .int(0)),
            Field("title", .text, required: true),
            Field("notes", .longText),
        ],
        naming: .field("title"),
        listColumns: ["meeting", "position", "title"],
        listOrder: ["meeting", "position", "id"],
        search: .indexed(code: 12),
        group: .meetings, isMain: false)

    /// A person at a meeting.
    static let attendance = KindSpec(
        singular: "attendance", plural: "attendances",
        fields: [
            Field("meeting", .reference(.meeting), required: true),
            Field("person", .reference(.person), required: true),
        ],
        naming: .reference("person"),
        listColumns: ["meeting", "person"],
        search: .notIndexed(code: 13),
        linkTarget: "person",
        group: .meetings, isMain: false)

    static let decision = KindSpec(
        singular: "decision", plural: "decisions",
        fields: [
            Field("meeting", .reference(.meeting), required: true),
            Field("position", .integer(0...9999), default: .int(0)),
            Field("text", .longText, required: true),
        ],
        naming: .field("text"),
        listColumns: ["meeting", "position", "text"],
        listOrder: ["meeting", "position", "id"],
        search: .indexed(code: 14),
        group: .meetings, isMain: false)

    /// Something a meeting asked someone to do; recording one makes it a task.
    static let actionItem = KindSpec(
        singular: "action item", plural: "action-items",
        fields: [
            Field("meeting", .reference(.meeting), required: true),
            Field("text", .longText, required: true),
            Field("owner", .reference(.person)),
            Field("due", .date),
            Field("task", .reference(.task)),
        ],
        naming: .field("text"),
        listColumns: ["meeting", "text", "owner", "due"],
        search: .indexed(code: 15),
        group: .meetings, isMain: false)
}
