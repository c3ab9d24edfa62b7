import Foundation
import NCCModel
import NCCStore
import Screen

/// Adding, editing and deleting records (the form a kind's spec lays out), and what the user
/// confirmed.
extension App {
    /// The fields a form shows for a kind, in the order a person fills them in.
    static func formFields(_ kind: Kind) -> [String] { kind.spec.form ?? Schema.fields(of: kind).map(\.name) }

    /// An expert's name and e-mail belong to their person record.
    static func isPersonField(_ kind: Kind, _ name: String) -> Bool {
        kind == .expert && (name == Fields.Person.name.name || name == Fields.Person.email.name)
    }

    static func fieldSpec(_ kind: Kind, _ name: String) -> Field? {
        isPersonField(kind, name) ? Schema.field(name, of: .person) : Schema.field(name, of: kind)
    }

    func startAdd() throws {
        guard let new = try state.pane.feature.newRecord(self) else { return }
        openAddForm(new)
    }

    /// The form of a new record, with the fields chosen already filled in.
    func openAddForm(_ new: NewRecord) {
        let (kind, preset) = (new.kind, new.preset)
        var fields = Self.formFields(kind).compactMap { name -> FormField? in
            guard let spec = Self.fieldSpec(kind, name) else { return nil }
            if let (title, id) = preset[FieldName(kind, name)] { return FormField(spec, value: title, chosenID: id) }
            let initial = spec.defaultValue.isNull ? "" : spec.defaultValue.plain
            return FormField(spec, value: initial)
        }
        if kind == .meeting, let i = fields.firstIndex(where: { $0.field.name == Fields.Meeting.start.name }) {
            fields[i] = FormField(fields[i].field, value: today + "T09:00Z")
        }
        state.modal = .form(FormState(title: "New \(kind.singular)", purpose: .add(kind), fields: fields))
    }

    func startEdit() throws {
        guard let ref = currentRecord else { return }
        emit(.ask(.editing(ref)))
    }

    /// The record's values are in: its form opens.
    func openEditForm(_ ref: RecordRef, _ answer: Answer) {
        guard case .form(let title, let fields) = answer else { return }
        state.modal = .form(
            FormState(title: "Edit \(ref.kind.singular): \(title)", purpose: .edit(ref), fields: fields))
    }

    func askDelete() throws {
        guard let ref = currentRecord else { return }
        emit(.ask(.deleting(ref)))
    }

    func confirmDelete(_ ref: RecordRef, _ answer: Answer) {
        guard case .title(let title) = answer else { return }
        state.modal = .confirm(Confirm(question: "Delete \(ref.kind.singular) '\(title)'?", onYes: .delete(ref)))
    }

    // MARK: - Confirmed

    /// Does what the user said yes to.
    func run(_ confirmed: Confirmed) throws {
        switch confirmed {
        case .delete(let ref): emit(.change(.delete(ref)))
        case .propose(let expert, let need): emit(.change(.proposeEngagement(expert: expert, need: need)))
        case .decline(let engagement): emit(.change(.declineEngagement(engagement)))
        case .quit:
            state.quitting = true
            emit(.terminal(.quit))
        case .discardForm:
            asideForm = nil
        case .importBundle(let path, let trust, let fileHash):
            SyncPane.startApplying(path, trust: trust, fileHash: fileHash, self)
        }
    }

    func deleted(_ ref: RecordRef, title: String) {
        if state.detail.stack.last == ref {
            state.detail.stack.removeLast()
            state.detail.openedFrom = Array(state.detail.openedFrom.prefix(state.detail.stack.count))
        }
        state.message = Message("Deleted \(ref.kind.singular) '\(title)'")
        reloadAll(force: true)
    }
}

/// The runner's side of a record's form: its values for editing.
enum RecordForms {
    static func editForm(_ ref: RecordRef, _ l: Loader) throws -> Answer {
        let r = l.reader
        // Deleted meanwhile (by an import): no form.
        guard let record = try r.record(ref.kind, id: ref.id) else { return .missing }
        let person = ref.kind == .expert ? try r.record(.person, id: record[Fields.Expert.person].text ?? "") : nil
        let fields = try App.formFields(ref.kind).compactMap { name -> FormField? in
            guard let spec = App.fieldSpec(ref.kind, name) else { return nil }
            let source = App.isPersonField(ref.kind, name) ? person : record
            guard let source else { return nil }
            let value = source[name]
            if let target = spec.type.referencedKind, let id = value.text {
                return FormField(spec, value: try l.title(target, id), chosenID: id)
            }
            let text: String =
                switch value {
                case .list(let items): items.joined(separator: "; ")
                default: value.plain
                }
            return FormField(spec, value: text)
        }
        return .form(title: try r.title(ref.kind, id: ref.id), fields: fields)
    }
}
