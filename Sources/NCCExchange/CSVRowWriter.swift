import Foundation
import NCCModel
import NCCStore

/// Turns one CSV row into writes: the record itself, and for some kinds the records around it
/// (an expert's person, a centre's memberships, a meeting's attendance).
struct RowWriter {
    let kind: Kind
    let header: [String]
    let writer: StoreWriter

    var reader: StoreReader { writer.reader }

    mutating func write(_ cells: [String]) throws -> Change {
        var row: [String: String] = [:]
        for (column, cell) in zip(header, cells) { row[column] = cell }
        var own: [FieldName: Value] = [:]
        var person: [FieldName: Value] = [:]
        for column in header {
            guard let (field, onPerson) = CSVTable.field(column, of: kind), let cell = row[column] else { continue }
            let value = try parse(cell, field, column: column)
            if onPerson {
                person[FieldName(.person, field.name)] = value
            } else {
                own[FieldName(kind, field.name)] = value
            }
        }
        let id = try recordID(row, own: own, person: person)
        var related: [Change] = []
        if kind == .expert {
            let personID = try expertPerson(
                id, name: person[Fields.Person.name]?.text, email: person[Fields.Person.email]?.text)
            related.append(try writer.put(.person, id: personID, person))
            own[Fields.Expert.person] = .text(personID)
        }
        let change = try writer.put(kind, id: id, own)
        if kind == .centre, let cell = row[CSVTable.consortiumColumn] {
            related.append(
                try setLinks(
                    from: Fields.Membership.centre, id, to: Fields.Membership.consortium,
                    try FieldInput.items(cell).map { try reference(.consortium, $0, column: "consortium") }))
        }
        if kind == .meeting, let cell = row[CSVTable.attendeesColumn] {
            related.append(
                try setLinks(
                    from: Fields.Attendance.meeting, id, to: Fields.Attendance.person,
                    try FieldInput.items(cell).map { try reference(.person, $0, column: "attendees") }))
        }
        // The row counts as new when its record is; as updated when anything about it changed.
        if change == .created { return .created }
        return change == .updated || related.contains(where: { $0 != .unchanged }) ? .updated : .unchanged
    }

    func parse(_ cell: String, _ field: Field, column: String) throws -> Value {
        let value: Value
        do { value = try FieldInput.parse(cell, for: field) } catch { throw RowProblem("\(column): \(error.message)") }
        guard let target = field.type.referencedKind, let name = value.text else { return value }
        return .text(try reference(target, name, column: column))
    }

    /// The id of the record a reference cell names. A consortium or organisation that does not
    /// exist yet is created; any other unknown name is the row's problem.
    /// Two records that share the name are the row's problem too: it must give the id.
    func reference(_ target: Kind, _ text: String, column: String) throws -> String {
        do {
            return try reader.resolve(target, text)
        } catch let error as StoreError {
            guard case .notFound = error else { throw RowProblem("\(column): \(error)") }
        }
        let stable = StableID.from(text, kind: target)
        if try reader.exists(target, id: stable) { return stable }
        if UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) != nil {
            throw RowProblem("\(column): no \(target.singular) has the id '\(text)'")
        }
        if target == .consortium || target == .organisation {
            let id = StableID.make(target, text)
            let name = target == .consortium ? Fields.Consortium.name : Fields.Organisation.name
            try writer.put(target, id: id, [name: .text(Text.normalized(text.trimmingCharacters(in: .whitespaces)))])
            return id
        }
        throw RowProblem("\(column): no \(target.singular) '\(text)'")
    }

    /// The row's id column, else the record already called the same, else a stable id from the name.
    func recordID(_ row: [String: String], own: [FieldName: Value], person: [FieldName: Value]) throws -> String {
        if let cell = row["id"], !cell.trimmingCharacters(in: .whitespaces).isEmpty {
            return StableID.from(cell, kind: kind)
        }
        switch kind.spec.csv?.identity ?? .name {
        case .personName:
            guard let personName = person[Fields.Person.name]?.text else {
                throw RowProblem("name: an \(kind.singular) needs a name")
            }
            if let id = try? reader.resolve(kind, personName) { return id }
            return StableID.make(kind, personName)
        case .pair(let one, let other):
            let a = own[one]?.text ?? ""
            let b = own[other]?.text ?? ""
            let existing = try reader.records(
                RecordQuery(kind, conditions: [.equals(one, .text(a)), .equals(other, .text(b))]), limit: 1)
            return existing.first?.id ?? StableID.make(kind, a + "/" + b)
        case .fields(let fields, let perReplica):
            let values = fields.map { own[$0] ?? .null }
            let key = values.map { $0.text ?? $0.plain }.joined(separator: "/")
            // Per replica: only this replica's own record of these values is the row's.
            if perReplica { return StableID.make(kind, key + "/" + writer.replica) }
            let existing = try reader.records(
                RecordQuery(kind, conditions: zip(fields, values).map { .equals($0, $1) }), limit: 1)
            return existing.first?.id ?? StableID.make(kind, key)
        case .nameWithin(let scopeField, let at):
            let (field, title) = try name(own)
            let scope = own[scopeField] ?? .null
            let stable = StableID.make(kind, (scope.text ?? "") + "/" + title)
            let same = try reader.records(
                RecordQuery(kind, conditions: [.equals(field, .text(title)), .equals(scopeField, scope)]), limit: 2)
            if same.count == 1 { return same[0].id }
            if same.count > 1, !same.contains(where: { $0.id == stable }) {
                throw RowProblem(
                    "\(field.name): several \(kind.plural) are called '\(title)' at this \(at); give the row an id")
            }
            return stable
        case .name:
            let (field, title) = try name(own)
            let stable = StableID.make(kind, title)
            do {
                let id = try reader.resolve(kind, title)
                if try reader.record(kind, id: id)?[field].text == title { return id }
            } catch StoreError.ambiguous(_, _, let count) {
                if try !reader.exists(kind, id: stable) {
                    throw RowProblem("\(field.name): \(count) \(kind.plural) are called '\(title)'; give the row an id")
                }
            } catch StoreError.notFound {}
            return stable
        }
    }

    /// What names the row's record: its title field and the text in it.
    private func name(_ own: [FieldName: Value]) throws -> (field: FieldName, title: String) {
        guard let field = Schema.titleField(of: kind).map({ FieldName(kind, $0) }), let title = own[field]?.text else {
            throw RowProblem("\(Schema.titleField(of: kind) ?? "name"): a \(kind.singular) needs one")
        }
        return (field, title)
    }

    /// An expert's person: the one they already have, else the person of that name, else a new one.
    /// Several people of one name are told apart by e-mail.
    func expertPerson(_ expertID: String, name: String?, email: String?) throws -> String {
        if let existing = try reader.record(.expert, id: expertID)?[Fields.Expert.person].text { return existing }
        if let name {
            let namesakes = try reader.records(
                RecordQuery(.person, conditions: [.equals(Fields.Person.name, .text(name))]), limit: 50)
            if namesakes.count == 1 { return namesakes[0].id }
            if let email, let match = namesakes.first(where: { $0[Fields.Person.email].text == email }) {
                return match.id
            }
        }
        return StableID.make(.person, "expert/" + expertID)
    }

    /// Makes the link records from one record (a centre's memberships, a meeting's attendance)
    /// exactly the ones listed.
    func setLinks(from field: FieldName, _ id: String, to other: FieldName, _ targets: [String]) throws -> Change {
        let link = field.kind
        var change = Change.unchanged
        let existing = try reader.records(where: field, is: id, limit: 10_000)
        let wanted = Set(targets)
        for record in existing where !wanted.contains(record[other].text ?? "") {
            try writer.delete(link, id: record.id)
            change = .updated
        }
        let have = Set(existing.compactMap { $0[other].text })
        for target in targets where !have.contains(target) {
            try writer.put(link, id: StableID.make(link, id + "/" + target), [field: .text(id), other: .text(target)])
            change = .updated
        }
        return change
    }
}
