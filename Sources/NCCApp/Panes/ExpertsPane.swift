import NCCModel
import NCCStore

/// An expert proposed for a need, with a score in [0, 1] and the reasons for it.
public struct ExpertMatch: Sendable, Hashable {
    public var expertID: String
    public var name: String
    public var score: Double
    public var reasons: [String]
}

/// Ranks experts for a need. The matching engine replaces `SimpleRanking` behind this interface.
protocol ExpertRanking {
    func rank(need: String, reader: StoreReader, limit: Int) throws -> [ExpertMatch]
}

/// Full-text relevance of the experts' topics and bios to the need, with the need's languages
/// and availability as filters. Good enough to choose from until the matching engine lands.
struct SimpleRanking: ExpertRanking {
    func rank(need: String, reader: StoreReader, limit: Int) throws -> [ExpertMatch] {
        guard let need = try reader.record(.need, id: need) else { return [] }
        let words = ([need["title"].text ?? ""] + need["topics"].list).joined(separator: " ")
        let hits = try reader.search(words, kinds: [.expert], limit: limit * 4, anyWord: true)
        guard let best = hits.first?.rank, best < 0 else { return [] }
        let languages = Set(need["languages"].list)
        var matches: [ExpertMatch] = []
        for hit in hits {
            guard let expert = try reader.record(.expert, id: hit.id) else { continue }
            let spoken = Set(expert["languages"].list)
            if !languages.isEmpty && spoken.isDisjoint(with: languages) { continue }
            let days = expert["availability_days"].int ?? 0
            if days == 0 { continue }
            var reasons = ["topics: " + (expert["topics"].list.prefix(3).joined(separator: ", "))]
            if !languages.isEmpty { reasons.append("speaks " + spoken.intersection(languages).sorted().joined(separator: ", ")) }
            reasons.append("\(days) days/month")
            if let country = need["country"].text, expert["countries"].list.contains(country) {
                reasons.append("knows \(country)")
            }
            matches.append(ExpertMatch(expertID: hit.id, name: hit.title, score: min(1, hit.rank / best), reasons: reasons))
            if matches.count == limit { break }
        }
        return matches
    }
}

enum ExpertsPane {
    static let expertColumns = [ColumnSpec("Expert", 22), ColumnSpec("Languages", 9), ColumnSpec("Days", 4), ColumnSpec("Topics", 0)]
    static let needColumns = [ColumnSpec("Need", 0), ColumnSpec("Centre", 16), ColumnSpec("Status", 7), ColumnSpec("Deadline", 10)]
    static let expertQuery = RecordQuery(.expert, order: [("person", true)])
    static let needQuery = RecordQuery(.need, order: [("status", false), ("deadline", true)])

    static func expertRow(_ expert: Record, _ loader: Loader) throws -> ListRow {
        let days = expert["availability_days"].int ?? 0
        return ListRow(kind: .expert, id: expert.id,
                       cells: [try loader.title(.person, expert["person"].text), expert["languages"].list.joined(separator: " "),
                               String(days), expert["topics"].list.joined(separator: ", ")],
                       role: days == 0 ? "ui.text.dim" : nil)
    }

    static func needRow(_ need: Record, _ loader: Loader) throws -> ListRow {
        ListRow(kind: .need, id: need.id,
                cells: [need["title"].text ?? "", try loader.value(need, "centre"), need["status"].text ?? "", need["deadline"].text ?? ""],
                role: need["status"].text == "open" ? nil : "ui.text.dim")
    }

    /// A need with its ranked experts, best first, each with a score bar and its reasons.
    static func needDetail(_ ref: RecordRef, _ loader: Loader, ranking: some ExpertRanking) throws -> [DetailLine] {
        var lines = try loader.genericDetail(ref)
        let matches = try ranking.rank(need: ref.id, reader: loader.reader, limit: 10)
        lines.append(DetailLine(""))
        lines.append(DetailLine("Experts for this need (Enter proposes)", .heading))
        if matches.isEmpty { lines.append(DetailLine("  no available expert matches its topics and languages", .dim)) }
        for match in matches {
            let filled = Int((match.score * 10).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
            lines.append(DetailLine("  \(bar) \(String(format: "%.2f", match.score))  \(match.name)", target: RecordRef(.expert, match.expertID)))
            lines.append(DetailLine("      " + match.reasons.joined(separator: " · "), .dim))
        }
        return lines
    }
}
