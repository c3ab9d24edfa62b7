import Foundation
import NCCModel
import NCCStore

/// One factor's part in a score, and what it rests on.
public struct Reason: Sendable, Hashable {
    public var factor: String
    public var contribution: Double
    public var detail: String
}

/// An expert proposed for a need (or a need for an expert): a score in [0, 1] and why.
public struct Match: Sendable, Hashable {
    public var expertID: String
    public var needID: String
    public var name: String
    public var score: Double
    public var reasons: [Reason]
    /// Problems a member should see even when the expert ranks high (a conflict of interest).
    public var flags: [String]
}

/// The hard filters; each can be switched off in the app and the CLI.
public struct MatchFilters: Sendable, Hashable {
    /// The expert speaks at least one of the need's languages.
    public var language = true
    /// The expert has days to give.
    public var availability = true
    /// The expert has not already declined this need.
    public var declined = true
    public init(language: Bool = true, availability: Bool = true, declined: Bool = true) {
        self.language = language
        self.availability = availability
        self.declined = declined
    }
}

public enum MatchError: Error, CustomStringConvertible, Equatable {
    case unknownNeed(String, closest: [String])
    case emptyNeed(String)
    case unknownExpert(String)

    public var description: String {
        switch self {
        case .unknownNeed(let text, let closest):
            "no need '\(text)'"
                + (closest.isEmpty ? "" : "; the closest titles: " + closest.map { "'\($0)'" }.joined(separator: ", "))
        case .emptyNeed(let title):
            "the need '\(title)' has no topics and no description to match on: add topics (ncc edit need ID --topics \"...\")"
        case .unknownExpert(let text): "no expert '\(text)'"
        }
    }
}

/// Ranks experts for a need: full-text relevance of their topics and bios (BM25, topics weighed
/// above bios, the query widened through the thesaurus), the share of the need's themes they
/// cover, experience in its country, current workload and past feedback; hard filters for
/// language, availability and an earlier refusal; a conflict of interest flagged and ranked down.
public struct MatchEngine {
    public var settings: MatchSettings
    public var thesaurus: Thesaurus

    public init(settings: MatchSettings = MatchSettings()) {
        self.settings = settings
        var thesaurus = Thesaurus()
        for group in settings.extraThesaurus { thesaurus.add(group) }
        self.thesaurus = thesaurus
    }

    /// How many candidates are scored in full: those covering the most of the need's themes.
    /// (When more experts than this cover all of them, the newest are scored: see README.)
    static let candidates = 150
    static let stopwords: Set<String> = [
        "a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "at", "as", "or", "from", "its", "it",
        "is", "be", "can", "that", "this", "their", "our", "we", "so", "into", "other", "e", "g", "such", "two", "more",
    ]

    // MARK: - Experts for a need

    /// Finds the need a user means: its id or exact title, else a clear error with the closest titles.
    public func need(_ text: String, reader: StoreReader) throws -> Record {
        if let id = try? reader.resolve(.need, text), let need = try reader.record(.need, id: id) { return need }
        let closest = try reader.search(text, kinds: [.need], limit: 3, anyWord: true).map(\.title)
        throw MatchError.unknownNeed(text, closest: closest)
    }

    public func rank(
        need: Record, reader: StoreReader, filters: MatchFilters = MatchFilters(), limit: Int = 10,
        mark: (String, String) = ("[", "]")
    ) throws -> [Match] {
        let topics = need[Fields.Need.topics].list
        let title = need[Fields.Need.title].text ?? ""
        let description = need[Fields.Need.description].text ?? ""
        guard !topics.isEmpty || !description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw MatchError.emptyNeed(title)
        }
        let concepts = needConcepts(need)
        let terms = queryTerms(title: title, description: description, topics: topics, concepts: concepts)
        // Candidates: the experts naming the most of the need's themes (its topics and their
        // thesaurus phrases); then full-text relevance among those only. With no theme known,
        // the plain full-text ranking over all experts.
        var themes = concepts.sorted().map { thesaurus.phrases(of: $0) }
        themes += topics.filter { thesaurus.concept(of: $0) == nil }.map { [$0] }
        let candidates = try reader.expertCandidates(themes: themes, limit: Self.candidates)
        var hits: [ExpertTextHit]
        if candidates.count >= 10 {
            let (experts, frequencies) = try reader.expertWordFrequencies(terms)
            let relevance = TextRelevance(
                words: terms, experts: experts, frequencies: frequencies,
                topicWeight: settings.topicColumn, bioWeight: settings.bioColumn)
            hits = relevance.rank(try reader.expertTexts(keys: candidates), mark: mark)
                .map { ExpertTextHit(expertID: $0.id, relevance: $0.relevance, topics: $0.topics, bio: $0.bio) }
                .sorted { $0.relevance > $1.relevance }
        } else {
            hits = try reader.expertTextHits(
                anyOf: terms, topicWeight: settings.topicColumn, bioWeight: settings.bioColumn,
                limit: Self.candidates, mark: mark)
        }
        guard let best = hits.first?.relevance, best > 0 else { return [] }
        let context = try Context(reader: reader, expertIDs: hits.map(\.expertID), needs: [need])
        var matches: [Match] = []
        for hit in hits {
            guard let expert = context.experts[hit.expertID] else { continue }
            if let match = score(
                expert: expert, need: need, relevance: hit.relevance / best, concepts: concepts,
                topicsText: hit.topics, bioText: hit.bio, context: context, filters: filters)
            {
                matches.append(match)
            }
        }
        return Array(matches.sorted { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }.prefix(limit))
    }

    // MARK: - Needs for an expert

    public func expert(_ text: String, reader: StoreReader) throws -> Record {
        guard let id = try? reader.resolve(.expert, text), let expert = try reader.record(.expert, id: id) else {
            throw MatchError.unknownExpert(text)
        }
        return expert
    }

    /// The open needs an expert fits best, scored the same way.
    public func needs(for expert: Record, reader: StoreReader, filters: MatchFilters = MatchFilters(), limit: Int = 10)
        throws -> [Match]
    {
        let expertTopics = expert[Fields.Expert.topics].list
        var words = expertTopics
        for topic in expertTopics { if let c = thesaurus.concept(of: topic) { words += thesaurus.phrases(of: c) } }
        if words.isEmpty, let bio = expert[Fields.Expert.bio].text { words = [bio] }
        let hits = try reader.search(
            queryTerms(title: "", description: "", topics: words, concepts: []).joined(separator: " "),
            kinds: [.need], limit: Self.candidates, anyWord: true)
        let needs = try reader.records(
            RecordQuery(.need, conditions: [.ids(hits.map(\.id)), .equals(Fields.Need.status, .text("open"))]),
            limit: Self.candidates)
        guard !needs.isEmpty, let best = hits.first.map({ -$0.rank }), best > 0 else { return [] }
        let relevance = Dictionary(hits.map { ($0.id, -$0.rank / best) }, uniquingKeysWith: max)
        let snippets = Dictionary(hits.map { ($0.id, $0.snippet) }, uniquingKeysWith: { a, _ in a })
        let context = try Context(reader: reader, expertIDs: [expert.id], needs: needs)
        var matches: [Match] = []
        for need in needs {
            if var match = score(
                expert: expert, need: need, relevance: relevance[need.id] ?? 0, concepts: needConcepts(need),
                topicsText: snippets[need.id] ?? "", bioText: "", context: context, filters: filters)
            {
                match.name = need[Fields.Need.title].text ?? ""
                matches.append(match)
            }
        }
        return Array(matches.sorted { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }.prefix(limit))
    }

    // MARK: - Scoring

    func needConcepts(_ need: Record) -> Set<Int> {
        var concepts = Set(need[Fields.Need.topics].list.compactMap(thesaurus.concept(of:)))
        concepts.formUnion(
            thesaurus.concepts(
                in: (need[Fields.Need.title].text ?? "") + " " + (need[Fields.Need.description].text ?? "")))
        return concepts
    }

    /// The words to look for: the need's own, and the phrases of its themes from the thesaurus.
    func queryTerms(title: String, description: String, topics: [String], concepts: Set<Int>) -> [String] {
        var phrases = [title, description] + topics
        for concept in concepts { phrases += thesaurus.phrases(of: concept) }
        var seen = Set<String>()
        return phrases.flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) }
            .map { $0.lowercased() }
            .filter { $0.count > 1 && !Self.stopwords.contains($0) && seen.insert($0).inserted }
    }

    func score(
        expert: Record, need: Record, relevance: Double, concepts: Set<Int>, topicsText: String, bioText: String,
        context: Context, filters: MatchFilters
    ) -> Match? {
        let spoken = Set(expert[Fields.Expert.languages].list)
        let wanted = Set(need[Fields.Need.languages].list)
        let speaksOne = wanted.isEmpty || !spoken.isDisjoint(with: wanted)
        let days = expert[Fields.Expert.availabilityDays].int ?? 0
        let history = context.engagements[expert.id] ?? []
        let declined = history.contains {
            $0[Fields.Engagement.need].text == need.id && $0[Fields.Engagement.status].text == "declined"
        }
        if filters.language && !speaksOne { return nil }
        if filters.availability && days == 0 { return nil }
        if filters.declined && declined { return nil }

        var reasons: [Reason] = []
        var flags: [String] = []
        func add(_ factor: String, _ weight: Double, _ value: Double, _ detail: String) {
            reasons.append(Reason(factor: factor, contribution: weight * max(0, min(1, value)), detail: detail))
        }
        let matched = Self.markedWords(topicsText) + Self.markedWords(bioText)
        add(
            "text", settings.text, relevance,
            matched.isEmpty
                ? "no words in common"
                : "matched: "
                    + matched.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.prefix(6).joined(
                        separator: ", "))
        let expertConcepts = Set(expert[Fields.Expert.topics].list.compactMap(thesaurus.concept(of:)))
        let covered = concepts.intersection(expertConcepts)
        if !concepts.isEmpty {
            let names = covered.map { thesaurus.phrases(of: $0)[0] }.sorted()
            // "1 of the need's 1 themes" reads wrong: a need of one theme is covered or not.
            let coverage =
                concepts.count == 1
                ? (covered.isEmpty ? "misses the need's one theme" : "covers the need's one theme")
                : "covers \(covered.count) of the need's \(concepts.count) themes"
            add(
                "topics", settings.topics, Double(covered.count) / Double(concepts.count),
                coverage + (names.isEmpty ? "" : ": " + names.joined(separator: ", ")))
        }
        if let country = need[Fields.Need.country].text {
            let knows =
                expert[Fields.Expert.country].text == country || expert[Fields.Expert.countries].list.contains(country)
            add(
                "country", settings.country, knows ? 1 : 0,
                knows ? "experience in \(country)" : "no experience in \(country)")
        }
        let active = history.filter {
            ["proposed", "agreed"].contains($0[Fields.Engagement.status].text ?? "")
                && $0[Fields.Engagement.need].text != need.id
        }.count
        add(
            "workload", settings.workload, 1 - Double(min(active, 3)) / 3,
            "\(active) active engagement\(active == 1 ? "" : "s"), \(days) days a month")
        let scores = history.compactMap { $0[Fields.Engagement.feedback].int }
        let mean = scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
        add(
            "feedback", settings.feedback, mean.map { ($0 - 1) / 4 } ?? 0.5,
            mean.map { String(format: "mean feedback %.1f of 5 over %d", $0, scores.count) } ?? "no feedback yet")
        if !speaksOne { flags.append("speaks none of \(wanted.sorted().joined(separator: ", "))") }
        if days == 0 { flags.append("no days available") }
        if declined { flags.append("declined this need before") }
        var score = reasons.reduce(0) { $0 + $1.contribution }
        if let organisation = context.partnerOrganisation(of: expert, for: need) {
            let penalty = score * settings.conflictPenalty
            score -= penalty
            reasons.append(
                Reason(
                    factor: "conflict", contribution: -penalty,
                    detail: "works for \(organisation), a partner of the requesting centre"))
            flags.append("conflict of interest: works for \(organisation)")
        }
        return Match(
            expertID: expert.id, needID: need.id, name: context.names[expert.id] ?? "", score: max(0, min(1, score)),
            reasons: reasons.sorted { $0.contribution > $1.contribution }, flags: flags)
    }

    /// The words between marks in a highlighted text.
    static func markedWords(_ text: String) -> [String] {
        var words: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            // A marked topic word may carry the '; ' that joins topics: the reason shows the word alone.
            let word = rest[rest.index(after: open)..<close].trimmingCharacters(in: .alphanumerics.inverted)
                .lowercased()
            if !word.isEmpty { words.append(word) }
            rest = rest[rest.index(after: close)...]
        }
        return words
    }
}

/// What scoring needs about the candidates, read in a few queries instead of several per expert.
struct Context {
    var experts: [String: Record] = [:]
    var names: [String: String] = [:]
    var engagements: [String: [Record]] = [:]
    /// Person id → (organisation name, its centre).
    var employer: [String: (name: String, centre: String?)] = [:]

    init(reader: StoreReader, expertIDs: [String], needs: [Record]) throws {
        let experts = try reader.records(RecordQuery(.expert, conditions: [.ids(expertIDs)]), limit: expertIDs.count)
        let personIDs = experts.compactMap { $0[Fields.Expert.person].text }
        let people = try reader.records(RecordQuery(.person, conditions: [.ids(personIDs)]), limit: personIDs.count)
        let organisationIDs = Set(people.compactMap { $0[Fields.Person.organisation].text })
        let organisations = try reader.records(
            RecordQuery(.organisation, conditions: [.ids(Array(organisationIDs))]), limit: organisationIDs.count)
        let byID = Dictionary(organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for person in people {
            if let org = person[Fields.Person.organisation].text.flatMap({ byID[$0] }) {
                employer[person.id] = (org[Fields.Organisation.name].text ?? "", org[Fields.Organisation.centre].text)
            }
        }
        let personName = Dictionary(
            people.map { ($0.id, $0[Fields.Person.name].text ?? "") }, uniquingKeysWith: { a, _ in a })
        for expert in experts {
            self.experts[expert.id] = expert
            names[expert.id] = expert[Fields.Expert.person].text.flatMap { personName[$0] } ?? ""
        }
        let engagements = try reader.records(
            RecordQuery(.engagement, conditions: [.oneOf(Fields.Engagement.expert, expertIDs)]), limit: 100_000)
        for engagement in engagements {
            self.engagements[engagement[Fields.Engagement.expert].text ?? "", default: []].append(engagement)
        }
    }

    /// The expert's organisation when it is a partner of the centre that raised the need.
    func partnerOrganisation(of expert: Record, for need: Record) -> String? {
        guard let person = expert[Fields.Expert.person].text, let (name, centre) = employer[person], let centre,
            centre == need[Fields.Need.centre].text
        else { return nil }
        return name
    }
}
