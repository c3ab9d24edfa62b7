import Foundation
import NCCModel
import NCCStore

/// The demo's progress and mutual learning, written after the rest of the demo (it reads the
/// centres, working areas, meetings, tasks and decisions the builder made):
/// - objectives for the action plan's four working areas (two each) and one for the whole group,
///   with a few tasks, decisions and engagements serving them;
/// - ten indicators, and two years of quarterly measurements from some of the centres. A count
///   is what a centre has done so far (the group's value adds up each centre's latest); a rate
///   or a number of days is the centre's value in that quarter (the group's is their mean). One
///   indicator has only whole-group values, one has passed its target, and one centre reported
///   one quarter twice, from two sources that disagree: the demo's one measurement conflict;
/// - the working group's four core competences as dimensions, and two rounds of self-assessment
///   of every centre on them, shaped by the centre's capacity group: 1 strong, 2 middle, 3
///   building up. Scaling in complex systems is weak for most centres (a thematic session to hold);
/// - each peer group's mutual-learning pathway, and the steps centres have taken.
/// Deterministic: the same seed and day give the same records and ids.
struct DemoProgress {
    let writer: StoreWriter
    var random: SeededRandom
    let today: String
    /// What was written, by kind (updated tasks, decisions and engagements are not counted).
    private(set) var counts: [Kind: Int] = [:]

    private var idSequence: UInt64 = 0
    private let idBase: UInt64
    private var centres: [Centre] = []

    private struct Centre {
        var id: String
        var active: Bool
        var group: Int
    }

    init(writer: StoreWriter, seed: UInt64, today: String) {
        self.writer = writer
        self.random = SeededRandom(seed: seed ^ 0x9806_7E55_0B1E_C71F)
        self.today = today
        let parts = (Dates.adding(days: -75, to: today) ?? "2026-01-01").split(separator: "-").compactMap { Int($0) }
        idBase = UInt64(max(0, Dates.dayNumber(year: parts[0], month: parts[1], day: parts[2]))) * 86_400_000
    }

    mutating func add() throws {
        centres = try writer.reader.list(.centre, limit: 10_000).map {
            Centre(
                id: $0.id, active: $0[Fields.Centre.status.name].text != "closed",
                group: min(3, max(1, $0[Fields.Centre.capacityGroup.name].int ?? 2)))
        }
        guard !centres.isEmpty else { return }
        let objectives = try addObjectives()
        try addMeasurements(of: try addIndicators(objectives))
        try addAssessments(on: try addDimensions())
        try addPathways()
    }

    // MARK: - Objectives and what serves them

    private struct ObjectivePlan: Sendable {
        /// The working area's number; nil for the whole group.
        var area: Int?
        var title: String
        var due: String
        var description: String
        /// Words of the titles of the tasks that serve it.
        var taskWords: [String]
    }

    private static let objectivePlans: [ObjectivePlan] = [
        ObjectivePlan(
            area: 1, title: "Every centre works to a documented operational model", due: "2026-12-31",
            description:
                "Each centre writes down how it is run: its services, team, partners and governance, using what the first consortia learned.",
            taskWords: ["operational models", "quarterly progress report"]),
        ObjectivePlan(
            area: 1, title: "A sustainable business model for the centres beyond 2027", due: "2027-06-30",
            description:
                "Centres find the funding mix that keeps them going after the current grants end, paid services included.",
            taskWords: ["repository of tools", "capacity group survey"]),
        ObjectivePlan(
            area: 2, title: "Map each country's ecosystem with the shared methodology", due: "2026-12-31",
            description:
                "Every active centre maps its social innovation ecosystem the same way, so that the maps can be compared and joined into a European one.",
            taskWords: ["ecosystem mapping template"]),
        ObjectivePlan(
            area: 2, title: "Ecosystem mapping in coastal communities", due: "2027-06-30",
            description:
                "The centres of coastal countries test the methodology in coastal communities, as the mutual learning workshop asked.",
            taskWords: ["stakeholder engagement roadmap"]),
        ObjectivePlan(
            area: 3, title: "Train the ecosystem's actors in transfer and scaling", due: "2027-06-30",
            description:
                "Centres train social innovators, public officers and intermediaries to transfer and scale good practices.",
            taskWords: ["training on scaling", "good practice collection"]),
        ObjectivePlan(
            area: 3, title: "A basic framework for impact measurement and learning strategies", due: "2026-12-31",
            description:
                "A light framework centres can use with the initiatives they support to plan, measure and learn from their impact.",
            taskWords: ["impact measurement guide"]),
        ObjectivePlan(
            area: 4, title: "Policy recommendations reach the ESF+ managing authorities", due: "2027-06-30",
            description:
                "Centres turn what they learn into recommendations for the managing authorities and follow up on what is taken up.",
            taskWords: ["policy brief"]),
        ObjectivePlan(
            area: 4, title: "A dialogue with Horizon Europe and the EU Missions", due: "2026-12-31",
            description:
                "Joint activities with other EU programmes, so that social innovation is part of their calls and missions.",
            taskWords: ["joint event programme", "input to the SI CoP"]),
        ObjectivePlan(
            area: nil, title: "Centres get the right expert quickly", due: "2026-12-31",
            description:
                "A need raised by a centre reaches a fitting expert within days, and the centres are satisfied with the support.",
            taskWords: ["needs for expert support"]),
    ]

    private mutating func addObjectives() throws -> [String] {
        var areas: [Int: String] = [:]
        for area in try writer.reader.list(.workingArea, limit: 100) {
            if let number = area[Fields.WorkingArea.number.name].int, areas[number] == nil { areas[number] = area.id }
        }
        var ids: [String] = []
        for plan in Self.objectivePlans {
            ids.append(
                try create(
                    .objective,
                    [
                        Fields.Objective.title: .text(plan.title),
                        Fields.Objective.workingArea: plan.area.flatMap { areas[$0] }.map(Value.text) ?? .null,
                        Fields.Objective.due: .text(plan.due), Fields.Objective.status: .text("active"),
                        Fields.Objective.description: .text(plan.description),
                    ]))
        }
        // A few tasks of each objective's working area serve it: those whose titles say so first.
        var linked = Set<String>()
        for (plan, objective) in zip(Self.objectivePlans, ids) {
            let tasks: [Record]
            if let area = plan.area.flatMap({ areas[$0] }) {
                tasks = try writer.reader.records(where: Fields.Task.workingArea, is: area, limit: 120)
            } else {
                tasks = try writer.reader.list(.task, limit: 120)
            }
            let free = tasks.filter { !linked.contains($0.id) }
            let fitting = free.filter { task in
                plan.taskWords.contains { (task[Fields.Task.title.name].text ?? "").contains($0) }
            }
            for task in (fitting + free.filter { !fitting.contains($0) }).prefix(2) {
                linked.insert(task.id)
                try writer.update(.task, id: task.id, [Fields.Task.objective: .text(objective)])
            }
        }
        // The workshop's decision to collect the needs serves the experts' objective; the adopted
        // mapping methodology (when the demo has its decisions) serves the mapping one.
        let meetings = try writer.reader.list(.meeting, limit: 50)
        if let workshop = meetings.first(where: { $0[Fields.Meeting.title.name].text == "Mutual learning workshop" }),
            let decision = try writer.reader.records(where: Fields.Decision.meeting, is: workshop.id).first
        {
            try writer.update(.decision, id: decision.id, [Fields.Decision.objective: .text(ids[8])])
        }
        let proposals = try writer.reader.list(.proposal, limit: 50)
        if let mapping = proposals.first(where: {
            $0[Fields.Proposal.title.name].text == "Adopt the European ecosystem mapping methodology"
        }), let decision = try writer.reader.records(where: Fields.Decision.proposal, is: mapping.id).first {
            try writer.update(.decision, id: decision.id, [Fields.Decision.objective: .text(ids[2])])
        }
        // An engagement on an impact framework serves that objective, and a finished one the experts'.
        var framework: Record?
        var finished: Record?
        for engagement in try writer.reader.list(.engagement, limit: 200) where framework == nil || finished == nil {
            let need = try engagement[Fields.Engagement.need.name].text.flatMap {
                try writer.reader.record(.need, id: $0)
            }
            if framework == nil, need?[Fields.Need.title.name].text?.hasPrefix("Impact measurement") == true {
                framework = engagement
            } else if finished == nil, engagement[Fields.Engagement.status.name].text == "done" {
                finished = engagement
            }
        }
        if let framework {
            try writer.update(.engagement, id: framework.id, [Fields.Engagement.objective: .text(ids[5])])
        }
        if let finished {
            try writer.update(.engagement, id: finished.id, [Fields.Engagement.objective: .text(ids[8])])
        }
        return ids
    }

    // MARK: - Indicators and measurements

    private enum Reporting: Sendable {
        /// Values of the whole group only, on some of the quarters.
        case wholeGroup(quarters: [Int], values: [Int])
        /// A count so far of `centres` of the active ones, each ending near a value of `end`.
        case count(centres: ClosedRange<Int>, end: ClosedRange<Int>)
        /// A value per quarter of `centres` of the active ones, from about `start` to about `end`.
        case rate(centres: ClosedRange<Int>, start: ClosedRange<Int>, end: ClosedRange<Int>, noise: Int, decimals: Bool)
    }

    private struct IndicatorPlan: Sendable {
        var objective: Int
        var title: String
        var unit: String
        var direction: IndicatorDirection = .up
        var aggregate: Aggregate = .sum
        var baseline: Int
        var target: Int
        var description: String
        var reporting: Reporting
    }

    private static let indicatorPlans: [IndicatorPlan] = [
        IndicatorPlan(
            objective: 0, title: "Centres with a documented operational model", unit: "centres", baseline: 6,
            target: 20, description: "Counted by the working group's survey of the centres every six months.",
            reporting: .wholeGroup(quarters: [0, 2, 4, 6], values: [7, 10, 13, 15])),
        IndicatorPlan(
            objective: 1, title: "Share of the centre's budget from paid services", unit: "%", aggregate: .mean,
            baseline: 5, target: 25,
            description: "Income from services that clients pay for, as a share of the year's budget.",
            reporting: .rate(centres: 8...12, start: 2...9, end: 8...22, noise: 2, decimals: true)),
        IndicatorPlan(
            objective: 2, title: "Organisations mapped", unit: "organisations mapped", baseline: 0, target: 2500,
            description: "Organisations in the centre's ecosystem map made with the shared methodology.",
            reporting: .count(centres: 11...15, end: 60...180)),
        IndicatorPlan(
            objective: 3, title: "Coastal communities mapped", unit: "communities", baseline: 0, target: 15,
            description: "Coastal communities whose ecosystem has been mapped with the local actors.",
            reporting: .count(centres: 4...6, end: 1...3)),
        IndicatorPlan(
            objective: 4, title: "People trained in transfer and scaling", unit: "people trained", baseline: 0,
            target: 1000, description: "Participants who completed a training of the centre on transfer and scaling.",
            reporting: .count(centres: 11...15, end: 20...70)),
        IndicatorPlan(
            objective: 5, title: "Initiatives with an impact measurement plan", unit: "initiatives", baseline: 0,
            target: 180,
            description: "Initiatives supported by the centre that have a plan for measuring their impact.",
            reporting: .count(centres: 9...13, end: 3...12)),
        IndicatorPlan(
            objective: 6, title: "Policy recommendations sent to managing authorities", unit: "recommendations",
            baseline: 0, target: 60,
            description: "Written recommendations sent to an ESF+ managing authority or another public body.",
            reporting: .count(centres: 10...14, end: 1...5)),
        IndicatorPlan(
            objective: 7, title: "Joint activities with Horizon Europe or the EU Missions", unit: "activities",
            baseline: 0, target: 8,
            description: "Events, calls or pilots prepared together with another EU programme.",
            reporting: .count(centres: 9...12, end: 2...3)),
        IndicatorPlan(
            objective: 8, title: "Days from a need to an expert's first contact", unit: "days", direction: .down,
            aggregate: .mean, baseline: 30, target: 10,
            description:
                "The median number of days, in the quarter, between a need raised and an expert's first contact.",
            reporting: .rate(centres: 10...14, start: 24...40, end: 10...20, noise: 3, decimals: false)),
        IndicatorPlan(
            objective: 8, title: "Share of engagements rated 4 or more", unit: "%", aggregate: .mean, baseline: 50,
            target: 75, description: "Engagements of the quarter that the centre rated 4 or 5 out of 5.",
            reporting: .rate(centres: 9...13, start: 40...60, end: 60...80, noise: 6, decimals: false)),
    ]

    /// The quarters measured: two years, the middle of each quarter's first month.
    static let quarters = [
        "2025-01-15", "2025-04-15", "2025-07-15", "2025-10-15", "2026-01-15", "2026-04-15", "2026-07-15", "2026-10-15",
    ]

    /// The indicator, reporting centre (the first) and quarter of the demo's one conflict.
    private static let conflict = (indicator: 4, quarter: 5)

    private mutating func addIndicators(_ objectives: [String]) throws -> [String] {
        var ids: [String] = []
        for plan in Self.indicatorPlans {
            ids.append(
                try create(
                    .indicator,
                    [
                        Fields.Indicator.title: .text(plan.title),
                        Fields.Indicator.objective: .text(objectives[plan.objective]),
                        Fields.Indicator.unit: .text(plan.unit),
                        Fields.Indicator.direction: .text(plan.direction.rawValue),
                        Fields.Indicator.aggregate: .text(plan.aggregate.rawValue),
                        Fields.Indicator.baseline: .text(String(plan.baseline)),
                        Fields.Indicator.target: .text(String(plan.target)),
                        Fields.Indicator.due: .text(Self.objectivePlans[plan.objective].due),
                        Fields.Indicator.description: .text(plan.description),
                    ]))
        }
        return ids
    }

    private mutating func addMeasurements(of indicators: [String]) throws {
        let active = centres.filter(\.active).map(\.id)
        for (n, (plan, indicator)) in zip(Self.indicatorPlans, indicators).enumerated() {
            switch plan.reporting {
            case .wholeGroup(let quarters, let values):
                for (quarter, value) in zip(quarters, values) {
                    try measure(indicator, centre: nil, quarter, "\(value + random.int(0...1))", "working group survey")
                }
            case .count(let count, let end):
                for (c, centre) in random.pick(active, count: random.int(count)).enumerated() {
                    let isConflict = n == Self.conflict.indicator && c == 0
                    let first = isConflict ? 0 : random.int(0...2)
                    let last = Double(random.int(end))
                    var value = 0
                    for quarter in first..<Self.quarters.count {
                        let done = Double(quarter - first + 1) / Double(Self.quarters.count - first)
                        value = max(
                            value, Int((last * done * Double.random(in: 0.85...1.15, using: &random)).rounded()))
                        if isConflict, quarter == Self.conflict.quarter {
                            try measure(indicator, centre: centre, quarter, "\(value)", "quarterly report")
                            try measure(
                                indicator, centre: centre, quarter, "\(value + 9 + random.int(0...6))",
                                "centre's own count",
                                note:
                                    "Counted from the centre's own attendance lists, the online participants included.")
                        } else if !random.chance(0.15) {
                            try measure(indicator, centre: centre, quarter, "\(value)", "quarterly report")
                        }
                    }
                }
            case .rate(let count, let start, let end, let noise, let decimals):
                for centre in random.pick(active, count: random.int(count)) {
                    let first = random.int(0...2)
                    let from = Double(random.int(start))
                    let to = Double(random.int(end))
                    for quarter in first..<Self.quarters.count where !random.chance(0.15) {
                        let done = Double(quarter - first) / Double(max(1, Self.quarters.count - 1 - first))
                        let value = max(
                            1,
                            from + (to - from) * done
                                + Double.random(in: -Double(noise)...Double(noise), using: &random))
                        let text =
                            decimals ? String(format: "%.1f", min(100, value)) : "\(Int(min(100, value).rounded()))"
                        try measure(indicator, centre: centre, quarter, text, "quarterly report")
                    }
                }
            }
        }
    }

    private mutating func measure(
        _ indicator: String, centre: String?, _ quarter: Int, _ value: String, _ source: String, note: String? = nil
    ) throws {
        try create(
            .measurement,
            [
                Fields.Measurement.indicator: .text(indicator),
                Fields.Measurement.centre: centre.map(Value.text) ?? .null,
                Fields.Measurement.date: .text(Self.quarters[quarter]),
                Fields.Measurement.value: .text(DecimalText.normal(value) ?? "0"),
                Fields.Measurement.source: .text(source), Fields.Measurement.note: note.map(Value.text) ?? .null,
            ])
    }

    // MARK: - Dimensions and self-assessments

    private mutating func addDimensions() throws -> [String] {
        for (position, competence) in Competence.defaults.enumerated() {
            try writer.put(
                .dimension, id: competence.id,
                [
                    Fields.Dimension.title: .text(competence.title), Fields.Dimension.position: .int(position + 1),
                    Fields.Dimension.description: .text(competence.description),
                ])
            counts[.dimension, default: 0] += 1
        }
        return Competence.defaults.map(\.id)
    }

    /// The scores of a capacity group's centres on each dimension (mapping, interaction,
    /// co-creation, scaling), before noise.
    private static let profiles: [Int: [ClosedRange<Int>]] = [
        1: [4...5, 4...5, 3...5, 2...4],
        2: [3...4, 3...4, 2...4, 1...3],
        3: [1...2, 2...3, 1...2, 1...2],
    ]

    /// What a centre says for a low (1–2), middle (3) and high (4–5) score on each dimension.
    private static let evidence: [[[String]]] = [
        [
            [
                "We have a list of partners but no map of the ecosystem yet.",
                "Mapping has started in the capital region only.",
            ],
            [
                "About half of the regions are mapped with the shared methodology.",
                "Our map covers the main actors; the links between them are still missing.",
            ],
            [
                "The whole country is mapped and the map is updated every quarter.",
                "Our map is public and the managing authority uses it.",
            ],
        ],
        [
            [
                "We meet the ecosystem mainly at calls and events.",
                "Our contacts depend on one or two people in the team.",
            ],
            [
                "A newsletter and two regional meetings a year keep us in touch.",
                "We are in regular contact with about half of the mapped actors.",
            ],
            [
                "Monthly meetups in three regions and an active online community.",
                "Actors come to us with their questions, not only at calls.",
            ],
        ],
        [
            [
                "Our services are designed by the team, then presented to their users.",
                "We tried one co-creation workshop; it has not become a habit yet.",
            ],
            [
                "Two of our services were designed with their users.",
                "Users are consulted at the start of each new service.",
            ],
            [
                "Every new service is designed with the people it serves.",
                "We co-created a regional policy with the managing authority.",
            ],
        ],
        [
            [
                "We have not yet helped a practice spread beyond its first place.",
                "Scaling is in next year's plan; we need methods first.",
            ],
            [
                "One good practice was transferred to a second region with our help.",
                "We support scaling case by case, without a method of our own.",
            ],
            [
                "Three practices scaled with our support, and one changed a national rule.",
                "We run a scaling programme together with the social economy network.",
            ],
        ],
    ]

    private mutating func addAssessments(on dimensions: [String]) throws {
        let scaling = dimensions.count - 1
        // This year's scores first, from the centre's group, with some noise.
        var latest: [[Int]] = centres.map { centre in
            Self.profiles[centre.group]!.map { range in
                var score = random.int(range)
                if random.chance(0.12) { score += random.chance(0.5) ? 1 : -1 }
                return min(5, max(1, score))
            }
        }
        // Scaling in complex systems is weak for most centres: a session the group should hold.
        var weak = latest.filter { $0[scaling] <= 2 }.count
        for i in latest.indices.sorted(by: { centres[$0].group > centres[$1].group }) where weak * 2 <= centres.count {
            if latest[i][scaling] > 2 {
                latest[i][scaling] = 2
                weak += 1
            }
        }
        // Last year's: most centres have since improved on one or two dimensions, a few slipped on one.
        let earlier: [[Int]] = latest.map { scores in
            var before = scores
            if random.chance(0.85) {
                let improvable = scores.indices.filter { scores[$0] >= 2 }
                for d in random.pick(improvable, count: random.int(1...2)) { before[d] -= 1 }
            } else if random.chance(0.5), let d = scores.indices.filter({ scores[$0] <= 4 }).first {
                before[d] += 1
            }
            return before
        }
        let keepingScores = Set(random.pick(centres.map(\.id), count: random.int(2...3)))
        for (round, scores) in [("2025", earlier), ("2026", latest)] {
            for (centre, centreScores) in zip(centres, scores) {
                let date = "\(round)-03-\(String(format: "%02d", random.int(2...27)))"
                for (d, dimension) in dimensions.enumerated() {
                    let score = centreScores[d]
                    let band = score <= 2 ? 0 : score == 3 ? 1 : 2
                    try create(
                        .assessment,
                        [
                            Fields.Assessment.centre: .text(centre.id), Fields.Assessment.round: .text(round),
                            Fields.Assessment.date: .text(date), Fields.Assessment.dimension: .text(dimension),
                            Fields.Assessment.score: .int(score),
                            Fields.Assessment.evidence: .text(random.pick(Self.evidence[d][band])),
                            Fields.Assessment.sharing: .text(
                                keepingScores.contains(centre.id)
                                    ? ScoreSharing.averages.rawValue : ScoreSharing.all.rawValue),
                        ])
                }
            }
        }
    }

    // MARK: - Pathways

    private struct StepPlan: Sendable {
        var group: Int
        var title: String
        var type: StepType
        /// The start of the title of the demo meeting a session step is held at.
        var meeting: String? = nil
        /// Which of those meetings: the last one held, or the next one.
        var next = false
        var link: String? = nil
        var due: String
        var description: String
    }

    private static let stepPlans: [StepPlan] = [
        StepPlan(
            group: 0, title: "Present the centre's self-assessment at a quarterly meeting", type: .session,
            meeting: "Quarterly meeting", due: "2026-06-30",
            description:
                "Each centre says in five minutes where it stands on the four core competences and what it wants to learn."
        ),
        StepPlan(
            group: 1, title: "Workshop on scaling good practices", type: .session, meeting: "Workshop: scaling",
            due: "2026-06-30",
            description: "Centres that scaled a practice compare what helped and what stood in the way."),
        StepPlan(
            group: 1, title: "Host a peer visit for a building-up centre", type: .peerExchange, due: "2026-10-31",
            description:
                "Two days at the centre: its services, its partners and how it is run, shown to a centre of group 3."
        ),
        StepPlan(
            group: 1, title: "Scaling in complex systems: a reading list", type: .resource,
            link: "https://ncc-wg.example.eu/library/scaling-in-complex-systems", due: "2026-12-31",
            description: "Short texts on scaling out, up and deep, chosen by the centres of group 1."),
        StepPlan(
            group: 1, title: "Thematic session on policy guidance", type: .session,
            meeting: "Thematic session: policy guidance", next: true, due: "2027-03-31",
            description: "From a centre's lessons to a recommendation a managing authority can act on."),
        StepPlan(
            group: 2, title: "Thematic session on impact measurement", type: .session,
            meeting: "Thematic session: impact measurement", due: "2026-06-30",
            description:
                "The basic framework for impact measurement and learning strategies, tried on one initiative each."
        ),
        StepPlan(
            group: 2, title: "Apply the basic framework for impact measurement", type: .resource,
            link: "https://ncc-wg.example.eu/library/impact-measurement-framework", due: "2026-10-31",
            description: "The framework's template and a worked example, for an initiative the centre supports."),
        StepPlan(
            group: 2, title: "Peer exchange on ecosystem mapping in coastal communities", type: .peerExchange,
            due: "2027-03-31",
            description: "Centres of coastal countries compare how they mapped a coastal community and with whom."),
        StepPlan(
            group: 3, title: "Read the ecosystem mapping guide", type: .resource,
            link: "https://ncc-wg.example.eu/library/ecosystem-mapping-guide", due: "2026-03-31",
            description: "The shared methodology in twenty pages, with the template and the questions to ask."),
        StepPlan(
            group: 3, title: "Thematic session on ecosystem mapping", type: .session,
            meeting: "Thematic session: ecosystem mapping", due: "2026-06-30",
            description: "Centres that mapped their country show their maps and how they made them."),
        StepPlan(
            group: 3, title: "Visit a centre of group 1 to see its operational model", type: .peerExchange,
            due: "2026-12-31",
            description: "A peer visit to learn how an established centre runs its services, team and partners."),
        StepPlan(
            group: 3, title: "Thematic session on impact measurement", type: .session,
            meeting: "Thematic session: impact measurement", next: true, due: "2027-03-31",
            description: "A first impact measurement plan for one initiative, with the help of group 2."),
    ]

    private static let stepNotes = [
        "Two people of the team took part.", "Shared with the centre's partners afterwards.",
        "Led to a follow-up call with the host centre.", "Used at our last board meeting.",
    ]

    private mutating func addPathways() throws {
        // The earliest meetings and the latest (past and coming ones), in the order they start.
        let total = try writer.reader.count(.meeting)
        let read =
            try writer.reader.list(.meeting, limit: 1000)
            + (total > 1000 ? try writer.reader.list(.meeting, limit: 1000, offset: max(1000, total - 1000)) : [])
        let meetings = read.map {
            (
                id: $0.id, title: $0[Fields.Meeting.title.name].text ?? "",
                day: String(($0[Fields.Meeting.start.name].text ?? "").prefix(10))
            )
        }
        var positions: [Int: Int] = [:]
        for plan in Self.stepPlans {
            let held = plan.meeting.map { start in meetings.filter { $0.title.hasPrefix(start) } } ?? []
            let meeting = plan.next ? held.first { $0.day > today } : held.last { $0.day <= today }
            let position = positions[plan.group, default: 0] + 1
            positions[plan.group] = position
            let due = meeting?.day ?? plan.due
            let step = try create(
                .pathwayStep,
                [
                    Fields.PathwayStep.title: .text(plan.title), Fields.PathwayStep.peerGroup: .int(plan.group),
                    Fields.PathwayStep.position: .int(position), Fields.PathwayStep.type: .text(plan.type.rawValue),
                    Fields.PathwayStep.meeting: meeting.map { .text($0.id) } ?? .null,
                    Fields.PathwayStep.link: plan.link.map(Value.text) ?? .null, Fields.PathwayStep.due: .text(due),
                    Fields.PathwayStep.description: .text(plan.description),
                ])
            // The active centres of the group that have taken it: fewer for each later step.
            let walkers = centres.filter { $0.active && (plan.group == 0 || $0.group == plan.group) }
            let likelihood = plan.group == 0 ? 0.5 : max(0.15, 0.8 - 0.2 * Double(position - 1))
            for centre in walkers where random.chance(likelihood) {
                let date: String
                if plan.type == .session {
                    guard let meeting, meeting.day <= today else { continue }
                    date = meeting.day
                } else {
                    date = Dates.adding(days: -random.int(5...90), to: min(due, today)) ?? today
                }
                try create(
                    .stepDone,
                    [
                        Fields.StepDone.step: .text(step), Fields.StepDone.centre: .text(centre.id),
                        Fields.StepDone.date: .text(date),
                        Fields.StepDone.note: random.chance(0.25) ? .text(random.pick(Self.stepNotes)) : .null,
                    ])
            }
        }
    }

    // MARK: - Writing

    /// Creates a record with an id from the seed, through the store's one write path.
    @discardableResult
    private mutating func create(_ kind: Kind, _ values: [FieldName: Value]) throws -> String {
        idSequence += 1
        let id = random.uuid(sequence: idBase + idSequence)
        try writer.create(kind, values, id: id, generated: true)
        counts[kind, default: 0] += 1
        return id
    }
}
