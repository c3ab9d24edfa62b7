import NCCModel
import NCCStore

/// The `--FIELD VALUE` pairs of `ncc add` and `ncc edit`, checked against the kind's schema.
/// `--field=value` works too, and a yes/no field given without a value means yes.
struct FieldArguments {
    /// Field name to what the user typed, in the order given.
    var values: [(field: Field, raw: String)] = []
    /// For an expert: the fields of their person (name, e-mail, ...), which the CLI accepts inline.
    var personValues: [(field: Field, raw: String)] = []

    /// The person's fields an expert command takes directly (`ncc add expert --name ...`).
    static let expertPersonFields = [
        Fields.Person.name, Fields.Person.email, Fields.Person.phone, Fields.Person.organisation,
        Fields.Person.role, Fields.Person.shareable,
    ].map(\.name)

    init(_ arguments: [String], kind: Kind) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw CLIError("unexpected '\(argument)': give fields as --FIELD VALUE (see 'ncc add --help')")
            }
            var flag = String(argument.dropFirst(2))
            var raw: String?
            if let equals = flag.firstIndex(of: "=") {
                raw = String(flag[flag.index(after: equals)...])
                flag = String(flag[..<equals])
            }
            let name = flag.replacingOccurrences(of: "-", with: "_")
            let field: Field
            var forPerson = false
            if let own = Schema.field(name, of: kind) {
                field = own
            } else if kind == .expert, Self.expertPersonFields.contains(name),
                let personField = Schema.field(name, of: .person)
            {
                field = personField
                forPerson = true
            } else {
                throw StoreError.unknownField(kind: kind, field: flag)
            }
            if raw == nil {
                let next: String? = index + 1 < arguments.count ? arguments[index + 1] : nil
                if let next, !(next.hasPrefix("--") && next.count > 2) {
                    raw = next
                    index += 1
                } else if case .bool = field.type {
                    raw = "true"
                } else {
                    throw CLIError("--\(flag) needs a value: \(field.type.hint)")
                }
            }
            if forPerson { personValues.append((field, raw!)) } else { values.append((field, raw!)) }
            index += 1
        }
    }

    var isEmpty: Bool { values.isEmpty && personValues.isEmpty }

    /// Parses every value and resolves references (by id, id prefix or exact name) in the
    /// transaction that will write them.
    func resolved(_ kind: Kind, _ pairs: [(field: Field, raw: String)], reader: StoreReader) throws -> [String: Value] {
        var result: [String: Value] = [:]
        for (field, raw) in pairs {
            var value: Value
            do { value = try FieldInput.parse(raw, for: field) } catch { throw StoreError.invalid(kind: kind, error) }
            if let target = field.type.referencedKind, let reference = value.text {
                value = .text(try reader.resolve(target, reference))
            }
            result[field.name] = value
        }
        return result
    }

    /// The flags each kind takes, for `--help`.
    static func help(for kinds: [Kind]) -> String {
        kinds.map { kind in
            var flags = Schema.fields(of: kind).map { "--\($0.flag)" + ($0.required ? "*" : "") }
            if kind == .expert { flags += expertPersonFields.map { "--\($0)" } }
            return "  \(kind.plural): " + flags.joined(separator: " ")
        }.joined(separator: "\n")
    }
}

/// A user error found by the CLI itself, with the one line to show.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
