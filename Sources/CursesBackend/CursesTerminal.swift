import CNcursesw
import CursesShim
import Foundation
import Glibc
import Screen

public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// The one piece of ncc that talks to ncurses: it writes screen buffers (only the cells that
/// changed), reads keys, mouse clicks and resizes, and gives the terminal back on every way out.
public final class CursesTerminal {
    private var last: ScreenBuffer?
    private var pairs: [Pair: Int32] = [:]
    private var closed = false
    public private(set) var colorCount = 0
    private var direct = false
    private let noColor: Bool
    /// Bytes written to the terminal since the last call to `resetWrittenBytes` (for benchmarks).
    private let attributes: (bold: UInt32, dim: UInt32, underline: UInt32, reverse: UInt32, italic: UInt32)

    private struct Pair: Hashable {
        var fg: Color
        var bg: Color
    }

    /// Takes over the terminal. `noColor` (the NO_COLOR convention) draws with attributes only.
    public init(mouse: Bool = true, noColor: Bool = false) throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            throw TerminalError(
                description: "the full-screen app needs a terminal; for scripts use the subcommands (see 'ncc --help')")
        }
        self.noColor = noColor
        // The user's locale first, or ncurses cannot draw UTF-8.
        setlocale(LC_ALL, "")
        guard ncc_start(CursesTerminal.directColorTerminal()) == 0 else {
            let term = String(cString: getenv("TERM") ?? strdup("")!)
            throw TerminalError(description: "cannot use the terminal type '\(term)'; try TERM=xterm-256color")
        }
        set_escdelay(25)
        raw()
        noecho()
        nonl()
        curs_set(0)
        attributes = (ncc_attr_bold(), ncc_attr_dim(), ncc_attr_underline(), ncc_attr_reverse(), ncc_attr_italic())
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(ncc_colors())
            direct = ncc_has_direct_color() != 0
        }
        ncc_mouse(mouse ? 1 : 0)
        CursesTerminal.installSignalHandlers()
    }

    deinit { shutdown() }

    public var size: (width: Int, height: Int) { (Int(ncc_cols()), Int(ncc_lines())) }

    /// Writes what changed since the last frame and moves the cursor where the buffer wants it.
    public func draw(_ buffer: ScreenBuffer) {
        guard !closed else { return }
        for run in buffer.changes(since: last) {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                var text = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
                if text.isEmpty { text = [wchar_t(32)] }
                _ = ncc_put_cell(
                    Int32(run.y), Int32(x), text, Int32(text.count), attributeBits(cell.style), pair(cell.style))
            }
        }
        if let cursor = buffer.cursor {
            move(Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        refresh()
        last = buffer
    }

    /// Forgets what is on screen, so the next frame is written whole (after an editor ran).
    public func invalidate() {
        last = nil
        ncc_redraw_all()
    }

    /// What waiting for input brought.
    public enum Input {
        case event(Event)
        /// `wake` became readable: work done in the background has replied.
        case woken
        case timedOut
    }

    /// Waits for a key (or the mouse, or a resize) and for `wake` together, as long as the timeout.
    public func next(timeout milliseconds: Int, wake: Int32) -> Input {
        // Keys ncurses has read ahead (the rest of a paste) are waiting in its buffer, not in the tty.
        if let event = nextEvent(timeout: 0) { return .event(event) }
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, 2, Int32(milliseconds))
        if ready > 0, fds[1].revents & Int16(POLLIN) != 0 { return .woken }
        // A key, or a signal (a resize: ncurses turns SIGWINCH into KEY_RESIZE).
        if ready != 0, let event = nextEvent(timeout: 10) { return .event(event) }
        return .timedOut
    }

    /// The next event, or nil when none came within the timeout.
    public func nextEvent(timeout milliseconds: Int) -> Event? {
        if CursesTerminal.stopRequested != 0 { return .key(.control("q")) }
        var value: Int32 = 0
        switch ncc_read_key(Int32(milliseconds), &value) {
        case 0: return .key(Self.character(value))
        case 1: return functionKey(value)
        default: return CursesTerminal.stopRequested != 0 ? .key(.control("q")) : nil
        }
    }

    static func character(_ value: Int32) -> Key {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value + 96))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: value)) else { return .character("?") }
            return .character(Character(scalar))
        }
    }

    private func functionKey(_ value: Int32) -> Event? {
        switch value {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE:
            last = nil
            return .resize(width: size.width, height: size.height)
        case KEY_MOUSE:
            var x: Int32 = 0
            var y: Int32 = 0
            let button: MouseButton? =
                switch ncc_read_mouse(&x, &y) {
                case 1: .left
                case 4: .wheelUp
                case 5: .wheelDown
                default: nil
                }
            return button.map { .mouse(MouseEvent(button: $0, x: Int(x), y: Int(y))) }
        default:
            if value >= KEY_F0 + 1, value <= KEY_F0 + 12 { return .key(.function(Int(value - KEY_F0))) }
            return nil
        }
    }

    public func setMouse(_ on: Bool) { ncc_mouse(on ? 1 : 0) }

    /// Ctrl-Z: gives the terminal back and stops; on `fg`, takes it again and redraws.
    public func suspend() {
        endwin()
        raise(SIGTSTP)
        refresh()
        invalidate()
    }

    /// Runs something that needs the real terminal (an editor), then takes it back.
    public func runOutside<T>(_ body: () throws -> T) rethrows -> T {
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            refresh()
            invalidate()
        }
        return try body()
    }

    /// Gives the terminal back. Safe to call more than once.
    public func shutdown() {
        guard !closed else { return }
        closed = true
        endwin()
    }

    /// COLORTERM=truecolor says the terminal takes 24-bit colour, but ncurses only uses it with a
    /// terminal description that has the RGB capability (`xterm-direct`, from Debian's
    /// ncurses-term). Use that description when the terminal is an xterm alike and it is installed.
    static func directColorTerminal() -> String? {
        let environment = ProcessInfo.processInfo.environment
        guard ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? ""),
            let term = environment["TERM"], term.hasPrefix("xterm"), !term.hasSuffix("-direct")
        else { return nil }
        let folders = [
            environment["TERMINFO"], environment["HOME"].map { $0 + "/.terminfo" },
            "/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo",
        ].compactMap { $0 }
        let installed = folders.contains { FileManager.default.fileExists(atPath: $0 + "/x/xterm-direct") }
        return installed ? "xterm-direct" : nil
    }

    // MARK: - Styles

    private func attributeBits(_ style: Style) -> UInt32 {
        var bits: UInt32 = 0
        if style.attributes.contains(.bold) { bits |= attributes.bold }
        if style.attributes.contains(.dim) { bits |= attributes.dim }
        if style.attributes.contains(.underline) { bits |= attributes.underline }
        if style.attributes.contains(.reverse) { bits |= attributes.reverse }
        if style.attributes.contains(.italic) { bits |= attributes.italic }
        return bits
    }

    /// A colour pair for the style's colours, allocated once (pair 0 is the terminal's default).
    private func pair(_ style: Style) -> Int32 {
        guard colorCount > 0, style.fg != .default || style.bg != .default else { return 0 }
        let key = Pair(fg: style.fg, bg: style.bg)
        if let known = pairs[key] { return known }
        let fg = ColorMapping.index(style.fg, colors: colorCount, direct: direct)
        let bg = ColorMapping.index(style.bg, colors: colorCount, direct: direct)
        let number = alloc_pair(fg, bg)
        let result = number < 0 ? 0 : number
        pairs[key] = result
        return result
    }

    // MARK: - Signals

    /// Set by SIGTERM and SIGHUP: the app quits at its next chance, through its normal path.
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0

    private static func installSignalHandlers() {
        signal(SIGTERM) { _ in CursesTerminal.stopRequested = 1 }
        signal(SIGHUP) { _ in CursesTerminal.stopRequested = 1 }
        signal(SIGINT) { _ in CursesTerminal.stopRequested = 1 }
        // A crash must not leave the terminal in raw mode: restore it, then die as before.
        // (endwin is not async-signal-safe, but this is what htop does, and the process is ending.)
        for crash in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(crash) { sig in
                endwin()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
