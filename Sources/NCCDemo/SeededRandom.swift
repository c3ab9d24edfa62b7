import NCCStore

/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so the same
/// seed gives the same demo data, ids included, on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// `count` different items (fewer if there are not that many).
    mutating func pick<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        var chosen: [T] = []
        for _ in 0..<min(count, pool.count) {
            chosen.append(pool.remove(at: Int.random(in: 0..<pool.count, using: &self)))
        }
        return chosen
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    /// A time-ordered (version 7) UUID: `sequence` in the first 48 bits, the generator's bits in
    /// the rest. Ids that grow keep SQLite's id indexes appending at their end instead of
    /// scattering writes; and they are the same for the same seed on every machine.
    mutating func uuid(sequence: UInt64) -> String {
        var bytes = withUnsafeBytes(of: sequence.bigEndian) { Array($0.suffix(6)) }
        bytes += withUnsafeBytes(of: next()) { Array($0) }
        bytes += withUnsafeBytes(of: next()) { Array($0.prefix(2)) }
        return UUIDs.version7(bytes)
    }
}
