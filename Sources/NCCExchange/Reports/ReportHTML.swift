import NCCModel

/// The progress report as one self-contained HTML page: inline CSS, inline SVG charts, no
/// scripts and no external resources, so it opens offline in any browser and prints cleanly.
/// It is written as XHTML-compatible HTML (every element closed, attributes quoted, only the
/// five XML character references), so an XML parser reads it too. Every value from the database
/// is cleaned of control characters and escaped.
enum ReportHTML {
    static func render(_ m: ProgressReport.Model) -> String {
        let e = ReportText.html
        let title = "Progress report, \(m.from) to \(m.to)"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(e(title))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>Progress report, <time datetime="\(m.from)">\(m.from)</time> to <time datetime="\(m.to)">\(m.to)</time></h1>
            <p class="lead">\(e(ReportWords.group)). Made on <time datetime="\(m.today)">\(m.today)</time>.</p>
            </header>

            """
        out += summary(m)
        out += tasks(m)
        out += ReportObjectives.html(m)
        out += ReportAssessments.html(m)
        out += meetings(m)
        out += decisions(m)
        out += ReportProposals.html(m)
        out += engagements(m)
        out += needs(m)
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static let css = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #ffffff; color: var(--ink);
          font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
        h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 0.25rem; }
        h2 { font-size: 1.3rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
        .lead, .note { color: var(--muted); }
        .cards { display: flex; flex-wrap: wrap; gap: 0.75rem; list-style: none; margin: 0; padding: 0; }
        .cards li { flex: 1 1 10rem; border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
        .cards .n { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.2; }
        .cards .d { display: block; color: var(--muted); font-size: 0.9rem; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; font-size: 0.95rem; }
        th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); }
        thead th { background: var(--head); }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .nowrap { white-space: nowrap; }
        tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--line); }
        svg.chart { display: block; width: 100%; max-width: 45rem; height: auto; margin: 1rem 0; }
        ol.decisions li, ul.notes li { margin: 0.3rem 0; }
        ol.decisions p { margin: 0; }
        .excerpt { color: var(--muted); }
        @media print {
          main { max-width: none; padding: 0; }
          h2, h3 { break-after: avoid; }
          table, svg.chart, .cards li { break-inside: avoid; }
        }
        """

    static func summary(_ m: ProgressReport.Model) -> String {
        let t = m.totals
        let held = m.meetingsHeld
        // (count, label for one, label for several, detail)
        var cards: [(Int, String, String, String)] = [
            (t.done, "task done", "tasks done", "\(t.open) open"),
            (t.overdue, "task overdue", "tasks overdue", "due before \(m.to)"),
            (
                held.count, "meeting held", "meetings held",
                ReportWords.plural(held.reduce(0) { $0 + $1.attendees }, "attendance")
            ),
            (m.meetings.reduce(0) { $0 + $1.decisions.count }, "decision", "decisions", "in the period's meetings"),
            (
                m.engagements.total, "engagement", "engagements",
                m.engagements.averageFeedback.map { "average feedback \($0) of 5" } ?? "no feedback given"
            ),
            (m.answeredTotal, "need answered", "needs answered", "agreed or done"),
        ]
        let planned = m.meetings.count - held.count
        if planned > 0 { cards.insert((planned, "meeting planned", "meetings planned", "later in the period"), at: 3) }
        var out = "<section id=\"summary\">\n<h2>Summary</h2>\n<ul class=\"cards\">\n"
        for (n, one, many, detail) in cards {
            out +=
                "<li><span class=\"n\">\(n)</span> \(ReportText.html(n == 1 ? one : many))<span class=\"d\">\(ReportText.html(detail))</span></li>\n"
        }
        return out + "</ul>\n</section>\n\n"
    }

    static let statusSeries = [
        ReportChart.Series(name: "done", colour: "#2e7d32"),
        ReportChart.Series(name: "doing", colour: "#1565c0"),
        ReportChart.Series(name: "to do", colour: "#6e7781"),
        ReportChart.Series(name: "blocked", colour: "#c62828"),
    ]

    static func tasks(_ m: ProgressReport.Model) -> String {
        let e = ReportText.html
        var out =
            "<section id=\"tasks\">\n<h2>Tasks by working area</h2>\n<p class=\"note\">\(e(ReportWords.tasksNote(m)))</p>\n"
        guard !m.areas.isEmpty else { return out + "<p>No tasks recorded.</p>\n</section>\n\n" }
        let chart = ReportChart(
            id: "chart-tasks", title: "Tasks by status per working area",
            description:
                "Stacked bars: done, doing, to do and blocked tasks of each working area; the table below has the same figures.",
            series: statusSeries,
            rows: m.areas.map { area in
                ReportChart.Row(
                    label: area.label, values: [area.done, area.doing, area.todo, area.blocked],
                    trailing: ReportWords.plural(area.total, "task")
                        + (area.overdue > 0 ? ", \(area.overdue) overdue" : ""))
            })
        if let svg = chart.svg() { out += svg + "\n" }
        out += "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Working area</th>"
        for heading in ["Done", "Doing", "To do", "Blocked", "Open", "Overdue"] {
            out += "<th scope=\"col\" class=\"num\">\(heading)</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (area, isTotal) in m.areas.map({ ($0, false) }) + [(m.totals, true)] {
            out += isTotal ? "<tr class=\"total\">" : "<tr>"
            out += "<th scope=\"row\">\(e(area.label))</th>"
            for n in [area.done, area.doing, area.todo, area.blocked, area.open, area.overdue] {
                out += "<td class=\"num\">\(n)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        if !m.overdue.isEmpty {
            out +=
                "<h3>Overdue tasks</h3>\n<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Working area</th>"
                + "<th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n"
            for task in m.overdue {
                out +=
                    "<tr><td>\(cell(task.title))</td><td>\(cell(task.area))</td><td>\(cell(task.owner))</td>"
                    + "<td class=\"nowrap\">\(cell(task.due))</td><td>\(cell(MinutesWriter.statusWords(task.status)))</td></tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
            if m.overdueTotal > m.overdue.count {
                out += "<p class=\"note\">\(m.overdueTotal - m.overdue.count) more not listed.</p>\n"
            }
        }
        return out + "</section>\n\n"
    }

    static func meetings(_ m: ProgressReport.Model) -> String {
        var out = "<section id=\"meetings\">\n<h2>Meetings</h2>\n"
        guard !m.meetings.isEmpty else { return out + "<p>No meetings in the period.</p>\n</section>\n\n" }
        if let svg = attendanceChart(m.meetings).svg() { out += svg + "\n" }
        out +=
            "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Date (UTC)</th><th scope=\"col\">Meeting</th>"
            + "<th scope=\"col\">Kind</th><th scope=\"col\">Place</th><th scope=\"col\" class=\"num\">Attendees</th>"
            + "<th scope=\"col\" class=\"num\">Decisions</th></tr></thead>\n<tbody>\n"
        for meeting in m.meetings {
            out +=
                "<tr><td class=\"nowrap\">\(cell(ReportDates.short(meeting.start)))</td><td>\(cell(ReportWords.meetingTitle(meeting)))</td>"
                + "<td>\(cell(ReportText.meetingKind(meeting.kind)))</td><td>\(cell(ReportWords.place(meeting)))</td>"
                + "<td class=\"num\">\(meeting.attendees)</td><td class=\"num\">\(meeting.decisions.count)</td></tr>\n"
        }
        return out + "</tbody>\n</table></div>\n</section>\n\n"
    }

    /// At most this many meetings get a bar each; more are drawn a bar per month.
    static let meetingBars = 40

    static func attendanceChart(_ meetings: [ProgressReport.Meeting]) -> ReportChart {
        let series = [ReportChart.Series(name: "attendees", colour: "#0b4f9c", one: "attendee")]
        if meetings.count <= meetingBars {
            return ReportChart(
                id: "chart-attendance", title: "Attendees per meeting",
                description:
                    "One bar per meeting of the period, as long as its number of attendees; the table below has the same figures.",
                series: series,
                rows: meetings.map { meeting in
                    ReportChart.Row(
                        label: "\(ReportDates.day(meeting.start)) · \(ReportWords.meetingTitle(meeting))",
                        values: [meeting.attendees], trailing: ReportWords.plural(meeting.attendees, "attendee"))
                })
        }
        var months: [(month: String, meetings: Int, attendees: Int)] = []
        for meeting in meetings {
            let month = String(ReportDates.day(meeting.start).prefix(7))
            if months.last?.month != month { months.append((month, 0, 0)) }
            months[months.count - 1].meetings += 1
            months[months.count - 1].attendees += meeting.attendees
        }
        return ReportChart(
            id: "chart-attendance", title: "Attendees per month",
            description:
                "One bar per month of the period, as long as the number of attendees of its meetings; the table below has each meeting.",
            series: series,
            rows: months.map { month in
                ReportChart.Row(
                    label: "\(month.month) · \(ReportWords.plural(month.meetings, "meeting"))",
                    values: [month.attendees], trailing: ReportWords.plural(month.attendees, "attendee"))
            })
    }

    static func decisions(_ m: ProgressReport.Model) -> String {
        var out = "<section id=\"decisions\">\n<h2>Decisions</h2>\n"
        let withDecisions = m.meetings.filter { !$0.decisions.isEmpty }
        if withDecisions.isEmpty { out += "<p>No decisions in the period.</p>\n" }
        for meeting in withDecisions {
            out +=
                "<h3>\(ReportText.html("\(ReportDates.day(meeting.start)) · \(ReportWords.meetingTitle(meeting))"))</h3>\n"
            out += "<ol class=\"decisions\">\n"
            for decision in meeting.decisions { out += "<li>\(ReportText.htmlBlock(decision))</li>\n" }
            out += "</ol>\n"
        }
        return out + "</section>\n\n"
    }

    static func engagements(_ m: ProgressReport.Model) -> String {
        let e = m.engagements
        var out =
            "<section id=\"engagements\">\n<h2>Engagements</h2>\n<p class=\"note\">\(ReportText.html(ReportWords.engagementsNote))</p>\n"
        guard e.total > 0 else { return out + "<p>No engagements in the period.</p>\n</section>\n\n" }
        let colours = ["proposed": "#6e7781", "agreed": "#1565c0", "done": "#2e7d32", "declined": "#c62828"]
        let chart = ReportChart(
            id: "chart-engagements", title: "Engagements by status",
            description:
                "One bar per status, as long as the number of the period's engagements with it; the table below has the same figures.",
            series: [ReportChart.Series(name: "engagements", colour: "#6e7781", one: "engagement")],
            rows: e.byStatus.map {
                ReportChart.Row(
                    label: $0.status, values: [$0.count], trailing: ReportWords.plural($0.count, "engagement"),
                    colours: [colours[$0.status] ?? "#6e7781"])
            })
        if let svg = chart.svg() { out += svg + "\n" }
        out +=
            "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Engagements</th></tr></thead>\n<tbody>\n"
        for (status, count) in e.byStatus {
            out += "<tr><th scope=\"row\">\(ReportText.html(status))</th><td class=\"num\">\(count)</td></tr>\n"
        }
        out +=
            "<tr class=\"total\"><th scope=\"row\">Total</th><td class=\"num\">\(e.total)</td></tr>\n</tbody>\n</table></div>\n"
        out += "<p>\(ReportText.html(ReportWords.feedback(e)))</p>\n"
        if !e.notes.isEmpty {
            out += "<h3>Notes</h3>\n<ul class=\"notes\">\n"
            for note in e.notes {
                out +=
                    "<li><strong>\(ReportText.html(note.expert))</strong>, for “\(ReportText.html(note.need))” (\(ReportText.html(note.status))): "
                    + "<span class=\"excerpt\">\(ReportText.html(note.excerpt))</span></li>\n"
            }
            out += "</ul>\n"
            if e.notesTotal > e.notes.count {
                out +=
                    "<p class=\"note\">\(ReportWords.plural(e.notesTotal - e.notes.count, "more note")) not shown.</p>\n"
            }
        }
        return out + "</section>\n\n"
    }

    static func needs(_ m: ProgressReport.Model) -> String {
        var out = "<section id=\"needs\">\n<h2>Needs answered</h2>\n"
        out += "<p>Needs with an agreed or done engagement in the period: \(m.answeredTotal).</p>\n"
        if !m.answeredNeeds.isEmpty {
            out +=
                "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Need</th><th scope=\"col\">Centre</th>"
                + "<th scope=\"col\">Deadline</th><th scope=\"col\">Status</th><th scope=\"col\">Experts</th></tr></thead>\n<tbody>\n"
            for need in m.answeredNeeds {
                out +=
                    "<tr><td>\(cell(need.title))</td><td>\(cell(need.centre))</td><td class=\"nowrap\">\(cell(need.deadline))</td>"
                    + "<td>\(cell(need.status))</td><td>\(cell(need.experts.joined(separator: "; ")))</td></tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
            if m.answeredTotal > m.answeredNeeds.count {
                out += "<p class=\"note\">\(m.answeredTotal - m.answeredNeeds.count) more not listed.</p>\n"
            }
        }
        return out + "</section>\n"
    }

    /// A table cell's text, escaped; a dash when empty.
    static func cell(_ text: String?) -> String {
        let html = ReportText.html(text ?? "")
        return html.isEmpty ? "—" : html
    }
}
