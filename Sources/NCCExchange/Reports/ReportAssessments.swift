import NCCModel
import NCCStore

// The report's self-assessment: the newest round across the centres (how many assessed, and how
// many keep their scores to themselves), each dimension's group average, lowest and highest
// score, the change in the averages since the round before, and the thematic sessions the
// scores call for. Only group figures: no centre's score is printed, and a centre that keeps
// its scores is counted, never scored. No assessment, no section.

extension ProgressReport {
    public struct SelfAssessment: Sendable, Equatable {
        public var round: String
        /// The round before the newest, when there is one.
        public var previousRound: String?
        public var centresAssessed: Int
        /// Of those, centres whose scores are kept by them (in no figure).
        public var centresWithheld: Int
        public var dimensions: [AssessedDimension]
        public var sessions: [ThematicSession]
    }

    /// One dimension's figures in the newest round, over the scores held here.
    public struct AssessedDimension: Sendable, Equatable {
        public var title: String
        public var mean: Double?
        public var min: Int?
        public var max: Int?
        /// How many scores the figures are made of.
        public var count: Int
        /// The dimension's average in the round before.
        public var previousMean: Double?
        public var previousCount: Int
    }

    /// A dimension on which more than half of the centres score 2 or less (by each centre's latest
    /// scores held here): counts only, no centre named.
    public struct ThematicSession: Sendable, Equatable {
        public var title: String
        public var weak: Int
        public var assessed: Int
    }

    func readSelfAssessment(_ reader: StoreReader, into model: inout Model) throws {
        guard let summary = try reader.roundSummary(nil) else { return }
        let rounds = try reader.rounds()
        let previous = try rounds.firstIndex(of: summary.round).flatMap { index in
            index + 1 < rounds.count ? try reader.roundSummary(rounds[index + 1]) : nil
        }
        let before = Dictionary(
            (previous?.dimensions ?? []).map { ($0.dimension, $0) }, uniquingKeysWith: { first, _ in first })
        model.selfAssessment = SelfAssessment(
            round: summary.round, previousRound: previous?.round, centresAssessed: summary.centresAssessed,
            centresWithheld: summary.centresWithheld,
            dimensions: summary.dimensions.map { dimension in
                AssessedDimension(
                    title: dimension.title, mean: dimension.mean, min: dimension.min, max: dimension.max,
                    count: dimension.count, previousMean: before[dimension.dimension]?.mean,
                    previousCount: before[dimension.dimension]?.count ?? 0)
            },
            sessions: try reader.candidateSessions().map {
                ThematicSession(title: $0.title, weak: $0.weakCentres.count, assessed: $0.assessed)
            })
    }
}

/// The self-assessment section in Markdown and in HTML; every value from the database goes
/// through `ReportText`.
enum ReportAssessments {
    static let scale = "Scores from 1 to 5; averages, lowest and highest over the scores shared with the group."

    static let sessionsNote =
        "Dimensions on which more than half of the centres score 2 or less, by each centre's latest scores."

    /// "Round 2026 spring: 8 centres assessed themselves; 2 keep their scores to themselves and are in no figure."
    static func lead(_ a: ProgressReport.SelfAssessment) -> String {
        var text = "Round \(ReportText.line(a.round)): \(English.count(a.centresAssessed, "centre")) assessed"
        text += a.centresAssessed == 1 ? " itself" : " themselves"
        switch a.centresWithheld {
        case 0: text += "."
        case 1: text += "; 1 keeps its scores to itself and is in no figure."
        default: text += "; \(a.centresWithheld) keep their scores to themselves and are in no figure."
        }
        return text
    }

    /// A mean to one decimal (`3.5`), rounded half up; a dash without scores.
    static func average(_ mean: Double?, count: Int) -> String {
        guard let tenths = tenths(mean, count: count) else { return "—" }
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A mean of `count` whole scores in tenths, rounded half up (as the feedback average is).
    static func tenths(_ mean: Double?, count: Int) -> Int? {
        guard let mean, mean.isFinite, count > 0 else { return nil }
        let sum = Int((mean * Double(count)).rounded())
        return (sum * 20 + count) / (2 * count)
    }

    /// The change of the shown averages: `+0.4`, `−0.3` (a minus sign), `0.0`; a dash without both.
    static func change(_ d: ProgressReport.AssessedDimension) -> String {
        guard let now = tenths(d.mean, count: d.count), let before = tenths(d.previousMean, count: d.previousCount)
        else { return "—" }
        let delta = now - before
        let sign = delta > 0 ? "+" : delta < 0 ? "−" : ""
        return "\(sign)\(abs(delta) / 10).\(abs(delta) % 10)"
    }

    static func score(_ n: Int?) -> String { n.map(String.init) ?? "—" }

    static func headings(_ a: ProgressReport.SelfAssessment) -> [String] {
        ["Dimension", "Average", "Lowest", "Highest", "Scores"]
            + (a.previousRound.map { ["Change since \(ReportText.line($0))"] } ?? [])
    }

    /// A dimension's figures after its title, as text.
    static func figures(_ d: ProgressReport.AssessedDimension, _ a: ProgressReport.SelfAssessment) -> [String] {
        [average(d.mean, count: d.count), score(d.min), score(d.max), String(d.count)]
            + (a.previousRound == nil ? [] : [change(d)])
    }

    static func session(_ s: ProgressReport.ThematicSession) -> String {
        "\(ReportText.line(s.title)): \(s.weak) of \(English.count(s.assessed, "centre")) score 2 or less"
    }

    // MARK: - Markdown

    static func markdown(_ m: ProgressReport.Model) -> String {
        guard let a = m.selfAssessment else { return "" }
        var out = "## Self-assessment\n\n" + ReportText.markdown(lead(a)) + " " + scale + "\n\n"
        if !a.dimensions.isEmpty {
            let headings = headings(a)
            out += "| " + headings.map(ReportText.markdownCell).joined(separator: " | ") + " |\n"
            out += "| --- |" + String(repeating: " --: |", count: headings.count - 1) + "\n"
            for d in a.dimensions {
                out += "| " + ([ReportText.markdownCell(d.title)] + figures(d, a)).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        out += "### Candidate thematic sessions\n\n" + sessionsNote + "\n\n"
        if a.sessions.isEmpty {
            out += "None: on no dimension do more than half of the centres score 2 or less.\n\n"
        } else {
            for s in a.sessions { out += "- " + ReportText.markdown(session(s)) + ".\n" }
            out += "\n"
        }
        return out
    }

    // MARK: - HTML

    static func html(_ m: ProgressReport.Model) -> String {
        guard let a = m.selfAssessment else { return "" }
        let e = ReportText.html
        var out = "<section id=\"self-assessment\">\n<h2>Self-assessment</h2>\n"
        out += "<p>\(e(lead(a)))</p>\n<p class=\"note\">\(e(scale))</p>\n"
        if !a.dimensions.isEmpty {
            out += "<div class=\"table\"><table>\n<thead><tr>"
            for (index, heading) in headings(a).enumerated() {
                out += "<th scope=\"col\"\(index > 0 ? " class=\"num\"" : "")>\(e(heading))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for d in a.dimensions {
                out += "<tr><th scope=\"row\">\(ReportHTML.cell(d.title))</th>"
                for figure in figures(d, a) { out += "<td class=\"num\">\(e(figure))</td>" }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
        }
        out += "<h3>Candidate thematic sessions</h3>\n<p class=\"note\">\(e(sessionsNote))</p>\n"
        if a.sessions.isEmpty {
            out += "<p>None: on no dimension do more than half of the centres score 2 or less.</p>\n"
        } else {
            out += "<ul>\n"
            for s in a.sessions { out += "<li>\(e(session(s))).</li>\n" }
            out += "</ul>\n"
        }
        return out + "</section>\n\n"
    }
}
