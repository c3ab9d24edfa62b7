import Foundation

/// A golden file: text that a test's output must match byte for byte. With `NCC_RECORD_GOLDENS=1`
/// in the environment, the output is written as the new golden instead (read the diff before
/// committing it).
public struct GoldenFile {
    public let url: URL

    public init(folder: URL, name: String) {
        url = folder.appendingPathComponent(name + ".txt")
    }

    public static var recording: Bool { ProcessInfo.processInfo.environment["NCC_RECORD_GOLDENS"] == "1" }

    /// Nil when `text` matches (or was recorded), else where it first differs, in a few lines.
    public func mismatch(_ text: String) throws -> String? {
        if Self.recording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "\(url.lastPathComponent): no golden file (record it with NCC_RECORD_GOLDENS=1)"
        }
        guard expected != text else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let want = first < a.count ? String(a[first]) : "(end)"
        let got = first < b.count ? String(b[first]) : "(end)"
        return "\(url.lastPathComponent): line \(first + 1) differs\n  golden: \(want)\n  now:    \(got)"
    }
}
