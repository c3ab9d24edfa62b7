import Foundation
import NCCExchange
import NCCModel
import NCCStore
import Testing

/// Four replicas make random creates, edits and deletes and swap bundles in random orders (full
/// and incremental, some delivered twice, old ones replayed). Whatever happened, once everyone has
/// seen everyone's bundle they hold identical data, and every value written concurrently is the
/// field's value or one of its listed conflicts: nothing is lost silently.
@Suite struct SyncConvergenceTests {
    /// 500 in CI; `NCC_SYNC_SCENARIOS` sets another number (a long soak, a quick look).
    static let scenarios = Int(ProcessInfo.processInfo.environment["NCC_SYNC_SCENARIOS"] ?? "") ?? 500

    @Test func replicasEndIdenticalAndEveryConcurrentValueIsTheWinnerOrAConflict() throws {
        var totals = Totals()
        for seed in 0..<Self.scenarios {
            var scenario = Scenario(seed: UInt64(seed))
            try scenario.run(&totals)
        }
        // The scenarios must really exercise what they claim to.
        #expect(totals.conflicts > Self.scenarios / 10, "conflicts seen: \(totals.conflicts)")
        print(
            "sync scenarios: \(Self.scenarios), conflicts \(totals.conflicts), replays \(totals.replays), incremental bundles \(totals.incremental), deletes \(totals.deletes)"
        )
        #expect(totals.replays > 0 && totals.incremental > 0 && totals.deletes > 0)
    }

    struct Totals {
        var conflicts = 0, replays = 0, incremental = 0, deletes = 0
    }
}

/// SplitMix64: the same seed, the same scenario.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct Scenario {
    let seed: UInt64
    var random: SeededGenerator
    let folder: URL
    var replicas: [(store: Store, identity: Identity)] = []
    var bundles: [(path: String, recipient: Int?)] = []

    init(seed: UInt64) {
        self.seed = seed
        random = SeededGenerator(state: seed)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ncc-sync-\(seed)-\(UUID().uuidString.prefix(8))")
    }

    mutating func run(_ totals: inout SyncConvergenceTests.Totals) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for n in 0..<4 {
            let store = try Store.open(path: folder.appendingPathComponent("r\(n).sqlite").path)
            replicas.append(
                (
                    store,
                    try Identity.loadOrCreate(replica: store.replicaID, folder: folder.appendingPathComponent("keys"))
                ))
        }
        // A shared start (as after a first exchange), so that members edit the same records.
        try replicas[0].store.write { w in
            let area = try w.create(.workingArea, ["number": .int(1), "title": .text("Capacity building")])
            for name in ["NCC Lietuva", "Žiga Centre", "Ελληνικό Κέντρο"] {
                try w.create(.centre, ["name": .text(name), "country": .text("LT")])
            }
            try w.create(.task, ["title": .text("Map funding"), "working_area": .text(area)])
        }
        let start = try write(from: 0, for: nil, name: "start")
        for n in 1..<4 { try deliver(start, to: n) }
        for _ in 0..<24 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5: try localChange(&totals)
            case 5..<9: try exchange(&totals)
            default: try replay(&totals)
            }
        }
        // Everyone sends everyone a full bundle: after that every replica holds every operation.
        let finals = try (0..<4).map { try write(from: $0, for: nil, name: "final-\($0)") }
        for receiver in 0..<4 {
            for sender in 0..<4 where sender != receiver { try deliver(finals[sender], to: receiver) }
        }
        let dumps = try replicas.map { try $0.store.read { try $0.canonicalDump() } }
        for n in 1..<4 {
            #expect(dumps[n] == dumps[0], "seed \(seed): replica \(n) differs from replica 0")
        }
        totals.conflicts += try checkNothingLost()
    }

    // MARK: - What members do

    mutating func localChange(_ totals: inout SyncConvergenceTests.Totals) throws {
        let n = Int.random(in: 0..<4, using: &random)
        let store = replicas[n].store
        let centres = try store.read { try $0.list(.centre, limit: 50) }
        let tasks = try store.read { try $0.list(.task, limit: 50) }
        let areas = try store.read { try $0.list(.workingArea, limit: 50) }
        let roll = Int.random(in: 0..<12, using: &random)
        try store.write { w in
            switch roll {
            case 0, 1:
                try w.create(
                    .centre,
                    [
                        "name": .text(pick(["NCC Lietuva", "Žiga Centre", "Ελληνικό Κέντρο", "NCC France"])),
                        "country": .text(pick(["LT", "SI", "EL", "FR"])),
                    ])
            case 2 where !areas.isEmpty:
                try w.create(
                    .task,
                    [
                        "title": .text(pick(["Map funding", "Write guide", "Plan the event"])),
                        "working_area": .text(pick(areas).id), "status": .text(pick(Schema.taskStatuses)),
                    ])
            case 2:
                try w.create(
                    .workingArea,
                    [
                        "number": .int(Int.random(in: 1...9, using: &random)),
                        "title": .text(pick(["Capacity", "Policy"])),
                    ])
            case 3...7 where !centres.isEmpty:
                let centre = pick(centres)
                let field = pick(["name", "description", "status", "topics"])
                let value: Value =
                    switch field {
                    case "status": .text(pick(["planned", "active", "closed"]))
                    case "topics": .list([pick(["housing", "inclusion"]), pick(["skills", "ageing"])])
                    case "description":
                        .text(
                            pick(["Long minutes\nwith two lines", "Short", "Ελληνικά"])
                                + " \(Int.random(in: 0..<5, using: &random))")
                    default:
                        .text(
                            pick(["NCC Lietuva", "Eglė's centre", "Centre Žiga"])
                                + " \(Int.random(in: 0..<3, using: &random))")
                    }
                try w.update(.centre, id: centre.id, [field: value])
            case 8...9 where !tasks.isEmpty:
                try w.update(
                    .task, id: pick(tasks).id,
                    ["status": .text(pick(Schema.taskStatuses)), "title": .text(pick(["Map funding", "Guide v2"]))])
            case 10 where !centres.isEmpty:
                try w.delete(.centre, id: pick(centres).id)
                totals.deletes += 1
            case 11 where !tasks.isEmpty:
                try w.delete(.task, id: pick(tasks).id)
                totals.deletes += 1
            default:
                break
            }
        }
    }

    mutating func exchange(_ totals: inout SyncConvergenceTests.Totals) throws {
        let sender = Int.random(in: 0..<4, using: &random)
        var receiver = Int.random(in: 0..<3, using: &random)
        if receiver >= sender { receiver += 1 }
        let receiverID = replicas[receiver].store.replicaID
        let knowsReceiver = try replicas[sender].store.read { try $0.peer(receiverID) } != nil
        let incremental = knowsReceiver && Bool.random(using: &random)
        if incremental { totals.incremental += 1 }
        let bundle = try write(from: sender, for: incremental ? receiver : nil, name: "b\(bundles.count)")
        bundles.append((bundle, incremental ? receiver : nil))
        try deliver(bundle, to: receiver)
        if Int.random(in: 0..<4, using: &random) == 0 { try deliver(bundle, to: receiver) }
    }

    /// An old bundle arrives again, late: a full one at anyone, an incremental one at its recipient.
    mutating func replay(_ totals: inout SyncConvergenceTests.Totals) throws {
        guard !bundles.isEmpty else { return }
        let old = pick(bundles)
        let producer = try BundleReader.read(old.path)
        defer { producer.discard() }
        let target = old.recipient ?? Int.random(in: 0..<4, using: &random)
        guard replicas[target].store.replicaID != producer.manifest.producer.replica else { return }
        try deliver(old.path, to: target)
        totals.replays += 1
    }

    func write(from sender: Int, for receiver: Int?, name: String) throws -> String {
        let path = folder.appendingPathComponent("\(name).nccbundle").path
        let peer = receiver.map { replicas[$0].store.replicaID }
        try BundleWriter(store: replicas[sender].store, identity: replicas[sender].identity).write(to: path, for: peer)
        return path
    }

    func deliver(_ path: String, to receiver: Int) throws {
        let bundle = try BundleReader.read(path)
        defer { bundle.discard() }
        _ = try BundleImporter(store: replicas[receiver].store).apply(bundle, trust: true)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    // MARK: - The oracle

    /// Recomputes, from the operations alone, each field's values that no operation saw (its
    /// heads): the highest must be the field's value, each other one a listed conflict (or equal
    /// to the winner). Returns how many conflicts there were.
    func checkNothingLost() throws -> Int {
        let store = replicas[0].store
        var writes: [String: [(stamp: Stamp, value: Value, kind: Kind)]] = [:]
        var seen: [String: Set<String>] = [:]
        try store.read { reader in
            try reader.forEachOperation(notIn: [:]) { op in
                for (field, value) in op.fields {
                    let key = op.record + " " + field
                    writes[key, default: []].append((op.stamp, value, op.kind))
                    seen[key, default: []].formUnion(Operation.seenStamps(op.prev[field]))
                }
            }
        }
        let conflicts = try store.read { try $0.conflicts(limit: 100_000) }
        let listed = Set(conflicts.map { "\($0.record) \($0.field) \($0.stamp)" })
        for (key, all) in writes {
            let heads = all.filter { !(seen[key] ?? []).contains($0.stamp.description) }
            guard let winner = heads.max(by: { $0.stamp < $1.stamp }) else {
                Issue.record("seed \(seed): \(key) has no head")
                continue
            }
            let parts = key.split(separator: " ")
            let (record, field) = (String(parts[0]), String(parts[1]))
            let current: Value = try store.read { reader in
                if field == Operation.deletedField { return .bool(try reader.record(winner.kind, id: record) == nil) }
                guard let live = try reader.record(winner.kind, id: record) else { return winner.value }
                return live.values[field] ?? .null
            }
            #expect(
                same(current, winner.value), "seed \(seed): \(key) holds \(current), its latest head is \(winner.value)"
            )
            for head in heads where head.stamp != winner.stamp && !same(head.value, winner.value) {
                #expect(
                    listed.contains("\(record) \(field) \(head.stamp)"),
                    "seed \(seed): the concurrent value \(head.value) of \(key) is lost")
            }
        }
        return conflicts.count
    }

    /// A list field holds no items as an empty list, whatever an operation spelled.
    func same(_ a: Value, _ b: Value) -> Bool {
        a == b || (a.isNull && b == .list([])) || (b.isNull && a == .list([]))
    }
}
