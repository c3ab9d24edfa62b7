import ArgumentParser
import NCCModel

extension Kind: ExpressibleByArgument {
    public init?(argument: String) { self.init(userInput: argument) }
    public static var allValueStrings: [String] { Kind.main.map(\.plural) }
}

enum KindWords {
    /// The kinds a user works with directly (`Kind.main`); the parts of meetings and the links
    /// between records are reachable too, under their own names, but stay out of the way in help.
    static var help: String { Kind.main.map(\.plural).joined(separator: ", ") }

    static func parse(_ word: String) throws -> Kind {
        guard let kind = Kind(userInput: word) else { throw CLIError("not a kind of record; use one of \(help)") }
        return kind
    }
}
