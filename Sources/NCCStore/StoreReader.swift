import GRDB
import NCCModel

/// Read access inside one snapshot. Every list is bounded by a limit; nothing loads a whole table.
public struct StoreReader {
    let db: Database

    /// A live record, or nil when there is none or it was deleted.
    public func record(_ kind: Kind, id: String) throws -> Record? {
        try stored(kind, id: id).flatMap { $0.deleted ? nil : $0.record }
    }

    func stored(_ kind: Kind, id: String) throws -> StoredRecord? {
        try Row.fetchOne(db.cachedStatement(sql: Self.storedSQL[kind]!), arguments: [id]).map { Table.decode(kind, $0) }
    }

    public func exists(_ kind: Kind, id: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: Self.existsSQL[kind]!), arguments: [id]) ?? false
    }

    // Statements asked for on every write, spelled once per kind.
    static let storedSQL = Dictionary(
        uniqueKeysWithValues: Kind.allCases.map {
            ($0, "SELECT \(Table.selectColumns($0)) FROM \(Table.name($0)) WHERE id = ?")
        })
    static let existsSQL = Dictionary(
        uniqueKeysWithValues: Kind.allCases.map {
            ($0, "SELECT 1 FROM \(Table.name($0)) WHERE id = ? AND deleted = 0")
        })
    static let titleSQL: [Kind: String] = Dictionary(
        uniqueKeysWithValues: Kind.allCases.compactMap { kind in
            (Schema.titleField(of: kind) ?? Schema.titleReference(of: kind)).map {
                (kind, "SELECT \(Table.quoted($0)) FROM \(Table.name(kind)) WHERE id = ?")
            }
        })

    public func count(_ kind: Kind) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(Table.name(kind)) WHERE deleted = 0") ?? 0
    }

    /// Live records in the kind's list order, `limit` at most, from `offset`.
    public func list(_ kind: Kind, limit: Int, offset: Int = 0) throws -> [Record] {
        let order = Schema.listOrder(of: kind).map { Table.sortsByTitle(kind, $0) ? "sort_key" : Table.quoted($0) }
        let sql = """
            SELECT \(Table.selectColumns(kind)) FROM \(Table.name(kind)) WHERE deleted = 0
            ORDER BY \(order.joined(separator: ", ")) LIMIT ? OFFSET ?
            """
        return try Row.fetchAll(db, sql: sql, arguments: [limit, offset]).map { Table.decode(kind, $0).record }
    }

    /// Live records of `kind` whose reference `field` points at `id` (a meeting's decisions, a centre's needs).
    public func records(_ kind: Kind, where field: String, is id: String, limit: Int = 500) throws -> [Record] {
        guard Schema.field(field, of: kind) != nil else { throw StoreError.unknownField(kind: kind, field: field) }
        let order = Schema.listOrder(of: kind).map { Table.sortsByTitle(kind, $0) ? "sort_key" : Table.quoted($0) }
        let sql = """
            SELECT \(Table.selectColumns(kind)) FROM \(Table.name(kind))
            WHERE \(Table.quoted(field)) = ? AND deleted = 0 ORDER BY \(order.joined(separator: ", ")) LIMIT ?
            """
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [id, limit]).map {
            Table.decode(kind, $0).record
        }
    }

    public func countRecords(_ kind: Kind, where field: String, is id: String) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT count(*) FROM \(Table.name(kind)) WHERE \(Table.quoted(field)) = ? AND deleted = 0
                    """), arguments: [id]) ?? 0
    }

    /// Live records whose reference `field` points at `id` (`where: Fields.Decision.meeting`).
    public func records(where field: FieldName, is id: String, limit: Int = 500) throws -> [Record] {
        try records(field.kind, where: field.name, is: id, limit: limit)
    }

    public func countRecords(where field: FieldName, is id: String) throws -> Int {
        try countRecords(field.kind, where: field.name, is: id)
    }

    /// The name a person reads for a record: its name or title, or for an expert their person's name.
    public func title(_ kind: Kind, id: String) throws -> String {
        if Schema.titleField(of: kind) != nil {
            return try String.fetchOne(db.cachedStatement(sql: Self.titleSQL[kind]!), arguments: [id]) ?? id
        }
        if let reference = Schema.titleReference(of: kind),
            let target = Schema.field(reference, of: kind)?.type.referencedKind,
            let targetID = try String.fetchOne(db.cachedStatement(sql: Self.titleSQL[kind]!), arguments: [id])
        {
            return try title(target, id: targetID)
        }
        return id
    }

    func title(of kind: Kind, values: [String: Value]) throws -> String {
        if let field = Schema.titleField(of: kind) { return values[field]?.text ?? "" }
        if let reference = Schema.titleReference(of: kind),
            let target = Schema.field(reference, of: kind)?.type.referencedKind,
            let targetID = values[reference]?.text
        {
            return try title(target, id: targetID)
        }
        return ""
    }

    /// Finds the one live record a user means: its id, a unique start or end of it (8 or more characters),
    /// or its name (exact, else ignoring case and accents; for experts, their person's name).
    public func resolve(_ kind: Kind, _ reference: String) throws -> String {
        let ref = Text.normalized(reference.trimmingCharacters(in: .whitespaces))
        guard !ref.isEmpty else { throw StoreError.notFound(kind: kind, reference: reference) }
        if try exists(kind, id: ref.lowercased()) { return ref.lowercased() }
        var ids: [String] = []
        if let field = Schema.titleField(of: kind) {
            // The exact name first; else the name ignoring case and accents, when only one record has it.
            let candidates = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, \(Table.quoted(field)) FROM \(Table.name(kind)) WHERE sort_key = ? AND deleted = 0 LIMIT 50
                        """), arguments: [Folding.key(ref)])
            let exact = candidates.filter { ($0[1] as String?) == ref }
            ids = (exact.isEmpty ? candidates : exact).prefix(2).map { $0[0] }
        } else if let reference = Schema.titleReference(of: kind),
            let target = Schema.field(reference, of: kind)?.type.referencedKind,
            let targetID = try? resolve(target, ref)
        {
            ids = try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id FROM \(Table.name(kind)) WHERE \(Table.quoted(reference)) = ? AND deleted = 0 LIMIT 2
                        """), arguments: [targetID])
        }
        if ids.isEmpty, ref.count >= 8, ref.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
            // The start of an id (an index range) or its end, as `ncc list` shows it (a scan).
            let part = ref.lowercased()
            ids = try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id FROM \(Table.name(kind)) WHERE id >= ? AND id < ? AND deleted = 0 LIMIT 2
                        """), arguments: [part, part + "~"])
            if ids.isEmpty {
                ids = try String.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT id FROM \(Table.name(kind)) WHERE substr(id, -length(?)) = ? AND deleted = 0 LIMIT 2
                            """), arguments: [part, part])
            }
        }
        switch ids.count {
        case 0: throw StoreError.notFound(kind: kind, reference: reference)
        case 1: return ids[0]
        default: throw StoreError.ambiguous(kind: kind, reference: reference, count: ids.count)
        }
    }

    /// Ranked hits of every kind (or of the kinds given), best first: BM25 over every match, title
    /// matches weighing ten times body matches. `mark` surrounds matched words in the snippet.
    /// Every word must match (see `SearchIndex.query`), unless `anyWord` (for ranking by
    /// relevance, as matching does). The CLI and matching search this way; the app, as you type,
    /// with `quickSearch`.
    public func search(
        _ text: String, kinds: [Kind]? = nil, limit: Int = 20,
        mark: (String, String) = ("[", "]"), anyWord: Bool = false
    ) throws -> [SearchHit] {
        guard let query = SearchIndex.query(text, anyWord: anyWord) else { return [] }
        let sql = """
            SELECT kind, record, title, snippet(search, -1, ?, ?, '…', 10), bm25(search, 0, 0, 10.0, 1.0, 5.0) AS rank,
                   folded != '' AND snippet(search, -1, '', '', '', 1) = snippet(search, 4, '', '', '', 1), body
            FROM search WHERE search MATCH ? \(Self.kindFilter(kinds)) ORDER BY rank LIMIT ?
            """
        let arguments: [any DatabaseValueConvertible] = [mark.0, mark.1, query] + Self.kindCodes(kinds) + [limit]
        let words = SearchIndex.words(text).map { Folding.key(String($0)) }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { row in
            guard let kind = Kind(rawValue: row[0]) else { return nil }
            var snippet: String = row[3]
            // A Greek word matched through the accent-free column (see `SearchIndex.folded`) would be
            // shown as that column spells it, `[γιαννησ] αντωνιου`: mark it in the text as written.
            if row[5] as Bool {
                let title: String = row[2]
                let body: String = row[6]
                snippet =
                    FoldedWords(body).snippet(words, mark: mark) ?? FoldedWords(title).snippet(words, mark: mark)
                    ?? snippet
            }
            return SearchHit(kind: kind, id: row[1], title: row[2], snippet: snippet, rank: row[4])
        }
    }

    /// Hits for a search as you type (the jump list, the directory's filter, pickers): among the
    /// `newest` most recently added matches, those whose title has the most of the words (as the
    /// start of a word) first, then the newest; snippets of their text for the hits returned only.
    ///
    /// BM25 is what a keystroke cannot afford on a large database: it counts the entries of every
    /// word over the whole index, and ranks every match ("review" matches 160,000 of a million
    /// tasks). A word that common is narrowed by the next keystroke; the CLI ranks everything.
    public func quickSearch(
        _ text: String, kinds: [Kind]? = nil, limit: Int = 20,
        mark: (String, String) = ("[", "]"), newest: Int = StoreReader.interactiveRanking
    ) throws -> [SearchHit] {
        guard let query = SearchIndex.query(text) else { return [] }
        let words = SearchIndex.words(text).map { Folding.key(String($0)) }
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT rowid, kind, record, title FROM search WHERE search MATCH ? \(Self.kindFilter(kinds))
                    ORDER BY rowid DESC LIMIT ?
                    """), arguments: StatementArguments([query] + Self.kindCodes(kinds) + [newest]))
        let ranked = rows.map { row -> (row: Row, score: Int) in (row, FoldedWords.matches(words, in: row[3])) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : ($0.row[0] as Int64) > ($1.row[0] as Int64) }.prefix(
                limit)
        let body = try db.cachedStatement(sql: "SELECT body FROM search WHERE rowid = ?")
        return try ranked.compactMap { hit in
            guard let kind = Kind(rawValue: hit.row[1]) else { return nil }
            let text = try String.fetchOne(body, arguments: [hit.row[0] as Int64]) ?? ""
            // A match in the name alone has no snippet: the name is shown beside it already.
            let snippet = FoldedWords(text).snippet(words, mark: mark) ?? ""
            return SearchHit(kind: kind, id: hit.row[2], title: hit.row[3], snippet: snippet, rank: -Double(hit.score))
        }
    }

    /// How many of the newest matches a search as you type ranks (see `quickSearch`).
    public static let interactiveRanking = 2000

    /// The kind of a match from its rowid (`SearchIndex.rowid`), which FTS5 hands over with each
    /// match, not from its stored row, which SQLite would read for every match: 'review' in the
    /// experts' filter read 160,000 tasks (half a second) to find none.
    static func kindFilter(_ kinds: [Kind]?) -> String {
        guard let kinds else { return "" }
        return "AND rowid % \(SearchIndex.kindSlots) IN (\(kinds.map { _ in "?" }.joined(separator: ",")))"
    }

    static func kindCodes(_ kinds: [Kind]?) -> [any DatabaseValueConvertible] {
        (kinds ?? []).map { SearchIndex.code($0) }
    }

    /// Ids of the records of one kind whose text matches (see `SearchIndex.query`), in no
    /// particular order: a list's filter, which keeps the list's own order. No ranking, no snippets.
    public func matchingIDs(_ text: String, kind: Kind, limit: Int) throws -> [String] {
        guard let query = SearchIndex.query(text) else { return [] }
        return try String.fetchAll(
            db.cachedStatement(
                sql: "SELECT record FROM search WHERE search MATCH ? \(Self.kindFilter([kind])) LIMIT ?"),
            arguments: StatementArguments([query] + Self.kindCodes([kind]) + [limit]))
    }

    // MARK: - Sync state

    /// For every replica, the highest sequence number held here.
    public func knowledge() throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT replica, max(seq) FROM op GROUP BY replica") {
            result[row[0]] = row[1]
        }
        return result
    }

    /// The number of write transactions committed so far (see `Store.changeToken`).
    func changeCount() throws -> String {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM replica_meta WHERE name = 'writes'")) ?? "0"
    }

    func clockValue() throws -> String {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM replica_meta WHERE name = 'clock'")) ?? ""
    }

    public func operationCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM op") ?? 0
    }

    /// The operations on one record, oldest first.
    public func operations(_ kind: Kind, record: String) throws -> [Operation] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT replica, seq, stamp, kind, record, fields, prev FROM op WHERE kind = ? AND record = ? ORDER BY stamp
                """, arguments: [kind.rawValue, record])
        return try rows.map(StoreReader.operation)
    }

    static func operation(_ row: Row) throws -> Operation {
        guard let stamp = Stamp(row[2]), let kind = Kind(rawValue: row[3]) else {
            throw StoreError.malformedLog
        }
        return Operation(
            replica: row[0], seq: row[1], stamp: stamp, kind: kind, record: row[4],
            fields: try CanonicalJSON.decodeFields(row[5]), prev: CanonicalJSON.decodeStrings(row[6]))
    }
}
