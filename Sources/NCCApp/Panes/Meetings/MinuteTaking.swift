import Foundation
import NCCExchange
import NCCModel
import NCCStore

extension Action {
    public static let addNote = Action("addNote"), addDecision = Action("addDecision"),
        addActionItem = Action("addActionItem")
    public static let editMinutes = Action("editMinutes"), exportMinutes = Action("exportMinutes")
}

/// Taking minutes during a meeting: a note, a decision or an action item each saved at once (by
/// the store's rules), the whole minutes in the user's editor, and the minutes as a file.
extension MeetingsPane {
    enum MinuteEntry { case note, decision, actionItem }

    static func perform(_ action: Action, _ app: App) throws -> Outcome? {
        switch action {
        case .addNote: try startMinuteEntry(.note, app)
        case .addDecision: try startMinuteEntry(.decision, app)
        case .addActionItem: try startMinuteEntry(.actionItem, app)
        case .editMinutes: return try startExternalEdit(app)
        case .exportMinutes: try startMinutesExport(app)
        default: return nil
        }
        return Outcome.none
    }

    /// The meeting selected in the list.
    static func selectedMeeting(_ app: App) -> String? {
        guard app.state.pane == .meetings, let row = app.state.list.selectedRow, row.kind == .meeting else {
            return nil
        }
        return row.id
    }

    static func startMinuteEntry(_ entry: MinuteEntry, _ app: App) throws {
        guard let meeting = selectedMeeting(app) else {
            app.state.message = Message("Select a meeting first", .warning)
            return
        }
        let title = try app.store.read { try $0.title(.meeting, id: meeting) }
        switch entry {
        case .note:
            app.state.modal = .form(
                FormState(
                    title: "Note for \(title)", purpose: .note(meeting: meeting),
                    fields: [FormField(Field("note", .text, required: true), label: "Note")]))
        case .decision:
            app.state.modal = .form(
                FormState(
                    title: "Decision of \(title)", purpose: .decision(meeting: meeting),
                    fields: [FormField(Schema.field(Fields.Decision.text), label: "Decision")]))
        case .actionItem:
            app.state.modal = .form(
                FormState(
                    title: "Action item of \(title)", purpose: .actionItem(meeting: meeting),
                    fields: [
                        FormField(Field(Fields.ActionItem.text, .text, required: true), label: "Action"),
                        FormField(Schema.field(Fields.ActionItem.owner)),
                        FormField(Schema.field(Fields.ActionItem.due)),
                    ]))
        }
    }

    /// Writes the minutes to a temporary file for `$EDITOR`; `finishEditing` reads them back.
    static func startExternalEdit(_ app: App) throws -> Outcome {
        guard let meeting = selectedMeeting(app) else {
            app.state.message = Message("Select a meeting first", .warning)
            return .none
        }
        let minutes = try app.store.read { try $0.record(.meeting, id: meeting)?[Fields.Meeting.minutes].text } ?? ""
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-minutes-\(UUID().uuidString).md")
            .path
        try Data(minutes.utf8).write(to: URL(fileURLWithPath: file))
        app.editingMinutes = (meeting, file)
        return .editExternally(file: file)
    }

    /// Saves what the editor left in the file (nothing when it is unchanged or the editor failed).
    /// Text that could not be saved stays in the file, which the message names: minutes taken at an
    /// event are never thrown away because the database was busy or the meeting was deleted meanwhile.
    static func finishEditing(succeeded: Bool, _ app: App) {
        guard let (meeting, file) = app.editingMinutes else { return }
        app.editingMinutes = nil
        guard succeeded, let data = FileManager.default.contents(atPath: file) else {
            app.state.message = Message("The editor did not finish; the minutes are unchanged", .warning)
            try? FileManager.default.removeItem(atPath: file)
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            app.state.message = Message("Minutes not saved, kept in \(file): they are not UTF-8 text", .error)
            return
        }
        do {
            let change = try app.store.write {
                try $0.update(.meeting, id: meeting, [Fields.Meeting.minutes: .text(text)])
            }
            try? FileManager.default.removeItem(atPath: file)
            app.state.message = Message(change == .unchanged ? "The minutes are unchanged" : "Saved the minutes")
            try app.reloadAll(force: true)
        } catch {
            app.state.message = Message("Minutes not saved, kept in \(file): \(error)", .error)
        }
    }

    static func startMinutesExport(_ app: App) throws {
        guard let meeting = selectedMeeting(app) else {
            app.state.message = Message("Select a meeting first", .warning)
            return
        }
        let title = try app.store.read { try $0.title(.meeting, id: meeting) }
        let suggestion = app.databaseFolder.appendingPathComponent("\(FileNames.slug(title, fallback: "minutes")).md")
            .path
        app.state.modal = .prompt(
            PromptState(
                title: "Write the minutes of '\(OneLine.of(title, limit: 50))' (Markdown)",
                label: "File", input: TextInput(suggestion), purpose: .exportMinutes(meeting: meeting)))
    }

    static func exportMinutes(_ meeting: String, to path: String, _ app: App) {
        do {
            let written = try MinutesWriter(store: app.store).write(meeting: meeting, to: path)
            app.state.message = Message("Wrote the minutes to \(OneLine.of(written))")
        } catch {
            app.fail(error)
        }
    }
}
