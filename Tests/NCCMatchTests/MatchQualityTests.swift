import Foundation
import NCCMatch
import NCCModel
import NCCStore
import Testing

/// Ranking quality measured on the labelled set: nDCG@5 of the engine and of plain FTS5 BM25.
@Suite struct MatchQualityTests {
    static func nDCG(_ ranked: [String], grades: [String: Int], k: Int = 5) -> Double {
        func dcg(_ gains: [Int]) -> Double {
            gains.prefix(k).enumerated().reduce(0) {
                $0 + (pow(2, Double($1.element)) - 1) / log2(Double($1.offset) + 2)
            }
        }
        let ideal = dcg(grades.values.sorted(by: >))
        return ideal == 0 ? 0 : dcg(ranked.map { grades[$0] ?? 0 }) / ideal
    }

    @Test func theEngineReaches0_9AndBeatsPlainBM25Clearly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store.open(path: folder.appendingPathComponent("ncc.sqlite").path)
        let (needIDs, expertKeys) = try EvaluationSet.load(into: store)
        let engine = MatchEngine()
        var engineScores: [Double] = []
        var bm25Scores: [Double] = []
        try store.read { reader in
            for need in EvaluationSet.needs {
                let record = try #require(try reader.record(.need, id: needIDs[need.key]!))
                let ranked = try engine.rank(need: record, reader: reader, limit: 5).map { expertKeys[$0.expertID]! }
                engineScores.append(Self.nDCG(ranked, grades: need.grades))
                // Plain BM25: the need's own words, topics and bios weighed alike, no filters.
                let words = ([need.title, need.description] + need.topics).joined(separator: " ")
                let plain = try reader.expertTextHits(anyOf: [words], topicWeight: 1, bioWeight: 1, limit: 5).map {
                    expertKeys[$0.expertID]!
                }
                bm25Scores.append(Self.nDCG(plain, grades: need.grades))
            }
        }
        let engine5 = engineScores.reduce(0, +) / Double(engineScores.count)
        let bm25 = bm25Scores.reduce(0, +) / Double(bm25Scores.count)
        print(String(format: "nDCG@5 over %d needs: engine %.3f, plain BM25 %.3f", engineScores.count, engine5, bm25))
        #expect(engine5 >= 0.9, "engine nDCG@5 \(engine5); per need: \(engineScores)")
        #expect(engine5 - bm25 >= 0.1, "the engine must beat plain BM25 clearly: \(engine5) vs \(bm25)")
    }
}
