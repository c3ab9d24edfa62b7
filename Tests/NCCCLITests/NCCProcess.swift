import Foundation

/// Runs the real `ncc` binary, built next to the test bundle, in a scratch home folder.
struct NCCProcess {
    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    let home: URL
    /// Longer than any command of the tests takes on a slow machine, short enough to fail a hang.
    static let timeLimit: TimeInterval = 300
    var environment: [String: String]

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        // Only what ncc reads: a scratch HOME, no NCC_DB or XDG_DATA_HOME from the developer's shell.
        environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    }

    var db: String { home.appendingPathComponent("ncc.sqlite").path }

    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "ncc")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        // `swift test` may run the tests from inside a bundle folder.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            folder = folder.deletingLastPathComponent()
            let candidate = folder.appendingPathComponent("ncc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return beside
    }

    /// Runs `ncc` with these arguments; `--db` is added unless `useDefaultDatabase`.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, useDefaultDatabase: Bool = false) throws -> Result {
        // Input and output go through files: no pipe can fill up and block the child.
        let name = UUID().uuidString
        let outPath = file("stdout-\(name)")
        let errPath = file("stderr-\(name)")
        let inPath = file("stdin-\(name)")
        defer { for path in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: path) } }
        if let input { try input.write(toFile: inPath, atomically: false, encoding: .utf8) }
        let status = try ChildProcess.run(
            Self.binary.path, arguments + (useDefaultDatabase ? [] : ["--db", db]),
            environment: environment, directory: home.path,
            inputPath: input == nil ? nil : inPath,
            outputPath: outPath, errorPath: errPath, timeout: Self.timeLimit)
        return Result(
            status: status,
            out: String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self),
            err: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self))
    }

    func file(_ name: String) -> String { home.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
