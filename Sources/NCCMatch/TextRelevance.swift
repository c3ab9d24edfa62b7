import Foundation

/// BM25 (k1 1.2, b 0.75) of a query over a few candidate experts, computed in memory with the
/// document frequencies of the whole pool, so it agrees with SQLite's bm25() without ranking every
/// expert in SQL. Topics and bio are weighed apart; query words match as prefixes, accents and
/// case ignored; matched words come back marked.
struct TextRelevance {
    let words: [String]
    let idf: [String: Double]
    let topicWeight: Double
    let bioWeight: Double

    init(words: [String], experts: Int, frequencies: [String: Int], topicWeight: Double, bioWeight: Double) {
        self.words = words
        var idf: [String: Double] = [:]
        let n = Double(max(experts, 1))
        for word in words {
            let df = Double(frequencies[word] ?? 0)
            idf[word] = log((n - df + 0.5) / (df + 0.5) + 1)
        }
        self.idf = idf
        self.topicWeight = topicWeight
        self.bioWeight = bioWeight
    }

    static func tokens(_ text: String) -> [Substring] {
        let folded =
            text.utf8.allSatisfy({ $0 < 0x80 })
            ? text.lowercased()
            : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }

    /// The score of one column and the query words it matched.
    func column(_ tokens: [Substring], averageLength: Double) -> (score: Double, matched: Set<String>) {
        var score = 0.0
        var matched = Set<String>()
        let length = Double(tokens.count)
        for word in words {
            let tf = Double(tokens.filter { $0.hasPrefix(word) }.count)
            guard tf > 0 else { continue }
            matched.insert(word)
            let norm = 1.2 * (1 - 0.75 + 0.75 * length / max(averageLength, 1))
            score += (idf[word] ?? 0) * tf * 2.2 / (tf + norm)
        }
        return (score, matched)
    }

    /// Scores for experts: relevance, their topics with matched words marked, and bio words matched.
    func rank(_ experts: [(id: String, topics: [String], bio: String)], mark: (String, String))
        -> [(id: String, relevance: Double, topics: String, bio: String)]
    {
        let topicTokens = experts.map { Self.tokens($0.topics.joined(separator: " ")) }
        let bioTokens = experts.map { Self.tokens($0.bio) }
        let topicAverage = Double(topicTokens.reduce(0) { $0 + $1.count }) / Double(max(experts.count, 1))
        let bioAverage = Double(bioTokens.reduce(0) { $0 + $1.count }) / Double(max(experts.count, 1))
        return experts.indices.map { i in
            let topics = column(topicTokens[i], averageLength: topicAverage)
            let bio = column(bioTokens[i], averageLength: bioAverage)
            let markedTopics = experts[i].topics.joined(separator: "; ")
                .split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
                    let key = Self.tokens(String(token)).first.map(String.init) ?? ""
                    return words.contains(where: { !key.isEmpty && key.hasPrefix($0) })
                        ? mark.0 + token + mark.1 : String(token)
                }.joined(separator: " ")
            let bioWords = bio.matched.sorted().map { mark.0 + $0 + mark.1 }.joined(separator: " ")
            return (experts[i].id, topicWeight * topics.score + bioWeight * bio.score, markedTopics, bioWords)
        }
    }
}
