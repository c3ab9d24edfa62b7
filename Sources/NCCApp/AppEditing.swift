import Foundation
import NCCModel
import NCCStore
import Screen

/// Adding, editing and deleting records, and the minute-taking entries of a live meeting.
extension App {
    /// The fields a form shows for a kind, in the order a person fills them in.
    static func formFields(_ kind: Kind) -> [String] { kind.spec.form ?? Schema.fields(of: kind).map(\.name) }

    /// An expert's name and e-mail belong to their person record.
    static func isPersonField(_ kind: Kind, _ name: String) -> Bool { kind == .expert && (name == "name" || name == "email") }

    static func fieldSpec(_ kind: Kind, _ name: String) -> Field? {
        isPersonField(kind, name) ? Schema.field(name, of: .person) : Schema.field(name, of: kind)
    }

    func startAdd() throws {
        var kind: Kind
        var preset: [String: (String, String)] = [:]
        switch state.pane {
        case .directory:
            // In a centre's detail, a adds a partner organisation; in an organisation's, a person.
            if state.region == .detail, let top = state.detail.stack.last, top.kind == .organisation {
                kind = .person
                preset["organisation"] = (try store.read { try $0.title(.organisation, id: top.id) }, top.id)
            } else if state.region == .detail, let row = state.list.selectedRow, row.kind == .centre {
                kind = .organisation
                preset["centre"] = (row.cells[1], row.id)
            } else {
                kind = .centre
            }
        case .experts: kind = state.expertsShowNeeds ? .need : .expert
        case .tasks: kind = .task
        case .meetings: kind = .meeting
        default: return
        }
        var fields = Self.formFields(kind).compactMap { name -> FormField? in
            guard let spec = Self.fieldSpec(kind, name) else { return nil }
            if let (title, id) = preset[name] { return FormField(spec, value: title, chosenID: id) }
            let initial = spec.defaultValue.isNull ? "" : spec.defaultValue.plain
            return FormField(spec, value: initial)
        }
        if kind == .meeting, let i = fields.firstIndex(where: { $0.field.name == "start" }) {
            fields[i] = FormField(fields[i].field, value: today + "T09:00Z")
        }
        state.modal = .form(FormState(title: "New \(kind.singular)", purpose: .add(kind), fields: fields))
    }

    func startEdit() throws {
        guard let ref = currentRecord else { return }
        guard let record = try store.read({ try $0.record(ref.kind, id: ref.id) }) else { return }
        let names = Self.formFields(ref.kind)
        let person = ref.kind == .expert ? try store.read { try $0.record(.person, id: record["person"].text ?? "") } : nil
        let fields = try store.read { r -> [FormField] in
            let l = loader(r)
            return try names.compactMap { name -> FormField? in
                guard let spec = Self.fieldSpec(ref.kind, name) else { return nil }
                let source = Self.isPersonField(ref.kind, name) ? person : record
                guard let source else { return nil }
                let value = source[name]
                if let target = spec.type.referencedKind, let id = value.text {
                    return FormField(spec, value: try l.title(target, id), chosenID: id)
                }
                let text: String = switch value {
                case .list(let items): items.joined(separator: "; ")
                default: value.plain
                }
                return FormField(spec, value: text)
            }
        }
        let title = try store.read { try $0.title(ref.kind, id: ref.id) }
        state.modal = .form(FormState(title: "Edit \(ref.kind.singular): \(title)", purpose: .edit(ref), fields: fields))
    }

    func askDelete() throws {
        guard let ref = currentRecord else { return }
        let title = try store.read { try $0.title(ref.kind, id: ref.id) }
        state.modal = .confirm(Confirm(question: "Delete \(ref.kind.singular) '\(title)'?", onYes: .delete(ref)))
    }

    func askPropose(expert: String, need: String) {
        let names = try? store.read { r in (try r.title(.expert, id: expert), try r.title(.need, id: need)) }
        state.modal = .confirm(Confirm(question: "Propose \(names?.0 ?? "this expert") for '\(names?.1 ?? "this need")'?",
                                       onYes: .propose(expert: expert, need: need)))
    }

    func proposeSelected() throws {
        guard state.expertsShowNeeds, let need = state.list.selectedRow?.id else {
            state.message = Message("Choose a need first (n shows the needs), then an expert in its detail", .warning)
            return
        }
        guard state.region == .detail, let index = state.detail.selected, let target = state.detail.lines[index].target,
              target.kind == .expert else {
            state.message = Message("Select an expert in the need's ranking (Tab, then ↓)", .warning)
            return
        }
        askPropose(expert: target.id, need: need)
    }

    /// The engagement selected in a need's detail.
    var selectedEngagement: String? {
        guard state.pane == .experts, state.region == .detail, let index = state.detail.selected,
              let target = state.detail.lines[index].target, target.kind == .engagement else {
            state.message = Message("Select an engagement in a need's detail first (n, then Tab)", .warning)
            return nil
        }
        return target.id
    }

    /// proposed → agreed → done; done asks for the feedback.
    func advanceEngagement() throws {
        guard let id = selectedEngagement else { return }
        switch try store.write({ try $0.advanceEngagement(id, today: today) }) {
        case .agreed:
            state.message = Message("The engagement is agreed")
            try reloadAll(force: true)
        case .needsFeedback:
            state.modal = .form(FormState(title: "Engagement done: how did it go?", purpose: .feedback(engagement: id), fields: [
                FormField(Schema.field("feedback", of: .engagement)!, label: "Feedback 1-5"),
                FormField(Schema.field("notes", of: .engagement)!, label: "Notes"),
            ]))
        case .nothingFollows(let status):
            state.message = Message("This engagement is \(status); nothing follows", .warning)
        }
    }

    func cycleTaskStatus() throws {
        guard let row = state.list.selectedRow, row.kind == .task, state.region == .list else { return }
        let next = try store.write { try $0.advanceTaskStatus(row.id) }
        state.message = Message("'\(row.cells.last ?? "")' is now \(next)")
        try reloadAll(force: true)
    }

    func cycleAreaFilter() throws {
        let areas = try store.read { try $0.list(.workingArea, limit: 100) }
        guard !areas.isEmpty else {
            state.message = Message("There are no working areas yet", .warning)
            return
        }
        if let current = state.tasks.area, let i = areas.firstIndex(where: { $0.id == current }) {
            state.tasks.area = i + 1 < areas.count ? areas[i + 1].id : nil
        } else {
            state.tasks.area = areas[0].id
        }
        state.tasks.areaTitle = areas.first { $0.id == state.tasks.area }?["title"].text
        try reloadList(.tasks)
    }

    // MARK: - Minute taking

    enum MinuteEntry { case note, decision, actionItem }

    var selectedMeeting: String? {
        guard state.pane == .meetings, let row = state.list.selectedRow, row.kind == .meeting else { return nil }
        return row.id
    }

    func startMinuteEntry(_ entry: MinuteEntry) throws {
        guard let meeting = selectedMeeting else {
            state.message = Message("Select a meeting first", .warning)
            return
        }
        let title = try store.read { try $0.title(.meeting, id: meeting) }
        switch entry {
        case .note:
            state.modal = .form(FormState(title: "Note for \(title)", purpose: .note(meeting: meeting),
                                          fields: [FormField(Field("note", .text, required: true), label: "Note")]))
        case .decision:
            state.modal = .form(FormState(title: "Decision of \(title)", purpose: .decision(meeting: meeting),
                                          fields: [FormField(Schema.field("text", of: .decision)!, label: "Decision")]))
        case .actionItem:
            state.modal = .form(FormState(title: "Action item of \(title)", purpose: .actionItem(meeting: meeting), fields: [
                FormField(Field("text", .text, required: true), label: "Action"),
                FormField(Schema.field("owner", of: .actionItem)!),
                FormField(Schema.field("due", of: .actionItem)!),
            ]))
        }
    }

    /// Writes the minutes to a temporary file for `$EDITOR`; `finishEditing` reads them back.
    func startExternalEdit() throws -> Outcome {
        guard let meeting = selectedMeeting else {
            state.message = Message("Select a meeting first", .warning)
            return .none
        }
        let minutes = try store.read { try $0.record(.meeting, id: meeting)?["minutes"].text } ?? ""
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-minutes-\(UUID().uuidString).md").path
        try Data(minutes.utf8).write(to: URL(fileURLWithPath: file))
        editingMinutes = (meeting, file)
        return .editExternally(file: file)
    }

    /// Saves what the editor left in the file (nothing when it is unchanged or the editor failed).
    /// Text that could not be saved stays in the file, which the message names: minutes taken at an
    /// event are never thrown away because the database was busy or the meeting was deleted meanwhile.
    public func finishEditing(succeeded: Bool) {
        guard let (meeting, file) = editingMinutes else { return }
        editingMinutes = nil
        guard succeeded, let data = FileManager.default.contents(atPath: file) else {
            state.message = Message("The editor did not finish; the minutes are unchanged", .warning)
            try? FileManager.default.removeItem(atPath: file)
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            state.message = Message("Minutes not saved, kept in \(file): they are not UTF-8 text", .error)
            return
        }
        do {
            let change = try store.write { try $0.update(.meeting, id: meeting, ["minutes": .text(text)]) }
            try? FileManager.default.removeItem(atPath: file)
            state.message = Message(change == .unchanged ? "The minutes are unchanged" : "Saved the minutes")
            try reloadAll(force: true)
        } catch {
            state.message = Message("Minutes not saved, kept in \(file): \(error)", .error)
        }
    }

    // MARK: - Confirmed effects

    func run(_ effect: PendingEffect) throws {
        switch effect {
        case .delete(let ref):
            let title = try store.read { try $0.title(ref.kind, id: ref.id) }
            try store.write { try $0.delete(ref.kind, id: ref.id) }
            if state.detail.stack.last == ref {
                state.detail.stack.removeLast()
                state.detail.openedFrom = Array(state.detail.openedFrom.prefix(state.detail.stack.count))
            }
            state.message = Message("Deleted \(ref.kind.singular) '\(title)'")
            try reloadAll(force: true)
        case .propose(let expert, let need):
            if case .already(let status) = try store.write({ try $0.proposeEngagement(expert: expert, need: need) }) {
                state.message = Message("Already \(status) for this need", .warning)
                return
            }
            state.message = Message("Proposed: the engagement is recorded as proposed")
            try reloadAll(force: true)
        case .decline(let engagement):
            try store.write { try $0.declineEngagement(engagement) }
            state.message = Message("Declined: the expert is left out of this need's ranking")
            try reloadAll(force: true)
        case .quit:
            state.quitting = true
        case .discardForm:
            asideForm = nil
        case .importBundle(let path, let trust, let fileHash):
            try applyImport(path, trust: trust, fileHash: fileHash)
        }
    }
}
