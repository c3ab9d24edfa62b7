import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

/// Four or five replicas, each bound to a person (people of organisations of two centres, one of
/// no centre), decide on one or two proposals that one of them made and bundles spread: consent,
/// majority with a quorum and a threshold, poll, advice, by members or by centres. At random they
/// vote and change their votes (an objection withdrawn among them), rebind to someone else, relay
/// bundles to one another and through third parties, import some twice and replay old ones; one
/// replica closes each proposal, and replicas that have not heard of it yet vote after the close.
/// Whatever happened: once everything has spread, every replica counts the same tally, and it is
/// the one an oracle of this test counts from the ballots the test cast.
@Suite struct DecisionPropertyTests {
    /// 300 in CI, in six batches that run side by side; `NCC_DECISION_SCENARIOS` sets another number.
    static let scenarios = Int(ProcessInfo.processInfo.environment["NCC_DECISION_SCENARIOS"] ?? "") ?? 300
    static let batches = 6

    @Test(arguments: 0..<batches)
    func everyReplicaCountsTheSameTallyAsTheOracle(batch: Int) throws {
        var totals = Totals()
        let seeds = Array(stride(from: batch, to: Self.scenarios, by: Self.batches))
        let start = Date()
        // Four and five replicas that have met, copied for each scenario.
        let templates = try [4, 5].map { try Assembly(count: $0) }
        for seed in seeds {
            var scenario = try DecisionScenario(seed: UInt64(seed), templates: templates)
            try scenario.run(&totals)
        }
        print(
            "decision scenarios, batch \(batch): \(seeds.count) in \(Int(Date().timeIntervalSince(start)))s, ballots \(totals.ballots), after the close \(totals.afterClose), refused as closed \(totals.refusedClosed), replaced \(totals.replaced), withdrawn objections \(totals.withdrawn), rebindings \(totals.rebindings), relays \(totals.relays), duplicates \(totals.duplicates), outcomes \(totals.outcomes.sorted { $0.key < $1.key })"
        )
        // The scenarios must really exercise what they claim to.
        guard seeds.count >= 20 else { return }
        #expect(totals.afterClose > seeds.count / 4, "ballots after the close: \(totals.afterClose)")
        #expect(totals.refusedClosed > 0 && totals.withdrawn > 0 && totals.rebindings > 0)
        #expect(totals.replaced > seeds.count && totals.duplicates > seeds.count)
        for outcome in [Tally.Outcome.adopted, .rejected, .tie, .noQuorum, .advice] {
            #expect(totals.outcomes[outcome.rawValue, default: 0] > 0, "no \(outcome) in \(totals.outcomes)")
        }
    }

    struct Totals {
        var ballots = 0, afterClose = 0, refusedClosed = 0, replaced = 0, withdrawn = 0, rebindings = 0
        var relays = 0, duplicates = 0
        var outcomes: [String: Int] = [:]
    }
}

/// A proposal of a scenario, as the test made it, and every ballot the test cast on it.
struct PlannedProposal {
    struct Cast {
        var record: String
        var replica: Int
        /// Whom the test had bound the replica to when it cast this ballot.
        var person: Delegate
        var choice: String
        var stamp: Stamp
    }

    var id: String
    var process: DecisionProcess
    var electorate: Electorate
    var options: [String]
    var quorum: Int
    /// As written, and its value for the oracle.
    var threshold: (text: String, value: Double)?
    var closeStep: Int
    /// The time it was closed at, once it was.
    var closedAt: String?
    var ballots: [Cast] = []
}

/// What the test expects of a tally, counted here from the test's own ballots.
struct Oracle {
    var outcome: Tally.Outcome
    var counts: [String: Int]
    var participants: Int
    var counted: Set<String>
    var afterClose: Set<String>
    var replaced: Set<String>
    var winners: [String]

    init(_ proposal: PlannedProposal, closes: String) {
        let voting = proposal.ballots.sorted { $0.stamp < $1.stamp }
        var latest: [String: PlannedProposal.Cast] = [:]
        var noCentre: Set<String> = []
        afterClose = []
        for ballot in voting {
            // Why a ballot is not counted: no centre comes first, then a ballot after the close.
            let voter = proposal.electorate == .members ? ballot.person.id : ballot.person.centre
            guard let voter else {
                noCentre.insert(ballot.record)
                continue
            }
            if ballot.stamp.time > closes {
                afterClose.insert(ballot.record)
                continue
            }
            latest[voter] = ballot
        }
        counted = Set(latest.values.map(\.record))
        replaced = Set(proposal.ballots.map(\.record)).subtracting(counted).subtracting(afterClose).subtracting(
            noCentre)
        participants = latest.count
        var counts: [String: Int] = [:]
        for ballot in latest.values {
            for choice in ballot.choice.split(separator: ";") { counts[String(choice), default: 0] += 1 }
        }
        self.counts = counts
        let most = proposal.options.map { counts[$0, default: 0] }.max() ?? 0
        winners = []
        if proposal.process == .advice {
            outcome = .advice
        } else if participants < proposal.quorum {
            outcome = .noQuorum
        } else {
            let yes = counts["yes", default: 0]
            let no = counts["no", default: 0]
            switch proposal.process {
            case .consent: outcome = counts["object", default: 0] > 0 ? .rejected : .adopted
            case .majority:
                if let threshold = proposal.threshold {
                    outcome = yes + no > 0 && Double(yes) / Double(yes + no) >= threshold.value ? .adopted : .rejected
                } else {
                    outcome = yes > no ? .adopted : yes < no ? .rejected : .tie
                }
            case .poll:
                let top = proposal.options.filter { counts[$0, default: 0] == most }
                outcome = most == 0 ? .rejected : top.count > 1 ? .tie : .adopted
                if most > 0 { winners = top }
            case .advice: outcome = .advice
            }
        }
    }
}

struct DecisionScenario {
    let seed: UInt64
    var random: SeededGenerator
    let assembly: Assembly
    /// Whom each replica speaks for, as the test bound it.
    var bound: [Delegate]
    var proposals: [PlannedProposal] = []
    /// Bundles written so far, who wrote them, and for whom when it leaves out what they hold.
    var written: [(url: URL, producer: Int, recipient: Int?)] = []
    let steps = 13
    static let farFuture = "2030-01-01T00:00:00Z"

    init(seed: UInt64, templates: [Assembly]) throws {
        self.seed = seed
        random = SeededGenerator(state: seed &+ 0xDEC1)
        let count = seed % 3 == 0 ? 5 : 4
        let assembly = try Assembly(copying: try #require(templates.first { $0.members.count == count }))
        self.assembly = assembly
        // Everyone someone else: replica n speaks for person n (both centres, and the fifth for
        // a second delegate of the first centre).
        bound = Array(assembly.directory.prefix(Int(count)))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func run(_ totals: inout DecisionPropertyTests.Totals) throws {
        for n in assembly.indices { try assembly.bind(n, to: bound[n]) }
        for _ in 0..<(chance(50) ? 1 : 2) { try propose() }
        for step in 0..<steps {
            assembly.clock.advance(seconds: Int.random(in: 0...2, using: &random))
            for p in proposals.indices where proposals[p].closeStep == step { try close(p) }
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<40: try vote(&totals)
            case 40..<48: try withdraw(&totals)
            case 48..<52: try rebind(&totals)
            case 52..<70: try relay(&totals)
            case 70..<82: try relayThroughAThird(&totals)
            case 82..<92: try duplicate(&totals)
            default: try replay(&totals)
            }
        }
        assembly.clock.advance(seconds: 1)
        try assembly.spreadEverything()
        let knowledge = try assembly.indices.map { n in try assembly[n].store.read { try $0.knowledge() } }
        for n in assembly.indices {
            #expect(knowledge[n] == knowledge[0], "seed \(seed): replica \(n) holds other operations than 0")
            #expect(try assembly[n].store.read { try $0.waitingCount() } == 0, "seed \(seed): \(n) has waiting")
        }
        for proposal in proposals { try check(proposal, &totals) }
    }

    func check(_ proposal: PlannedProposal, _ totals: inout DecisionPropertyTests.Totals) throws {
        let context = "seed \(seed), \(proposal.process) by \(proposal.electorate), quorum \(proposal.quorum)"
        let tallies = try assembly.indices.map { try assembly.tally(proposal.id, at: $0) }
        for n in assembly.indices.dropFirst() {
            #expect(tallies[n] == tallies[0], "\(context): replica \(n)'s tally differs from replica 0's")
            #expect(tallies[n].outcome == tallies[0].outcome && tallies[n].counts == tallies[0].counts)
            #expect(tallies[n].lines == tallies[0].lines)
        }
        let tally = tallies[0]
        let closes = try #require(proposal.closedAt)
        #expect(tally.terms.closes == closes && tally.status == .closed, "\(context)")
        let oracle = Oracle(proposal, closes: closes)
        #expect(tally.outcome == oracle.outcome, "\(context): \(tally.summary)")
        #expect(tally.participants == oracle.participants, "\(context)")
        for count in tally.counts {
            #expect(count.votes == oracle.counts[count.choice, default: 0], "\(context): votes for \(count.choice)")
        }
        #expect(tally.winners == oracle.winners, "\(context)")
        // Every ballot the test cast is shown, once; the ones the oracle counts, and only they, are counted.
        #expect(tally.lines.map(\.ballot.record).sorted() == proposal.ballots.map(\.record).sorted(), "\(context)")
        #expect(Set(tally.lines.filter(\.counted).map(\.ballot.record)) == oracle.counted, "\(context)")
        for line in tally.lines {
            let cast = try #require(proposal.ballots.first { $0.record == line.ballot.record })
            #expect(line.ballot.choice == cast.choice && line.ballot.stamp == cast.stamp, "\(context)")
            #expect(line.voter?.person == cast.person.id, "\(context): the ballot's voter")
            if oracle.afterClose.contains(cast.record) {
                #expect(line.why == "cast after the close", "\(context)")
            } else if oracle.replaced.contains(cast.record) {
                let why =
                    proposal.electorate == .centres
                    ? "replaced by a later ballot for \(cast.person.centreName ?? "")" : "replaced by a later ballot"
                #expect(line.why == why, "\(context)")
            } else if !oracle.counted.contains(cast.record) {
                #expect(line.why == "\(cast.person.name) belongs to no centre", "\(context)")
            } else {
                #expect(line.why.isEmpty, "\(context)")
            }
        }
        totals.afterClose += oracle.afterClose.count
        totals.replaced += oracle.replaced.count
        totals.ballots += proposal.ballots.count
        totals.outcomes[tally.outcome.rawValue, default: 0] += 1
    }

    /// A proposal by a random replica, which only it holds until bundles carry it.
    mutating func propose() throws {
        let process = pick([DecisionProcess.consent, .consent, .majority, .majority, .poll, .poll, .advice])
        let electorate = chance(35) ? Electorate.centres : .members
        let options = process == .poll ? Array(["Ljubljana", "Vilnius", "Tallinn"].prefix(pick([2, 3]))) : []
        let quorum = chance(45) ? Int.random(in: 1...4, using: &random) : 0
        let threshold: (text: String, value: Double)? =
            process == .majority && chance(50)
            ? pick([("2/3", 2.0 / 3.0), ("0.6", 0.6), ("50%", 0.5), ("3/4", 0.75)]) : nil
        let id = try assembly.propose(
            at: Int.random(in: assembly.indices, using: &random), "Proposal \(proposals.count + 1)", process: process,
            options: options, electorate: electorate, quorum: quorum == 0 ? nil : quorum, threshold: threshold?.text,
            closes: chance(50) ? Self.farFuture : nil)
        proposals.append(
            PlannedProposal(
                id: id, process: process, electorate: electorate, options: options, quorum: quorum,
                threshold: threshold, closeStep: Int.random(in: 4..<(steps - 3), using: &random)))
    }

    /// Replicas that hold a proposal.
    func holders(of p: Int) throws -> [Int] {
        try assembly.indices.filter { try assembly.proposal(proposals[p].id, at: $0) != nil }
    }

    /// One replica that holds the proposal closes it; the test notes when.
    mutating func close(_ p: Int) throws {
        let closer = pick(try holders(of: p))
        let now = assembly.clock.now
        try assembly[closer].store.write { _ = try $0.close(proposals[p].id, now: now) }
        proposals[p].closedAt = now
    }

    mutating func choice(for p: Int) -> (typed: String, canonical: String, reason: String) {
        let proposal = proposals[p]
        let canonical: String
        switch proposal.process {
        case .consent: canonical = pick(["yes", "yes", "object", "abstain"])
        case .majority: canonical = pick(["yes", "yes", "no", "no", "abstain"])
        case .advice: canonical = pick(["yes", "no", "abstain", "object"])
        case .poll:
            if chance(15) {
                canonical = "abstain"
            } else {
                // One option, or several (in the proposal's order, as the ballot spells them).
                var chosen = proposal.options.filter { _ in chance(35) }
                if chosen.isEmpty { chosen = [pick(proposal.options)] }
                canonical = chosen.joined(separator: ";")
            }
        }
        let typed = chance(30) ? canonical.uppercased().replacingOccurrences(of: ";", with: " ; ") : canonical
        let reason = canonical == "object" || chance(20) ? pick(["Not in the budget", "Too soon", "Ne vem"]) : ""
        return (typed, canonical, reason)
    }

    mutating func vote(_ totals: inout DecisionPropertyTests.Totals) throws {
        let p = Int.random(in: proposals.indices, using: &random)
        guard let voter = try holders(of: p).randomElement(using: &random) else { return }
        let picked = choice(for: p)
        try cast(p, by: voter, picked, &totals)
    }

    /// A replica whose latest ballot objects (or says no) votes yes instead.
    mutating func withdraw(_ totals: inout DecisionPropertyTests.Totals) throws {
        for p in proposals.indices {
            let objectors = Set(
                proposals[p].ballots.filter { $0.choice == "object" || $0.choice == "no" }.map(\.replica)
            ).sorted().filter { replica in
                proposals[p].ballots.last { $0.replica == replica }.map { $0.choice == "object" || $0.choice == "no" }
                    == true
            }
            guard !objectors.isEmpty else { continue }
            if try cast(p, by: pick(objectors), ("yes", "yes", ""), &totals) { totals.withdrawn += 1 }
            return
        }
    }

    /// Casts a ballot; refused (and noted) when the replica already knows the proposal closed.
    /// Returns whether it was cast.
    @discardableResult
    mutating func cast(
        _ p: Int, by voter: Int, _ choice: (typed: String, canonical: String, reason: String),
        _ totals: inout DecisionPropertyTests.Totals
    ) throws -> Bool {
        let proposal = proposals[p]
        let known = try #require(try assembly.proposal(proposal.id, at: voter))
        if known[Fields.Proposal.status.name].text == "closed" {
            #expect(throws: DecisionError.self, "seed \(seed): a ballot on a proposal known closed") {
                try assembly.vote(voter, on: proposal.id, choice.typed, reason: choice.reason)
            }
            totals.refusedClosed += 1
            return false
        }
        let ballot = try assembly.vote(voter, on: proposal.id, choice.typed, reason: choice.reason)
        let stamp = try assembly.stamp(of: ballot, on: proposal.id, at: voter)
        proposals[p].ballots.append(
            PlannedProposal.Cast(
                record: ballot, replica: voter, person: bound[voter], choice: choice.canonical, stamp: stamp))
        return true
    }

    /// A replica speaks for someone else from now on (someone another replica speaks for too, at times).
    mutating func rebind(_ totals: inout DecisionPropertyTests.Totals) throws {
        let n = Int.random(in: assembly.indices, using: &random)
        let person = pick(assembly.directory)
        try assembly.bind(n, to: person)
        bound[n] = person
        totals.rebindings += 1
    }

    mutating func pair() -> (Int, Int) {
        let sender = Int.random(in: assembly.indices, using: &random)
        let receiver = pick(assembly.indices.filter { $0 != sender })
        return (sender, receiver)
    }

    /// A bundle from one replica to another: full, or what the receiver is not known to hold.
    mutating func relay(_ totals: inout DecisionPropertyTests.Totals) throws {
        let (sender, receiver) = pair()
        let recipient = chance(50) ? receiver : nil
        let url = try assembly.bundle(from: sender, for: recipient)
        written.append((url, sender, recipient))
        try assembly.deliver(url, to: receiver)
        totals.relays += 1
    }

    /// A's bundle reaches B, and then B's reaches C: what A made travels through B.
    mutating func relayThroughAThird(_ totals: inout DecisionPropertyTests.Totals) throws {
        let (first, middle) = pair()
        let last = pick(assembly.indices.filter { $0 != middle && $0 != first })
        try assembly.deliver(try assembly.bundle(from: first), to: middle)
        let recipient = chance(50) ? last : nil
        let url = try assembly.bundle(from: middle, for: recipient)
        written.append((url, middle, recipient))
        try assembly.deliver(url, to: last)
        totals.relays += 2
    }

    /// A bundle imported twice: the second time brings nothing.
    mutating func duplicate(_ totals: inout DecisionPropertyTests.Totals) throws {
        let (sender, receiver) = pair()
        let url = try assembly.bundle(from: sender)
        written.append((url, sender, nil))
        try assembly.deliver(url, to: receiver)
        let again = try assembly.deliver(url, to: receiver)
        #expect(again.applied == 0, "seed \(seed): a bundle imported twice applied \(again.applied) the second time")
        totals.duplicates += 1
    }

    /// An old bundle delivered again: to its recipient when it was written for one (it leaves
    /// out what they held), else to anyone but its writer.
    mutating func replay(_ totals: inout DecisionPropertyTests.Totals) throws {
        guard !written.isEmpty else { return try relay(&totals) }
        let old = pick(written)
        let receiver = old.recipient ?? pick(assembly.indices.filter { $0 != old.producer })
        try assembly.deliver(old.url, to: receiver)
        totals.duplicates += 1
    }
}
