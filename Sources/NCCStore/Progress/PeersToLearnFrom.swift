import GRDB
import NCCModel

/// A centre another could learn from, and why.
public struct PeerSuggestion: Sendable, Hashable {
    public var centre: String
    public var name: String
    public var score: Double
    /// Each a sentence a member reads: "strong where you are weak: Co-creation 5 against 2".
    public var reasons: [String]
}

/// A dimension on which most centres are weak: the subject of a session for everyone.
public struct CandidateSession: Sendable, Hashable {
    public var dimension: String
    public var title: String
    /// The names of the centres scoring 2 or less on it, by name.
    public var weakCentres: [String]
    /// How many centres have a latest score on it held here.
    public var assessed: Int

    public init(dimension: String, title: String, weakCentres: [String], assessed: Int) {
        self.dimension = dimension
        self.title = title
        self.weakCentres = weakCentres
        self.assessed = assessed
    }
}

extension StoreReader {
    /// The centres `centre` could learn from, best first (by score, then name), `limit` at most;
    /// only centres whose latest scores are held here are considered, and only those with a reason.
    ///
    /// A peer's score adds up, each with its reason:
    /// - strength where the centre is weak: 1 per point the peer scores above it on each
    ///   dimension where the centre scores 3 or less (on the two centres' latest rounds);
    /// - a shared official language of their countries: 1 (once, however many they share);
    /// - each consortium both are members of: 1;
    /// - each meeting both attended (a person of an organisation of each): 0.25, up to 1.
    public func peersToLearnFrom(_ centre: String, limit: Int = 5) throws -> [PeerSuggestion] {
        guard let me = try record(.centre, id: centre) else {
            throw StoreError.notFound(kind: .centre, reference: centre)
        }
        let latest = try latestAssessments()
        let mine = latest.first { $0.centre == centre }
        let myLanguages = OfficialLanguages.of(me[Fields.Centre.country.name].text)
        let myConsortia = Set(try consortia(of: centre).map(\.id))
        let met = try meetingsInCommon(with: centre)
        var suggestions: [PeerSuggestion] = []
        for peer in latest where peer.centre != centre && peer.holdsScores {
            guard let record = try record(.centre, id: peer.centre) else { continue }
            var score = 0.0
            var reasons: [String] = []
            var strengths: [String] = []
            for rating in mine?.ratings ?? [] {
                guard let low = rating.score, low <= 3, let high = peer.score(of: rating.dimension), high > low else {
                    continue
                }
                score += Double(high - low)
                strengths.append("\(rating.dimensionTitle) \(high) against \(low)")
            }
            if !strengths.isEmpty { reasons.append("strong where you are weak: " + strengths.joined(separator: ", ")) }
            let theirs = OfficialLanguages.of(record[Fields.Centre.country.name].text)
            let shared = myLanguages.filter { theirs.contains($0) }
            if !shared.isEmpty {
                score += 1
                reasons.append("shares " + Self.andList(shared))
            }
            for consortium in try consortia(of: peer.centre) where myConsortia.contains(consortium.id) {
                score += 1
                reasons.append("both in \(consortium.name)")
            }
            if let meetings = met[peer.centre], meetings > 0 {
                score += min(1, 0.25 * Double(meetings))
                reasons.append("met at \(meetings) \(meetings == 1 ? "meeting" : "meetings")")
            }
            guard score > 0 else { continue }
            suggestions.append(
                PeerSuggestion(centre: peer.centre, name: peer.centreName, score: score, reasons: reasons))
        }
        return Array(
            suggestions.sorted {
                $0.score != $1.score
                    ? $0.score > $1.score : (Folding.key($0.name), $0.centre) < (Folding.key($1.name), $1.centre)
            }.prefix(max(0, limit)))
    }

    /// Dimensions on which more than half of the centres with a latest score held here score 2 or
    /// less, in dimension order.
    public func candidateSessions() throws -> [CandidateSession] {
        let latest = try latestAssessments()
        let order = DimensionOrder(try dimensions())
        var titles: [String: String] = [:]
        var assessed: [String: Int] = [:]
        var weak: [String: [String]] = [:]
        for round in latest {
            for rating in round.ratings {
                guard let score = rating.score else { continue }
                titles[rating.dimension] = rating.dimensionTitle
                assessed[rating.dimension, default: 0] += 1
                if score <= 2 { weak[rating.dimension, default: []].append(round.centreName) }
            }
        }
        return order.sorted(Array(titles.keys)).compactMap { dimension in
            let count = assessed[dimension] ?? 0
            let names = weak[dimension] ?? []
            guard names.count * 2 > count else { return nil }
            return CandidateSession(
                dimension: dimension, title: titles[dimension] ?? dimension,
                weakCentres: names.sorted { Folding.key($0) < Folding.key($1) }, assessed: count)
        }
    }

    /// The live consortia a centre is a member of.
    func consortia(of centre: String) throws -> [(id: String, name: String)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT DISTINCT k.id, k.name, k.sort_key FROM membership m
                    JOIN consortium k ON k.id = m.consortium AND k.deleted = 0
                    WHERE m.centre = ? AND m.deleted = 0 ORDER BY k.sort_key, k.id
                    """), arguments: [centre]
        ).map { ($0[0], $0[1] ?? "") }
    }

    /// For every other centre, how many meetings a person of one of its organisations attended
    /// together with a person of one of `centre`'s.
    func meetingsInCommon(with centre: String) throws -> [String: Int] {
        let attended = """
            SELECT a.meeting, o.centre FROM attendance a
            JOIN meeting g ON g.id = a.meeting AND g.deleted = 0
            JOIN person p ON p.id = a.person AND p.deleted = 0
            JOIN organisation o ON o.id = p.organisation AND o.deleted = 0
            WHERE a.deleted = 0 AND o.centre IS NOT NULL
            """
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH attended AS (\(attended))
                SELECT theirs.centre, count(DISTINCT theirs.meeting) FROM attended theirs
                WHERE theirs.centre != ? AND theirs.meeting IN (SELECT meeting FROM attended WHERE centre = ?)
                GROUP BY theirs.centre
                """, arguments: [centre, centre])
        var result: [String: Int] = [:]
        for row in rows { result[row[0]] = row[1] }
        return result
    }

    /// "Slovene", "French and German", "Dutch, French and German".
    static func andList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

/// The official languages of the EU's member states (and `EL`, the EU's code for Greece), in
/// English, for telling which centres share one. A country outside the table has none here.
enum OfficialLanguages {
    static let byCountry: [String: [String]] = [
        "AT": ["German"], "BE": ["Dutch", "French", "German"], "BG": ["Bulgarian"], "HR": ["Croatian"],
        "CY": ["Greek", "Turkish"], "CZ": ["Czech"], "DK": ["Danish"], "EE": ["Estonian"],
        "FI": ["Finnish", "Swedish"], "FR": ["French"], "DE": ["German"], "GR": ["Greek"], "EL": ["Greek"],
        "HU": ["Hungarian"], "IE": ["Irish", "English"], "IT": ["Italian"], "LV": ["Latvian"],
        "LT": ["Lithuanian"], "LU": ["Luxembourgish", "French", "German"], "MT": ["Maltese", "English"],
        "NL": ["Dutch"], "PL": ["Polish"], "PT": ["Portuguese"], "RO": ["Romanian"], "SK": ["Slovak"],
        "SI": ["Slovene"], "ES": ["Spanish"], "SE": ["Swedish"],
    ]

    static func of(_ country: String?) -> [String] {
        country.flatMap { byCountry[$0.uppercased()] } ?? []
    }
}
