import Foundation
import NCCFuzzTargets
import Testing

/// Every input the fuzzers start from (`Tests/FuzzCorpus/TARGET/`) and every input that once
/// crashed a reader (`Tests/FuzzCorpus/TARGET/regressions/`), replayed through the same targets:
/// seeds are good files and must be taken; regressions must be refused in one line, not crash.
@Suite(.serialized) struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus")

    static func files(_ target: FuzzTarget, _ folder: String = "") -> [URL] {
        let url = corpus.appendingPathComponent(target.rawValue).appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().map { url.appendingPathComponent($0) }.filter {
            !$0.hasDirectoryPath && $0.lastPathComponent != "regressions"
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedsAreTakenAsTheGoodFilesTheyAre(_ target: FuzzTarget) throws {
        let seeds = Self.files(target)
        #expect(!seeds.isEmpty, "every target has a seed corpus")
        for seed in seeds {
            let refusal = target.run(try Data(contentsOf: seed))
            #expect(refusal == nil, "\(seed.lastPathComponent): \(refusal ?? "")")
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func inputsThatOnceCrashedAreRefusedInOneLine(_ target: FuzzTarget) throws {
        for input in Self.files(target, "regressions") {
            let refusal = target.run(try Data(contentsOf: input))
            if let refusal {
                #expect(!refusal.contains("\n"), "\(input.lastPathComponent): \(refusal)")
            }
        }
    }

    @Test func mutatedSeedsNeverCrashAReader() throws {
        // A cheap stand-in for the fuzzer in every test run: each seed with bytes flipped,
        // truncated and repeated, deterministic.
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for target in FuzzTarget.allCases {
            for seed in Self.files(target) {
                let original = try Data(contentsOf: seed)
                for round in 0..<40 {
                    var bytes = original
                    switch round % 4 {
                    case 0: for _ in 0..<3 { bytes[next() % bytes.count] = UInt8(next() & 0xFF) }
                    case 1: bytes = bytes.prefix(next() % bytes.count)
                    case 2: bytes.insert(contentsOf: bytes.prefix(next() % 64), at: next() % bytes.count)
                    default: bytes[next() % bytes.count] = [0x00, 0x1B, 0x0A, 0x22, 0x2C, 0xFF][next() % 6]
                    }
                    if let refusal = target.run(bytes) {
                        #expect(!refusal.isEmpty && !refusal.contains("\n"), "\(target) round \(round): \(refusal)")
                    }
                }
            }
        }
    }
}
