import Foundation
import NCCExchange
import TerminalText

/// All terminal output of the CLI goes through here, so nothing from the data reaches it raw.
enum Console {
    /// Writes to stdout as is; callers pass text they built from sanitised pieces. Output that
    /// cannot be written (closed, a full disk) ends the command with one line, not a crash.
    static func out(_ text: String) {
        do {
            try StandardOutput.write(text + "\n")
        } catch {
            CLI.fail("\(error)", code: 1)
        }
    }

    /// Writes to stderr; a standard error that is closed or full is left be (FileHandle's write
    /// would crash, and there is nowhere else to say it): the exit status still tells.
    static func error(_ text: String) {
        try? StandardOutput.write(Array((Sanitizer.clean(text) + "\n").utf8), to: STDERR_FILENO, name: "standard error")
    }

    /// Messages quote user data; they must stay on one line and carry no control characters.
    static func oneLine(_ text: String) -> String {
        Sanitizer.clean(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " "))
    }

    /// The width to lay tables out in: the terminal's, or unbounded when output is piped.
    static var width: Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 100
    }
}
