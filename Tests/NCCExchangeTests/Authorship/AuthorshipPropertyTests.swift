import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

/// Five members edit and relay bundles through one another at random; now and then a trusted
/// member forges another's operation in its own bundle (altered, added, dropped, or a checkpoint
/// signed with its own key), and once member 0 revokes member 4, who goes on writing. Whatever
/// happened: every forgery is refused and changes nothing, no honest member holds a revoked
/// operation, and once the honest members have swapped full bundles they hold the same data.
@Suite struct AuthorshipPropertyTests {
    /// 300 in CI, in six batches that run side by side; `NCC_AUTHORSHIP_SCENARIOS` sets another number.
    static let scenarios = Int(ProcessInfo.processInfo.environment["NCC_AUTHORSHIP_SCENARIOS"] ?? "") ?? 300
    static let batches = 6

    @Test(arguments: 0..<batches)
    func honestMembersConvergeAndEveryForgeryAndRevokedOperationIsRefused(batch: Int) throws {
        var totals = Totals()
        let seeds = Array(stride(from: batch, to: Self.scenarios, by: Self.batches))
        for seed in seeds {
            var scenario = try AuthorshipScenario(seed: UInt64(seed))
            try scenario.run(&totals)
        }
        print(
            "authorship scenarios, batch \(batch): \(seeds.count), relays \(totals.relays), forgeries refused \(totals.forgeries) \(totals.kinds), revoked operations refused \(totals.revokedRefused)"
        )
        // The scenarios must really exercise what they claim to.
        guard seeds.count >= 20 else { return }
        #expect(totals.forgeries > seeds.count)
        #expect(totals.kinds.count == 4, "every kind of forgery: \(totals.kinds)")
        #expect(totals.revokedRefused > 0 && totals.relays > seeds.count * 4)
    }

    struct Totals {
        var relays = 0, forgeries = 0, revokedRefused = 0
        var kinds: [String: Int] = [:]
    }
}

struct AuthorshipScenario {
    let seed: UInt64
    var random: SeededGenerator
    let members: Members
    let names = ["m0", "m1", "m2", "m3", "m4"]
    let honest = ["m0", "m1", "m2", "m3"]
    /// Member 4's operations up to this number stay; later ones are refused (once it is revoked).
    var revokedAfter: Int?

    init(seed: UInt64) throws {
        self.seed = seed
        random = SeededGenerator(state: seed &+ 17)
        members = try Members(names)
    }

    mutating func run(_ totals: inout AuthorshipPropertyTests.Totals) throws {
        try members["m0"].store.write { w in
            for name in ["NCC Lietuva", "Žiga Centre", "Ελληνικό Κέντρο"] {
                try w.create(.centre, ["name": .text(name), "country": .text("LT")])
            }
        }
        try members.meet()
        for _ in 0..<14 {
            switch Int.random(in: 0..<20, using: &random) {
            case 0..<8: try change()
            case 8..<16: try relay(&totals)
            case 16..<19: try forge(&totals)
            default: try revoke()
            }
        }
        // The honest members swap full bundles, each with each.
        for sender in honest {
            let url = try members.bundle(from: sender)
            for receiver in honest where receiver != sender { try members.deliver(url, to: receiver) }
        }
        let dumps = try honest.map { try members.dump($0) }
        for n in 1..<honest.count {
            #expect(dumps[n] == dumps[0], "seed \(seed): \(honest[n]) differs from m0")
        }
        if let revokedAfter {
            let rogue = members["m4"].replica
            for name in honest {
                let held = try members[name].store.read { try $0.knowledge()[rogue] } ?? 0
                #expect(
                    held <= revokedAfter, "seed \(seed): \(name) holds m4's operation \(held), past \(revokedAfter)")
            }
        }
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    mutating func change() throws {
        let name = pick(names)
        let store = members[name].store
        let centres = try store.read { try $0.list(.centre, limit: 50) }
        let text =
            pick(["NCC Lietuva", "Eglė's centre", "Centre Žiga", "Ελληνικά"])
            + " \(Int.random(in: 0..<9, using: &random))"
        try store.write { w in
            if centres.isEmpty || Bool.random(using: &random) {
                try w.create(.centre, ["name": .text(text), "country": .text(pick(["LT", "SI", "EL"]))])
            } else {
                try w.update(.centre, id: pick(centres).id, [pick(["name", "description"]): .text(text)])
            }
        }
    }

    /// A bundle from anyone to anyone else, full or only what the receiver lacks.
    mutating func relay(_ totals: inout AuthorshipPropertyTests.Totals) throws {
        let sender = pick(names)
        let receiver = pick(names.filter { $0 != sender })
        let url = try members.bundle(from: sender, full: Bool.random(using: &random))
        totals.relays += 1
        if revokedAfter != nil, sender == "m4", honest.contains(receiver) {
            // A revoked member's own bundle is refused whole.
            _ = try members.refusal(url, at: receiver)
            totals.revokedRefused += 1
            return
        }
        let summary = try members.deliver(url, to: receiver)
        totals.revokedRefused += summary.refused.values.reduce(0, +)
    }

    /// Member 0 revokes member 4 after what 4 has made so far, and tells the others at once.
    mutating func revoke() throws {
        guard revokedAfter == nil else { return }
        let rogue = members["m4"]
        let after = try rogue.store.read { try $0.knowledge()[rogue.replica] } ?? 0
        let m0 = members["m0"]
        try m0.store.write { w in
            var peer = try #require(try w.reader.peer(rogue.replica))
            peer.revoked = true
            peer.trusted = false
            try w.savePeer(peer)
            try w.saveRevocation(try m0.identity.revocation(of: rogue.replica, key: peer.publicKey, after: after))
        }
        revokedAfter = after
        let url = try members.bundle(from: "m0")
        for name in ["m1", "m2", "m3"] { try members.deliver(url, to: name) }
    }

    /// An honest member forges another member's operation in its own bundle, signs it validly
    /// with its own key, and hands it to another honest member: always refused.
    mutating func forge(_ totals: inout AuthorshipPropertyTests.Totals) throws {
        let forger = pick(honest)
        let receiver = pick(honest.filter { $0 != forger })
        var opened = try members.open(try members.bundle(from: forger))
        let authors = opened.manifest["authors"] as? [String: [String: Any]] ?? [:]
        let forgerID = members[forger].replica
        let victims = authors.keys.filter { $0 != forgerID }.sorted()
        guard !victims.isEmpty else { return }
        let victim = pick(victims)
        let first = authors[victim]?["first"] as? Int ?? 1
        let lines = opened.lines.indices.filter {
            Members.field(opened.lines[$0], "replica") as? String == victim
                && (Members.field(opened.lines[$0], "seq") as? Int ?? 0) >= first
        }
        guard !lines.isEmpty else { return }
        // Leaving out all of an author's operations is no forgery (a relay may hold them back);
        // leaving out one of several is.
        let kind = pick(lines.count > 1 ? ["alter", "add", "drop", "checkpoint"] : ["alter", "add", "checkpoint"])
        switch kind {
        case "alter":
            let index = pick(lines)
            opened.lines[index] = try Members.edit(opened.lines[index]) { line in
                var fields = line["fields"] as? [String: Any] ?? [:]
                fields["deleted"] = !(fields["deleted"] as? Bool ?? false)
                line["fields"] = fields
            }
        case "add":
            let last = opened.lines[lines.last!]
            let seq = (Members.field(last, "seq") as? Int ?? 0) + 1
            let record = Members.field(last, "record") as? String ?? ""
            let stamp = Stamp(clock: UInt64.max >> 2, replica: victim).description
            opened.lines.append(
                try Members.edit(last) { line in
                    line = [
                        "fields": ["deleted": true], "kind": line["kind"] ?? "centre",
                        "prev": [:] as [String: String], "record": record, "replica": victim, "seq": seq,
                        "stamp": stamp,
                    ]
                })
        case "drop":
            opened.lines.remove(at: pick(lines))
        default:
            var author = authors[victim] ?? [:]
            var checkpoint = author["checkpoint"] as? [String: Any] ?? [:]
            checkpoint["signature"] = try members[forger].identity.sign(Data("\(seed)".utf8)).base64EncodedString()
            author["checkpoint"] = checkpoint
            var all = authors as [String: Any]
            all[victim] = author
            opened.manifest["authors"] = all
        }
        let refusal = try members.refusal(try members.resign(opened, by: forger), at: receiver)
        #expect(!refusal.isEmpty, "seed \(seed): a forgery (\(kind)) of \(victim)'s operations was accepted")
        totals.forgeries += 1
        totals.kinds[kind, default: 0] += 1
    }
}
