import ArgumentParser
import CursesBackend
import Foundation
import NCCApp
import NCCDemo
import NCCExchange
import NCCMatch
import NCCModel
import NCCStore
import Screen

/// `ncc` and `ncc tui`: the full-screen app.
struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the full-screen app (the default when no subcommand is given).",
        discussion:
            "Themes: default, light, high-contrast, monochrome, or your own in $XDG_CONFIG_HOME/ncc/themes/NAME.toml. NO_COLOR turns colour off."
    )

    @Option(help: "The colour theme (default: $NCC_THEME, else default).") var theme: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        Log.open(environment: environment)
        let launched = Date()
        let store = try database.open()
        let (theme, warning) = ThemeLoader.load(name: self.theme, environment: environment)
        let terminal = try CursesTerminal(mouse: true, noColor: !(environment["NO_COLOR"] ?? "").isEmpty)
        defer { terminal.shutdown() }
        let size = terminal.size
        var warnings = warning.map { [$0] } ?? []
        var matchSettings = MatchSettings()
        do { matchSettings = try MatchSettings.load(environment: environment) } catch {
            warnings.append("\(error); matching uses its default weights")
        }
        // The signing key for bundles exported from the Sync pane (made on first use, as 'ncc export' does).
        var identity: Identity?
        do { identity = try Identity.loadOrCreate(replica: store.replicaID, folder: SyncContext.keyFolder) } catch {
            warnings.append("\(error); export is off")
        }
        let app = try App(
            store: store, width: size.width, height: size.height, matchSettings: matchSettings,
            identity: identity, runsInBackground: true
        ) { store in
            let summary = try DemoData.load(into: store)
            let total = summary.counts.values.reduce(0, +)
            return
                "Loaded \(total) demo records in \(String(format: "%.1f", summary.seconds)) s; every person in them is invented"
        }
        if !warnings.isEmpty { app.show(warning: warnings.joined(separator: "; ")) }
        for warning in warnings { Log.write(warning) }
        Log.write("started on \(store.path) at \(size.width)x\(size.height), theme \(theme.name)")
        let started = Date()
        terminal.draw(app.render(theme: theme.style))
        Log.write(
            String(
                format: "first frame %.1f ms after launch (%.1f ms to draw it)",
                Date().timeIntervalSince(launched) * 1000, Date().timeIntervalSince(started) * 1000))
        try EventLoop(app: app, terminal: terminal, theme: theme).run()
        Log.write("quit")
    }
}

/// Events in, frames out: draw, wait for a key, for work done in the background to reply, or a
/// second (to notice other processes' changes), hand it to the app, do what only the terminal can
/// do, repeat.
struct EventLoop {
    let app: App
    let terminal: CursesTerminal
    let theme: Theme

    func run() throws {
        while true {
            terminal.draw(app.render(theme: theme.style))
            let event: Event
            switch terminal.next(timeout: 1000, wake: app.wakeDescriptor) {
            case .event(let input): event = input
            case .woken:
                if case .quit = perform(app.handleReplies()) { return }
                continue
            case .timedOut:
                if case .quit = perform(app.handle(.tick)) { return }
                continue
            }
            switch event {
            case .key(.control("c")), .key(.control("q")):
                return
            case .key(.control("z")):
                terminal.suspend()
                continue
            case .key(.control("l")):
                terminal.invalidate()
                continue
            default:
                break
            }
            if case .quit = perform(app.handle(event)) { return }
        }
    }

    /// Does what the app asked of the terminal; returns `.quit` when the loop should end.
    func perform(_ outcome: Outcome) -> Outcome {
        switch outcome {
        case .none, .quit: return outcome
        case .setMouse(let on): terminal.setMouse(on)
        case .editExternally(let file):
            let succeeded = terminal.runOutside { Editor.run(file) }
            return perform(app.finishEditing(succeeded: succeeded))
        }
        return .none
    }
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, on a file, with the terminal as it is.
///
/// Spawned by hand, not through Foundation's `Process`: that starts the child in a process group
/// of its own, which the terminal treats as background, so an editor is stopped (SIGTTOU/SIGTTIN)
/// the moment it touches the terminal. Like `system()`, the app ignores Ctrl-C and Ctrl-\ while
/// the editor runs (they are the editor's) and the editor gets them back at their defaults.
enum Editor {
    static func run(_ file: String) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        // The editor setting may hold arguments (`code --wait`): let the shell split it.
        let arguments = ["/bin/sh", "-c", "\(editor) \"$1\"", "ncc-editor", file]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let interrupt = signal(SIGINT, SIG_IGN)
        let quit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, interrupt)
            signal(SIGQUIT, quit)
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, &argv, &envp)
        guard spawned == 0 else {
            Log.write("editor '\(editor)' failed to start: \(String(cString: strerror(spawned)))")
            return false
        }
        var status: Int32 = 0
        var waited: pid_t
        repeat { waited = waitpid(pid, &status, 0) } while waited == -1 && errno == EINTR
        return waited == pid && status == 0  // exited, with status 0
    }
}
