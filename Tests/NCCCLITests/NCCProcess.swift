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

    struct TimedOut: Error, CustomStringConvertible {
        var arguments: [String]
        var description: String { "ncc \(arguments.joined(separator: " ")) ran past \(Int(NCCProcess.timeLimit)) s and was killed" }
    }
    var environment: [String: String]

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        // Only what ncc reads: a scratch HOME, no NCC_DB or XDG_DATA_HOME from the developer's shell.
        environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    }

    var db: String { home.appendingPathComponent("ncc.sqlite").path }

    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ncc")
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
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + (useDefaultDatabase ? [] : ["--db", db])
        process.environment = environment
        process.currentDirectoryURL = home
        // Output goes to files: no pipe can fill up and block the child.
        let outURL = home.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = home.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        let ended = try process.runAndWait(timeout: Self.timeLimit) {
            if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
            try stdin.fileHandleForWriting.close()
        }
        guard ended else { throw TimedOut(arguments: arguments) }
        try out.close()
        try err.close()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        return Result(status: process.terminationStatus,
                      out: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    func file(_ name: String) -> String { home.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
