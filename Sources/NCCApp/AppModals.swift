import NCCModel
import NCCStore
import Screen

/// Keys while a help overlay, a question, a form or the jump palette covers the panes.
extension App {
    func handleModalKey(_ key: Key) throws -> Outcome {
        guard let modal = state.modal else { return .none }
        switch modal {
        case .help:
            state.modal = nil
        case .confirm(let confirm):
            switch key {
            case .character("y"), .character("Y"):
                state.modal = nil
                try run(confirm.onYes)
                if confirm.onYes == .quit { return .quit }
            case .character("n"), .character("N"), .escape:
                state.modal = nil
                if confirm.onYes == .discardForm, let form = asideForm {
                    state.modal = .form(form)
                    asideForm = nil
                }
                if case .importBundle = confirm.onYes { state.message = Message("Nothing was imported") }
            default: break
            }
        case .form(var form):
            try handleFormKey(key, &form)
        case .palette(var palette):
            try handlePaletteKey(key, &palette)
        case .prompt(var prompt):
            try handlePromptKey(key, &prompt)
        }
        return .none
    }

    // MARK: - Forms

    func handleFormKey(_ key: Key, _ form: inout FormState) throws {
        var field = form.fields[form.focused]
        let choosing = field.isReference && !field.choices.isEmpty
        switch key {
        case .escape:
            if choosing {
                form.fields[form.focused].choices = []
            } else if form.isChanged {
                asideForm = form
                state.modal = .confirm(Confirm(question: "Discard the changes to this form?", onYes: .discardForm))
                return
            } else {
                state.modal = nil
                return
            }
        case .tab, .backTab:
            if choosing, key == .tab { accept(&form) }
            form.fields[form.focused].error = check(form.fields[form.focused], kind: form.kind)
            form.focused = (form.focused + (key == .tab ? 1 : form.fields.count - 1)) % form.fields.count
        case .up where choosing:
            form.fields[form.focused].choice = max(0, field.choice - 1)
        case .down where choosing:
            form.fields[form.focused].choice = min(field.choices.count - 1, field.choice + 1)
        case .up where field.area == nil, .down where field.area == nil:
            form.fields[form.focused].error = check(field, kind: form.kind)
            form.focused = max(0, min(form.fields.count - 1, form.focused + (key == .up ? -1 : 1)))
        case .enter where choosing:
            accept(&form)
        case .enter where field.area == nil, .control("s"):
            if try save(&form) { return }
        case .character(" ") where field.field.type == .bool:
            let on = (try? FieldInput.parse(field.text, for: field.field))?.bool ?? false
            field.input = TextInput(on ? "no" : "yes")
            form.fields[form.focused] = field
        default:
            if var area = field.area {
                guard area.handle(key) else { break }
                field.area = area
            } else {
                guard field.input.handle(key) else { break }
            }
            field.error = nil
            if let target = field.field.type.referencedKind {
                field.chosenID = nil
                field.choice = 0
                let text = field.input.text
                field.choices = text.isEmpty ? [] : try store.read { r in
                    try r.quickSearch(text, kinds: [target], limit: 6).map { PaletteHit(ref: RecordRef($0.kind, $0.id), title: $0.title, snippet: "") }
                }
            }
            form.fields[form.focused] = field
        }
        if case .form = state.modal { state.modal = .form(form) }
    }

    func accept(_ form: inout FormState) {
        var field = form.fields[form.focused]
        guard field.choices.indices.contains(field.choice) else { return }
        let hit = field.choices[field.choice]
        field.input = TextInput(hit.title)
        field.chosenID = hit.ref.id
        field.choices = []
        field.error = nil
        form.fields[form.focused] = field
    }

    /// The field's error as the user should see it at the field, or nil when it is fine.
    func check(_ field: FormField, kind: Kind) -> String? {
        if field.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return field.field.required ? "required" : nil
        }
        do {
            _ = try FieldInput.parse(field.text, for: field.field)
        } catch {
            return error.message
        }
        if let target = field.field.type.referencedKind, field.chosenID == nil {
            do { _ = try store.read { try $0.resolve(target, field.text) } } catch { return String(describing: error) }
        }
        return nil
    }

    /// Checks every field and writes the record; returns true when the form is done.
    func save(_ form: inout FormState) throws -> Bool {
        var firstBad: Int?
        for i in form.fields.indices {
            form.fields[i].error = check(form.fields[i], kind: form.kind)
            if form.fields[i].error != nil, firstBad == nil { firstBad = i }
        }
        if let firstBad {
            form.focused = firstBad
            form.error = "Fix the field marked in red, then save again"
            return false
        }
        do {
            let message = try store.write { w -> String in try write(form, w) }
            state.modal = nil
            state.message = Message(message)
            try reloadAll(force: true)
            return true
        } catch {
            form.error = String(describing: error)
            return false
        }
    }

    /// The values of the form's fields, references resolved, for `kind`'s own fields (`person`
    /// gets the fields that belong to an expert's person).
    func values(_ form: FormState, _ reader: StoreReader, person: Bool = false) throws -> [String: Value] {
        var values: [String: Value] = [:]
        for field in form.fields where Self.isPersonField(form.kind, field.field.name) == person {
            var value = try FieldInput.parse(field.text, for: field.field)
            if let target = field.field.type.referencedKind, !value.isNull {
                value = .text(try field.chosenID ?? reader.resolve(target, field.text))
            }
            values[field.field.name] = value
        }
        return values
    }

    func write(_ form: FormState, _ w: StoreWriter) throws -> String {
        switch form.purpose {
        case .add(let kind):
            var values = try values(form, w.reader)
            if kind == .expert {
                values["person"] = .text(try w.create(.person, try self.values(form, w.reader, person: true)))
            }
            let id = try w.create(kind, values)
            return "Added \(kind.singular) '\(try w.reader.title(kind, id: id))'"
        case .edit(let ref):
            var change = try w.update(ref.kind, id: ref.id, try values(form, w.reader))
            if ref.kind == .expert, let person = try w.reader.record(.expert, id: ref.id)?["person"].text {
                if try w.update(.person, id: person, try values(form, w.reader, person: true)) == .updated { change = .updated }
            }
            return change == .unchanged ? "Nothing changed" : "Saved \(ref.kind.singular) '\(try w.reader.title(ref.kind, id: ref.id))'"
        case .note(let meeting):
            try w.appendToMinutes(meeting: meeting, note: form.fields[0].text.trimmingCharacters(in: .whitespaces))
            return "Note saved"
        case .feedback(let engagement):
            let values = try values(form, w.reader)
            let feedback = values["feedback"] ?? .null
            try w.completeEngagement(engagement, feedback: feedback, notes: values["notes"] ?? .null, today: today)
            return "The engagement is done, with feedback \(feedback.int ?? 0)/5"
        case .decision(let meeting):
            try w.recordDecision(meeting: meeting, text: form.fields[0].text)
            return "Decision saved"
        case .actionItem(let meeting):
            let values = try values(form, w.reader)
            let text = values["text"]?.text ?? ""
            try w.recordActionItem(meeting: meeting, text: text, owner: values["owner"] ?? .null, due: values["due"] ?? .null)
            return "Action item saved; it is task '\(text)'"
        }
    }

    // MARK: - Jump palette

    func handlePaletteKey(_ key: Key, _ palette: inout PaletteState) throws {
        switch key {
        case .escape:
            state.modal = nil
            return
        case .up: palette.selected = max(0, palette.selected - 1)
        case .down: palette.selected = min(max(0, palette.hits.count - 1), palette.selected + 1)
        case .enter:
            guard palette.hits.indices.contains(palette.selected) else { return }
            state.modal = nil
            try jump(to: palette.hits[palette.selected].ref)
            return
        default:
            guard palette.input.handle(key) else { return }
            palette.selected = 0
            let text = palette.input.text
            palette.hits = try store.read { r in
                try r.quickSearch(text, limit: 30, mark: ("", "")).map {
                    PaletteHit(ref: RecordRef($0.kind, $0.id), title: $0.title, snippet: $0.snippet)
                }
            }
        }
        state.modal = .palette(palette)
    }

    /// Shows a record in the pane where it lives: selected in the list when the list holds its
    /// kind, else opened in the detail.
    func jump(to ref: RecordRef) throws {
        let pane = Pane.home(of: ref.kind.spec.group)
        state.pane = pane
        state.lists[pane]?.filter = TextInput()
        if pane == .tasks { state.tasks = TaskView() }
        if pane == .experts { state.expertsShowNeeds = ref.kind == .need }
        state.details[pane] = DetailState()
        try reloadList(pane, force: true)
        if let query = loadedQueries[pane], query.kind == ref.kind,
           let position = try store.read({ try $0.position(of: ref.id, in: query) }) {
            let top = max(0, position - layout.listRows / 2)
            state.lists[pane]?.selected = position
            state.lists[pane]?.top = top
            state.region = .list
            try ensureWindow(pane, force: true)
            try loadDetail(pane)
        } else {
            state.details[pane]?.stack = [ref]
            state.region = .detail
            try loadDetail(pane)
            moveInDetail(by: 0)
        }
        state.message = Message("\(ref.kind.singular.capitalized): \(try store.read { try $0.title(ref.kind, id: ref.id) })")
    }
}
