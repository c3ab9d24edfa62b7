import ArgumentParser
import Foundation

/// The `ncc` command: the full-screen app by default, and a subcommand for everything scriptable.
public struct NCC: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ncc",
        abstract: "A terminal workbench for the working group of National Competence Centres for Social Innovation.",
        discussion: """
            Data lives in one SQLite file: --db PATH, else $NCC_DB, else $XDG_DATA_HOME/ncc/ncc.sqlite \
            (~/.local/share/ncc/ncc.sqlite). KIND is one of: \(KindWords.help).
            """,
        version: NCC.version,
        subcommands: [
            TuiCommand.self, InitCommand.self, DemoCommand.self,
            ListCommand.self, ShowCommand.self, AddCommand.self, EditCommand.self, DeleteCommand.self,
            SearchCommand.self, MatchCommand.self, ImportCSVCommand.self, ExportCSVCommand.self,
            CalendarCommand.self, ImportICSCommand.self, ContactsCommand.self,
            MinutesCommand.self, ReportCommand.self,
            ProposalsCommand.self, VoteCommand.self, TallyCommand.self, CloseCommand.self, DecisionsCommand.self,
            ProgressCommand.self, IndicatorsCommand.self, AssessCommand.self, AssessmentsCommand.self,
            PeersForCommand.self,
            GroupsCommand.self, PathwayCommand.self,
            WhoamiCommand.self, ExportCommand.self, ImportCommand.self, UndoImportCommand.self, InspectCommand.self,
            PeersCommand.self,
            SyncCommand.self, ConflictsCommand.self, ForgetCommand.self, BackupCommand.self, RestoreCommand.self,
            CheckCommand.self,
        ],
        defaultSubcommand: TuiCommand.self
    )

    public static let version = "0.1.0"

    public init() {}
}

/// Runs `ncc` with the process's arguments. Every user error ends as one line on stderr,
/// `ncc: error: …`, and a non-zero exit; help and version go to stdout as usual.
public enum CLI {
    public static func main(_ arguments: [String]? = nil) -> Never {
        var command: any ParsableCommand
        do {
            command = try NCC.parseAsRoot(arguments)
        } catch {
            if NCC.exitCode(for: error) == .success { NCC.exit(withError: error) }
            fail(NCC.message(for: error) + " (see 'ncc --help')", code: NCC.exitCode(for: error).rawValue)
        }
        do {
            try command.run()
            exit(0)
        } catch let error as CSVRejection {
            for line in error.lines { Console.error(line) }
            fail(error.summary, code: 1)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch  where NCC.exitCode(for: error) == .success {
            // `--help` and `help SUBCOMMAND` arrive as a command that throws a clean exit.
            NCC.exit(withError: error)
        } catch {
            fail(NCC.message(for: error), code: 1)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        Console.error("ncc: error: " + Console.oneLine(message))
        exit(code == 0 ? 1 : code)
    }
}
