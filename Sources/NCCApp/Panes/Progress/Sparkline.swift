/// A series as one line of the eight block heights ▁▂▃▄▅▆▇█, for the history of an indicator (the
/// bars of `Chart` are for one value each). The values are scaled between the lowest and the
/// highest of the series and of the marks given with it (the target: a line that ends at █
/// has reached the highest of the two), so a series that only rises draws rising blocks.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per value; `including` widens the scale (its values are not drawn). A flat scale
    /// (every value the same) draws the middle height.
    static func of(_ values: [Double], including marks: [Double] = []) -> String {
        let scale = values + marks
        guard let low = scale.min(), let high = scale.max() else { return "" }
        return String(values.map { block($0, low: low, high: high) })
    }

    /// The block of `value` on a scale from `low` to `high`.
    static func block(_ value: Double, low: Double, high: Double) -> Character {
        guard high > low else { return blocks[3] }
        let step = ((value - low) / (high - low) * Double(blocks.count - 1)).rounded()
        return blocks[min(blocks.count - 1, max(0, Int(step)))]
    }

    /// A score of 1 to `maximum` as one block (1 the lowest).
    static func level(_ score: Int, of maximum: Int) -> Character {
        block(Double(score), low: 1, high: Double(maximum))
    }
}
