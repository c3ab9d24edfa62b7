import Foundation
import GoldenFiles
import NCCApp
import NCCDemo
import NCCModel
import NCCStore
import Screen
import Testing

/// Every pane, modal and overlay of the real app, drawn headless on the demo data at 80x24 and
/// 120x40 with the default theme, compared cell for cell (text and style) with a golden file.
/// They pin the screens down while the house is rebuilt: a change that moves a single cell or
/// colour fails here. `NCC_RECORD_GOLDENS=1 swift test --filter GoldenScreenTests` writes them anew
/// (then read the diff before committing it).
@Suite struct GoldenScreenTests {
    static let today = "2026-11-23"
    static let sizes = [(80, 24), (120, 40)]

    /// One screen: a name and the keys that lead to it from the app just opened on the demo.
    struct Scene: Sendable, CustomStringConvertible {
        var name: String
        var keys: [Key]
        var demo = true
        var description: String { name }
    }

    static func chars(_ text: String) -> [Key] { text.map { Key.character($0) } }

    static let scenes: [Scene] = [
        Scene(name: "welcome", keys: [], demo: false),
        Scene(name: "welcome-help", keys: chars("?"), demo: false),
        Scene(name: "welcome-empty", keys: chars("s"), demo: false),
        Scene(name: "overview", keys: []),
        Scene(name: "overview-down", keys: [.down, .down, .down]),
        Scene(name: "overview-tab", keys: [.tab]),
        Scene(name: "overview-open", keys: [.down, .enter]),
        Scene(name: "overview-help", keys: chars("?")),
        Scene(name: "overview-report-prompt", keys: chars("r")),
        Scene(name: "overview-unknown-key", keys: chars("z")),
        Scene(name: "directory", keys: chars("1")),
        Scene(name: "directory-down", keys: chars("1") + [.down, .down, .pageDown]),
        Scene(name: "directory-detail", keys: chars("1") + [.tab, .down]),
        Scene(name: "directory-open", keys: chars("1") + [.tab, .down, .enter]),
        Scene(name: "directory-open-back", keys: chars("1") + [.tab, .down, .enter, .escape]),
        Scene(name: "directory-filter", keys: chars("1/soc")),
        Scene(name: "directory-filter-done", keys: chars("1/soc") + [.enter]),
        Scene(name: "directory-add", keys: chars("1a")),
        Scene(name: "directory-add-organisation", keys: chars("1") + [.tab] + chars("a")),
        Scene(name: "directory-edit", keys: chars("1e")),
        Scene(name: "directory-delete", keys: chars("1d")),
        Scene(name: "directory-help", keys: chars("1?")),
        Scene(name: "experts", keys: chars("2")),
        Scene(name: "experts-detail", keys: chars("2") + [.down, .tab]),
        Scene(name: "experts-filter", keys: chars("2/inclusion")),
        Scene(name: "experts-needs", keys: chars("2n")),
        Scene(name: "experts-need-ranking", keys: chars("2n") + [.tab, .down, .down]),
        Scene(name: "experts-propose", keys: chars("2n") + [.tab, .down, .down, .enter]),
        Scene(name: "experts-filters-off", keys: chars("2n") + [.tab] + chars("LVR")),
        Scene(name: "experts-add", keys: chars("2a")),
        Scene(name: "experts-add-need", keys: chars("2na")),
        Scene(name: "experts-edit", keys: chars("2e")),
        Scene(name: "experts-help", keys: chars("2?")),
        Scene(name: "tasks", keys: chars("3")),
        Scene(name: "tasks-bottom", keys: chars("3G")),
        Scene(name: "tasks-sorted", keys: chars("3ss")),
        Scene(name: "tasks-sorted-more", keys: chars("3sss")),
        Scene(name: "tasks-status", keys: chars("3SS")),
        Scene(name: "tasks-area", keys: chars("3w")),
        Scene(name: "tasks-owner", keys: chars("3o")),
        Scene(name: "tasks-overdue", keys: chars("3O")),
        Scene(name: "tasks-cleared", keys: chars("3SOc")),
        Scene(name: "tasks-next-status", keys: chars("3 ")),
        Scene(name: "tasks-filter", keys: chars("3/guide")),
        Scene(name: "tasks-detail", keys: chars("3") + [.tab]),
        Scene(name: "tasks-add", keys: chars("3a")),
        Scene(name: "tasks-add-picker", keys: chars("3aA task") + [.tab, .tab, .tab, .tab] + chars("a")),
        Scene(name: "tasks-add-error", keys: chars("3a") + [.tab, .tab] + chars("2026-13-40") + [.control("s")]),
        Scene(name: "tasks-add-discard", keys: chars("3ax") + [.escape]),
        Scene(name: "tasks-edit", keys: chars("3e")),
        Scene(name: "tasks-delete", keys: chars("3d")),
        Scene(name: "tasks-help", keys: chars("3?")),
        Scene(name: "meetings", keys: chars("4")),
        Scene(name: "meetings-detail", keys: chars("4") + [.tab, .pageDown]),
        Scene(name: "meetings-note", keys: chars("4nA line of minutes")),
        Scene(name: "meetings-note-saved", keys: chars("4nA line of minutes") + [.enter]),
        Scene(name: "meetings-decision", keys: chars("4DAdopt the plan") + [.enter] + chars("A")),
        Scene(name: "meetings-action", keys: chars("4AWrite it up") + [.tab]),
        Scene(name: "meetings-minutes-prompt", keys: chars("4m")),
        Scene(name: "meetings-add", keys: chars("4a")),
        Scene(name: "meetings-help", keys: chars("4?")),
        Scene(name: "decisions", keys: chars("5")),
        Scene(name: "decisions-register", keys: chars("5r")),
        Scene(name: "decisions-vote-prompt", keys: chars("5v")),
        Scene(name: "decisions-help", keys: chars("5?")),
        Scene(name: "progress", keys: chars("6")),
        Scene(name: "progress-indicator", keys: chars("6") + [.enter, .down]),
        Scene(name: "progress-assessment", keys: chars("6s") + [.down, .down]),
        Scene(name: "progress-peer-groups", keys: chars("6sg")),
        Scene(name: "progress-help", keys: chars("6?")),
        Scene(name: "sync", keys: chars("7")),
        Scene(name: "sync-import-prompt", keys: chars("6i")),
        Scene(name: "sync-import-missing", keys: chars("6i/nowhere/b.nccbundle") + [.enter]),
        Scene(name: "sync-export-prompt", keys: chars("6x")),
        Scene(name: "sync-help", keys: chars("6?")),
        Scene(name: "palette", keys: chars(":")),
        Scene(name: "palette-typed", keys: chars(":lith")),
        Scene(name: "palette-jump", keys: chars(":lith") + [.enter]),
        Scene(name: "mouse-toggle", keys: chars("M")),
    ]

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("screens")

    @Test(arguments: scenes)
    func screenMatchesItsGolden(_ scene: Scene) throws {
        for (width, height) in Self.sizes {
            let screen = try GoldenApp(demo: scene.demo, width: width, height: height)
            for key in scene.keys { screen.app.handle(.key(key)) }
            try Self.compare(screen.snapshot(), name: "\(scene.name)-\(width)x\(height)")
        }
    }

    @Test func aTerminalTooSmallShowsItsNotice() throws {
        let screen = try GoldenApp(demo: true, width: 120, height: 40)
        screen.app.handle(.resize(width: 40, height: 12))
        try Self.compare(screen.snapshot(), name: "too-small-40x12")
        screen.app.handle(.resize(width: 80, height: 24))
        try Self.compare(screen.snapshot(), name: "resized-back-80x24")
    }

    static func compare(_ text: String, name: String) throws {
        let failure = try GoldenFile(folder: goldenFolder, name: name).mismatch(text)
        #expect(failure == nil, "\(failure ?? "")")
    }
}

/// The app on its own copy of the demo database, with a fixed clock, day and folder name, so
/// the same keys draw the same screen on every run.
final class GoldenApp {
    let folder: URL
    let store: Store
    let app: App

    /// The demo database, made once per test run and copied for every screen.
    static let template: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ncc-golden-template-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("ncc.sqlite").path
        do {
            let store = try Store.open(path: path, wallClock: GoldenApp.clock())
            _ = try DemoData.load(into: store, seed: 1, scale: 1, today: GoldenScreenTests.today)
            try store.backup(to: folder.appendingPathComponent("demo.sqlite").path)
        } catch {
            fatalError("the demo database could not be made: \(error)")
        }
        return folder.appendingPathComponent("demo.sqlite").path
    }()

    /// A clock of its own for each database: 2026-11-23 09:00 UTC in milliseconds, moving on by
    /// one with every look, so stamps do not depend on the time of the run or on other tests.
    static func clock() -> @Sendable () -> UInt64 {
        let counter = Counter()
        return { (1_795_424_400_000 + counter.next()) << 16 }
    }

    final class Counter: @unchecked Sendable {
        private var value: UInt64 = 0
        private let lock = NSLock()
        func next() -> UInt64 {
            lock.withLock {
                value += 1
                return value
            }
        }
    }

    init(demo: Bool, width: Int, height: Int) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ncc.sqlite").path
        if demo { try FileManager.default.copyItem(atPath: Self.template, toPath: path) }
        store = try Store.open(path: path, wallClock: Self.clock())
        app = try App(store: store, width: width, height: height, today: GoldenScreenTests.today) { store in
            _ = try DemoData.load(into: store, seed: 1, scale: 1, today: GoldenScreenTests.today)
            return "Loaded demo data"
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    static let theme = ThemeLoader.load(name: "default", environment: [:]).theme

    /// The screen as text, then each line's styles as runs ("a12 b3": 12 cells of style a, 3 of
    /// b), then the styles' legend and the cursor. Names that differ per run (the folder, the
    /// replica id) are replaced by placeholders of the same width.
    func snapshot() -> String {
        let buffer = app.render(theme: Self.theme.style)
        var legend: [Style] = []
        var styleLines: [String] = []
        for y in 0..<buffer.height {
            var runs: [String] = []
            var current: Int?
            var count = 0
            for x in 0..<buffer.width {
                let style = buffer[x, y].style
                let index =
                    legend.firstIndex(of: style)
                    ?? {
                        legend.append(style)
                        return legend.count - 1
                    }()
                if index == current {
                    count += 1
                } else {
                    if let current { runs.append("\(Self.letter(current))\(count)") }
                    current = index
                    count = 1
                }
            }
            if let current { runs.append("\(Self.letter(current))\(count)") }
            styleLines.append(runs.joined(separator: " "))
        }
        var text = buffer.text
        let masks = [
            (folder.lastPathComponent, String(repeating: "F", count: folder.lastPathComponent.count)),
            (store.replicaID, String(repeating: "R", count: store.replicaID.count)),
        ]
        for (real, mask) in masks { text = text.replacingOccurrences(of: real, with: mask) }
        // A folder name cut at the left edge of a prompt shows only its UUID.
        text = text.replacingOccurrences(
            of: "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
            with: "UUUUUUUU-UUUU-UUUU-UUUU-UUUUUUUUUUUU", options: .regularExpression)
        let legendLines = legend.enumerated().map { i, s in "\(Self.letter(i)) = \(s)" }
        let cursor = buffer.cursor.map { "cursor \($0.x),\($0.y)" } ?? "no cursor"
        return ([text, ""] + styleLines + [""] + legendLines + [cursor]).joined(separator: "\n") + "\n"
    }

    static func letter(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < letters.count ? String(letters[index]) : "<\(index)>"
    }
}
