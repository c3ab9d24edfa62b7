import Foundation
import NCCExchange
import NCCModel
import NCCStore

extension Action {
    public static let addNote = Action("addNote"), addDecision = Action("addDecision"),
        addActionItem = Action("addActionItem")
    public static let editMinutes = Action("editMinutes"), exportMinutes = Action("exportMinutes")
    public static let proposeInMeeting = Action("proposeInMeeting")
}

/// Taking minutes during a meeting: a note, a decision or an action item each saved at once (by
/// the store's rules), a proposal the room votes on there and then, the whole minutes in the
/// user's editor, and the minutes as a file.
extension MeetingsPane {
    enum MinuteEntry { case note, decision, actionItem, proposal }

    static func perform(_ action: Action, _ app: App) throws -> Bool {
        switch action {
        case .addNote: try startMinuteEntry(.note, app)
        case .addDecision: try startMinuteEntry(.decision, app)
        case .addActionItem: try startMinuteEntry(.actionItem, app)
        case .proposeInMeeting: try startMinuteEntry(.proposal, app)
        case .editMinutes: startExternalEdit(app)
        case .exportMinutes: try startMinutesExport(app)
        default: return false
        }
        return true
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
        app.emit(.ask(.minuteEntry(entry, meeting: meeting)))
    }

    /// The meeting's title is in: the minute's form opens.
    static func openMinuteEntry(_ entry: MinuteEntry, meeting: String, title: String, _ app: App) {
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
                    // One line, so Enter saves and the secretary types the next decision at once.
                    fields: [FormField(Field(Fields.Decision.text, .text, required: true), label: "Decision")]))
        case .proposal:
            // The proposal's form over the Decisions pane, where it is shown once saved.
            do { try app.switchTo(.decisions) } catch { return app.fail(error) }
            app.openAddForm(NewRecord(kind: .proposal, preset: [Fields.Proposal.meeting: (title, meeting)]))
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

    // MARK: - The minutes in the user's editor

    /// Asks for the minutes in a temporary file for `$EDITOR`; `finishEditing` reads them back.
    static func startExternalEdit(_ app: App) {
        guard let meeting = selectedMeeting(app) else {
            app.state.message = Message("Select a meeting first", .warning)
            return
        }
        app.emit(.file(.minutesForEditor(meeting: meeting)))
    }

    /// Writes the minutes to a temporary file (by the runner).
    static func minutesForEditor(_ meeting: String, _ store: Store) throws -> String {
        let minutes = try store.read { try $0.record(.meeting, id: meeting)?[Fields.Meeting.minutes].text } ?? ""
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-minutes-\(UUID().uuidString).md")
            .path
        try Data(minutes.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The file is written: the terminal runs the editor on it.
    static func editMinutes(_ meeting: String, in file: String, _ app: App) {
        app.editingMinutes = (meeting, file)
        app.emit(.terminal(.editExternally(file: file)))
    }

    /// The editor is done (`App.finishEditing`): what it left is saved.
    static func finishEditing(succeeded: Bool, _ app: App) {
        guard let (meeting, file) = app.editingMinutes else { return }
        app.editingMinutes = nil
        app.emit(.file(.minutesFromEditor(meeting: meeting, file: file, succeeded: succeeded)))
    }

    /// What came of the minutes the editor left.
    enum EditedMinutes {
        case editorFailed
        case notUTF8(file: String)
        case saved(unchanged: Bool)
        case notSaved(file: String, any Error)
    }

    /// Saves what the editor left in the file (nothing when it is unchanged or the editor failed;
    /// by the runner). Text that could not be saved stays in the file, which the message names:
    /// minutes taken at an event are never thrown away because the database was busy or the
    /// meeting was deleted meanwhile.
    static func minutesFromEditor(_ meeting: String, _ file: String, _ succeeded: Bool, _ store: Store) -> EditedMinutes
    {
        guard succeeded, let data = FileManager.default.contents(atPath: file) else {
            try? FileManager.default.removeItem(atPath: file)
            return .editorFailed
        }
        guard let text = String(data: data, encoding: .utf8) else { return .notUTF8(file: file) }
        do {
            let change = try store.write { try $0.update(.meeting, id: meeting, [Fields.Meeting.minutes: .text(text)]) }
            try? FileManager.default.removeItem(atPath: file)
            return .saved(unchanged: change == .unchanged)
        } catch {
            return .notSaved(file: file, error)
        }
    }

    static func editedMinutes(_ outcome: EditedMinutes, _ app: App) {
        switch outcome {
        case .editorFailed:
            app.state.message = Message("The editor did not finish; the minutes are unchanged", .warning)
        case .notUTF8(let file):
            app.state.message = Message("Minutes not saved, kept in \(file): they are not UTF-8 text", .error)
        case .saved(let unchanged):
            app.state.message = Message(unchanged ? "The minutes are unchanged" : "Saved the minutes")
            app.reloadAll(force: true)
        case .notSaved(let file, let error):
            app.state.message = Message("Minutes not saved, kept in \(file): \(error)", .error)
        }
    }

    // MARK: - The minutes as a file

    static func startMinutesExport(_ app: App) throws {
        guard let meeting = selectedMeeting(app) else {
            app.state.message = Message("Select a meeting first", .warning)
            return
        }
        app.emit(.ask(.minutesFile(meeting: meeting)))
    }

    static func askMinutesFile(_ meeting: String, title: String, _ app: App) {
        let suggestion = app.databaseFolder.appendingPathComponent("\(FileNames.slug(title, fallback: "minutes")).md")
            .path
        app.state.modal = .prompt(
            PromptState(
                title: "Write the minutes of '\(OneLine.of(title, limit: 50))' (Markdown)",
                label: "File", input: TextInput(suggestion), purpose: .exportMinutes(meeting: meeting)))
    }
}
