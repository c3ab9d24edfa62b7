import Foundation
import NCCModel
import NCCStore

/// What `DemoData.load` wrote.
public struct DemoSummary: Sendable {
    public var counts: [Kind: Int]
    public var seconds: Double
}

public struct DemoError: Error, CustomStringConvertible {
    public var description: String
}

/// Realistic data a newcomer can explore: the real consortia of both calls, their countries and
/// the working group's real meetings, plus invented centres' partners, people, experts, needs,
/// tasks and meetings. Deterministic: the same seed, scale and day give the same records and ids.
public enum DemoData {
    /// Loads demo data into a store without centres, in one transaction: all of it or nothing.
    /// `scale` multiplies the invented parts; the real ones appear once. `decisions`: proposals
    /// with the ballots of invented members' replicas too (see `DemoDecisions`); without them, the
    /// database holds this replica's operations alone. `progress`: objectives, indicators and
    /// measurements, self-assessments and pathways (see `DemoProgress`).
    public static func load(
        into store: Store, seed: UInt64 = 1, scale: Int = 1, today: String = Dates.today(), decisions: Bool = true,
        progress: Bool = true
    ) throws -> DemoSummary {
        guard scale >= 1 else { throw DemoError(description: "the scale must be 1 or more") }
        let started = Date()
        if try store.read({ try $0.count(.centre) }) > 0 {
            throw DemoError(description: "\(store.path) already holds centres; demo data goes into an empty database")
        }
        let counts = Counts()
        try store.write { writer in
            if scale > 1 { try writer.beginBulkLoad() }
            // The records are invented on a thread of their own while this one writes them.
            try Handoff<DemoWrite>.run(
                make: { handoff in
                    var builder = DemoBuilder(pipe: handoff, random: SeededRandom(seed: seed), today: today)
                    try builder.addPublicFacts()
                    for unit in 0..<scale { try builder.addInvented(unit: unit) }
                    try builder.addRealMeetingAttendance()
                    counts.byKind = builder.counts
                }, use: { try $0.apply(to: writer) })
            if scale > 1 { try writer.endBulkLoad() }
            if decisions {
                var decisions = DemoDecisions(writer: writer, seed: seed, today: today)
                try decisions.add()
            }
            if progress {
                var progress = DemoProgress(writer: writer, seed: seed, today: today)
                try progress.add()
                counts.byKind.merge(progress.counts, uniquingKeysWith: +)
            }
        }
        return DemoSummary(counts: counts.byKind, seconds: Date().timeIntervalSince(started))
    }
}

/// The inventing thread's tally, read once that thread is done.
private final class Counts: @unchecked Sendable {
    var byKind: [Kind: Int] = [:]
}
