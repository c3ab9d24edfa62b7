import Foundation
import NCCModel
import NCCStore
import TerminalText

/// The working group at a glance: tasks by status for each working area as bar charts, overdue
/// tasks, upcoming meetings, open needs that no expert has agreed to yet, how well the available
/// experts cover the open needs' topics, and the sync conflicts waiting for a choice.
///
/// Every number is a SQL count or comes from a bounded page. The working areas, the open needs
/// and the conflicts are read at once (`Figures`); what visits every task or meeting (a million
/// tasks in a large database: seconds) is `Counts`, made at once for a database of ordinary size
/// and on a background thread for a large one, so the first frame never waits for it. The charts and topics go in the first column, the lists of records
/// in the second (side by side on a wide screen, one after the other otherwise).
enum OverviewPane: PaneFeature {
    struct Overview {
        var lines: [DetailLine]
        var taskLinks: [TaskLink]
    }

    /// What the app keeps between frames: the figures and counts of one state of the database.
    struct Cache {
        var token: String
        var figures: Figures
        var counts: Counts?
    }

    /// A listed record, already one line of text.
    struct Item: Sendable {
        var text: String
        var ref: RecordRef
        var warning = false
    }

    struct Area: Sendable {
        /// nil for the tasks of no working area.
        var id: String?
        var title: String
    }

    struct Topic: Sendable {
        var key: String
        var name: String
        var needs: Int
    }

    /// What is read at once: bounded pages and counts that an index serves.
    struct Figures: Sendable {
        var today: String
        var areas: [Area] = []
        var moreAreas = 0
        var openNeeds = 0
        var needsScanned = 0
        var unanswered: [Item] = []
        var unansweredCount = 0
        var topics: [Topic] = []
        var conflicts = 0
        /// Proposals awaiting this replica's vote, decisions due for review.
        var votes = Votes()
        /// The objectives' progress and the measurement conflicts to resolve.
        var objectives = Objectives()
        /// Too many tasks or experts to count before the first frame: `Counts` come later.
        var large = false
    }

    /// The counts that visit every task, many meetings or many experts, and the pages that may.
    struct Counts: Sendable {
        /// Per area of `Figures.areas`, a count per status of `Schema.taskStatuses`.
        var tasks: [[Int]] = []
        var overdue = 0
        /// The first overdue tasks (no index serves "due before today", so this may read them all).
        var overdueFirst: [Item] = []
        var upcoming = 0
        var upcomingFirst: [Item] = []
        /// Available experts per topic key.
        var experts: [String: Int] = [:]
        var expertsCapped = false
    }

    /// Each list shows its first few records (and counts them all).
    static let listed = 5
    /// Working areas charted at most (a working group has a handful).
    static let areasCharted = 12
    /// Topics listed at most, those no available expert covers first.
    static let topicsListed = 10
    /// Open needs and available experts read at most to work out the needs without an expert and
    /// the topic coverage: the store has no query for "no engagement of these statuses" or "this
    /// topic among the tags", so these come from bounded pages (and say so when they hit the bound).
    static let needsScanned = 1000
    static let expertsScanned = 5000
    static let page = 500
    /// Above this many tasks, meetings or available experts, the counts are made in the background.
    static let countAtOnceTasks = 5000
    static let countAtOnceMeetings = 2000
    static let countAtOnceExperts = 1000

    static let availableExperts = RecordQuery(
        .expert,
        conditions: [
            .notEquals(Fields.Expert.availabilityDays, .int(0)),
            .notEquals(Fields.Expert.availabilityDays, .null),
        ])
    static func overdueQuery(_ today: String) -> RecordQuery {
        // No index serves "due before today": SQLite reads the table once and keeps the first few.
        RecordQuery(
            .task, conditions: [.notEquals(Fields.Task.status, .text("done")), .below(Fields.Task.due, today)],
            order: [(Fields.Task.due, true), (Fields.Task.title, true)])
    }

    // MARK: - Reading

    static func figures(_ loader: Loader) throws -> Figures {
        let reader = loader.reader
        let today = loader.today
        var figures = Figures(today: today)

        let areaQuery = RecordQuery(.workingArea)
        let areas = try reader.records(areaQuery, limit: areasCharted)
        figures.moreAreas = max(0, try reader.count(areaQuery) - areas.count)
        figures.areas =
            areas.map { area in
                Area(
                    id: area.id,
                    title: (area[Fields.WorkingArea.number].int.map { "WA\($0) " } ?? "")
                        + OneLine.of(area[Fields.WorkingArea.title].text ?? ""))
            } + [Area(id: nil, title: "No working area")]

        // Open needs without an agreed (or done) engagement, soonest deadline first; their topics.
        let openNeeds = RecordQuery(
            .need, conditions: [.equals(Fields.Need.status, .text("open"))],
            order: [(Fields.Need.deadline, true), (Fields.Need.title, true)])
        figures.openNeeds = try reader.count(openNeeds)
        var topics: [String: Topic] = [:]
        var order: [String] = []
        while figures.needsScanned < min(figures.openNeeds, needsScanned) {
            let needs = try reader.records(
                openNeeds, limit: min(page, needsScanned - figures.needsScanned), offset: figures.needsScanned)
            if needs.isEmpty { break }
            figures.needsScanned += needs.count
            for need in needs {
                var seen = Set<String>()
                for topic in need[Fields.Need.topics].list {
                    let name = OneLine.of(topic)
                    let key = Folding.key(name)
                    guard !key.isEmpty, seen.insert(key).inserted else { continue }
                    if topics[key] == nil { order.append(key) }
                    topics[key, default: Topic(key: key, name: name, needs: 0)].needs += 1
                }
                let answered = try reader.count(
                    RecordQuery(
                        .engagement,
                        conditions: [
                            .equals(Fields.Engagement.need, .text(need.id)),
                            .oneOf(Fields.Engagement.status, ["agreed", "done"]),
                        ]))
                guard answered == 0 else { continue }
                figures.unansweredCount += 1
                guard figures.unanswered.count < listed else { continue }
                var parts = [need[Fields.Need.title].text ?? ""]
                let centre = try loader.title(.centre, need[Fields.Need.centre].text)
                if !centre.isEmpty { parts.append(centre) }
                let deadline = need[Fields.Need.deadline].text
                if let deadline { parts.append("deadline \(deadline)") }
                figures.unanswered.append(
                    Item(
                        text: parts.map { OneLine.of($0) }.joined(separator: " · "),
                        ref: RecordRef(.need, need.id), warning: deadline.map { $0 < today } ?? false))
            }
        }
        figures.topics = order.compactMap { topics[$0] }

        figures.conflicts = try reader.conflicts().count
        // Large: more records than counting at once can visit in a few milliseconds. Each probe
        // pages in an index (tasks by title, meetings by start, experts by name) to the bound.
        figures.large =
            try !reader.records(
                RecordQuery(.task, order: [(Fields.Task.title, true)]), limit: 1, offset: countAtOnceTasks
            ).isEmpty
            || !reader.records(
                RecordQuery(.meeting, order: [(Fields.Meeting.start, true)]), limit: 1, offset: countAtOnceMeetings
            ).isEmpty
            || !reader.records(availableExperts, limit: 1, offset: countAtOnceExperts).isEmpty
        return figures
    }

    /// The counts; `cancelled` is asked between them (a background count stops when nobody waits).
    static func counts(_ loader: Loader, _ figures: Figures, cancelled: () -> Bool = { false }) throws -> Counts {
        let reader = loader.reader
        let today = figures.today
        var counts = Counts()
        counts.overdueFirst = try reader.records(overdueQuery(today), limit: listed).map { task in
            var parts = [task[Fields.Task.due].text ?? "", task[Fields.Task.title].text ?? ""]
            let owner = try loader.title(.person, task[Fields.Task.owner].text)
            if !owner.isEmpty { parts.append(owner) }
            parts.append(task[Fields.Task.status].text ?? "")
            return Item(
                text: parts.map { OneLine.of($0) }.joined(separator: " · "), ref: RecordRef(.task, task.id),
                warning: true)
        }

        // Upcoming meetings: in start order, those before today come first, so skip them by count.
        let meetings = RecordQuery(.meeting, order: [(Fields.Meeting.start, true)])
        let past = try reader.count(RecordQuery(.meeting, conditions: [.below(Fields.Meeting.start, today)]))
        counts.upcoming = try reader.count(meetings) - past
        counts.upcomingFirst = try reader.records(meetings, limit: listed, offset: past).map { meeting in
            let place =
                meeting[Fields.Meeting.online].bool == true ? "online" : meeting[Fields.Meeting.place].text ?? ""
            let parts = [
                String((meeting[Fields.Meeting.start].text ?? "").prefix(10)), meeting[Fields.Meeting.title].text ?? "",
                place,
            ]
            .filter { !$0.isEmpty }
            return Item(
                text: parts.map { OneLine.of($0) }.joined(separator: " · "), ref: RecordRef(.meeting, meeting.id))
        }

        if cancelled() { throw CancellationError() }
        for area in figures.areas {
            let inArea = RecordQuery.Condition.equals(Fields.Task.workingArea, area.id.map(Value.text) ?? .null)
            counts.tasks.append(
                try Schema.taskStatuses.map { status in
                    if cancelled() { throw CancellationError() }
                    return try reader.count(
                        RecordQuery(.task, conditions: [inArea, .equals(Fields.Task.status, .text(status))]))
                })
        }
        if cancelled() { throw CancellationError() }
        counts.overdue = try reader.count(overdueQuery(figures.today))
        guard !figures.topics.isEmpty else { return counts }
        let wanted = Set(figures.topics.map(\.key))
        var read = 0
        while read < expertsScanned {
            if cancelled() { throw CancellationError() }
            let batch = try reader.records(availableExperts, limit: min(page, expertsScanned - read), offset: read)
            read += batch.count
            for expert in batch {
                for key in Set(expert[Fields.Expert.topics].list.map { Folding.key(OneLine.of($0)) })
                where wanted.contains(key) {
                    counts.experts[key, default: 0] += 1
                }
            }
            if batch.count < page { break }
        }
        counts.expertsCapped =
            try read == expertsScanned && !reader.records(availableExperts, limit: 1, offset: read).isEmpty
        return counts
    }

    // MARK: - Lines

    /// The Overview's lines; `counts` is nil while they are being made.
    static func overview(_ figures: Figures, _ counts: Counts?) -> Overview {
        let counting = "  counting… (a large database: the numbers follow in a moment)"
        let statuses = Schema.taskStatuses
        var left: [DetailLine] = [DetailLine("Overview · \(figures.today)", .title)]
        var right: [DetailLine] = []
        var links: [(line: Int, area: String, areaTitle: String, status: String)] = []

        // Tasks by status for each working area.
        var chartLines: [DetailLine] = [DetailLine(""), DetailLine("Tasks by working area", .heading)]
        if let counts {
            let all = counts.tasks.flatMap { $0 }
            if all.reduce(0, +) == 0 {
                chartLines.append(
                    DetailLine(
                        "  No tasks yet: \(ActionTable.key(Pane.tasks.showAction)) shows the tasks, \(ActionTable.key(.add, in: .tasks)) adds one",
                        .dim))
            }
            let maximum = all.max() ?? 0
            let labelWidth = statuses.map { DisplayWidth.of($0) }.max() ?? 0
            for (area, areaCounts) in zip(figures.areas, counts.tasks) where areaCounts.reduce(0, +) > 0 {
                let target = area.id.map { RecordRef(.workingArea, $0) }
                chartLines.append(
                    DetailLine("  \(area.title) · \(counted(areaCounts.reduce(0, +), "task"))", target: target))
                for (status, count) in zip(statuses, areaCounts) {
                    var line = DetailLine("    ", status == "blocked" && count > 0 ? .warning : .text, target: target)
                    line.bar = ChartBar(label: status, labelWidth: labelWidth, count: count, maximum: maximum)
                    if let id = area.id { links.append((chartLines.count, id, area.title, status)) }
                    chartLines.append(line)
                }
            }
        } else {
            chartLines.append(DetailLine(counting, .dim))
        }
        if figures.moreAreas > 0 {
            chartLines.append(
                DetailLine(
                    "  … and \(figures.moreAreas) more working areas: \(ActionTable.key(Pane.tasks.showAction)) then \(ActionTable.key(.filterArea, in: .tasks)) shows each",
                    .dim))
        }

        // What waits for a vote or a review first: the member's own to do.
        right += voteLines(figures.votes)

        // Overdue tasks (under a blank line: on a narrow screen, the lists follow the topics).
        right.append(DetailLine(""))
        right.append(DetailLine("Overdue tasks (\(counts.map { "\($0.overdue)" } ?? "counting…"))", .heading))
        if let counts {
            right += counts.overdueFirst.map {
                DetailLine("  " + $0.text, $0.warning ? .warning : .text, target: $0.ref)
            }
            if counts.overdue == 0 {
                right.append(DetailLine("  None: every open task is within its due date", .dim))
            } else if counts.overdue > listed {
                right.append(
                    DetailLine(
                        "  … and \(counts.overdue - listed) more: \(ActionTable.key(Pane.tasks.showAction)) then \(ActionTable.key(.filterOverdue, in: .tasks)) lists them all",
                        .dim))
            }
        } else {
            right.append(DetailLine(counting, .dim))
        }

        // Upcoming meetings.
        right.append(DetailLine(""))
        right.append(DetailLine("Upcoming meetings (\(counts.map { "\($0.upcoming)" } ?? "counting…"))", .heading))
        if let counts {
            right += counts.upcomingFirst.map { DetailLine("  " + $0.text, target: $0.ref) }
            if counts.upcoming == 0 {
                right.append(
                    DetailLine(
                        "  None planned: \(ActionTable.key(Pane.meetings.showAction)) shows the meetings, \(ActionTable.key(.add, in: .meetings)) adds one",
                        .dim))
            } else if counts.upcoming > listed {
                right.append(
                    DetailLine(
                        "  … and \(counts.upcoming - listed) more: \(ActionTable.key(Pane.meetings.showAction)) lists them",
                        .dim))
            }
        } else {
            right.append(DetailLine(counting, .dim))
        }

        // Open needs without an agreed expert.
        let capped = figures.openNeeds > figures.needsScanned ? " of the first \(figures.needsScanned) open needs" : ""
        right.append(DetailLine(""))
        right.append(DetailLine("Open needs without an agreed expert (\(figures.unansweredCount)\(capped))", .heading))
        right += figures.unanswered.map { DetailLine("  " + $0.text, $0.warning ? .warning : .text, target: $0.ref) }
        if figures.unansweredCount == 0 {
            right.append(
                DetailLine(
                    figures.openNeeds == 0 ? "  No open needs" : "  None: every open need has an agreed expert", .dim))
        } else if figures.unansweredCount > listed {
            right.append(
                DetailLine(
                    "  … and \(figures.unansweredCount - listed) more: \(ActionTable.key(Pane.experts.showAction)) then \(ActionTable.key(.showNeeds, in: .experts)) lists the needs",
                    .dim))
        }

        // Topic coverage: how many experts with days available list each topic of the open needs.
        var topicLines = [
            DetailLine(""), DetailLine("Topic coverage: available experts per topic of the open needs", .heading),
        ]
        var uncovered: Int?
        if figures.topics.isEmpty {
            topicLines.append(
                DetailLine(figures.openNeeds == 0 ? "  No open needs" : "  The open needs list no topics", .dim))
            uncovered = 0
        } else if let counts {
            // The uncovered first, then the least covered; the topics of more needs before others.
            let ranked = figures.topics.map { (topic: $0, experts: counts.experts[$0.key] ?? 0) }
                .sorted { ($0.experts, -$0.topic.needs, $0.topic.key) < ($1.experts, -$1.topic.needs, $1.topic.key) }
            uncovered = ranked.filter { $0.experts == 0 }.count
            let shown = ranked.prefix(topicsListed)
            let maximum = shown.map(\.experts).max() ?? 0
            let labelWidth = min(28, shown.map { DisplayWidth.of($0.topic.name) }.max() ?? 0)
            for (topic, experts) in shown {
                var line = DetailLine("  ", experts == 0 ? .warning : .text)
                let needs = counted(topic.needs, "need")
                line.bar = ChartBar(
                    label: topic.name, labelWidth: labelWidth, count: experts, maximum: maximum,
                    note: experts == 0 ? " · no available expert (\(needs))" : " (\(needs))")
                topicLines.append(line)
            }
            if ranked.count > topicsListed {
                topicLines.append(DetailLine("  … and \(ranked.count - topicsListed) more topics, all covered", .dim))
            }
            if counts.expertsCapped {
                topicLines.append(DetailLine("  (counted over the first \(expertsScanned) available experts)", .dim))
            }
        } else {
            topicLines.append(DetailLine(counting, .dim))
        }

        right += measurementConflictLines(figures.objectives)

        // Sync conflicts.
        right.append(DetailLine(""))
        right.append(DetailLine("Sync conflicts", .heading))
        if figures.conflicts == 0 {
            right.append(DetailLine("  None pending", .dim))
        } else {
            let count =
                figures.conflicts == SyncPane.conflictLimit ? "\(figures.conflicts) or more" : "\(figures.conflicts)"
            right.append(
                DetailLine(
                    "  \(count) pending · \(ActionTable.key(Pane.sync.showAction)) \(Pane.sync.title) to settle them",
                    .warning))
        }

        // The totals under the title, so the first screen answers "how are we doing?".
        var summary: [String] = []
        if let counts {
            let all = counts.tasks.reduce(0) { $0 + $1.reduce(0, +) }
            let done = counts.tasks.reduce(0) { $0 + ($1.last ?? 0) }
            summary += [
                "\(all - done) of \(all) tasks open", "\(counts.overdue) overdue",
                counted(counts.upcoming, "upcoming meeting"),
            ]
        } else {
            summary.append("counting the tasks and meetings…")
        }
        summary += ["\(figures.unansweredCount) open need\(figures.unansweredCount == 1 ? "" : "s") without an expert"]
        if let uncovered, uncovered > 0 { summary.append(counted(uncovered, "uncovered topic")) }
        summary.append(counted(figures.conflicts, "sync conflict"))
        left += wrap(summary, width: summaryWidth).map { DetailLine("  " + $0, .dim) }

        let offset = left.count
        left += chartLines + objectiveLines(figures.objectives) + topicLines
        let lines =
            left
            + right.map { line in
                var copy = line
                copy.column = 1
                return copy
            }
        return Overview(
            lines: lines,
            taskLinks: links.map {
                TaskLink(line: $0.line + offset, area: $0.area, areaTitle: $0.areaTitle, status: $0.status)
            })
    }

    /// The totals under the title wrap at this width, so they fit a column of an 80-column screen.
    static let summaryWidth = 72

    /// Parts joined with " · " into lines of at most `width` columns (a longer part has a line of its own).
    static func wrap(_ parts: [String], width: Int) -> [String] {
        var lines: [String] = []
        for part in parts {
            if let last = lines.last, DisplayWidth.of(last) + 3 + DisplayWidth.of(part) <= width {
                lines[lines.count - 1] = last + " · " + part
            } else {
                lines.append(part)
            }
        }
        return lines
    }

    /// "1 task", "3 tasks".
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

/// The counts of a large database, made on a background thread (a read snapshot of its own) while
/// the Overview shows the rest; the runner takes them when they are made (`Runner.pickUpCounts`).
final class OverviewCounting: @unchecked Sendable {
    /// The change token of the database the counts are of.
    let token: String
    private let lock = NSLock()
    private var outcome: Result<OverviewPane.Counts, any Error>?
    private var stopped = false

    init(token: String) {
        self.token = token
    }

    /// Counts on a queue of its own, then calls `done` (from that queue).
    func start(store: Store, figures: OverviewPane.Figures, done: @escaping @Sendable () -> Void) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let outcome = Result {
                try store.read {
                    try OverviewPane.counts(
                        Loader(reader: $0, today: figures.today), figures,
                        cancelled: { self.isCancelled })
                }
            }
            lock.withLock { self.outcome = outcome }
            done()
        }
    }

    var isCancelled: Bool { lock.withLock { stopped } }
    func cancel() { lock.withLock { stopped = true } }
    /// The counts (or the error) once they are made.
    var result: Result<OverviewPane.Counts, any Error>? { lock.withLock { outcome } }
}
