import ArgumentParser
import NCCModel
import NCCStore

/// `ncc add KIND --FIELD VALUE ...`
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a record.",
        usage: "ncc add <kind> --FIELD VALUE ... [--db <path>]",
        discussion: """
            References take the other record's id, id prefix or exact name; lists are separated by ';'. \
            An expert takes their person's --name, --email, --phone, --organisation, --role and --shareable directly \
            (or --person for someone already known). Fields marked * are required:
            \(FieldArguments.help(for: Kind.main))
            """)

    @Argument(help: "The kind of record.", transform: KindWords.parse) var kind: Kind
    @Argument(parsing: .allUnrecognized, help: .hidden) var fields: [String] = []
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let arguments = try FieldArguments(fields, kind: kind)
        guard !arguments.isEmpty else {
            throw CLIError("give the new \(kind.singular)'s fields as --FIELD VALUE (see 'ncc add --help')")
        }
        let store = try database.open()
        let added = try store.write { writer -> String in
            var values = try arguments.resolved(kind, arguments.values, reader: writer.reader)
            if kind == .expert, values[Fields.Expert.person.name] == nil {
                let person = try arguments.resolved(.person, arguments.personValues, reader: writer.reader)
                guard person[Fields.Person.name.name] != nil else {
                    throw CLIError("an expert needs a --name (or --person for someone already known)")
                }
                values[Fields.Expert.person.name] = .text(try writer.create(.person, person))
            } else if !arguments.personValues.isEmpty {
                throw CLIError("give either --person or the person's own fields (--name, --email, ...), not both")
            }
            if let added = try addByRule(values, writer) { return added }
            let id = try writer.create(kind, values)
            return "Added \(kind.singular) '\(try writer.reader.title(kind, id: id))' (\(id))"
        }
        Console.out(Console.oneLine(added))
    }

    /// The working group's rules, as the app keeps them (the store's, one transaction each): an
    /// action item becomes a linked task, unless it names its task; an expert is proposed for a
    /// need once. Nil for a record that no rule makes.
    private func addByRule(_ values: [String: Value], _ writer: StoreWriter) throws -> String? {
        let text = { (field: FieldName) in values[field.name]?.text }
        if kind == .actionItem, text(Fields.ActionItem.task) == nil, let meeting = text(Fields.ActionItem.meeting) {
            let (item, task) = try writer.recordActionItem(
                meeting: meeting, text: text(Fields.ActionItem.text) ?? "",
                owner: values[Fields.ActionItem.owner.name] ?? .null, due: values[Fields.ActionItem.due.name] ?? .null)
            return "Added action item '\(try writer.reader.title(kind, id: item))' (\(item)); it is task (\(task))"
        }
        let proposal: Set = [Fields.Engagement.expert.name, Fields.Engagement.need.name, Fields.Engagement.status.name]
        if kind == .engagement, (text(Fields.Engagement.status) ?? "proposed") == "proposed",
            Set(values.keys).isSubset(of: proposal),
            let expert = text(Fields.Engagement.expert), let need = text(Fields.Engagement.need)
        {
            switch try writer.proposeEngagement(expert: expert, need: need) {
            case .proposed(let id):
                return "Added engagement '\(try writer.reader.title(kind, id: id))' (\(id)), proposed"
            case .already(let status): throw CLIError("this expert is already \(status) for this need")
            }
        }
        return nil
    }
}

/// `ncc edit KIND ID --FIELD VALUE ...`
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change fields of a record; an empty value clears a field.",
        usage: "ncc edit <kind> <id> --FIELD VALUE ... [--db <path>]",
        discussion: "The fields of each kind are listed in 'ncc add --help'.")

    @Argument(help: "The kind of record.", transform: KindWords.parse) var kind: Kind
    @Argument(help: "Its id, id prefix or exact name.") var id: String
    @Argument(parsing: .allUnrecognized, help: .hidden) var fields: [String] = []
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let arguments = try FieldArguments(fields, kind: kind)
        guard !arguments.isEmpty else {
            throw CLIError("give the fields to change as --FIELD VALUE (see 'ncc add --help')")
        }
        let store = try database.open()
        let (changes, title) = try store.write { writer -> ([Change], String) in
            let id = try writer.reader.resolve(kind, self.id)
            var changes = [
                try writer.update(kind, id: id, try arguments.resolved(kind, arguments.values, reader: writer.reader))
            ]
            if !arguments.personValues.isEmpty,
                let person = try writer.reader.record(.expert, id: id)?[Fields.Expert.person].text
            {
                changes.append(
                    try writer.update(
                        .person, id: person,
                        try arguments.resolved(.person, arguments.personValues, reader: writer.reader)))
            }
            return (changes, try writer.reader.title(kind, id: id))
        }
        let changed = changes.contains(.updated)
        Console.out(
            Console.oneLine(
                changed
                    ? "Updated \(kind.singular) '\(title)'"
                    : "Nothing to change: \(kind.singular) '\(title)' already has these values"))
    }
}

/// `ncc delete KIND ID`
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a record (and its parts, such as a meeting's agenda); refused while others use it.")

    @Argument(help: "The kind of record.", transform: KindWords.parse) var kind: Kind
    @Argument(help: "Its id, id prefix or exact name.") var id: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let title = try store.write { writer -> String in
            let id = try writer.reader.resolve(kind, self.id)
            let title = try writer.reader.title(kind, id: id)
            try writer.delete(kind, id: id)
            return title
        }
        Console.out(Console.oneLine("Deleted \(kind.singular) '\(title)'"))
    }
}
