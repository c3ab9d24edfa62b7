import Foundation
import NCCExchange
import NCCModel
import NCCStore
import Screen

/// The readers of untrusted files, each fed arbitrary bytes. A thrown error is the right answer
/// to a bad file; a crash, a hang or a change to the database is a bug. The same code serves the
/// libFuzzer build (`ncc-fuzz`, see README) and the regression tests that replay the corpus.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case bundle, csv, ics, theme

    /// A scratch folder and a database the readers may look at (never changed: dry runs only).
    final class Scratch: @unchecked Sendable {
        let folder: URL
        let store: Store

        init() {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-fuzz-\(getpid())")
            try? FileManager.default.createDirectory(
                at: folder.appendingPathComponent("ncc/themes"), withIntermediateDirectories: true)
            store = try! Store.open(path: folder.appendingPathComponent("fuzz.sqlite").path)
            try? store.write { w in
                if try w.reader.count(.centre) == 0 {
                    try w.create(
                        .centre, [Fields.Centre.name: .text("NCC Lietuva"), Fields.Centre.country: .text("LT")])
                }
            }
        }
    }

    nonisolated(unsafe) static var scratch: Scratch?

    /// Runs one input; returns the error's text when the reader refused it (nil when it took it).
    @discardableResult
    public func run(_ data: Data) -> String? {
        let scratch = Self.scratch ?? Scratch()
        Self.scratch = scratch
        let file = scratch.folder.appendingPathComponent("input.\(rawValue)")
        do {
            switch self {
            case .bundle:
                try data.write(to: file)
                let bundle = try BundleReader.read(file.path, scratch: scratch.folder)
                defer { bundle.discard() }
                _ = try BundleImporter(store: scratch.store).preview(bundle, trust: true)
            case .csv:
                try data.write(to: file)
                // Centres: their rows hold every kind of cell (codes, references, lists, choices).
                _ = try CSVImporter(store: scratch.store).importCSV(.centre, from: file.path, dryRun: true)
            case .ics:
                try data.write(to: file)
                _ = try CalendarImporter(store: scratch.store).importICS(from: file.path, dryRun: true)
            case .theme:
                try data.write(to: scratch.folder.appendingPathComponent("ncc/themes/fuzz.toml"))
                let (_, warning) = ThemeLoader.load(name: "fuzz", environment: ["XDG_CONFIG_HOME": scratch.folder.path])
                return warning
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
