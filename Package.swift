// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ncc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ncc", targets: ["ncc"]),
        .executable(name: "ncc-bench", targets: ["ncc-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Value types of the working group's world, the field schema and validation. No dependencies.
        .target(name: "NCCModel"),
        // Display width, truncation and sanitising of untrusted text for any terminal output.
        .target(name: "TerminalText"),
        // The only code that talks to SQLite: migrations, operation log, queries, search.
        .target(
            name: "NCCStore",
            dependencies: [
                "NCCModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SHA-256 for each replica's hash chain of its operations (Chain).
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Files in and out: signed bundles for peers, CSV (later iCalendar, reports).
        .target(
            name: "NCCExchange",
            dependencies: [
                "NCCModel", "NCCStore", "TerminalText",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // Ranked, explained experts for a need (and needs for an expert), with weights in one place.
        .target(
            name: "NCCMatch",
            dependencies: [
                "NCCModel", "NCCStore",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // Deterministic, realistic demo data built from public facts and invented people.
        .target(
            name: "NCCDemo",
            dependencies: [
                "NCCModel", "NCCStore", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The terminal toolkit, pure Swift: cells, styles, the screen buffer, layout, keys, themes.
        .target(
            name: "Screen",
            dependencies: [
                "TerminalText",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // ncursesw as the system has it, and a small C shim for what Swift cannot import (macros).
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "CursesShim", dependencies: ["CNcursesw"]),
        // The only code that touches ncurses: draws screen buffers, reads keys, mouse and resizes.
        .target(name: "CursesBackend", dependencies: ["Screen", "CNcursesw", "CursesShim"]),
        // The full-screen app: state, actions, update, one view per pane. Never touches ncurses.
        .target(
            name: "NCCApp", dependencies: ["NCCModel", "NCCStore", "NCCMatch", "NCCExchange", "Screen", "TerminalText"]),
        // The `ncc` subcommands.
        .target(
            name: "NCCCLI",
            dependencies: [
                "NCCModel", "NCCStore", "NCCExchange", "NCCDemo", "NCCMatch", "TerminalText", "NCCApp", "CursesBackend",
                "Screen",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "ncc", dependencies: ["NCCCLI"]),
        // `swift run -c release ncc-bench`: builds large databases and measures what users feel.
        .executableTarget(
            name: "ncc-bench",
            dependencies: [
                "NCCModel", "NCCStore", "NCCMatch", "NCCDemo", "NCCExchange", "NCCApp", "Screen",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),

        // The readers of untrusted files as fuzz targets, and `ncc-fuzz`, which runs them under
        // libFuzzer (built with -sanitize=fuzzer, see .ci/fuzz) or replays inputs.
        .target(name: "NCCFuzzTargets", dependencies: ["NCCModel", "NCCStore", "NCCExchange", "Screen"]),
        .executableTarget(
            name: "ncc-fuzz", dependencies: ["NCCFuzzTargets"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),

        // Golden files for the tests that pin screens and outputs down, recorded with NCC_RECORD_GOLDENS=1.
        .target(name: "GoldenFiles", path: "Tests/GoldenFiles"),
        .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
        .testTarget(name: "ScreenTests", dependencies: ["Screen"]),
        .testTarget(
            name: "NCCAppTests",
            dependencies: [
                "NCCApp", "NCCModel", "NCCStore", "NCCDemo", "NCCExchange", "Screen", "NCCFuzzTargets", "GoldenFiles",
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "NCCStoreTests",
            dependencies: [
                "NCCModel", "NCCStore",
                // Tests open the file with plain GRDB too, as another program (or a newer ncc) would.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "NCCExchangeTests",
            dependencies: [
                "NCCModel", "NCCStore", "NCCExchange",
                // Hostile bundles are made with the same zip library, entry by entry.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ], exclude: ["Golden"]),
        .testTarget(name: "NCCMatchTests", dependencies: ["NCCModel", "NCCStore", "NCCMatch"]),
        .testTarget(name: "NCCDemoTests", dependencies: ["NCCModel", "NCCStore", "NCCDemo"]),
        .testTarget(
            name: "NCCCLITests",
            dependencies: ["NCCCLI", "ncc", "NCCModel", "NCCStore", "NCCDemo", "NCCFuzzTargets", "GoldenFiles"],
            exclude: ["Golden"]),
        .testTarget(name: "NCCFuzzTests", dependencies: ["NCCFuzzTargets"]),
    ],
    swiftLanguageModes: [.v6]
)
