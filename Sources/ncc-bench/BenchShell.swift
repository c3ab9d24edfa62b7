import Foundation

/// Runs a program to its end with posix_spawn and waitpid (Foundation's Process can miss exits).
enum BenchShell {
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], output: String? = nil) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, executable, &actions, nil, argv, envp) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// `/bin/sh -c command`: whether it exited 0.
    static func sh(_ command: String) -> Bool { run("/bin/sh", ["-c", command]) == 0 }

    /// `/bin/sh -c command`: its standard output, or nil when it did not exit 0.
    static func output(_ command: String, scratch: String) -> String? {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        guard run("/bin/sh", ["-c", command], output: scratch) == 0 else { return nil }
        return try? String(contentsOfFile: scratch, encoding: .utf8)
    }
}

/// A benchmark that could not run to its end (ArgumentParser's ValidationError would print the
/// usage as well, as if the command line were wrong).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
