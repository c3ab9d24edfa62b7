import ArgumentParser
import Foundation
import NCCExchange
import NCCModel

/// `ncc minutes MEETING [--format md] [--output FILE]`: one meeting's minutes as Markdown.
struct MinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "Write one meeting's minutes as Markdown.",
        discussion: """
            The meeting's title; its kind, time (UTC) and place; the agenda with notes; the attendees \
            with their organisations; the minutes text; the decisions; and the action items as a table \
            (action, owner, due, status of the task it became). Text from the database is escaped, so it \
            cannot break the document's structure. MEETING is an id, its first 8 or more characters, or \
            the meeting's exact title.
            """)

    @Argument(help: "The meeting: its id, id prefix or exact title.") var meeting: String
    @Option(help: ArgumentHelp("The format: md (Markdown).", valueName: "format")) var format = "md"
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write, or - for standard output.", valueName: "file"))
    var output = "-"
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard ReportFormat(word: format) == .markdown else {
            throw ValidationError(
                "--format: minutes are written as md (Markdown); '\(format)' is not a format for them")
        }
    }

    func run() throws {
        let store = try database.open()
        let id = try store.read { reader in try reader.resolve(.meeting, meeting) }
        let writer = MinutesWriter(store: store)
        if output == "-" {
            try StandardOutput.write(try writer.markdown(meeting: id))
            return
        }
        let path = try writer.write(meeting: id, to: output)
        let title = try store.read { reader in try reader.title(.meeting, id: id) }
        Console.error(Console.oneLine("Wrote the minutes of '\(title)' to \(path)"))
    }
}

/// `ncc report [--from DATE] [--to DATE] [--format md|html] [--output FILE]`: the progress report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the working group's progress report for a period, as Markdown or HTML.",
        discussion: """
            Tasks per working area (done, open, and overdue: not done and due before the end of the \
            period), the meetings of the period with their attendance and decisions, the engagements of \
            experts (by status, average feedback, excerpts of notes) and the needs they answered. \
            The period is --from to --to, both days included; by default the 90 days that end today. \
            HTML is one self-contained file with bar charts: no scripts, nothing fetched from the \
            network, so it opens in any browser offline. The format defaults to the output file's \
            extension (.html, .md), else md.
            """)

    @Option(
        help: ArgumentHelp("The first day of the period (YYYY-MM-DD; default: 89 days before --to).", valueName: "date")
    )
    var from: String?
    @Option(help: ArgumentHelp("The last day of the period (YYYY-MM-DD; default: today).", valueName: "date"))
    var to: String?
    @Option(help: ArgumentHelp("md (Markdown) or html.", valueName: "format")) var format: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write, or - for standard output.", valueName: "file"))
    var output = "-"
    /// The day the report is made on (tests and reproducible reports).
    @Option(help: .hidden) var today: String?
    @OptionGroup var database: DatabaseOptions

    var resolvedFormat: ReportFormat {
        format.flatMap(ReportFormat.init(word:)) ?? (output == "-" ? nil : ReportFormat(path: output)) ?? .markdown
    }

    func validate() throws {
        if let format, ReportFormat(word: format) == nil {
            throw ValidationError("--format: '\(format)' is not a report format (md, html)")
        }
        for (name, value) in [("from", from), ("to", to), ("today", today)] {
            if let value, Dates.normalizedDate(value.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError("--\(name): '\(value)' is not a date YYYY-MM-DD")
            }
        }
    }

    func run() throws {
        let store = try database.open()
        let report = ProgressReport(
            store: store,
            today: today.flatMap { Dates.normalizedDate($0.trimmingCharacters(in: .whitespaces)) } ?? Dates.today())
        let period = try report.period(from: from, to: to)
        if output == "-" {
            try StandardOutput.write(try report.render(resolvedFormat, from: period.from, to: period.to))
            return
        }
        let path = try report.write(resolvedFormat, from: period.from, to: period.to, file: output)
        Console.error(Console.oneLine("Wrote the progress report for \(period.from) to \(period.to) to \(path)"))
    }
}
