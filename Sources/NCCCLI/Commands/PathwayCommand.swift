import ArgumentParser
import Foundation
import NCCExchange
import NCCModel
import NCCStore
import TerminalText

/// `ncc pathway [--group N | --centre C] [--json]`
struct PathwayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathway",
        abstract: "A peer group's mutual-learning pathway and who has taken each step, or where a centre stands on it.",
        discussion: """
            A group's pathway is its steps and every group's (peer group 0), by position. A centre has \
            taken a step when a step done says so (ncc add step-done --step S --centre C), or when a \
            person of one of its organisations attended the step's meeting. Without --group or --centre: \
            every group's pathway.
            """)

    @Option(help: "The peer group (1 to 9; 0: the steps of every group).") var group: Int?
    @Option(help: "The centre's id, id prefix or exact name.") var centre: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if group != nil, centre != nil { throw ValidationError("give --group or --centre, not both") }
        if let group, !(0...9).contains(group) { throw ValidationError("--group must be from 0 to 9") }
    }

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let presenter = RecordPresenter(reader: reader)
            if let centre {
                try show(
                    progress: try reader.pathwayProgress(of: try reader.resolve(.centre, centre)), reader, presenter)
                return
            }
            let groups = try group.map { [$0] } ?? Self.groups(reader)
            if json {
                let items = try groups.map { number in
                    JSONText.object([
                        ("group", String(number)),
                        (
                            "steps",
                            JSONText.array(
                                try reader.pathway(group: number).map { status in
                                    try presenter.json(
                                        status.step,
                                        extra: [
                                            "done_by": .list(status.doneBy),
                                            "done_by_names": .list(
                                                try status.doneBy.map { try presenter.title(.centre, id: $0) }),
                                        ])
                                })
                        ),
                    ])
                }
                Console.out(group == nil ? JSONText.array(items) : items[0])
                return
            }
            let steps = try reader.count(.pathwayStep)
            if groups.isEmpty || (group == nil && steps == 0) {
                Console.out("No pathway steps yet: ncc add pathway-step --title T --peer-group N --position P")
                return
            }
            for (i, number) in groups.enumerated() {
                if i > 0 { Console.out("") }
                try show(group: number, reader, presenter)
            }
        }
    }

    /// The groups to show when none is asked for: each group with steps of its own or centres in
    /// it; only the steps of every group when there is no such group.
    static func groups(_ reader: StoreReader) throws -> [Int] {
        var numbers = Set(
            try reader.list(.pathwayStep, limit: 10_000).compactMap { $0[Fields.PathwayStep.peerGroup.name].int })
        numbers.formUnion(
            try reader.list(.centre, limit: 10_000).compactMap { $0[Fields.Centre.capacityGroup.name].int })
        numbers.remove(0)
        return numbers.isEmpty ? [0] : numbers.sorted()
    }

    func show(group number: Int, _ reader: StoreReader, _ presenter: RecordPresenter) throws {
        let steps = try reader.pathway(group: number)
        let members = Set(
            try reader.list(.centre, limit: 10_000).filter { $0[Fields.Centre.capacityGroup.name].int == number }
                .map(\.id))
        Console.out(
            number == 0
                ? "The steps of every group (\(English.count(steps.count, "step")))"
                : "Group \(number): \(English.count(steps.count, "step")), \(English.count(members.count, "centre"))")
        guard !steps.isEmpty else { return }
        var table = TextTable(headers: ["#", "step", "type", "due", "meeting", "done by"])
        for status in steps {
            let step = status.step
            let names = try status.doneBy.map { try presenter.title(.centre, id: $0) }
            let inGroup = status.doneBy.filter(members.contains).count
            table.append([
                step[Fields.PathwayStep.position.name].plain, step[Fields.PathwayStep.title.name].text ?? "",
                step[Fields.PathwayStep.type.name].text ?? "", step[Fields.PathwayStep.due.name].text ?? "",
                try step[Fields.PathwayStep.meeting.name].text.map { try presenter.title(.meeting, id: $0) } ?? "",
                (number == 0 || members.isEmpty ? "" : "\(inGroup)/\(members.count): ")
                    + names.joined(separator: ", "),
            ])
        }
        Console.out(table.render(width: Console.width))
    }

    func show(progress: PathwayProgress, _ reader: StoreReader, _ presenter: RecordPresenter) throws {
        let name = try reader.title(.centre, id: progress.centre)
        if json {
            Console.out(
                JSONText.object([
                    ("centre", JSONText.string(progress.centre)), ("name", JSONText.string(name)),
                    ("group", progress.group.map(String.init) ?? "null"), ("done", String(progress.done)),
                    ("total", String(progress.total)),
                    (
                        "steps",
                        JSONText.array(
                            try progress.steps.map { step in
                                try presenter.json(
                                    step.step,
                                    extra: [
                                        "done": .bool(step.done), "recorded": .bool(step.recorded),
                                        "attended": .bool(step.attended),
                                    ])
                            })
                    ),
                ]))
            return
        }
        Console.out(
            Console.oneLine(
                "\(name), " + (progress.group.map { "group \($0)" } ?? "in no peer group yet")
                    + ": \(progress.done) of \(English.count(progress.total, "step")) done"))
        guard !progress.steps.isEmpty else { return }
        var table = TextTable(headers: ["#", "step", "type", "due", "done"])
        for step in progress.steps {
            let record = step.step
            table.append([
                record[Fields.PathwayStep.position.name].plain, record[Fields.PathwayStep.title.name].text ?? "",
                record[Fields.PathwayStep.type.name].text ?? "", record[Fields.PathwayStep.due.name].text ?? "",
                step.recorded ? "done" : step.attended ? "done (attended its meeting)" : "",
            ])
        }
        Console.out(table.render(width: Console.width))
    }
}

/// The `--DIMENSION N` and `--DIMENSION-evidence TEXT` flags of `ncc assess`, from the dimensions' titles.
