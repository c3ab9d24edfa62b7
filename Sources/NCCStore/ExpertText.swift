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
}

extension StoreReader {
    /// Experts whose topics or bios hold any of the terms (each a word, matched as a prefix),
    /// best first, with the two columns weighed apart.
    public func expertTextHits(anyOf terms: [String], topicWeight: Double, bioWeight: Double, limit: Int,
                               mark: (String, String) = ("[", "]")) throws -> [ExpertTextHit] {
        let words = Set(terms.flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) })
        guard !words.isEmpty else { return [] }
        let query = words.sorted().map { "\"\($0)\"*" }.joined(separator: " OR ")
        let sql = """
            SELECT e.id, -bm25(expert_text, ?, ?), highlight(expert_text, 0, ?, ?), snippet(expert_text, 1, ?, ?, '…', 12)
            FROM expert_text JOIN expert e ON e.key = expert_text.rowid
            WHERE expert_text MATCH ? AND e.deleted = 0
            ORDER BY bm25(expert_text, ?, ?) LIMIT ?
            """
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [
            topicWeight, bioWeight, mark.0, mark.1, mark.0, mark.1, query, topicWeight, bioWeight, limit,
        ]).map { ExpertTextHit(expertID: $0[0], relevance: $0[1], topics: $0[2] ?? "", bio: $0[3] ?? "") }
    }
}
