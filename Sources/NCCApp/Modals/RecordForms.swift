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
        guard let record = try store.read({ try $0.record(ref.kind, id: ref.id) }) else { return }
        let names = Self.formFields(ref.kind)
        let person =
            ref.kind == .expert
            ? try store.read { try $0.record(.person, id: record[Fields.Expert.person].text ?? "") } : nil
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
                let text: String =
                    switch value {
                    case .list(let items): items.joined(separator: "; ")
                    default: value.plain
                    }
                return FormField(spec, value: text)
            }
        }
        let title = try store.read { try $0.title(ref.kind, id: ref.id) }
        state.modal = .form(
            FormState(title: "Edit \(ref.kind.singular): \(title)", purpose: .edit(ref), fields: fields))
    }

    func askDelete() throws {
        guard let ref = currentRecord else { return }
        let title = try store.read { try $0.title(ref.kind, id: ref.id) }
        state.modal = .confirm(Confirm(question: "Delete \(ref.kind.singular) '\(title)'?", onYes: .delete(ref)))
    }

    // MARK: - Confirmed

    /// Does what the user said yes to.
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
        case .propose(let expert, let need): try ExpertsPane.propose(expert: expert, need: need, self)
        case .decline(let engagement): try ExpertsPane.decline(engagement, self)
        case .quit:
            state.quitting = true
        case .discardForm:
            asideForm = nil
        case .importBundle(let path, let trust, let fileHash):
            try SyncPane.applyImport(path, trust: trust, fileHash: fileHash, self)
        }
    }
}
