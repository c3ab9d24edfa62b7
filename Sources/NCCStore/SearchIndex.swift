import Foundation
import GRDB
import NCCModel

/// The one FTS5 index over every kind: a title (the record's display name) and a body (its
/// descriptive text). Diacritics are removed by the tokenizer, so `kuhne` finds `Kühne`.
enum SearchIndex {
    /// How many kind codes a rowid has room for (`key * 64 + code`, codes 1...63).
    static let kindSlots: Int64 = 64

    /// The fixed code that places a kind in the index's rowid, as its spec declares it.
    static func code(_ kind: Kind) -> Int64 { Int64(kind.spec.search.code) }

    static func rowid(_ kind: Kind, key: Int64) -> Int64 { key * kindSlots + code(kind) }

    /// Kinds that hold nothing worth finding on their own (links between records) are left out.
    static func isIndexed(_ kind: Kind) -> Bool { kind.spec.search.indexed }

    /// The searchable text of a record, besides its title.
    static func body(_ kind: Kind, _ values: [String: Value]) -> String {
        var parts: [String] = []
        for field in Schema.fields(of: kind) where field.name != Schema.titleField(of: kind) {
            switch field.type {
            case .text, .longText, .email: if let s = values[field.name]?.text { parts.append(s) }
            case .tags: parts.append(contentsOf: values[field.name]?.list ?? [])
            default: break
            }
        }
        return parts.joined(separator: "\n")
    }

    /// Keeps the experts' matching index (topics and bio apart) in step with the expert table.
    static func putExpert(_ db: Database, key: Int64, values: [String: Value], isNew: Bool) throws {
        if !isNew { try removeExpert(db, key: key) }
        try db.cachedStatement(sql: "INSERT INTO expert_text (rowid, topics, bio) VALUES (?, ?, ?)")
            .execute(arguments: [
                key, (values[Fields.Expert.topics.name]?.list ?? []).joined(separator: "; "),
                values[Fields.Expert.bio.name]?.text ?? "",
            ])
    }

    static func removeExpert(_ db: Database, key: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM expert_text WHERE rowid = ?").execute(arguments: [key])
    }

    static func remove(_ db: Database, kind: Kind, key: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM search WHERE rowid = ?").execute(arguments: [rowid(kind, key: key)])
    }

    static func put(
        _ db: Database, kind: Kind, key: Int64, id: String, title: String, body: String, isNew: Bool = false
    ) throws {
        if !isNew { try remove(db, kind: kind, key: key) }
        try db.cachedStatement(
            sql: "INSERT INTO search (rowid, kind, record, title, body, folded) VALUES (?, ?, ?, ?, ?, ?)"
        )
        .execute(arguments: [rowid(kind, key: key), kind.rawValue, id, title, body, folded(title + "\n" + body)])
    }

    /// SQLite's unicode61 tokenizer removes Latin diacritics only, so `ελενη` would not find
    /// `Ελένη`. The accent-free form of every word it cannot fold goes into an extra column;
    /// Latin text adds nothing there.
    static func folded(_ text: String) -> String {
        // Only scripts from U+0370 on need this; their UTF-8 starts with a byte of 0xCD or more.
        guard text.utf8.contains(where: { $0 >= 0xCD }) else { return "" }
        var words: [String] = []
        for word in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            guard word.unicodeScalars.contains(where: { $0.value >= 0x370 && $0.properties.isAlphabetic }) else {
                continue
            }
            let plain = word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            if plain != word.lowercased() { words.append(plain) }
        }
        return words.joined(separator: " ")
    }

    /// Turns what a user typed into an FTS5 query: every word must match, and FTS5's own syntax
    /// characters are taken literally.
    ///
    /// Every word but the last is matched whole, the last as the start of a word, as search boxes
    /// do (Algolia's "prefixLast"): a word followed by another is finished. It is also what keeps
    /// an interactive search fast: FTS5 gathers every word a prefix could be before it can intersect
    /// them ('social*' alone is 280,000 entries over a million tasks), and a whole word it streams.
    /// With `anyWord` (any word may match, for ranking) each word is a prefix.
    static func query(_ userText: String, anyWord: Bool = false) -> String? {
        let words = words(userText)
        guard !words.isEmpty else { return nil }
        return words.indices.map { i in
            anyWord || i == words.count - 1 ? "\"\(words[i])\"*" : "\"\(words[i])\""
        }.joined(separator: anyWord ? " OR " : " ")
    }

    static func words(_ userText: String) -> [Substring] {
        userText.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }
}

/// One hit of a search: what it is, where it points and a snippet with the matched words marked.
public struct SearchHit: Sendable, Hashable {
    public var kind: Kind
    public var id: String
    public var title: String
    public var snippet: String
    public var rank: Double
}
