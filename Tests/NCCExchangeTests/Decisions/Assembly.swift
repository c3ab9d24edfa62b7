import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

/// The time every replica of an assembly reads: it moves only when the test says, so a ballot's
/// stamp, and whether it came after a close, are the test's to choose.
final class VirtualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: UInt64

    /// 2026-03-02T09:00:00Z.
    init(start: UInt64 = 1_772_442_000_000) { time = start }

    var milliseconds: UInt64 { lock.withLock { time } }
    var now: String { Dates.utc(milliseconds: milliseconds) }

    func advance(seconds: Int) { lock.withLock { time += UInt64(seconds) * 1000 } }

    var wallClock: @Sendable () -> UInt64 { { [self] in milliseconds << 16 } }
}

/// People of the directory as the tests know them: who they are, and their centre (if any).
struct Delegate: Hashable {
    var id: String
    var name: String
    var centre: String?
    var centreName: String?
}

/// Replicas of a working group that decide together: each a real database with its own keys in
/// one temporary folder, all on one virtual clock, exchanging real bundle files. Member 0 made the
/// directory (two centres, organisations of each, people) and everyone has met everyone.
final class Assembly {
    struct Member {
        var store: Store
        var identity: Identity
        var replica: String { store.replicaID }
    }

    static let centres = [("NCC Slovenija", "SI"), ("NCC Lietuva", "LT")]
    /// An organisation and its centre's number (nil: it belongs to none).
    static let organisations: [(String, Int?)] = [
        ("Zavod Ena", 0), ("Zavod Dva", 0), ("Vilniaus asociacija", 1), ("Independent Lab", nil),
    ]
    /// A person and their organisation's number (nil: none).
    static let people: [(String, Int?)] = [
        ("Ana Novak", 0), ("Eglė Jonaitė", 2), ("Bojan Kralj", 1), ("Jonas Petraitis", 2), ("Maja Horvat", 0),
        ("Lea Field", 3), ("Tomas Solo", nil),
    ]

    let folder: URL
    let clock: VirtualClock
    private(set) var members: [Member] = []
    /// In the order of `people`.
    private(set) var directory: [Delegate] = []
    private var files = 0

    init(count: Int, clock: VirtualClock = VirtualClock(), meet: Bool = true) throws {
        self.clock = clock
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-decide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for n in 0..<count {
            let store = try Store.open(
                path: folder.appendingPathComponent("r\(n).sqlite").path, wallClock: clock.wallClock)
            let identity = try Identity.loadOrCreate(
                replica: store.replicaID, folder: folder.appendingPathComponent("r\(n)-keys"))
            members.append(Member(store: store, identity: identity))
        }
        directory = try members[0].store.write { try Self.makeDirectory($0) }
        if meet { try self.meet() }
    }

    /// A copy of `template` as it is now, on a clock of its own that starts where the template's
    /// is: the same replicas, keys and directory, in new files (quicker than meeting again).
    init(copying template: Assembly) throws {
        clock = VirtualClock(start: template.clock.milliseconds)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-decide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (n, member) in template.members.enumerated() {
            let path = folder.appendingPathComponent("r\(n).sqlite").path
            try member.store.backup(to: path)
            let store = try Store.open(path: path, wallClock: clock.wallClock)
            #expect(store.replicaID == member.replica)
            members.append(Member(store: store, identity: member.identity))
        }
        directory = template.directory
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The directory: `centres`, `organisations` and `people`.
    static func makeDirectory(_ w: StoreWriter) throws -> [Delegate] {
        let centres = try Self.centres.map { name, country in
            try w.create(.centre, [Fields.Centre.name: .text(name), Fields.Centre.country: .text(country)])
        }
        let organisations = try Self.organisations.map { name, centre in
            var values: [FieldName: Value] = [Fields.Organisation.name: .text(name)]
            if let centre { values[Fields.Organisation.centre] = .text(centres[centre]) }
            return try w.create(.organisation, values)
        }
        return try Self.people.map { name, organisation in
            var values: [FieldName: Value] = [Fields.Person.name: .text(name)]
            if let organisation { values[Fields.Person.organisation] = .text(organisations[organisation]) }
            let centre = organisation.flatMap { Self.organisations[$0].1 }
            return Delegate(
                id: try w.create(.person, values), name: name, centre: centre.map { centres[$0] },
                centreName: centre.map { Self.centres[$0].0 })
        }
    }

    subscript(n: Int) -> Member { members[n] }
    var indices: Range<Int> { members.indices }

    func file(_ name: String) -> URL {
        files += 1
        return folder.appendingPathComponent("\(files)-\(name).nccbundle")
    }

    /// A signed bundle of everything `n` holds, or (for a peer) of what that peer is not known to hold.
    func bundle(from n: Int, for peer: Int? = nil) throws -> URL {
        let url = file("r\(n)")
        try BundleWriter(store: members[n].store, identity: members[n].identity).write(
            to: url.path, for: peer.map { members[$0].replica }, full: peer == nil, sealed: false)
        return url
    }

    /// Imports a bundle, trusting its signer.
    @discardableResult
    func deliver(_ url: URL, to n: Int) throws -> ReceiveSummary {
        let bundle = try BundleReader.read(url.path, scratch: folder, sealingKey: members[n].identity.sealing)
        defer { bundle.discard() }
        return try BundleImporter(store: members[n].store).apply(bundle, trust: true).summary
    }

    @discardableResult
    func send(from sender: Int, to receiver: Int) throws -> ReceiveSummary {
        try deliver(try bundle(from: sender), to: receiver)
    }

    /// Everyone's full bundle imported by every other.
    func meet() throws {
        for sender in indices {
            let url = try bundle(from: sender)
            for receiver in indices where receiver != sender { try deliver(url, to: receiver) }
        }
    }

    /// Full bundles until nothing new arrives anywhere: everyone's to member 0, then member 0's
    /// to everyone; then everyone holds the same operations, and nothing waits. Returns how many
    /// operations the exchange brought.
    @discardableResult
    func spreadEverything() throws -> Int {
        var applied = 0
        for n in indices.dropFirst() { applied += try send(from: n, to: 0).applied }
        let all = try bundle(from: 0)
        for n in indices.dropFirst() { applied += try deliver(all, to: n).applied }
        let held = try members[0].store.read { try $0.knowledge() }
        for member in members {
            #expect(try member.store.read { try $0.knowledge() } == held)
            #expect(try member.store.read { try $0.waitingCount() } == 0)
        }
        return applied
    }

    func person(named name: String) -> Delegate { directory.first { $0.name == name }! }

    func bind(_ n: Int, to person: Delegate) throws {
        try members[n].store.write { _ = try $0.bind(person: person.id) }
    }

    /// A proposal made by member `n`.
    func propose(
        at n: Int, _ title: String, process: DecisionProcess, options: [String] = [], electorate: Electorate = .members,
        quorum: Int? = nil, threshold: String? = nil, closes: String? = nil
    ) throws -> String {
        try members[n].store.write { w in
            var values: [FieldName: Value] = [
                Fields.Proposal.title: .text(title), Fields.Proposal.process: .text(process.rawValue),
                Fields.Proposal.electorate: .text(electorate.rawValue),
            ]
            if !options.isEmpty { values[Fields.Proposal.options] = .list(options) }
            if let quorum { values[Fields.Proposal.quorum] = .int(quorum) }
            if let threshold { values[Fields.Proposal.threshold] = .text(threshold) }
            if let closes { values[Fields.Proposal.closes] = .text(closes) }
            return try w.create(.proposal, values)
        }
    }

    @discardableResult
    func vote(_ n: Int, on proposal: String, _ choice: String, reason: String = "") throws -> String {
        try members[n].store.write { try $0.cast(on: proposal, choice: choice, reason: reason, now: clock.now) }
    }

    func tally(_ proposal: String, at n: Int) throws -> Tally {
        try members[n].store.read { try $0.tally(of: proposal, now: clock.now) }
    }

    func proposal(_ id: String, at n: Int) throws -> Record? {
        try members[n].store.read { try $0.record(.proposal, id: id) }
    }

    /// The stamp a ballot was cast with, as the log of the replica that cast it holds it.
    func stamp(of ballot: String, on proposal: String, at n: Int) throws -> Stamp {
        try #require(try members[n].store.read { try $0.castBallots(on: proposal) }.first { $0.record == ballot })
            .stamp
    }
}

extension Tally {
    /// The tally's line for a ballot.
    func line(_ ballot: String) -> Line? { lines.first { $0.ballot.record == ballot } }
}
