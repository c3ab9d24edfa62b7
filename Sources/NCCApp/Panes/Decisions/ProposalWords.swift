import NCCExchange
import NCCModel
import NCCStore

/// A proposal's terms in the words a working-group member reads: its rule in one line, who votes,
/// the time left, and the ballot of the person this replica speaks for.
enum ProposalWords {
    static func electorate(_ terms: ProposalTerms) -> String {
        switch terms.electorate {
        case .members: "members (one vote per person: their latest ballot)"
        case .centres: "centres (one vote per centre: its delegates' latest ballot)"
        }
    }

    /// Who the quorum counts: people or centres.
    static func voters(_ terms: ProposalTerms, _ count: Int) -> String {
        terms.electorate == .centres ? English.count(count, "centre") : English.count(count, "voter")
    }

    /// A stored time as a list shows it: "2026-12-01 10:00" (empty for none).
    static func time(_ stamp: String?) -> String {
        guard let stamp else { return "" }
        return String(stamp.prefix(10)) + (stamp.count >= 16 ? " " + String(stamp.dropFirst(11).prefix(5)) : "")
    }

    /// The time from `now` to `closes` in words ("2 days 3 hours", "40 minutes"); nil once it passed.
    static func timeLeft(until closes: String, now: String) -> String? {
        guard let end = minutes(closes), let start = minutes(now), end > start else { return nil }
        let left = end - start
        let (days, hours, rest) = (left / 1440, left / 60 % 24, left % 60)
        if days > 0 { return English.count(days, "day") + (hours > 0 ? " " + English.count(hours, "hour") : "") }
        if hours > 0 { return English.count(hours, "hour") + (rest > 0 ? " " + English.count(rest, "minute") : "") }
        return English.count(max(1, rest), "minute")
    }

    /// Minutes since 1970 of a stored time (`YYYY-MM-DDTHH:MM:SSZ`).
    static func minutes(_ stamp: String) -> Int? {
        let parts = stamp.prefix(16).split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
        guard parts.count == 5 else { return nil }
        return Dates.dayNumber(year: parts[0], month: parts[1], day: parts[2]) * 1440 + parts[3] * 60 + parts[4]
    }

    /// A choice as a member reads it ("Vilnius, Ljubljana" for several options of a poll).
    static func choice(_ choice: String) -> String {
        OneLine.of(choice.split(separator: ";").joined(separator: ", "))
    }
}
