import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program and waits for it with `waitpid` on its own pid, with a time limit.
///
/// Not Foundation's `Process`: on Linux its exit monitoring missed the exit of the tmux client
/// (which forks the tmux server), left it a zombie and hung the whole suite in CI. A child spawned
/// here is reaped by nothing but this function.
enum ChildProcess {
    struct TimedOut: Error, CustomStringConvertible {
        var command: String
        var seconds: TimeInterval
        var description: String { "\(command) ran past \(Int(seconds)) s and was killed" }
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` with `arguments`; stdin reads `inputPath` (else /dev/null), stdout and
    /// stderr go to the given files (else /dev/null). Returns the exit status (128 + signal if killed
    /// by a signal).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String? = nil, inputPath: String? = nil, outputPath: String? = nil,
        errorPath: String? = nil, timeout: TimeInterval
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        // Glibc's posix_spawn_file_actions_addchdir_np is out of Swift's reach: a shell changes folder.
        let command =
            directory.map { ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", $0, executable] + arguments }
            ?? [executable] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failed(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR {
                throw Failed(description: "waiting for \(executable): \(String(cString: strerror(errno)))")
            }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw TimedOut(command: ([executable] + arguments).joined(separator: " "), seconds: timeout)
            }
            usleep(5_000)
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift cannot import as macros.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}

extension ChildProcess {
    /// Starts a program and returns its pid at once; stdout and stderr go to the files given, else
    /// are thrown away. The caller reaps it with `reap` or `poll`.
    static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String,
        outputPath: String = "/dev/null", errorPath: String = "/dev/null"
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let command = ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", directory, executable] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failed(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// Waits for a started program to end and returns its status (128 + signal when killed).
    static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return exitStatus(status)
    }

    /// The status of a started program if it has ended (reaping it), else nil.
    static func poll(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        var ended = waitpid(pid, &status, WNOHANG)
        while ended < 0, errno == EINTR { ended = waitpid(pid, &status, WNOHANG) }
        return ended == pid ? exitStatus(status) : nil
    }

    static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
