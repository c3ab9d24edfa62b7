import NCCModel

/// The progress report as Markdown (GitHub-flavoured tables). Every value from the database goes
/// through `ReportText`, so it is escaped and free of control characters.
enum ReportMarkdown {
    static func render(_ m: ProgressReport.Model) -> String {
        var out = "# Progress report, \(m.from) to \(m.to)\n\n"
        out += "\(ReportWords.group). Made on \(m.today).\n\n"
        out += "## Summary\n\n"
        for line in ReportWords.summary(m) { out += "- \(line)\n" }
        out += "\n"

        out += "## Tasks by working area\n\n"
        out += ReportWords.tasksNote(m) + "\n\n"
        if m.areas.isEmpty {
            out += "No tasks recorded.\n\n"
        } else {
            out += "| Working area | Done | Doing | To do | Blocked | Open | Overdue |\n"
            out += "| --- | --: | --: | --: | --: | --: | --: |\n"
            for area in m.areas + [m.totals] {
                let numbers = [area.done, area.doing, area.todo, area.blocked, area.open, area.overdue].map(String.init)
                out += "| " + ([ReportText.markdownCell(area.label)] + numbers).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        if !m.overdue.isEmpty {
            out += "### Overdue tasks\n\n"
            out += "| Task | Working area | Owner | Due | Status |\n| --- | --- | --- | --- | --- |\n"
            for task in m.overdue {
                let cells = [
                    task.title, task.area ?? "", task.owner ?? "", task.due, MinutesWriter.statusWords(task.status),
                ]
                out += "| " + cells.map(ReportText.markdownCell).joined(separator: " | ") + " |\n"
            }
            out += "\n"
            if m.overdueTotal > m.overdue.count { out += "\(m.overdueTotal - m.overdue.count) more not listed.\n\n" }
        }
        out += ReportObjectives.markdown(m)
        out += ReportAssessments.markdown(m)

        out += "## Meetings\n\n"
        if m.meetings.isEmpty {
            out += "No meetings in the period.\n\n"
        } else {
            out += "| Date (UTC) | Meeting | Kind | Place | Attendees | Decisions |\n"
            out += "| --- | --- | --- | --- | --: | --: |\n"
            for meeting in m.meetings {
                let cells = [
                    ReportDates.short(meeting.start), ReportWords.meetingTitle(meeting),
                    ReportText.meetingKind(meeting.kind),
                    ReportWords.place(meeting),
                ].map(ReportText.markdownCell)
                out +=
                    "| " + (cells + ["\(meeting.attendees)", "\(meeting.decisions.count)"]).joined(separator: " | ")
                    + " |\n"
            }
            out += "\n"
        }

        out += "## Decisions\n\n"
        let withDecisions = m.meetings.filter { !$0.decisions.isEmpty }
        if withDecisions.isEmpty { out += "No decisions in the period.\n\n" }
        for meeting in withDecisions {
            out +=
                "### " + ReportText.markdown("\(ReportDates.day(meeting.start)) · \(ReportWords.meetingTitle(meeting))")
                + "\n\n"
            for (index, decision) in meeting.decisions.enumerated() {
                let marker = "\(index + 1). "
                out +=
                    marker + ReportText.markdownBlock(decision, indent: String(repeating: " ", count: marker.count))
                    + "\n"
            }
            out += "\n"
        }

        out += ReportProposals.markdown(m)

        out += "## Engagements\n\n"
        out += ReportWords.engagementsNote + "\n\n"
        let e = m.engagements
        if e.total == 0 {
            out += "No engagements in the period.\n\n"
        } else {
            out += "| Status | Engagements |\n| --- | --: |\n"
            for (status, count) in e.byStatus { out += "| \(status) | \(count) |\n" }
            out += "| Total | \(e.total) |\n\n"
            out += ReportWords.feedback(e) + "\n\n"
            if !e.notes.isEmpty {
                out += "### Notes\n\n"
                for note in e.notes {
                    out +=
                        "- " + ReportText.markdown("\(note.expert), for “\(note.need)” (\(note.status)):")
                        + " " + ReportText.markdown(note.excerpt) + "\n"
                }
                out += "\n"
                if e.notesTotal > e.notes.count {
                    out += "\(ReportWords.plural(e.notesTotal - e.notes.count, "more note")) not shown.\n\n"
                }
            }
        }

        out += "## Needs answered\n\n"
        out += "Needs with an agreed or done engagement in the period: \(m.answeredTotal).\n"
        if !m.answeredNeeds.isEmpty {
            out += "\n| Need | Centre | Deadline | Status | Experts |\n| --- | --- | --- | --- | --- |\n"
            for need in m.answeredNeeds {
                let cells = [
                    need.title, need.centre ?? "", need.deadline ?? "", need.status,
                    need.experts.joined(separator: "; "),
                ]
                out += "| " + cells.map(ReportText.markdownCell).joined(separator: " | ") + " |\n"
            }
            if m.answeredTotal > m.answeredNeeds.count {
                out += "\n\(m.answeredTotal - m.answeredNeeds.count) more not listed.\n"
            }
        }
        return out
    }
}

/// Sentences both renderings share, so the Markdown and the HTML say the same thing.
enum ReportWords {
    static let group = "Working group of the National Competence Centres for Social Innovation"

    static let engagementsNote =
        "Engagements of experts whose time meets the period: from their start (else the day "
        + "they were recorded) to their end (else, once done or declined, their last change)."

    static func summary(_ m: ProgressReport.Model) -> [String] {
        let t = m.totals
        let held = m.meetingsHeld
        let planned = m.meetings.count - held.count
        var meetings = "Meetings: \(held.count) held"
        if planned > 0 { meetings += ", \(planned) planned" }
        meetings +=
            ", \(plural(held.reduce(0) { $0 + $1.attendees }, "attendance")), "
            + "\(plural(m.meetings.reduce(0) { $0 + $1.decisions.count }, "decision"))."
        var engagements = "Engagements: \(m.engagements.total)"
        if let average = m.engagements.averageFeedback { engagements += ", average feedback \(average) of 5" }
        return [
            "Tasks: \(t.done) done, \(t.open) open, \(t.overdue) overdue.",
            meetings,
            engagements + ".",
            "Needs answered: \(m.answeredTotal).",
        ]
    }

    static func tasksNote(_ m: ProgressReport.Model) -> String {
        "Task status on \(m.today). Open: to do, doing or blocked. Overdue: not done and due before \(m.to)."
    }

    static func feedback(_ e: ProgressReport.Engagements) -> String {
        guard let average = e.averageFeedback else { return "No feedback given." }
        return "Average feedback: \(average) of 5 (\(plural(e.feedbackCount, "engagement")) rated)."
    }

    static func meetingTitle(_ meeting: ProgressReport.Meeting) -> String {
        let title = ReportText.line(meeting.title)
        return (title.isEmpty ? "Meeting" : title) + (meeting.held ? "" : " (planned)")
    }

    static func place(_ meeting: ProgressReport.Meeting) -> String {
        let place = ReportText.line(meeting.place ?? "")
        switch (place.isEmpty, meeting.online) {
        case (false, false): return place
        case (false, true): return place + " and online"
        case (true, true): return "Online"
        case (true, false): return ""
        }
    }

    static func plural(_ n: Int, _ word: String) -> String { English.count(n, word) }
}

extension ReportDates {
    /// `2026-03-10 09:00`
    static func short(_ stamp: String) -> String {
        let (day, time) = parts(stamp)
        return time.isEmpty ? day : "\(day) \(time)"
    }
}
