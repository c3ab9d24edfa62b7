import NCCModel
import NCCStore
import Screen

/// A form's keys (one-line field, yes/no field, text area, open picker: each a `Mode` of the
/// action table), its checks and its save.
extension App {
    func handleFormKey(_ key: Key, _ form: inout FormState) throws {
        var field = form.fields[form.focused]
        switch ActionTable.action(for: key, in: field.mode) {
        case .closeChoices?:
            form.fields[form.focused].choices = []
        case .cancel?:
            if form.isChanged {
                asideForm = form
                state.modal = .confirm(Confirm(question: "Discard the changes to this form?", onYes: .discardForm))
            } else {
                state.modal = nil
            }
            return
        case .takeChoiceAndGoOn?:
            accept(&form)
            leaveField(&form, to: (form.focused + 1) % form.fields.count)
        case .nextField?: leaveField(&form, to: (form.focused + 1) % form.fields.count)
        case .previousField?: leaveField(&form, to: (form.focused + form.fields.count - 1) % form.fields.count)
        case .fieldBelow?: leaveField(&form, to: min(form.fields.count - 1, form.focused + 1))
        case .fieldAbove?: leaveField(&form, to: max(0, form.focused - 1))
        case .choiceUp?:
            form.fields[form.focused].choice = max(0, field.choice - 1)
        case .choiceDown?:
            form.fields[form.focused].choice = min(field.choices.count - 1, field.choice + 1)
        case .takeChoice?:
            accept(&form)
        case .save?:
            if try save(&form) { return }
        case .toggleYesNo?:
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
                field.choices =
                    text.isEmpty
                    ? []
                    : try store.read { r in
                        try r.quickSearch(text, kinds: [target], limit: 6).map {
                            PaletteHit(ref: RecordRef($0.kind, $0.id), title: $0.title, snippet: "")
                        }
                    }
            }
            form.fields[form.focused] = field
        }
        if case .form = state.modal { state.modal = .form(form) }
    }

    /// Checks the focused field (its error shows at it) and focuses another.
    func leaveField(_ form: inout FormState, to index: Int) {
        form.fields[form.focused].error = check(form.fields[form.focused], kind: form.kind)
        form.focused = index
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
                values[Fields.Expert.person.name] = .text(
                    try w.create(.person, try self.values(form, w.reader, person: true)))
            }
            let id = try w.create(kind, values)
            return "Added \(kind.singular) '\(try w.reader.title(kind, id: id))'"
        case .edit(let ref):
            var change = try w.update(ref.kind, id: ref.id, try values(form, w.reader))
            if ref.kind == .expert, let person = try w.reader.record(.expert, id: ref.id)?[Fields.Expert.person].text {
                if try w.update(.person, id: person, try values(form, w.reader, person: true)) == .updated {
                    change = .updated
                }
            }
            return change == .unchanged
                ? "Nothing changed" : "Saved \(ref.kind.singular) '\(try w.reader.title(ref.kind, id: ref.id))'"
        case .note(let meeting):
            try w.appendToMinutes(meeting: meeting, note: form.fields[0].text.trimmingCharacters(in: .whitespaces))
            return "Note saved"
        case .feedback(let engagement):
            let values = try values(form, w.reader)
            let feedback = values[Fields.Engagement.feedback.name] ?? .null
            try w.completeEngagement(
                engagement, feedback: feedback, notes: values[Fields.Engagement.notes.name] ?? .null, today: today)
            return "The engagement is done, with feedback \(feedback.int ?? 0)/5"
        case .decision(let meeting):
            try w.recordDecision(meeting: meeting, text: form.fields[0].text)
            return "Decision saved"
        case .actionItem(let meeting):
            let values = try values(form, w.reader)
            let text = values[Fields.ActionItem.text.name]?.text ?? ""
            try w.recordActionItem(
                meeting: meeting, text: text, owner: values[Fields.ActionItem.owner.name] ?? .null,
                due: values[Fields.ActionItem.due.name] ?? .null)
            return "Action item saved; it is task '\(text)'"
        }
    }
}
