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
            try save(&form)
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
                field.choices = []
                let text = field.input.text
                if !text.isEmpty {
                    emit(
                        .search(
                            SearchRequest(purpose: .picker(field: form.focused, text: text), kinds: [target], limit: 6))
                    )
                }
            }
            form.fields[form.focused] = field
        }
        if case .form = state.modal { state.modal = .form(form) }
    }

    /// Checks the focused field (its error shows at it) and focuses another.
    func leaveField(_ form: inout FormState, to index: Int) {
        let field = form.fields[form.focused]
        form.fields[form.focused].error = check(field)
        if field.error == nil, let target = field.field.type.referencedKind, field.chosenID == nil,
            !field.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            // Typed, not chosen: the store says whether it names one record.
            emit(.ask(.reference(field: form.focused, target, text: field.text)))
        }
        form.focused = index
    }

    /// The picker's hits for what was typed, unless the user typed on meanwhile.
    func found(_ request: SearchRequest, _ hits: [PaletteHit]) {
        switch (request.purpose, state.modal) {
        case (.picker(let index, let text), .form(var form)):
            guard form.fields.indices.contains(index), form.fields[index].input.text == text else { return }
            form.fields[index].choices = hits
            state.modal = .form(form)
        case (.palette(let text), .palette(var palette)):
            guard palette.input.text == text else { return }
            palette.hits = hits
            state.modal = .palette(palette)
        default: break
        }
    }

    /// A reference typed in a field that does not name one record: the error shows at the field.
    func checkedReference(field index: Int, text: String, _ answer: Answer) {
        guard case .form(var form) = state.modal, form.fields.indices.contains(index),
            form.fields[index].text == text, form.fields[index].chosenID == nil, case .refused(let error) = answer
        else { return }
        form.fields[index].error = error
        state.modal = .form(form)
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

    /// The field's error as the user should see it at the field, or nil when it is fine (a
    /// typed reference is checked by the store: `FormSaving`).
    func check(_ field: FormField) -> String? {
        if field.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return field.field.required ? "required" : nil
        }
        do {
            _ = try FieldInput.parse(field.text, for: field.field)
        } catch {
            return error.message
        }
        return nil
    }

    /// Checks every field and asks for the record to be written (`saved` takes the reply).
    func save(_ form: inout FormState) throws {
        var firstBad: Int?
        for i in form.fields.indices {
            form.fields[i].error = check(form.fields[i])
            if form.fields[i].error != nil, firstBad == nil { firstBad = i }
        }
        if let firstBad {
            form.focused = firstBad
            form.error = "Fix the field marked in red, then save again"
            return
        }
        emit(.change(.saveForm(form)))
    }

    /// The form's record is written (it closes), or the store refused it (it stays, saying why).
    func saved(_ changed: Changed) {
        guard case .form(var form) = state.modal else { return }
        switch changed {
        case .saved(let message, let created):
            state.modal = nil
            state.message = Message(message)
            // A new proposal is shown at once, selected, for the room to vote on.
            if let created, created.kind == .proposal { return DecisionsPane.show(created, self) }
            reloadAll(force: true)
            return
        case .refused(let errors):
            for (index, error) in errors where form.fields.indices.contains(index) { form.fields[index].error = error }
            form.focused = errors.keys.min() ?? form.focused
            form.error = "Fix the field marked in red, then save again"
        case .failed(let error):
            form.error = String(describing: error)
        default: return
        }
        state.modal = .form(form)
    }
}
