import Foundation
import NCCModel

/// A hybrid logical clock value plus the replica that made it: a total order over all operations.
/// Spelled as fixed-width hex `tttttttttttt cccc @ replica` so that text order is clock order.
public struct Stamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970 in the high 48 bits, a counter in the low 16.
    public var clock: UInt64
    public var replica: String

    public init(clock: UInt64, replica: String) {
        self.clock = clock
        self.replica = replica
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "@", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 16, let clock = UInt64(parts[0], radix: 16) else { return nil }
        self.clock = clock
        self.replica = String(parts[1])
    }

    public var description: String {
        let hex = String(clock, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + "@" + replica
    }

    public var milliseconds: UInt64 { clock >> 16 }

    /// The wall time the stamp was made at, as stored (`YYYY-MM-DDTHH:MM:SSZ`).
    public var time: String { Dates.utc(milliseconds: milliseconds) }

    public static func < (a: Stamp, b: Stamp) -> Bool {
        a.clock != b.clock ? a.clock < b.clock : a.replica < b.replica
    }
}

/// The hybrid logical clock of this replica (Kulkarni et al.): never behind the wall clock, never
/// behind any stamp seen, and strictly increasing, so a later edit always wins over what it saw.
public struct HybridClock: Sendable {
    public private(set) var last: UInt64
    let now: @Sendable () -> UInt64

    public init(last: UInt64, now: @escaping @Sendable () -> UInt64 = HybridClock.wallClock) {
        self.last = last
        self.now = now
    }

    public static let wallClock: @Sendable () -> UInt64 = {
        UInt64(Date().timeIntervalSince1970 * 1000) << 16
    }

    /// The next stamp value for a local change.
    public mutating func tick() -> UInt64 {
        last = max(now(), last + 1)
        return last
    }

    /// Moves the clock past a received stamp.
    public mutating func observe(_ clock: UInt64) {
        last = max(last, clock)
    }
}
