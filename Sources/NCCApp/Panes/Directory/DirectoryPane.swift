import NCCModel
import NCCStore

/// The NCC directory: centres grouped by country; a filter searches centres, organisations and
/// people alike.
enum DirectoryPane: PaneFeature {
    static let title = "Directory"
    static let summary = "Show the NCC directory"
    static let group: RecordGroup? = .directory
    static let bindings = [ActionTable.add, ActionTable.edit, ActionTable.delete]

    static func list(_ app: App) -> PaneList? {
        PaneList(query: query, columns: columns, emptyMessage: "No centres yet: press a to add one.",
                 row: { record, previous, loader in try row(record, previous: previous, loader) },
                 search: { text, reader, loader in
                     try reader.quickSearch(text, kinds: filterKinds, limit: 200).map { try hitRow($0, loader) }
                 })
    }

    static func caption(_ state: AppState) -> String {
        state.list.filter.isEmpty ? "Centres by country" : "Centres, organisations and people"
    }

    static func detail(_ ref: RecordRef, _ loader: Loader, _ app: App) throws -> [DetailLine]? {
        ref.kind == .centre ? try detail(ref, loader) : nil
    }

    /// In a centre's detail, a adds a partner organisation; in an organisation's, a person.
    static func newRecord(_ app: App) throws -> NewRecord? {
        let state = app.state
        if state.region == .detail, let top = state.detail.stack.last, top.kind == .organisation {
            return NewRecord(kind: .person, preset: ["organisation": (try app.store.read { try $0.title(.organisation, id: top.id) }, top.id)])
        } else if state.region == .detail, let row = state.list.selectedRow, row.kind == .centre {
            return NewRecord(kind: .organisation, preset: ["centre": (row.cells[1], row.id)])
        }
        return NewRecord(kind: .centre)
    }

    static let columns = [ColumnSpec("Country", 14), ColumnSpec("Centre", 0), ColumnSpec("Consortia", 18), ColumnSpec("Status", 7, whole: true)]
    static let query = RecordQuery(.centre, order: [("country", true), ("name", true)])
    static let filterKinds: [Kind] = [.centre, .organisation, .person]

    static func row(_ centre: Record, previous: Record?, _ loader: Loader) throws -> ListRow {
        let memberships = try loader.reader.records(.membership, where: "centre", is: centre.id, limit: 10)
        let consortia = try memberships.map { try loader.title(.consortium, $0["consortium"].text) }.joined(separator: ", ")
        let country = centre["country"].text ?? ""
        let newGroup = previous?["country"].text != country
        return ListRow(kind: .centre, id: centre.id,
                       cells: [newGroup ? Loader.countryName(country) : "", centre["name"].text ?? "", consortia, centre["status"].text ?? ""],
                       role: centre["status"].text == "closed" ? "ui.text.dim" : nil)
    }

    static func hitRow(_ hit: SearchHit, _ loader: Loader) throws -> ListRow {
        var country = ""
        var detail = hit.kind.singular
        if let record = try loader.reader.record(hit.kind, id: hit.id) {
            switch hit.kind {
            case .centre: country = record["country"].text ?? ""
            case .organisation:
                country = record["country"].text ?? ""
                detail = "organisation · " + (try loader.value(record, "kind"))
            case .person:
                let org = try loader.value(record, "organisation")
                detail = org.isEmpty ? "person" : "person · \(org)"
            default: break
            }
        }
        return ListRow(kind: hit.kind, id: hit.id, cells: [Loader.countryName(country), hit.title, detail, ""])
    }

    /// A centre's consortia, partner organisations with their people, open needs and tasks.
    static func detail(_ ref: RecordRef, _ loader: Loader) throws -> [DetailLine] {
        guard ref.kind == .centre, let centre = try loader.reader.record(.centre, id: ref.id) else {
            return try loader.genericDetail(ref)
        }
        let reader = loader.reader
        var lines = [DetailLine(centre["name"].text ?? "", .title)]
        lines.append(DetailLine("\(Loader.countryName(centre["country"].text ?? "")) · \(centre["status"].text ?? "")", .dim))
        for field in ["website", "email"] {
            if let v = centre[field].text { lines.append(DetailLine("\(loader.label(field)): \(v)", .field(field))) }
        }
        if let topics = Optional(centre["topics"].list), !topics.isEmpty {
            lines.append(DetailLine("Topics: " + topics.joined(separator: ", "), .field("topics")))
        }
        if let description = centre["description"].text {
            lines.append(DetailLine(""))
            lines += description.split(separator: "\n").map { DetailLine(String($0)) }
        }
        let memberships = try reader.records(.membership, where: "centre", is: ref.id, limit: 20)
        Loader.section("Consortia", memberships.isEmpty ? [] : try memberships.map { try loader.refLine($0) }, into: &lines)
        let organisations = try reader.records(.organisation, where: "centre", is: ref.id, limit: 50)
        var orgLines: [DetailLine] = []
        for organisation in organisations {
            let role = organisation["role"].text.map { " (\($0))" } ?? ""
            orgLines.append(DetailLine("  \(organisation["name"].text ?? "")\(role)", target: RecordRef(.organisation, organisation.id)))
            for person in try reader.records(.person, where: "organisation", is: organisation.id, limit: 20) {
                let role = person["role"].text.map { " · \($0)" } ?? ""
                orgLines.append(DetailLine("      \(person["name"].text ?? "")\(role)", .dim, target: RecordRef(.person, person.id)))
            }
        }
        Loader.section("Partner organisations and contacts", orgLines, into: &lines)
        let needs = try reader.records(RecordQuery(.need, conditions: [.equals("centre", .text(ref.id)), .equals("status", .text("open"))]), limit: 30)
        Loader.section("Open needs", try needs.map { try loader.refLine($0) }, into: &lines)
        let tasks = try reader.records(RecordQuery(.task, conditions: [.equals("centre", .text(ref.id)), .notEquals("status", .text("done"))]), limit: 30)
        Loader.section("Tasks", tasks.map { task in
            let due = task["due"].text.map { " · due \($0)" } ?? ""
            let overdue = (task["due"].text ?? "9999") < loader.today
            return DetailLine("  [\(task["status"].text ?? "")] \(task["title"].text ?? "")\(due)", overdue ? .warning : .text,
                              target: RecordRef(.task, task.id))
        }, into: &lines)
        return lines
    }
}
