import ArgumentParser
import Foundation
import NCCStore

/// `--db PATH`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database file (default: $NCC_DB, else $XDG_DATA_HOME/ncc/ncc.sqlite).", valueName: "path"))
    var path: String?

    /// `--db`, else `NCC_DB`, else `$XDG_DATA_HOME/ncc/ncc.sqlite`, else `~/.local/share/ncc/ncc.sqlite`.
    var resolvedPath: String {
        DatabaseLocation.resolve(explicit: path, environment: ProcessInfo.processInfo.environment)
    }

    func open(cacheMegabytes: Int = 32) throws -> Store {
        try Store.open(path: resolvedPath, cacheMegabytes: cacheMegabytes)
    }
}

public enum DatabaseLocation {
    public static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return expand(explicit, environment) }
        if let fromEnv = environment["NCC_DB"], !fromEnv.isEmpty { return expand(fromEnv, environment) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return dataHome + "/ncc/ncc.sqlite"
    }

    static func expand(_ path: String, _ environment: [String: String]) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}
