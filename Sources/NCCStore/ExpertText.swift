import GRDB
import NCCModel

/// An expert whose topics or bio match a query, with how well (BM25, higher is better) and the
/// words that matched, marked.
public struct ExpertTextHit: Sendable, Hashable {
    public var expertID: String
    public var relevance: Double
    /// The expert's topics with the matched words marked.
    public var topics: String
    /// The best passage of the bio, matched words marked.
    public var bio: String

    public init(expertID: String, relevance: Double, topics: String, bio: String) {
        self.expertID = expertID
        self.relevance = relevance
        self.topics = topics
        self.bio = bio
    }
}

extension StoreReader {
    /// Experts whose topics or bios hold any of the terms (each a word, matched as a prefix),
    /// best first, with the two columns weighed apart.
    public func expertTextHits(
        anyOf terms: [String], topicWeight: Double, bioWeight: Double, limit: Int,
        mark: (String, String) = ("[", "]")
    ) throws -> [ExpertTextHit] {
        let words = Set(terms.flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) })
        guard !words.isEmpty else { return [] }
        let query = words.sorted().map { "\"\($0)\"*" }.joined(separator: " OR ")
        // Rank first, then mark words only for the best rows: highlight() and snippet() in the
        // ranking query itself would run for every matching expert (most of a large pool).
        let sql = """
            WITH best AS (
                SELECT rowid AS k, bm25(expert_text, ?, ?) AS score FROM expert_text
                WHERE expert_text MATCH ? ORDER BY score LIMIT ?
            )
            SELECT e.id, -best.score, highlight(expert_text, 0, ?, ?), snippet(expert_text, 1, ?, ?, '…', 12)
            FROM best JOIN expert_text ON expert_text.rowid = best.k JOIN expert e ON e.key = best.k
            WHERE expert_text MATCH ? AND e.deleted = 0
            ORDER BY best.score
            """
        return try Row.fetchAll(
            db.cachedStatement(sql: sql),
            arguments: [
                topicWeight, bioWeight, query, limit, mark.0, mark.1, mark.0, mark.1, query,
            ]
        ).map { ExpertTextHit(expertID: $0[0], relevance: $0[1], topics: $0[2] ?? "", bio: $0[3] ?? "") }
    }
}

extension StoreReader {
    /// Experts to score for a need: first those whose topics or bio name every one of the
    /// `themes` (each theme a list of phrases meaning the same), then those naming any, newest
    /// first within each, `limit` at most. Fast on a large pool: the index streams its lists in
    /// id order and stops at the limit, never ranking every expert.
    public func expertCandidates(themes: [[String]], limit: Int) throws -> [Int64] {
        func phrase(_ text: String) -> String? {
            let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            return words.isEmpty ? nil : "\"" + words.joined(separator: " ") + "\""
        }
        let groups = themes.map { "(" + $0.compactMap(phrase).joined(separator: " OR ") + ")" }.filter { $0 != "()" }
        guard !groups.isEmpty else { return [] }
        let sql = "SELECT rowid FROM expert_text WHERE expert_text MATCH ? ORDER BY rowid DESC LIMIT ?"
        var keys: [Int64] = []
        if groups.count > 1 {
            keys = try Int64.fetchAll(
                db.cachedStatement(sql: sql), arguments: [groups.joined(separator: " AND "), limit])
        }
        if keys.count < limit {
            let seen = Set(keys)
            let more = try Int64.fetchAll(
                db.cachedStatement(sql: sql), arguments: [groups.joined(separator: " OR "), limit + keys.count])
            keys += more.filter { !seen.contains($0) }.prefix(limit - keys.count)
        }
        return keys
    }

    /// The topics and bio of the given experts (by key), for ranking them in memory.
    public func expertTexts(keys: [Int64]) throws -> [(id: String, topics: [String], bio: String)] {
        guard !keys.isEmpty else { return [] }
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, topics, bio FROM expert WHERE key IN (SELECT value FROM json_each(?)) AND deleted = 0
                    """), arguments: ["[" + keys.map(String.init).joined(separator: ",") + "]"]
        ).map {
            (id: $0[0], topics: CanonicalJSON.decodeList(($0[1] as String?) ?? "[]"), bio: ($0[2] as String?) ?? "")
        }
    }

    /// For each word, how many live experts' topics or bios hold a word starting with it; and how
    /// many experts there are. What BM25's inverse document frequency needs.
    public func expertWordFrequencies(_ words: [String]) throws -> (experts: Int, frequencies: [String: Int]) {
        var frequencies: [String: Int] = [:]
        for word in Set(words) {
            let rows = try Int.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT doc FROM expert_words WHERE term >= ? AND term < ? LIMIT 64
                        """), arguments: [word, word + "\u{10FFFF}"])
            // Several words sharing the prefix may sit in one expert: the largest count is a floor
            // and the sum a ceiling; the larger of the two halves is a fair estimate.
            frequencies[word] = max(rows.max() ?? 0, rows.reduce(0, +) / 2)
        }
        // The highest key counts every expert ever made: a one-step read, and close enough to the
        // live count for an inverse document frequency (counting rows would read them all).
        let experts = try Int.fetchOne(db.cachedStatement(sql: "SELECT max(key) FROM expert")) ?? 0
        return (experts, frequencies)
    }
}
