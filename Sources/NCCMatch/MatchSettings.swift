import Foundation
internal import TOMLKit

/// Every number the ranking uses, in one place. The factor weights add up to 1, so a score is in
/// [0, 1]. Override any of them in `$XDG_CONFIG_HOME/ncc/config.toml`:
///
/// ```toml
/// [match]
/// text = 0.40          # full-text relevance of topics and bio (BM25, relative to the best)
/// topics = 0.35        # share of the need's themes the expert covers (through the thesaurus)
/// country = 0.10       # experience in the need's country
/// workload = 0.08      # fewer active engagements is better (3 or more counts as full)
/// feedback = 0.07      # mean feedback of past engagements (none counts as middling)
/// conflict_penalty = 0.5   # a score is multiplied by 1 - this when the expert works for a partner of the centre
/// topic_column = 3.0   # BM25 weight of the topics column against the bio's 1.0
///
/// [thesaurus]
/// groups = [["circular economy", "waste reduction"]]
/// ```
public struct MatchSettings: Sendable, Equatable {
    public var text = 0.40
    public var topics = 0.35
    public var country = 0.10
    public var workload = 0.08
    public var feedback = 0.07
    public var conflictPenalty = 0.5
    public var topicColumn = 3.0
    public var bioColumn = 1.0
    public var extraThesaurus: [[String]] = []

    public init() {}

    public static func == (a: MatchSettings, b: MatchSettings) -> Bool {
        a.text == b.text && a.topics == b.topics && a.country == b.country && a.workload == b.workload
            && a.feedback == b.feedback && a.conflictPenalty == b.conflictPenalty && a.topicColumn == b.topicColumn
            && a.extraThesaurus == b.extraThesaurus
    }

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public static func configPath(environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return config + "/ncc/config.toml"
    }

    /// The defaults with the user's config file laid over them. A missing file is no problem; a
    /// bad one is, named with its line or key.
    public static func load(environment: [String: String]) throws -> MatchSettings {
        let path = configPath(environment: environment)
        guard let data = FileManager.default.contents(atPath: path) else { return MatchSettings() }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(path): not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> MatchSettings {
        var settings = MatchSettings()
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw Problem(description: "\(file): line \(error.source.begin.line): \(error.description)")
        }
        if let match = table["match"]?.table {
            for key in match.keys {
                guard let value = match[key]?.double ?? match[key]?.int.map(Double.init), value >= 0 else {
                    throw Problem(description: "\(file): match.\(key): must be a number of 0 or more")
                }
                switch key {
                case "text": settings.text = value
                case "topics": settings.topics = value
                case "country": settings.country = value
                case "workload": settings.workload = value
                case "feedback": settings.feedback = value
                case "conflict_penalty":
                    guard value <= 1 else {
                        throw Problem(description: "\(file): match.conflict_penalty: must be between 0 and 1")
                    }
                    settings.conflictPenalty = value
                case "topic_column": settings.topicColumn = value
                case "bio_column": settings.bioColumn = value
                default:
                    throw Problem(
                        description:
                            "\(file): match.\(key): unknown setting (text, topics, country, workload, feedback, conflict_penalty, topic_column, bio_column)"
                    )
                }
            }
            let sum = settings.text + settings.topics + settings.country + settings.workload + settings.feedback
            guard sum > 0 else { throw Problem(description: "\(file): [match] weights add up to 0") }
            // Scale to a sum of 1 so that scores stay in [0, 1] whatever the user wrote.
            settings.text /= sum
            settings.topics /= sum
            settings.country /= sum
            settings.workload /= sum
            settings.feedback /= sum
        }
        if let thesaurus = table["thesaurus"]?.table, let groups = thesaurus["groups"]?.array {
            for group in groups {
                guard let phrases = group.array?.compactMap({ $0.string }), phrases.count >= 2 else {
                    throw Problem(description: "\(file): thesaurus.groups: each group is a list of two or more phrases")
                }
                settings.extraThesaurus.append(phrases)
            }
        }
        return settings
    }
}
