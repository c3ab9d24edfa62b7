import NCCModel
import NCCStore

/// The NCC directory: centres grouped by country; a filter searches centres, organisations and
/// people alike.
enum DirectoryPane: PaneFeature {
    static let title = "Directory"
    static let summary = "Show the NCC directory"
    static let group: RecordGroup? = .directory
    static let bindings = [ActionTable.add, ActionTable.edit, ActionTable.delete]

    static func list(_ state: AppState) -> PaneList? {
        PaneList(
            query: query, columns: columns,
            emptyMessage: "No centres yet: press \(ActionTable.key(.add, in: .directory)) to add one.",
            row: { record, previous, loader in try row(record, previous: previous, loader) },
            search: { text, reader, loader in
                try reader.quickSearch(text, kinds: filterKinds, limit: 200).map { try hitRow($0, loader) }
            })
    }

    static func caption(_ state: AppState) -> String {
        state.list.filter.isEmpty ? "Centres by country" : "Centres, organisations and people"
    }

    static func detail(_ ref: RecordRef, _ loader: Loader, _ state: AppState) throws -> [DetailLine]? {
        ref.kind == .centre ? try detail(ref, loader) : nil
    }

    /// In a centre's detail, a adds a partner organisation; in an organisation's, a person.
    static func newRecord(_ app: App) throws -> NewRecord? {
        let state = app.state
        if state.region == .detail, let top = state.detail.stack.last, top.kind == .organisation {
            return NewRecord(
                kind: .person,
                // The organisation's detail is shown: its first line is its title.
                preset: [Fields.Person.organisation: (state.detail.lines.first?.text ?? "", top.id)])
        } else if state.region == .detail, let row = state.list.selectedRow, row.kind == .centre {
            return NewRecord(kind: .organisation, preset: [Fields.Organisation.centre: (row.cells[1], row.id)])
        }
        return NewRecord(kind: .centre)
    }

    static let columns = [
        ColumnSpec("Country", 14), ColumnSpec("Centre", 0), ColumnSpec("Consortia", 18),
        ColumnSpec("Status", 7, whole: true),
    ]
    static let query = RecordQuery(.centre, order: [(Fields.Centre.country, true), (Fields.Centre.name, true)])

    static func row(_ centre: Record, previous: Record?, _ loader: Loader) throws -> ListRow {
        let memberships = try loader.reader.records(where: Fields.Membership.centre, is: centre.id, limit: 10)
        let consortia = try memberships.map { try loader.title(.consortium, $0[Fields.Membership.consortium].text) }
            .joined(separator: ", ")
        let country = centre[Fields.Centre.country].text ?? ""
        let newGroup = previous?[Fields.Centre.country].text != country
        return ListRow(
            kind: .centre, id: centre.id,
            cells: [
                newGroup ? Loader.countryName(country) : "", centre[Fields.Centre.name].text ?? "", consortia,
                centre[Fields.Centre.status].text ?? "",
            ],
            role: centre[Fields.Centre.status].text == "closed" ? "ui.text.dim" : nil)
    }

    /// What the directory's filter finds, and how a hit reads in the list: its country and a word
    /// on what it is.
    static let hitKinds:
        [(kind: Kind, describe: @Sendable (Record, Loader) throws -> (country: String, detail: String))] = [
            (.centre, { centre, _ in (centre[Fields.Centre.country].text ?? "", "centre") }),
            (
                .organisation,
                { organisation, loader in
                    (
                        organisation[Fields.Organisation.country].text ?? "",
                        "organisation · " + (try loader.value(organisation, Fields.Organisation.kind))
                    )
                }
            ),
            (
                .person,
                { person, loader in
                    let org = try loader.value(person, Fields.Person.organisation)
                    return ("", org.isEmpty ? "person" : "person · \(org)")
                }
            ),
        ]
    static let filterKinds = hitKinds.map(\.kind)

    static func hitRow(_ hit: SearchHit, _ loader: Loader) throws -> ListRow {
        var (country, detail) = ("", hit.kind.singular)
        if let record = try loader.reader.record(hit.kind, id: hit.id),
            let describe = hitKinds.first(where: { $0.kind == hit.kind })?.describe
        {
            (country, detail) = try describe(record, loader)
        }
        return ListRow(kind: hit.kind, id: hit.id, cells: [Loader.countryName(country), hit.title, detail, ""])
    }

    /// A centre's consortia, partner organisations with their people, open needs and tasks.
    static func detail(_ ref: RecordRef, _ loader: Loader) throws -> [DetailLine] {
        guard ref.kind == .centre, let centre = try loader.reader.record(.centre, id: ref.id) else {
            return try loader.genericDetail(ref)
        }
        let reader = loader.reader
        var lines = [DetailLine(centre[Fields.Centre.name].text ?? "", .title)]
        let country = Loader.countryName(centre[Fields.Centre.country].text ?? "")
        lines.append(DetailLine("\(country) · \(centre[Fields.Centre.status].text ?? "")", .dim))
        for field in [Fields.Centre.website, Fields.Centre.email] {
            if let v = centre[field].text {
                lines.append(DetailLine("\(loader.label(field.name)): \(v)", .field(field.name)))
            }
        }
        if let topics = Optional(centre[Fields.Centre.topics].list), !topics.isEmpty {
            lines.append(DetailLine("Topics: " + topics.joined(separator: ", "), .field(Fields.Centre.topics.name)))
        }
        if let description = centre[Fields.Centre.description].text {
            lines.append(DetailLine(""))
            lines += description.split(separator: "\n").map { DetailLine(String($0)) }
        }
        let memberships = try reader.records(where: Fields.Membership.centre, is: ref.id, limit: 20)
        Loader.section(
            "Consortia", memberships.isEmpty ? [] : try memberships.map { try loader.refLine($0) }, into: &lines)
        let organisations = try reader.records(where: Fields.Organisation.centre, is: ref.id, limit: 50)
        var orgLines: [DetailLine] = []
        for organisation in organisations {
            let role = organisation[Fields.Organisation.role].text.map { " (\($0))" } ?? ""
            orgLines.append(
                DetailLine(
                    "  \(organisation[Fields.Organisation.name].text ?? "")\(role)",
                    target: RecordRef(.organisation, organisation.id)))
            for person in try reader.records(where: Fields.Person.organisation, is: organisation.id, limit: 20) {
                let role = person[Fields.Person.role].text.map { " · \($0)" } ?? ""
                orgLines.append(
                    DetailLine(
                        "      \(person[Fields.Person.name].text ?? "")\(role)", .dim,
                        target: RecordRef(.person, person.id)))
            }
        }
        Loader.section("Partner organisations and contacts", orgLines, into: &lines)
        let needs = try reader.records(
            RecordQuery(
                .need,
                conditions: [
                    .equals(Fields.Need.centre, .text(ref.id)),
                    .equals(Fields.Need.status, .text("open")),
                ]), limit: 30)
        Loader.section("Open needs", try needs.map { try loader.refLine($0) }, into: &lines)
        let tasks = try reader.records(
            RecordQuery(
                .task,
                conditions: [
                    .equals(Fields.Task.centre, .text(ref.id)),
                    .notEquals(Fields.Task.status, .text("done")),
                ]), limit: 30)
        Loader.section(
            "Tasks",
            tasks.map { task in
                let due = task[Fields.Task.due].text.map { " · due \($0)" } ?? ""
                let overdue = (task[Fields.Task.due].text ?? "9999") < loader.today
                return DetailLine(
                    "  [\(task[Fields.Task.status].text ?? "")] \(task[Fields.Task.title].text ?? "")\(due)",
                    overdue ? .warning : .text,
                    target: RecordRef(.task, task.id))
            }, into: &lines)
        return lines
    }
}
