import ArgumentParser

/// `ncc` and `ncc tui`: the full-screen app.
struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the full-screen app (the default when no subcommand is given).")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        Console.out("The full-screen app is not part of this build yet; every task is available as a subcommand (see 'ncc --help').")
    }
}
