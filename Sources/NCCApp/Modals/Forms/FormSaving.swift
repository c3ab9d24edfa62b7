import NCCModel
import NCCStore

/// The runner's side of a form: a typed reference must name one record, then the record is
/// written in one transaction (an expert with their person), or the minute, decision, action
/// item or feedback by the store's rules.
enum FormSaving {
    static func save(_ form: FormState, _ store: Store, today: String) throws -> Changed {
        let refused = try store.read { r in
            var errors: [Int: String] = [:]
            for (index, field) in form.fields.enumerated() {
                guard let target = field.field.type.referencedKind, field.chosenID == nil,
                    !field.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                else { continue }
                errors[index] = check(target, field.text, r)
            }
            return errors
        }
        if !refused.isEmpty { return .refused(refused) }
        var created: RecordRef?
        let message = try store.write { w in try write(form, w, today: today, created: &created) }
        return .saved(message, created: created)
    }

    /// Whether typed text names one record of `kind` (nil), or why not.
    static func check(_ kind: Kind, _ text: String, _ reader: StoreReader) -> String? {
        do {
            _ = try reader.resolve(kind, text)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// The values of the form's fields, references resolved, for `kind`'s own fields (`person`
    /// gets the fields that belong to an expert's person).
    static func values(_ form: FormState, _ reader: StoreReader, person: Bool = false) throws -> [String: Value] {
        var values: [String: Value] = [:]
        for field in form.fields where App.isPersonField(form.kind, field.field.name) == person {
            var value = try FieldInput.parse(field.text, for: field.field)
            if let target = field.field.type.referencedKind, !value.isNull {
                value = .text(try field.chosenID ?? reader.resolve(target, field.text))
            }
            values[field.field.name] = value
        }
        return values
    }

    /// Writes the form; returns what the message line says, and sets `created` to a record it added.
    static func write(_ form: FormState, _ w: StoreWriter, today: String, created: inout RecordRef?) throws -> String {
        switch form.purpose {
        case .add(let kind):
            var values = try Self.values(form, w.reader)
            if kind == .expert {
                values[Fields.Expert.person.name] = .text(
                    try w.create(.person, try Self.values(form, w.reader, person: true)))
            }
            let id = try w.create(kind, values)
            created = RecordRef(kind, id)
            return "Added \(kind.singular) '\(try w.reader.title(kind, id: id))'"
        case .edit(let ref):
            var change = try w.update(ref.kind, id: ref.id, try Self.values(form, w.reader))
            if ref.kind == .expert, let person = try w.reader.record(.expert, id: ref.id)?[Fields.Expert.person].text {
                if try w.update(.person, id: person, try Self.values(form, w.reader, person: true)) == .updated {
                    change = .updated
                }
            }
            return change == .unchanged
                ? "Nothing changed" : "Saved \(ref.kind.singular) '\(try w.reader.title(ref.kind, id: ref.id))'"
        case .note(let meeting):
            try w.appendToMinutes(meeting: meeting, note: form.fields[0].text.trimmingCharacters(in: .whitespaces))
            return "Note saved"
        case .feedback(let engagement):
            let values = try Self.values(form, w.reader)
            let feedback = values[Fields.Engagement.feedback.name] ?? .null
            try w.completeEngagement(
                engagement, feedback: feedback, notes: values[Fields.Engagement.notes.name] ?? .null, today: today)
            return "The engagement is done, with feedback \(feedback.int ?? 0)/5"
        case .decision(let meeting):
            try w.recordDecision(meeting: meeting, text: form.fields[0].text)
            return "Decision saved"
        case .actionItem(let meeting):
            let values = try Self.values(form, w.reader)
            let text = values[Fields.ActionItem.text.name]?.text ?? ""
            try w.recordActionItem(
                meeting: meeting, text: text, owner: values[Fields.ActionItem.owner.name] ?? .null,
                due: values[Fields.ActionItem.due.name] ?? .null)
            return "Action item saved; it is task '\(text)'"
        }
    }
}
