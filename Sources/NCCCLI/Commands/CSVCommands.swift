import ArgumentParser
import NCCExchange
import NCCModel

/// `ncc import-csv KIND FILE`: all rows or none.
struct ImportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-csv",
        abstract: "Import records of one kind from a CSV file: every row or none.",
        discussion: """
            UTF-8, a header row, RFC 4180 quoting, lists separated by ';'. Columns per kind:
            \(Kind.withCSV.map { "  \($0.plural): " + CSVTable.header(for: $0).joined(separator: ",") }.joined(separator: "\n"))
            """)

    @Argument(help: "The kind of record in the file.", transform: KindWords.parse) var kind: Kind
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Check the file and show what would change, writing nothing.") var dryRun = false
    @Flag(help: "Take every cell as it is (a leading ' that export-csv added is kept).") var raw = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let summary: CSVImportSummary
        do {
            summary = try CSVImporter(store: store).importCSV(kind, from: file, dryRun: dryRun, raw: raw)
        } catch let error as CSVImportError {
            throw CSVRejection(lines: error.problems, summary: error.description)
        }
        let verb = dryRun ? "Would import" : "Imported"
        Console.out(
            Console.oneLine(
                "\(verb) \(kind.counted(summary.rows)) from \(file): \(summary.created) new, \(summary.updated) updated, \(summary.unchanged) unchanged"
            ))
    }
}

/// `ncc export-csv KIND FILE`
struct ExportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-csv",
        abstract: "Export the records of one kind as CSV ('-' writes to standard output).")

    @Argument(help: "The kind of record.", transform: KindWords.parse) var kind: Kind
    @Argument(help: "The file to write, or - for standard output.") var file: String
    @Flag(
        help:
            "Write values as they are: without it a value starting with = + - @ or a tab gets a leading ' so that spreadsheets show it as text."
    ) var raw = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let rows = try CSVExporter(store: store).exportCSV(kind, to: file, raw: raw)
        if file != "-" { Console.error(Console.oneLine("Exported \(kind.counted(rows)) to \(file)")) }
    }
}

/// A rejected CSV file: each bad row on its own line, then the one-line summary.
struct CSVRejection: Error {
    var lines: [String]
    var summary: String
}
