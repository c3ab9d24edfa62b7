import Foundation
import NCCModel
import NCCStore

/// The working group's progress report for a period: tasks per working area, the period's
/// meetings and their decisions, engagements of experts and the needs they answered. The model
/// is read from the store in one snapshot, a page at a time (counts are counted by SQLite), and
/// rendered as Markdown or as one self-contained HTML page with inline SVG charts.
///
/// `today` is a parameter (not the clock) so the same data always gives the same report.
public struct ProgressReport {
    let store: Store
    public let today: String

    /// The default period: the 90 days that end today (`today` − 89 days to `today`).
    public static let defaultDays = 90
    /// At most this many overdue tasks, answered needs and notes are listed (all are counted).
    public static let overdueListed = 50
    public static let needsListed = 100
    public static let notesListed = 10
    public static let excerptLength = 200

    /// `today` is `YYYY-MM-DD`: the day the report is made on, the end of the default period.
    public init(store: Store, today: String = Dates.today()) {
        self.store = store
        self.today = today
    }

    // MARK: - The model

    public struct Model: Sendable, Equatable {
        public var from: String
        public var to: String
        public var today: String
        public var areas: [Area] = []
        public var overdue: [OverdueTask] = []
        public var overdueTotal = 0
        public var meetings: [Meeting] = []
        public var engagements = Engagements()
        public var answeredNeeds: [AnsweredNeed] = []
        public var answeredTotal = 0
        public var proposals: [Proposal] = []
        public var decided = StandingDecisions()
        public var objectives: [ObjectiveArea] = []
        public var selfAssessment: SelfAssessment?

        /// Task counts of all working areas together.
        public var totals: Area {
            var total = Area(number: nil, title: "Total")
            for area in areas {
                total.todo += area.todo
                total.doing += area.doing
                total.blocked += area.blocked
                total.done += area.done
                total.overdue += area.overdue
            }
            return total
        }

        /// Meetings of the period that have taken place (they start on or before today).
        public var meetingsHeld: [Meeting] { meetings.filter(\.held) }
    }

    /// One working area's tasks by status (now), and those overdue at the end of the period.
    public struct Area: Sendable, Equatable {
        /// nil for the tasks of no working area (and for the totals).
        public var id: String?
        public var number: Int?
        public var title: String
        public var todo = 0
        public var doing = 0
        public var blocked = 0
        public var done = 0
        /// Not done and due before the end of the period.
        public var overdue = 0

        public init(id: String? = nil, number: Int?, title: String) {
            self.id = id
            self.number = number
            self.title = title
        }

        public var open: Int { todo + doing + blocked }
        public var total: Int { open + done }
        /// `WA2 Capacity building`, or the title alone.
        public var label: String {
            if let number { "WA\(number) \(title)" } else { title }
        }
    }

    public struct OverdueTask: Sendable, Equatable {
        public var title: String
        public var area: String?
        public var owner: String?
        public var due: String
        public var status: String
    }

    public struct Meeting: Sendable, Equatable {
        public var id: String
        public var title: String
        public var kind: String
        public var start: String
        public var end: String?
        public var place: String?
        public var online: Bool
        public var attendees: Int
        public var decisions: [String]
        /// It starts on or before the report's day (else it is planned).
        public var held: Bool
    }

    public struct Engagements: Sendable, Equatable {
        /// Engagements of the period by status, in `Schema.engagementStatuses` order.
        public var byStatus: [(status: String, count: Int)] = Schema.engagementStatuses.map { ($0, 0) }
        public var feedbackCount = 0
        public var feedbackSum = 0
        public var notes: [Note] = []
        public var notesTotal = 0

        public var total: Int { byStatus.reduce(0) { $0 + $1.count } }
        public func count(_ status: String) -> Int { byStatus.first { $0.status == status }?.count ?? 0 }

        /// The mean feedback to one decimal (`4.5`), rounded half up; nil when none was given.
        public var averageFeedback: String? {
            guard feedbackCount > 0 else { return nil }
            let tenths = (feedbackSum * 20 + feedbackCount) / (2 * feedbackCount)
            return "\(tenths / 10).\(tenths % 10)"
        }

        public static func == (a: Engagements, b: Engagements) -> Bool {
            a.byStatus.map(\.status) == b.byStatus.map(\.status) && a.byStatus.map(\.count) == b.byStatus.map(\.count)
                && a.feedbackCount == b.feedbackCount && a.feedbackSum == b.feedbackSum
                && a.notes == b.notes && a.notesTotal == b.notesTotal
        }
    }

    public struct Note: Sendable, Equatable {
        public var expert: String
        public var need: String
        public var status: String
        public var excerpt: String
    }

    public struct AnsweredNeed: Sendable, Equatable {
        public var title: String
        public var centre: String?
        public var deadline: String?
        public var status: String
        /// `Name (agreed)` for each agreed or done engagement of the period.
        public var experts: [String]
    }

    /// The period a report covers: `from` and `to` as given (`YYYY-MM-DD`), else the 90 days that
    /// end today (with only `from`, up to today; with only `to`, the 90 days that end then).
    public func period(from: String? = nil, to: String? = nil) throws -> (from: String, to: String) {
        guard let day = Dates.normalizedDate(today) else {
            throw ReportError("today: '\(today)' is not a date YYYY-MM-DD")
        }
        func date(_ text: String?, _ option: String) throws -> String? {
            guard let text else { return nil }
            guard let date = Dates.normalizedDate(text.trimmingCharacters(in: .whitespaces)) else {
                throw ReportError("--\(option): '\(text)' is not a date YYYY-MM-DD")
            }
            return date
        }
        let end = try date(to, "to") ?? day
        let start = try date(from, "from") ?? Dates.adding(days: 1 - Self.defaultDays, to: end)!
        guard start <= end else { throw ReportError("--from \(start) is after --to \(end)") }
        return (start, end)
    }

    /// Reads the report's figures for the period (see `period(from:to:)`).
    public func model(from: String? = nil, to: String? = nil) throws -> Model {
        let (start, end) = try period(from: from, to: to)
        return try store.read { reader in
            var model = Model(from: start, to: end, today: today)
            try readTasks(reader, into: &model)
            try readMeetings(reader, into: &model)
            try readEngagements(reader, into: &model)
            try readProposals(reader, into: &model)
            try readObjectives(reader, into: &model)
            try readSelfAssessment(reader, into: &model)
            return model
        }
    }

    /// The report as Markdown.
    public func markdown(from: String? = nil, to: String? = nil) throws -> String {
        ReportMarkdown.render(try model(from: from, to: to))
    }

    /// The report as one self-contained HTML page.
    public func html(from: String? = nil, to: String? = nil) throws -> String {
        ReportHTML.render(try model(from: from, to: to))
    }

    public func render(_ format: ReportFormat, from: String? = nil, to: String? = nil) throws -> String {
        switch format {
        case .markdown: try markdown(from: from, to: to)
        case .html: try html(from: from, to: to)
        }
    }

    /// Writes the report to `path` (through a temporary file) and returns the file's absolute path.
    @discardableResult
    public func write(_ format: ReportFormat, from: String? = nil, to: String? = nil, file path: String) throws
        -> String
    {
        try ReportFile.write(render(format, from: from, to: to), to: path)
    }

    // MARK: - Reading

    private func readTasks(_ reader: StoreReader, into model: inout Model) throws {
        var areas: [Area] = []
        try ReportPages.each(reader, RecordQuery(.workingArea)) { record in
            areas.append(
                Area(
                    id: record.id, number: record[Fields.WorkingArea.number].int,
                    title: record[Fields.WorkingArea.title].text ?? ""))
            return true
        }
        // Tasks of no working area, when there are any, come last.
        areas.append(Area(number: nil, title: "No working area"))
        let notDone = RecordQuery.Condition.notEquals(Fields.Task.status, .text("done"))
        let dueBeforeEnd = RecordQuery.Condition.below(Fields.Task.due, model.to)
        for index in areas.indices {
            let inArea = RecordQuery.Condition.equals(Fields.Task.workingArea, areas[index].id.map(Value.text) ?? .null)
            func count(_ conditions: RecordQuery.Condition...) throws -> Int {
                try reader.count(RecordQuery(.task, conditions: [inArea] + conditions))
            }
            areas[index].todo = try count(.equals(Fields.Task.status, .text("todo")))
            areas[index].doing = try count(.equals(Fields.Task.status, .text("doing")))
            areas[index].blocked = try count(.equals(Fields.Task.status, .text("blocked")))
            areas[index].done = try count(.equals(Fields.Task.status, .text("done")))
            areas[index].overdue = try count(notDone, dueBeforeEnd)
        }
        if areas.last?.total == 0 { areas.removeLast() }
        model.areas = areas

        let overdue = RecordQuery(
            .task, conditions: [notDone, dueBeforeEnd], order: [(Fields.Task.due, true), (Fields.Task.title, true)])
        model.overdueTotal = try reader.count(overdue)
        model.overdue = try reader.records(overdue, limit: Self.overdueListed).map { task in
            OverdueTask(
                title: task[Fields.Task.title].text ?? "",
                area: try task[Fields.Task.workingArea].text.map { id in
                    if let known = areas.first(where: { $0.id == id }) { return known.label }
                    return try reader.title(.workingArea, id: id)
                },
                owner: try task[Fields.Task.owner].text.map { try reader.title(.person, id: $0) },
                due: task[Fields.Task.due].text ?? "", status: task[Fields.Task.status].text ?? "")
        }
    }

    private func readMeetings(_ reader: StoreReader, into model: inout Model) throws {
        // In start order, the meetings before the period are the first ones: skip them by count.
        let before = try reader.count(RecordQuery(.meeting, conditions: [.below(Fields.Meeting.start, model.from)]))
        let after = Dates.adding(days: 1, to: model.to)!
        try ReportPages.each(reader, RecordQuery(.meeting, order: [(Fields.Meeting.start, true)]), from: before) {
            meeting in
            let start = meeting[Fields.Meeting.start].text ?? ""
            guard start < after else { return false }
            let decisions = try ReportPages.all(
                reader, RecordQuery(.decision, conditions: [.equals(Fields.Decision.meeting, .text(meeting.id))]))
            model.meetings.append(
                Meeting(
                    id: meeting.id, title: meeting[Fields.Meeting.title].text ?? "",
                    kind: meeting[Fields.Meeting.kind].text ?? "", start: start,
                    end: meeting[Fields.Meeting.end].text, place: meeting[Fields.Meeting.place].text,
                    online: meeting[Fields.Meeting.online].bool ?? false,
                    attendees: try reader.countRecords(where: Fields.Attendance.meeting, is: meeting.id),
                    decisions: decisions.map { $0[Fields.Decision.text].text ?? "" },
                    held: String(start.prefix(10)) <= model.today))
            return true
        }
    }

    /// An engagement belongs to the period when its span meets it: from `starts` (else the day it
    /// was recorded) to `ends` (else, once done or declined, the day it last changed; else still
    /// running).
    private func readEngagements(_ reader: StoreReader, into model: inout Model) throws {
        let after = Dates.adding(days: 1, to: model.to)!
        var needs: [String: [String]] = [:]
        var needOrder: [String] = []
        let statuses = Schema.engagementStatuses
        func take(_ engagement: Record) throws {
            let status = engagement[Fields.Engagement.status].text ?? "proposed"
            let ended = ["done", "declined"].contains(status) ? String(engagement.updatedAt.prefix(10)) : nil
            if let end = engagement[Fields.Engagement.ends].text ?? ended, end < model.from { return }
            if let index = statuses.firstIndex(of: status) { model.engagements.byStatus[index].count += 1 }
            if let feedback = engagement[Fields.Engagement.feedback].int {
                model.engagements.feedbackCount += 1
                model.engagements.feedbackSum += feedback
            }
            let expert = try engagement[Fields.Engagement.expert].text.map { try reader.title(.expert, id: $0) } ?? ""
            let notes = ReportText.line(engagement[Fields.Engagement.notes].text ?? "")
            if !notes.isEmpty {
                model.engagements.notesTotal += 1
                if model.engagements.notes.count < Self.notesListed {
                    let need = try engagement[Fields.Engagement.need].text.map { try reader.title(.need, id: $0) } ?? ""
                    model.engagements.notes.append(
                        Note(
                            expert: expert, need: need, status: status,
                            excerpt: ReportText.excerpt(notes, limit: Self.excerptLength)))
                }
            }
            if status == "agreed" || status == "done", let need = engagement[Fields.Engagement.need].text {
                if needs[need] == nil { needOrder.append(need) }
                needs[need, default: []].append("\(expert) (\(status))")
            }
        }
        // Dated ones, latest start first; then undated ones, latest recorded first.
        try ReportPages.each(
            reader,
            RecordQuery(
                .engagement, conditions: [.below(Fields.Engagement.starts, after)],
                order: [(Fields.Engagement.starts, false)])
        ) {
            try take($0)
            return true
        }
        try ReportPages.each(
            reader,
            RecordQuery(
                .engagement,
                conditions: [
                    .equals(Fields.Engagement.starts, .null),
                    .below(.createdAt(.engagement), after),
                ],
                order: [(.createdAt(.engagement), false)])
        ) {
            try take($0)
            return true
        }
        model.answeredTotal = needOrder.count
        var answered: [(key: String, id: String, need: AnsweredNeed)] = []
        for id in needOrder {
            guard let need = try reader.record(.need, id: id) else { continue }
            let title = need[Fields.Need.title].text ?? ""
            answered.append(
                (
                    Folding.key(title), id,
                    AnsweredNeed(
                        title: title,
                        centre: try need[Fields.Need.centre].text.map { try reader.title(.centre, id: $0) },
                        deadline: need[Fields.Need.deadline].text, status: need[Fields.Need.status].text ?? "",
                        experts: needs[id, default: []].sorted { Folding.key($0) < Folding.key($1) })
                ))
        }
        model.answeredNeeds = answered.sorted { ($0.key, $0.id) < ($1.key, $1.id) }.prefix(Self.needsListed).map(\.need)
    }
}
