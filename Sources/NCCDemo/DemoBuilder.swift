import Foundation
import NCCModel
import NCCStore

/// Invents the demo records and sends them, through a `Handoff`, to the store's one write API,
/// so they carry operations like any user's edits.
struct DemoBuilder {
    let pipe: Handoff<DemoWrite>
    var random: SeededRandom
    let today: String
    var counts: [Kind: Int] = [:]

    // What later records refer to.
    var centres: [(id: String, country: String, active: Bool)] = []
    var activeCentres: [(id: String, country: String, active: Bool)] { centres.filter(\.active) }
    var workingAreas: [String] = []
    var realMeetings: [String] = []
    var unitPeople: [String] = []
    var firstUnitPeople: [String] = []

    init(pipe: Handoff<DemoWrite>, random: SeededRandom, today: String) {
        self.pipe = pipe
        self.random = random
        self.today = today
        // Ids carry "milliseconds" from midnight of the given day on, one per record: they look
        // like the version 7 ids of the app and stay the same for the same seed and day.
        let parts = (Dates.normalizedDate(today) ?? "2026-01-01").split(separator: "-").compactMap { Int($0) }
        sequence = UInt64(max(0, Dates.dayNumber(year: parts[0], month: parts[1], day: parts[2]))) * 86_400_000
    }

    @discardableResult
    mutating func create(_ kind: Kind, _ values: [FieldName: Value]) throws -> String {
        sequence += 1
        let id = random.uuid(sequence: sequence)
        try pipe.send(.create(kind, values, id: id))
        counts[kind, default: 0] += 1
        return id
    }

    /// The day `offset` days from today, as `YYYY-MM-DD`.
    func day(_ offset: Int) -> String { Dates.adding(days: offset, to: today) ?? today }

    func countryName(_ code: String) -> String { Codes.countryNames[code] ?? code }

    // MARK: - The real parts

    mutating func addPublicFacts() throws {
        var memberships: [String: [String]] = [:]
        var activeCountries = Set<String>()
        for consortium in PublicFacts.consortia {
            let id = try create(
                .consortium,
                [
                    Fields.Consortium.name: .text(consortium.name), Fields.Consortium.title: .text(consortium.title),
                    Fields.Consortium.call: .text(consortium.call),
                    Fields.Consortium.starts: .text(consortium.starts), Fields.Consortium.ends: .text(consortium.ends),
                    Fields.Consortium.lead: consortium.lead.map(Value.text) ?? .null,
                    Fields.Consortium.countries: .list(consortium.countries),
                ])
            for country in consortium.countries {
                memberships[country, default: []].append(id)
                if consortium.call == PublicFacts.secondCall { activeCountries.insert(country) }
            }
        }
        // One centre per country, member of every consortium its country joined.
        for country in memberships.keys.sorted() {
            let name = country == "SI" ? "CCSI – Slovenian NCC for Social Innovation" : "NCC \(countryName(country))"
            let domain = "ncc-\(country.lowercased()).example.eu"
            let active = activeCountries.contains(country)
            let id = try create(
                .centre,
                [
                    Fields.Centre.name: .text(name), Fields.Centre.country: .text(country),
                    Fields.Centre.status: .text(active ? "active" : "closed"),
                    Fields.Centre.capacityGroup: .int(random.int(1...3)),
                    Fields.Centre.website: .text("https://\(domain)"),
                    Fields.Centre.email: .text("info@\(domain)"),
                    Fields.Centre.description: .text(
                        "The national competence centre for social innovation of \(countryName(country)): it connects social innovators with the ESF+ managing authority, builds capacity and helps good practices scale."
                    ),
                    Fields.Centre.topics: .list(random.pick(Vocabulary.topics, count: 3)),
                ])
            centres.append((id, country, active))
            for consortium in memberships[country]! {
                try create(
                    .membership, [Fields.Membership.centre: .text(id), Fields.Membership.consortium: .text(consortium)])
            }
        }
        for area in PublicFacts.workingAreas {
            workingAreas.append(
                try create(
                    .workingArea,
                    [
                        Fields.WorkingArea.number: .int(area.number), Fields.WorkingArea.title: .text(area.title),
                        Fields.WorkingArea.description: .text(area.description),
                    ]))
        }
        for meeting in PublicFacts.meetings {
            let id = try create(
                .meeting,
                [
                    Fields.Meeting.title: .text(meeting.title), Fields.Meeting.kind: .text(meeting.kind),
                    Fields.Meeting.start: .text(meeting.start),
                    Fields.Meeting.place: meeting.place.map(Value.text) ?? .null,
                    Fields.Meeting.online: .bool(meeting.online),
                    Fields.Meeting.minutes: .text(meeting.minutes),
                ])
            for (i, decision) in meeting.decisions.enumerated() {
                try create(
                    .decision,
                    [
                        Fields.Decision.meeting: .text(id), Fields.Decision.position: .int(i),
                        Fields.Decision.text: .text(decision),
                    ])
            }
            realMeetings.append(id)
        }
    }

    mutating func addRealMeetingAttendance() throws {
        for meeting in realMeetings {
            for person in random.pick(firstUnitPeople, count: 8) {
                try create(
                    .attendance, [Fields.Attendance.meeting: .text(meeting), Fields.Attendance.person: .text(person)])
            }
        }
    }

    // MARK: - The invented parts

    mutating func addInvented(unit: Int) throws {
        let suffix = unit == 0 ? "" : " \(unit + 1)"
        unitPeople = []
        // Partner organisations of every kind, and their people.
        var kindIndex = 0
        for centre in centres {
            for _ in 0..<2 {
                let kind = Schema.organisationKinds[kindIndex % Schema.organisationKinds.count]
                kindIndex += 1
                let pattern = random.pick(Vocabulary.organisationNames[kind] ?? ["Organisation %@"])
                let organisation = try create(
                    .organisation,
                    [
                        Fields.Organisation.name: .text(Self.fill(pattern, countryName(centre.country)) + suffix),
                        Fields.Organisation.country: .text(centre.country), Fields.Organisation.kind: .text(kind),
                        Fields.Organisation.centre: .text(centre.id),
                        Fields.Organisation.role: .text(
                            random.pick(["founding", "partner", "partner", "associate", "stakeholder"])),
                    ])
                for _ in 0..<(random.chance(0.5) ? 1 : 2) {
                    var name = inventName(centre.country)
                    // A name the issue asks for by name: a Slovenian Žiga.
                    if unit == 0, centre.country == "SI", !hasZiga {
                        name = "Žiga Kovačič"
                        hasZiga = true
                    }
                    unitPeople.append(try createPerson(name, country: centre.country, organisation: organisation))
                }
            }
        }
        // Experts, each a person of their own.
        var experts: [String] = []
        for i in 0..<60 {
            let country = i == 0 && unit == 0 ? "LT" : random.pick(centres).country
            let name = i == 0 && unit == 0 ? "Eglė Butkevičienė" : inventName(country)
            let person = try createPerson(name, country: country, organisation: nil, role: "Independent expert")
            let topics =
                i == 0 && unit == 0
                ? ["impact measurement", "SROI", "outcome indicators"]
                : random.pick(Vocabulary.topics, count: random.int(2...4))
            let spoken = Names.byCountry[country]?.languages ?? ["en"]
            let languages =
                Array(spoken.prefix(1)) + (random.chance(0.85) ? ["en"] : [])
                + (random.chance(0.3) ? [random.pick(spoken)] : [])
            let bio =
                Self.fill(random.pick(Vocabulary.bioOpenings), topics[0]) + " " + random.pick(Vocabulary.bioClosings)
            experts.append(
                try create(
                    .expert,
                    [
                        Fields.Expert.person: .text(person), Fields.Expert.country: .text(country),
                        Fields.Expert.languages: .list(
                            languages.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }),
                        Fields.Expert.countries: .list(
                            Array(Set([country] + random.pick(centres.map(\.country), count: random.int(0...2))))
                                .sorted()),
                        Fields.Expert.topics: .list(topics),
                        Fields.Expert.availabilityDays: .int(random.chance(0.2) ? 0 : random.int(1...10)),
                        Fields.Expert.bio: .text(bio.trimmingCharacters(in: .whitespaces)),
                        Fields.Expert.source: .text("demo"),
                    ]))
        }
        // Needs raised by the centres, and engagements of experts for some of them.
        var needs: [String] = []
        for _ in 0..<40 {
            let centre = random.chance(0.8) ? random.pick(activeCentres) : random.pick(centres)
            let (title, description, topics) = random.pick(Vocabulary.needs)
            let spoken = Names.byCountry[centre.country]?.languages ?? ["en"]
            let roll = random.int(1...10)
            needs.append(
                try create(
                    .need,
                    [
                        Fields.Need.centre: .text(centre.id),
                        Fields.Need.title: .text("\(title) (\(countryName(centre.country)))\(suffix)"),
                        Fields.Need.description: .text(description), Fields.Need.topics: .list(topics),
                        Fields.Need.languages: .list(
                            random.chance(0.5) && spoken[0] != "en" ? [spoken[0], "en"] : [spoken[0]]),
                        Fields.Need.country: .text(centre.country),
                        Fields.Need.deadline: .text(day(random.int(-30...180))),
                        Fields.Need.status: .text(roll <= 7 ? "open" : roll <= 9 ? "matched" : "closed"),
                    ]))
        }
        var pairs = Set<String>()
        for _ in 0..<30 {
            let expert = random.pick(experts)
            let need = random.pick(needs)
            guard pairs.insert(expert + need).inserted else { continue }
            let status = random.pick(["proposed", "agreed", "agreed", "done", "done", "declined"])
            try create(
                .engagement,
                [
                    Fields.Engagement.expert: .text(expert), Fields.Engagement.need: .text(need),
                    Fields.Engagement.status: .text(status),
                    Fields.Engagement.starts: .text(day(random.int(-200 ... -10))),
                    Fields.Engagement.feedback: status == "done" ? .int(random.int(2...5)) : .null,
                ])
        }
        // Tasks of the action plan.
        for _ in 0..<160 {
            try createTask(
                title: "\(random.pick(Vocabulary.taskVerbs)) \(random.pick(Vocabulary.taskObjects))\(suffix)",
                origin: nil)
        }
        // Meetings with agenda, attendance, minutes, decisions and action items that became tasks.
        for i in 0..<20 {
            let offset = -540 + i * 33 + random.int(0...10)
            let title = random.pick(Vocabulary.meetingTitles)
            let online = random.chance(0.5)
            let city = random.pick(centres).country
            let meeting = try create(
                .meeting,
                [
                    Fields.Meeting.title: .text("\(title) \(day(offset).prefix(7))\(suffix)"),
                    Fields.Meeting.kind: .text(
                        title.hasPrefix("Quarterly")
                            ? "quarterly"
                            : title.hasPrefix("Joint")
                                ? "joint_event" : title.hasPrefix("Workshop") ? "workshop" : "thematic"),
                    Fields.Meeting.start: .text(day(offset) + "T09:00:00Z"),
                    Fields.Meeting.end: .text(day(offset) + "T12:30:00Z"),
                    Fields.Meeting.place: online ? .null : .text(countryName(city)),
                    Fields.Meeting.online: .bool(online),
                    Fields.Meeting.minutes: .text(
                        offset > 0 ? "" : random.pick(Vocabulary.minutes, count: 3).joined(separator: "\n")),
                ])
            for (position, item) in Vocabulary.agenda.prefix(4).enumerated() {
                try create(
                    .agendaItem,
                    [
                        Fields.AgendaItem.meeting: .text(meeting), Fields.AgendaItem.position: .int(position),
                        Fields.AgendaItem.title: .text(item),
                    ])
            }
            for person in random.pick(unitPeople, count: 5) {
                try create(
                    .attendance, [Fields.Attendance.meeting: .text(meeting), Fields.Attendance.person: .text(person)])
            }
            guard offset <= 0 else { continue }
            for (position, decision) in random.pick(Vocabulary.decisions, count: 2).enumerated() {
                try create(
                    .decision,
                    [
                        Fields.Decision.meeting: .text(meeting), Fields.Decision.position: .int(position),
                        Fields.Decision.text: .text(decision),
                    ])
            }
            for _ in 0..<2 {
                let text = "\(random.pick(Vocabulary.taskVerbs)) \(random.pick(Vocabulary.taskObjects))"
                let owner = random.pick(unitPeople)
                let due = day(offset + random.int(14...60))
                let item = try create(
                    .actionItem,
                    [
                        Fields.ActionItem.meeting: .text(meeting), Fields.ActionItem.text: .text(text),
                        Fields.ActionItem.owner: .text(owner), Fields.ActionItem.due: .text(due),
                    ])
                let task = try createTask(title: text, origin: item, owner: owner, due: due)
                try pipe.send(.update(.actionItem, id: item, [Fields.ActionItem.task: .text(task)]))
            }
        }
        if unit == 0 { firstUnitPeople = unitPeople }
    }

    var hasZiga = false
    /// Counts the records made, for time-ordered ids.
    var sequence: UInt64 = 0
    var emails: [String: Int] = [:]

    var names: Set<String> = []

    /// A name nobody in the demo has yet, while the country's names last: three Claire Webers
    /// among sixty experts look like a bug, though namesakes are real (and certain at scale 100).
    mutating func inventName(_ country: String) -> String {
        var name = Names.person(country, &random)
        var draws = 1
        while names.contains(name), draws < 20 {
            name = Names.person(country, &random)
            draws += 1
        }
        return name
    }

    mutating func createPerson(_ name: String, country: String, organisation: String?, role: String? = nil) throws
        -> String
    {
        names.insert(name)
        let shareable = random.chance(0.6)
        let code = String(random.int(1000...1999).description.dropFirst())
        return try create(
            .person,
            [
                Fields.Person.name: .text(name), Fields.Person.organisation: organisation.map(Value.text) ?? .null,
                Fields.Person.role: .text(
                    role
                        ?? random.pick([
                            "Coordinator", "Project officer", "Researcher", "Director", "Policy adviser", "Trainer",
                        ])),
                Fields.Person.email: .text(uniqueEmail(name)), Fields.Person.phone: .text("+00 555 0\(code)"),
                Fields.Person.shareable: .bool(shareable),
            ])
    }

    /// A pattern's "%@" replaced, without a round trip through NSString (a million times at scale 1000).
    static func fill(_ pattern: String, _ value: String) -> String {
        pattern.split(separator: "%@", omittingEmptySubsequences: false).joined(separator: value)
    }

    /// Invented addresses never repeat: two namesakes are two people.
    mutating func uniqueEmail(_ name: String) -> String {
        let base = Names.email(name, &random)
        let seen = emails[base, default: 0]
        emails[base] = seen + 1
        return seen == 0 ? base : base.replacingOccurrences(of: "@", with: "\(seen + 1)@")
    }

    @discardableResult
    mutating func createTask(title: String, origin: String?, owner: String? = nil, due: String? = nil) throws -> String
    {
        let roll = random.int(1...20)
        let status = roll <= 7 ? "todo" : roll <= 13 ? "doing" : roll == 14 ? "blocked" : "done"
        let tags =
            random.chance(0.4) ? [random.pick(["communication", "reporting", "SI CoP", "joint event", "survey"])] : []
        return try create(
            .task,
            [
                Fields.Task.title: .text(title), Fields.Task.workingArea: .text(random.pick(workingAreas)),
                Fields.Task.owner: .text(owner ?? random.pick(unitPeople)),
                Fields.Task.centre: random.chance(0.6) ? .text(random.pick(centres).id) : .null,
                Fields.Task.due: .text(due ?? day(random.int(-60...120))), Fields.Task.status: .text(status),
                Fields.Task.priority: .text(random.pick(["low", "normal", "normal", "high"])),
                Fields.Task.origin: origin.map(Value.text) ?? .null,
                Fields.Task.tags: .list(tags),
            ])
    }
}
