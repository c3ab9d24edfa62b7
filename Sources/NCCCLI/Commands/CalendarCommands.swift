import ArgumentParser
import NCCExchange

/// `ncc calendar [--from DATE] [--output FILE]`: the meetings as iCalendar.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Write the meetings as an iCalendar (.ics) file for calendar programs.",
        discussion: """
            One event per meeting, times in UTC. Each event's UID is the meeting's id, so a calendar \
            that imports the file again updates its events instead of adding copies. A meeting \
            without an end is shown as one hour long.
            """)

    @Option(
        help: ArgumentHelp(
            "Only meetings that start on or after this date (YYYY-MM-DD) or UTC time.", valueName: "date"))
    var from: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write, or - for standard output.", valueName: "file"))
    var output = "-"
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let from { _ = try CalendarExporter.lowerBound(from) }
    }

    func run() throws {
        let store = try database.open()
        let summary = try CalendarExporter(store: store).export(to: output, from: from)
        var message =
            "Wrote \(summary.meetings) meeting\(summary.meetings == 1 ? "" : "s") to \(output == "-" ? "standard output" : output)"
        if summary.skipped > 0 { message += " (\(summary.skipped) left out: their start is not a UTC time)" }
        if output != "-" || summary.skipped > 0 { Console.error(Console.oneLine(message)) }
    }
}

/// `ncc import-ics FILE [--dry-run]`: events of an .ics file as meetings, all or none.
struct ImportICSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-ics",
        abstract: "Import the events of an iCalendar (.ics) file as meetings: every event or none.",
        discussion: """
            An event written by 'ncc calendar' updates its meeting; any other event becomes a meeting \
            whose id comes from the event's UID, so importing the same file again changes nothing. \
            Times with a time zone and local times are read as UTC; an event on a date starts at 00:00 UTC. \
            Files up to 20 MB, lines up to 1 MB.
            """)

    @Argument(help: "The .ics file.") var file: String
    @Flag(help: "Check the file and show what would change, writing nothing.") var dryRun = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let summary = try CalendarImporter(store: store).importICS(from: file, dryRun: dryRun)
        let verb = dryRun ? "Would import" : "Imported"
        var line =
            "\(verb) \(summary.events) meeting\(summary.events == 1 ? "" : "s") from \(file): "
            + "\(summary.created) new, \(summary.updated) updated, \(summary.unchanged) unchanged"
        let notes = summary.notes
        if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
        Console.out(Console.oneLine(line))
    }
}

/// `ncc contacts [--output FILE]`: the people who agreed to share their contacts, as vCards.
struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Write the people marked shareable as vCard 4.0 (.vcf) for address books.",
        discussion: "Only people who agreed to share their contact details (shareable) are written.")

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write, or - for standard output.", valueName: "file"))
    var output = "-"
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let count = try ContactsExporter(store: store).export(to: output)
        if output != "-" {
            Console.error(Console.oneLine("Wrote \(count) contact\(count == 1 ? "" : "s") to \(output)"))
        }
    }
}
