import ArgumentParser
import NCCModel
import NCCStore

/// `ncc list KIND`: the records of one kind as a table or JSON lines.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the records of one kind.",
        discussion: "KIND is one of: \(KindWords.help).")

    @Argument(help: "What to list.", transform: KindWords.parse) var kind: Kind
    @Flag(help: "Print a JSON array of records (each reference as an id, with FIELD_name beside it).") var json = false
    @Option(help: "Show at most this many records (0: all).") var limit = 100
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let total = try reader.count(kind)
            let wanted = limit == 0 ? total : min(limit, total)
            let presenter = RecordPresenter(reader: reader)
            if json {
                Console.out("[")
                var written = 0
                try forEachPage(reader, wanted) { record in
                    written += 1
                    Console.out("  " + (try presenter.json(record)) + (written < wanted ? "," : ""))
                }
                Console.out("]")
                return
            }
            let columns = Schema.listColumns(of: kind)
            var table = TextTable(headers: ["id"] + columns.map { $0.replacingOccurrences(of: "_", with: " ") })
            try forEachPage(reader, wanted) { record in
                table.append(
                    [record.id.shortID]
                        + (try columns.map { name in
                            try presenter.display(record[name], of: Schema.field(name, of: kind)!)
                        }))
            }
            if total == 0 {
                Console.out("No \(kind.plural) yet. Add one with 'ncc add \(kind.plural) ...' or load 'ncc demo'.")
                return
            }
            Console.out(table.render(width: Console.width))
            if wanted < total {
                Console.out("… \(total - wanted) more of \(total) \(kind.plural) (use --limit 0 for all)")
            }
        }
    }

    private func forEachPage(_ reader: StoreReader, _ wanted: Int, _ body: (Record) throws -> Void) throws {
        var offset = 0
        while offset < wanted {
            let page = try reader.list(kind, limit: min(1000, wanted - offset), offset: offset)
            if page.isEmpty { break }
            for record in page { try body(record) }
            offset += page.count
        }
    }
}
