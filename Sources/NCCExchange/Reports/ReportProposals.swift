import NCCModel
import NCCStore

// The report's proposals and decisions: how the group decided in the period, and which
// decisions are due for review. Tallies are counted as of the end of the report's day, so the
// same data and day give the same report.

extension ProgressReport {
    public struct Proposal: Sendable, Equatable {
        public var title: String
        public var process: String
        /// open, closed or draft.
        public var state: String
        public var closes: String?
        /// The tally in a few words ("adopted (3 yes, 1 no)").
        public var summary: String
    }

    /// Decisions that are not part of a meeting, made in the period, and the register's dues.
    public struct StandingDecisions: Sendable, Equatable {
        public struct Due: Sendable, Equatable {
            public var text: String
            public var review: String
        }

        public var standalone: [String] = []
        public var dueForReview: [Due] = []
    }

    /// Proposals still open on the report's day, or that closed in the period.
    func readProposals(_ reader: StoreReader, into model: inout Model) throws {
        let now = model.today + "T23:59:59Z"
        let after = Dates.adding(days: 1, to: model.to)!
        for record in try reader.list(.proposal, limit: 10_000) {
            let tally = try reader.tally(of: record.id, now: now)
            let closes = tally.terms.closes
            let inPeriod = closes.map { $0 >= model.from && $0 < after } ?? false
            guard tally.status == .open || (tally.status == .closed && inPeriod) else { continue }
            model.proposals.append(
                Proposal(
                    title: tally.terms.title, process: tally.terms.process.rawValue, state: tally.status.rawValue,
                    closes: closes, summary: tally.summary))
        }
        for entry in try reader.decisionRegister(today: model.today) {
            let text = entry.decision[Fields.Decision.text].text ?? ""
            let made = String(entry.decision.createdAt.prefix(10))
            if entry.meetingTitle == nil, made >= model.from, made <= model.to { model.decided.standalone.append(text) }
            if entry.state == .dueForReview {
                model.decided.dueForReview.append(
                    .init(text: text, review: entry.decision[Fields.Decision.review].text ?? ""))
            }
        }
    }
}

/// The proposals section in Markdown and in HTML; every value goes through `ReportText`.
enum ReportProposals {
    static func markdown(_ m: ProgressReport.Model) -> String {
        var out = "## Proposals\n\n"
        if m.proposals.isEmpty {
            out += "No proposals open or closed in the period.\n\n"
        } else {
            out += "| Proposal | Process | State | Closes (UTC) | Tally |\n| --- | --- | --- | --- | --- |\n"
            for p in m.proposals {
                let cells = [p.title, p.process, p.state, p.closes.map(ReportDates.short) ?? "", p.summary]
                out += "| " + cells.map(ReportText.markdownCell).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        if !m.decided.standalone.isEmpty {
            out += "### Decisions outside meetings\n\n"
            for (index, text) in m.decided.standalone.enumerated() {
                let marker = "\(index + 1). "
                out +=
                    marker + ReportText.markdownBlock(text, indent: String(repeating: " ", count: marker.count)) + "\n"
            }
            out += "\n"
        }
        if !m.decided.dueForReview.isEmpty {
            out += "### Decisions due for review\n\n"
            for due in m.decided.dueForReview {
                out += "- " + ReportText.markdown("\(due.review): \(due.text)") + "\n"
            }
            out += "\n"
        }
        return out
    }

    static func html(_ m: ProgressReport.Model) -> String {
        var out = "<section id=\"proposals\">\n<h2>Proposals</h2>\n"
        if m.proposals.isEmpty {
            out += "<p>No proposals open or closed in the period.</p>\n"
        } else {
            out +=
                "<table>\n<thead><tr><th>Proposal</th><th>Process</th><th>State</th><th>Closes (UTC)</th><th>Tally</th></tr></thead>\n<tbody>\n"
            for p in m.proposals {
                let cells = [p.title, p.process, p.state, p.closes.map(ReportDates.short) ?? "", p.summary]
                out += "<tr>" + cells.map { "<td>\(ReportText.html($0))</td>" }.joined() + "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        if !m.decided.standalone.isEmpty {
            out += "<h3>Decisions outside meetings</h3>\n<ol class=\"decisions\">\n"
            for text in m.decided.standalone { out += "<li>\(ReportText.htmlBlock(text))</li>\n" }
            out += "</ol>\n"
        }
        if !m.decided.dueForReview.isEmpty {
            out += "<h3>Decisions due for review</h3>\n<ul>\n"
            for due in m.decided.dueForReview {
                out += "<li>\(ReportText.html(due.review)): \(ReportText.html(due.text))</li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n\n"
    }
}
