import ArgumentParser
import Foundation
import NCCModel
import NCCStore
import TerminalText

/// `ncc search QUERY`: every kind at once, best first, diacritics and case ignored.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search every record: names, topics, bios, descriptions, tasks and minutes.",
        discussion:
            "Every word must match, as a word or the start of one; accents and case are ignored ('butk' finds Butkevičienė)."
    )

    @Argument(help: "What to look for.") var query: [String]
    @Option(help: "Only this kind (repeatable).", transform: KindWords.parse) var kind: [Kind] = []
    @Option(help: "At most this many hits.") var limit = 20
    @Flag(help: "Print a JSON array of hits.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be 1 or more") }
    }

    /// Private-use marks survive sanitising and are then turned into brackets or bold.
    static let open = "\u{E000}", close = "\u{E001}"

    func run() throws {
        let text = query.joined(separator: " ")
        let store = try database.open()
        let hits = try store.read {
            try $0.search(text, kinds: kind.isEmpty ? nil : kind, limit: limit, mark: (Self.open, Self.close))
        }
        if json {
            let objects = hits.enumerated().map { position, hit in
                CanonicalJSON.encode([
                    "kind": .text(hit.kind.rawValue), "id": .text(hit.id), "title": .text(hit.title),
                    "snippet": .text(
                        hit.snippet.replacingOccurrences(of: Self.open, with: "[").replacingOccurrences(
                            of: Self.close, with: "]")),
                    "rank": .int(position + 1),
                ])
            }
            Console.out("[" + objects.joined(separator: ",\n ") + "]")
            return
        }
        guard !hits.isEmpty else {
            Console.out(Console.oneLine("Nothing matches '\(text)'."))
            return
        }
        let bold = isatty(STDOUT_FILENO) != 0
        var table = TextTable(headers: ["kind", "id", "title", "match"])
        for hit in hits {
            let snippet = hit.snippet.replacingOccurrences(of: "\n", with: " ")
            table.append([hit.kind.singular, hit.id.shortID, hit.title, snippet])
        }
        var rendered = table.render(width: Console.width)
        rendered = rendered.replacingOccurrences(of: Self.open, with: bold ? "\u{1B}[1m" : "[")
            .replacingOccurrences(of: Self.close, with: bold ? "\u{1B}[22m" : "]")
        // A cut snippet may lose its closing mark; never leave the terminal in bold.
        if bold { rendered = rendered.replacingOccurrences(of: "\n", with: "\u{1B}[22m\n") + "\u{1B}[22m" }
        Console.out(rendered)
    }
}
