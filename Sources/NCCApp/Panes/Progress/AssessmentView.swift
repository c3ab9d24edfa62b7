import NCCModel
import NCCStore
import TerminalText

/// The centres' self-assessment: each centre's latest round with a score per dimension and its
/// change since the round before ("kept by the centre" where the centre shares its scores into
/// the group's averages only), the round across the centres, the thematic sessions most centres
/// would need; and for the selected centre its scores, the peers it could learn from and why, and
/// how far it has come on its pathway.
enum AssessmentView {
    /// What the view is drawn from, read at once (a working group has a few dozen centres).
    struct Figures: Sendable {
        var dimensions: [(id: String, title: String)] = []
        var latest: [AssessmentRound] = []
        /// Each assessed centre's change since its round before, by dimension id.
        var changes: [String: [String: RatingChange]] = [:]
        /// The live centres that never assessed themselves: id and name.
        var notAssessed: [(id: String, name: String)] = []
        var summary: RoundSummary?
        var sessions: [CandidateSession] = []
    }

    /// The selected centre's part: its latest round, its peers to learn from, its pathway.
    struct Centre: Sendable {
        var id: String
        var name: String
        var round: AssessmentRound?
        var changes: [String: RatingChange] = [:]
        var peers: [PeerSuggestion] = []
        var pathway: PathwayProgress?
    }

    static let peersListed = 5

    static func figures(_ reader: StoreReader) throws -> Figures {
        var figures = Figures()
        figures.dimensions = try reader.dimensions().map {
            ($0.id, ProgressWords.name($0[Fields.Dimension.title].text ?? $0.id))
        }
        figures.latest = try reader.latestAssessments()
        for round in figures.latest {
            figures.changes[round.centre] = Dictionary(
                try reader.changeSinceLastRound(of: round.centre).map { ($0.dimension, $0) }
            ) { first, _ in first }
        }
        let assessed = Set(figures.latest.map(\.centre))
        figures.notAssessed = try reader.centreDirectory().centres.filter { !assessed.contains($0.id) }.map {
            ($0.id, $0.name)
        }
        figures.summary = try reader.roundSummary(nil)
        figures.sessions = try reader.candidateSessions()
        return figures
    }

    static func centre(_ id: String, _ figures: Figures, _ reader: StoreReader) throws -> Centre? {
        guard let record = try reader.record(.centre, id: id) else { return nil }
        return Centre(
            id: id, name: record[Fields.Centre.name].text ?? id, round: figures.latest.first { $0.centre == id },
            changes: figures.changes[id] ?? [:], peers: try reader.peersToLearnFrom(id, limit: peersListed),
            pathway: try reader.pathwayProgress(of: id))
    }

    // MARK: - The centres

    /// The view's first column: the centres' rounds, the round's figures, the candidate sessions.
    static func lines(_ figures: Figures, width: Int) -> [DetailLine] {
        var lines = [DetailLine(ProgressViewState.Mode.assessment.title, .title)]
        let withheld = figures.latest.filter(\.withheld).count
        var summary = ["\(OverviewPane.counted(figures.latest.count, "centre")) assessed"]
        if let round = figures.summary?.round { summary.append("latest round \(ProgressWords.name(round))") }
        if withheld > 0 { summary.append(keeping(withheld)) }
        if !figures.notAssessed.isEmpty { summary.append("\(figures.notAssessed.count) not yet") }
        lines.append(DetailLine("  " + summary.joined(separator: " · "), .dim))

        lines.append(DetailLine(""))
        lines.append(DetailLine("Each centre's latest round", .heading))
        if figures.latest.isEmpty && figures.notAssessed.isEmpty {
            lines.append(DetailLine("  No centres yet", .dim))
            return lines
        }
        let dimensions = figures.dimensions
        lines.append(
            DetailLine(
                "  "
                    + dimensions.enumerated().map { "D\($0.offset + 1) \($0.element.title)" }.joined(separator: " · "),
                .dim))
        let roundWidth = min(
            10, max(5, figures.latest.map { DisplayWidth.of(ProgressWords.name($0.round)) }.max() ?? 0))
        let scoresWidth = dimensions.count * 3
        let nameWidth = max(10, min(28, width - 2 - 1 - roundWidth - 1 - scoresWidth - 2 - scoresWidth))
        let header = dimensions.indices.map { ProgressWords.fit("D\($0 + 1)", 3) }.joined()
        lines.append(
            DetailLine(
                "  " + ProgressWords.fit("Centre", nameWidth) + " " + ProgressWords.fit("Round", roundWidth) + " "
                    + header + "  change", .dim))
        for round in figures.latest {
            let lead = ProgressView.lead(subject: false, open: nil)
            let name = ProgressWords.fit(ProgressWords.name(round.centreName), nameWidth)
            let label = ProgressWords.fit(ProgressWords.name(round.round), roundWidth)
            let ref = RecordRef(.centre, round.centre)
            guard !round.withheld else {
                lines.append(DetailLine(lead + name + " " + label + " kept by the centre", target: ref))
                continue
            }
            let changes = figures.changes[round.centre] ?? [:]
            let scores = dimensions.map { dimension in
                round.score(of: dimension.id).map { ProgressWords.fit("\(Sparkline.level($0, of: 5))\($0)", 3) }
                    ?? ProgressWords.fit(round.ratings.contains { $0.dimension == dimension.id } ? "··" : "", 3)
            }.joined()
            let moved = dimensions.map { ProgressWords.fit(ProgressWords.change(changes[$0.id]?.delta), 3) }.joined()
            lines.append(DetailLine(lead + name + " " + label + " " + scores + "  " + moved, target: ref))
        }
        for centre in figures.notAssessed {
            lines.append(
                DetailLine(
                    ProgressView.lead(subject: false, open: nil)
                        + ProgressWords.fit(ProgressWords.name(centre.name), nameWidth) + " not assessed yet",
                    .dim, target: RecordRef(.centre, centre.id)))
        }

        lines += summaryLines(figures.summary, width: width)
        lines += sessionLines(figures.sessions)
        return lines
    }

    /// "1 keeps its scores", "2 keep their scores".
    static func keeping(_ count: Int) -> String {
        count == 1 ? "1 keeps its scores" : "\(count) keep their scores"
    }

    /// The round across the centres: per dimension the mean of the scores held here.
    static func summaryLines(_ summary: RoundSummary?, width: Int) -> [DetailLine] {
        guard let summary else { return [] }
        var lines = [
            DetailLine(""), DetailLine("Round \(ProgressWords.name(summary.round)) across the centres", .heading),
        ]
        var counted = "  \(OverviewPane.counted(summary.centresAssessed, "centre")) assessed"
        if summary.centresWithheld > 0 {
            counted += "; \(keeping(summary.centresWithheld)), which are not in these figures"
        }
        lines.append(DetailLine(counted, .dim))
        let titleWidth = min(
            max(10, width * 2 / 5), summary.dimensions.map { DisplayWidth.of(ProgressWords.name($0.title)) }.max() ?? 0)
        let barWidth = 10
        for dimension in summary.dimensions {
            let title = ProgressWords.fit(ProgressWords.name(dimension.title), titleWidth)
            guard let mean = dimension.mean, let low = dimension.min, let high = dimension.max else {
                lines.append(DetailLine("  \(title) no score held here", .dim))
                continue
            }
            let bar = ProgressWords.fit(Chart.bar(Int((mean * 100).rounded()), of: 500, width: barWidth), barWidth)
            lines.append(
                DetailLine(
                    "  \(title) \(bar) \(ProgressWords.decimal(mean)) · \(low)–\(high) · \(OverviewPane.counted(dimension.count, "score"))"
                ))
        }
        return lines
    }

    /// The dimensions on which most centres are weak: a session for everyone.
    static func sessionLines(_ sessions: [CandidateSession]) -> [DetailLine] {
        var lines = [DetailLine(""), DetailLine("Candidate thematic sessions (\(sessions.count))", .heading)]
        if sessions.isEmpty {
            lines.append(DetailLine("  None: on no dimension do most centres score 2 or less", .dim))
        }
        for session in sessions {
            lines.append(
                DetailLine(
                    "  \(ProgressWords.name(session.title)): \(session.weakCentres.count) of \(OverviewPane.counted(session.assessed, "centre")) score 2 or less"
                ))
            lines.append(
                DetailLine("      " + session.weakCentres.map { ProgressWords.name($0) }.joined(separator: ", "), .dim))
        }
        lines.append(DetailLine(""))
        lines.append(
            DetailLine(
                "  \(ActionTable.key(.showPeerGroups, in: .progress)) proposes peer groups from the latest scores · \(ActionTable.key(.add, in: .progress)) adds a rating of the selected centre",
                .dim))
        return lines
    }

    // MARK: - The selected centre

    static func centreLines(_ centre: Centre, width: Int) -> [DetailLine] {
        var lines = [DetailLine(ProgressWords.name(centre.name), .title)]
        if let round = centre.round {
            let sharing =
                round.sharing == .all
                ? "shared with everyone" : "kept by the centre: its scores go into the group's averages only"
            lines.append(
                DetailLine(
                    "  Round \(ProgressWords.name(round.round)) (\(round.date)) · \(sharing)",
                    round.withheld ? .warning : .field("round")))
            if let mean = round.mean {
                lines.append(DetailLine("  Mean score \(ProgressWords.decimal(mean))", .field("mean")))
            }
            lines.append(DetailLine(""))
            lines.append(DetailLine("Scores, and the change since the round before", .heading))
            lines += scoreLines(round, centre.changes, width: width)
        } else {
            lines.append(
                DetailLine(
                    "  Not assessed yet: \(ActionTable.key(.add, in: .progress)) adds a rating (a score from 1 to 5 on a dimension)",
                    .dim))
        }

        lines.append(DetailLine(""))
        lines.append(DetailLine("Peers to learn from (\(centre.peers.count))", .heading))
        if centre.peers.isEmpty {
            lines.append(
                DetailLine(
                    "  None found: no centre whose scores are held here is stronger where this one is weak", .dim))
        }
        for peer in centre.peers {
            lines.append(DetailLine("  \(ProgressWords.name(peer.name)) · score \(ProgressWords.number(peer.score))"))
            lines += peer.reasons.map { DetailLine("      " + ProgressWords.name($0), .dim) }
        }

        if let pathway = centre.pathway {
            let group = pathway.group.map { "capacity group \($0)" } ?? "no capacity group yet: every group's steps"
            lines.append(DetailLine(""))
            lines.append(
                DetailLine(
                    "Pathway: \(pathway.done) of \(OverviewPane.counted(pathway.total, "step")) (\(group))", .heading))
            if pathway.steps.isEmpty { lines.append(DetailLine("  No steps yet", .dim)) }
            for step in pathway.steps {
                let record = step.step
                var parts = [ProgressWords.name(record[Fields.PathwayStep.title].text)]
                if let type = record[Fields.PathwayStep.type].text { parts.append(ProgressWords.name(type)) }
                if step.done {
                    parts.append(step.attended && !step.recorded ? "attended its meeting" : "done")
                } else if let due = record[Fields.PathwayStep.due].text {
                    parts.append("due \(due)")
                }
                lines.append(
                    DetailLine("  \(step.done ? "✓" : "·") " + parts.joined(separator: " · "), step.done ? .text : .dim)
                )
            }
        }
        return lines
    }

    /// A bar per dimension rated (1 to 5), with the change since the round before.
    static func scoreLines(_ round: AssessmentRound, _ changes: [String: RatingChange], width: Int) -> [DetailLine] {
        guard !round.withheld else {
            return [DetailLine("  kept by the centre: its scores are not held here", .dim)]
        }
        let labelWidth = min(
            max(10, width * 2 / 5),
            round.ratings.map { DisplayWidth.of(ProgressWords.name($0.dimensionTitle)) }.max() ?? 0)
        let notes = ProgressWords.padded(
            round.ratings.map { rating in
                guard let delta = changes[rating.dimension]?.delta else { return "" }
                return " · \(ProgressWords.change(delta)) since the round before"
            })
        return zip(round.ratings, notes).map { rating, note in
            let title = ProgressWords.name(rating.dimensionTitle)
            guard let score = rating.score else {
                return DetailLine("  " + ProgressWords.fit(title, labelWidth) + " kept by the centre", .dim)
            }
            var line = DetailLine("  ")
            line.bar = ChartBar(label: title, labelWidth: labelWidth, count: score, maximum: 5, note: note)
            return line
        }
    }
}
