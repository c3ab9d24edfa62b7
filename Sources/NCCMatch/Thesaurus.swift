import Foundation

/// Social-innovation themes that mean the same for matching: an expert on SROI answers a need
/// about impact measurement. Users extend it in `config.toml` (`[thesaurus] groups = [[...]]`).
public struct Thesaurus: Sendable {
    /// Each group is one concept and the phrases that name it.
    public private(set) var groups: [[String]]
    private var conceptOf: [String: Int] = [:]

    public static let curated: [[String]] = [
        [
            "impact measurement", "social impact assessment", "SROI", "social return on investment",
            "outcome indicators",
            "impact evaluation", "theory of change",
        ],
        ["ecosystem mapping", "stakeholder mapping", "actor mapping", "ecosystem analysis"],
        [
            "social finance", "blended finance", "financial instruments", "impact investment", "financial mechanisms",
            "sustainable funding",
        ],
        ["Horizon Europe", "EU Missions", "EU programmes", "research and innovation funding"],
        ["coastal communities", "islands", "blue economy communities"],
        ["rural communities", "rural development", "depopulating areas"],
        ["stakeholder engagement", "participation", "co-creation", "community engagement"],
        ["governance models", "governance", "decentralised governance"],
        ["scaling", "transfer of good practices", "replication", "scaling up"],
        ["policy analysis", "policy guidance", "policy advice"],
        ["capacity building", "training", "mentoring"],
        ["social procurement", "public procurement", "socially responsible procurement"],
        ["migrant integration", "migration", "integration of third-country nationals"],
        ["social inclusion", "inclusion", "poverty reduction"],
        ["employment and skills", "employment", "skills"],
        ["learning strategies", "organisational learning", "learning"],
        ["proposal evaluation", "evaluation of proposals", "grant evaluation"],
        ["grant monitoring", "monitoring", "project monitoring"],
        ["communities of practice", "peer learning", "mutual learning"],
        ["digital social innovation", "civic tech"],
        ["social economy", "social enterprises", "cooperatives"],
        ["validation", "validation of initiatives"],
        ["moderation", "facilitation"],
    ]

    public init(groups: [[String]] = Thesaurus.curated) {
        self.groups = []
        for group in groups { add(group) }
    }

    /// Adds a group; a phrase already known joins the new phrases to its concept.
    public mutating func add(_ group: [String]) {
        let keys = group.map(Self.key).filter { !$0.isEmpty }
        guard !keys.isEmpty else { return }
        if let existing = keys.compactMap({ conceptOf[$0] }).first {
            groups[existing] += group
            for key in keys { conceptOf[key] = existing }
        } else {
            groups.append(group)
            for key in keys { conceptOf[key] = groups.count - 1 }
        }
    }

    /// The concept a topic names, if the thesaurus knows it.
    public func concept(of topic: String) -> Int? { conceptOf[Self.key(topic)] }

    /// The concepts named in a free text (a need's title and description), by phrase.
    public func concepts(in text: String) -> Set<Int> {
        let folded = " " + Self.key(text) + " "
        var found = Set<Int>()
        for (phrase, concept) in conceptOf where folded.contains(" " + phrase + " ") { found.insert(concept) }
        return found
    }

    /// A concept's phrases, to widen a full-text query.
    public func phrases(of concept: Int) -> [String] { groups[concept] }

    /// A phrase's comparable form: lower case, no accents, words separated by single spaces.
    static func key(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }
}
