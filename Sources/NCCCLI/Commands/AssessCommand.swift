import ArgumentParser
import Foundation
import NCCExchange
import NCCModel
import NCCStore
import TerminalText

/// `ncc assess CENTRE --DIMENSION N [--DIMENSION-evidence TEXT] ... [--round R] [--date D] [--sharing S]`
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Record a round of a centre's self-assessment: a score from 1 to 5 per dimension.",
        usage:
            "ncc assess <centre> --DIMENSION N [--DIMENSION-evidence TEXT] ... [--round R] [--date D] [--sharing all|averages]",
        discussion: """
            DIMENSION is a dimension's title in lower case with dashes: with the default dimensions \
            (made on the first assessment when there is none) \(DimensionFlags.defaultHelp). Assessing \
            the same centre, round and dimension again updates that rating. --sharing averages keeps the \
            scores and evidence on this centre's own machines: bundles carry them only into the group's \
            averages. Prints what changed since the centre's previous round.
            """)

    @Argument(help: "The centre's id, id prefix or exact name.") var centre: String
    @Option(help: ArgumentHelp("The round's label (default: the year of the date).", valueName: "round")) var round:
        String?
    @Option(help: ArgumentHelp("The day of the assessment (default: today).", valueName: "YYYY-MM-DD")) var date:
        String?
    @Option(help: ArgumentHelp("Who sees the scores: all, or averages (only into averages).", valueName: "sharing"))
    var sharing = ScoreSharing.all.rawValue
    @Argument(parsing: .allUnrecognized, help: .hidden) var ratings: [String] = []
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let date, Dates.normalizedDate(date) == nil {
            throw ValidationError("--date: '\(date)' is not a valid date YYYY-MM-DD")
        }
        guard ScoreSharing(rawValue: sharing) != nil else {
            throw ValidationError("--sharing: '\(sharing)' is not all or averages")
        }
        if let round, Text.trimmed(round).isEmpty { throw ValidationError("--round: give the round's label") }
    }

    func run() throws {
        let store = try database.open()
        let day = date.flatMap(Dates.normalizedDate) ?? Dates.today()
        let label = round.map { Text.trimmed($0) } ?? String(day.prefix(4))
        let shared = ScoreSharing(rawValue: sharing) ?? .all
        // One transaction: a mistake in any flag leaves nothing written, the default dimensions included.
        let lines = try store.write { writer -> [String] in
            try writer.ensureDefaultDimensions()
            let flags = DimensionFlags(try writer.reader.dimensions())
            let given = try flags.parse(ratings)
            let id = try writer.reader.resolve(.centre, centre)
            try writer.assess(
                centre: id, round: label, date: day, scores: given.scores, evidence: given.evidence, sharing: shared)
            let name = try writer.reader.title(.centre, id: id)
            let count = Set(given.scores.keys).union(given.evidence.keys).count
            let head = Console.oneLine(
                "Assessed \(name), round \(label) (\(day)): \(English.count(count, "dimension"))"
                    + (shared == .averages ? ", scores shared into averages only" : ""))
            return [head] + (try AssessmentText.change(of: id, writer.reader))
        }
        for line in lines { Console.out(line) }
    }
}

struct DimensionFlags {
    /// Flag (without its dashes) to dimension id, in dimension order.
    var flags: [(flag: String, dimension: String)] = []

    init(_ dimensions: [Record]) {
        for dimension in dimensions {
            let flag = Self.flag(dimension[Fields.Dimension.title.name].text ?? dimension.id)
            if !flag.isEmpty, !flags.contains(where: { $0.flag == flag }) { flags.append((flag, dimension.id)) }
        }
    }

    /// A title as a flag: folded to lower case without accents, every run of other characters
    /// than letters and digits one dash ("Scaling in complex systems": scaling-in-complex-systems).
    static func flag(_ title: String) -> String {
        var flag = ""
        var gap = false
        for character in Folding.key(title) {
            if character.isLetter || character.isNumber {
                if gap, !flag.isEmpty { flag.append("-") }
                flag.append(character)
                gap = false
            } else {
                gap = true
            }
        }
        return flag
    }

    static let evidenceSuffix = "-evidence"

    static var defaultHelp: String {
        Competence.defaults.map { "--" + flag($0.title) }.joined(separator: ", ")
    }

    static var example: String { "--\(flag(Competence.defaults[2].title)) N ..." }

    var valid: String { "the dimensions are " + flags.map { "--" + $0.flag }.joined(separator: ", ") }

    /// The scores and evidence given, by dimension id; a flag that names no dimension, a value
    /// missing, a score that is not 1 to 5, or a flag given twice is an error naming it.
    func parse(_ arguments: [String]) throws -> (scores: [String: Int], evidence: [String: String]) {
        var scores: [String: Int] = [:]
        var evidence: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw CLIError("unexpected '\(argument)': give scores as --DIMENSION N (\(valid))")
            }
            var name = String(argument.dropFirst(2))
            var raw: String?
            if let equals = name.firstIndex(of: "=") {
                raw = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let isEvidence = name.hasSuffix(Self.evidenceSuffix) && dimension(of: name) == nil
            let flag = isEvidence ? String(name.dropLast(Self.evidenceSuffix.count)) : name
            guard let dimension = dimension(of: flag) else {
                throw CLIError("unknown dimension --\(name): \(valid) (and --DIMENSION-evidence)")
            }
            if raw == nil, index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                raw = arguments[index + 1]
                index += 1
            }
            guard let raw else {
                throw CLIError("--\(name) needs " + (isEvidence ? "its text" : "a score from 1 to 5"))
            }
            if isEvidence {
                guard evidence[dimension] == nil else { throw CLIError("--\(name) is given twice") }
                evidence[dimension] = raw
            } else {
                guard scores[dimension] == nil else { throw CLIError("--\(name) is given twice") }
                guard let score = Int(Text.trimmed(raw)), (1...5).contains(score) else {
                    throw CLIError("--\(name): '\(raw)' is not a score from 1 to 5")
                }
                scores[dimension] = score
            }
            index += 1
        }
        guard !scores.isEmpty || !evidence.isEmpty else {
            throw CLIError("give at least one score as --DIMENSION N: \(valid)")
        }
        return (scores, evidence)
    }

    func dimension(of flag: String) -> String? {
        flags.first { $0.flag == flag.lowercased() }?.dimension
    }
}

/// How the CLI words a self-assessment.
