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
    /// `scale` multiplies the invented parts; the real ones appear once.
    public static func load(into store: Store, seed: UInt64 = 1, scale: Int = 1, today: String = Dates.today()) throws -> DemoSummary {
        guard scale >= 1 else { throw DemoError(description: "the scale must be 1 or more") }
        let started = Date()
        if try store.read({ try $0.count(.centre) }) > 0 {
            throw DemoError(description: "\(store.path) already holds centres; demo data goes into an empty database")
        }
        var counts: [Kind: Int] = [:]
        try store.write { writer in
            var builder = DemoBuilder(writer: writer, random: SeededRandom(seed: seed), today: today)
            if scale > 1 { try writer.beginBulkLoad() }
            try builder.addPublicFacts()
            for unit in 0..<scale { try builder.addInvented(unit: unit) }
            try builder.addRealMeetingAttendance()
            if scale > 1 { try writer.endBulkLoad() }
            counts = builder.counts
        }
        return DemoSummary(counts: counts, seconds: Date().timeIntervalSince(started))
    }
}
