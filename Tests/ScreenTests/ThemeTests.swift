import Foundation
import Testing

@testable import Screen

@Suite struct ThemeTests {
    let home: String

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-theme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.config/ncc/themes", withIntermediateDirectories: true)
    }

    var environment: [String: String] { ["HOME": home] }

    func userTheme(_ name: String, _ text: String) throws {
        try text.write(toFile: home + "/.config/ncc/themes/\(name).toml", atomically: true, encoding: .utf8)
    }

    @Test func everyShippedThemeParsesAndDefinesEveryRole() throws {
        for name in ["default", "light", "high-contrast", "monochrome"] {
            let (theme, warning) = ThemeLoader.load(name: name, environment: environment)
            #expect(warning == nil, "\(name): \(warning ?? "")")
            #expect(theme.name == name)
            for role in Theme.roles { #expect(theme.styles[role] != nil, "\(name) lacks \(role)") }
        }
        let light = ThemeLoader.load(name: "light", environment: environment).theme
        #expect(light.style("ui.selection").bg == .rgb(0x00, 0x5F, 0x87), "light overrides the palette's accent")
        #expect(light.style("ui.header").attributes == [.bold], "and inherits the rest")
    }

    @Test func embeddedThemesAreTheFilesInThemesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(BuiltInThemes.files.keys))
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(
                BuiltInThemes.files[String(file.dropLast(5))] == text.trimmingCharacters(in: .newlines),
                "\(file) changed: run .ci/embed-themes")
        }
    }

    @Test func rolesFallBackAlongTheirDottedNames() {
        let theme = Theme(
            name: "t", styles: ["ui.text": Style(fg: .ansi(7)), "ui.selection": Style(attributes: .reverse)])
        #expect(theme.style("ui.selection.inactive") == Style(attributes: .reverse))
        #expect(theme.style("warning") == Style(fg: .ansi(7)), "unknown roles use ui.text")
    }

    @Test func paletteNamesHexAnsiAndIndexedColours() throws {
        try userTheme(
            "mine",
            """
            inherits = "default"
            "ui.text" = { fg = "ink", bg = "#102030", modifiers = ["italic"] }
            "warning" = "light-red"
            "ui.bar" = 214
            [palette]
            ink = "#aabbcc"
            """)
        let (theme, warning) = ThemeLoader.load(name: "mine", environment: environment)
        #expect(warning == nil)
        #expect(
            theme.style("ui.text") == Style(fg: .rgb(0xAA, 0xBB, 0xCC), bg: .rgb(0x10, 0x20, 0x30), attributes: .italic)
        )
        #expect(theme.style("warning").fg == .ansi(9))
        #expect(theme.style("ui.bar").fg == .indexed(214))
        #expect(theme.style("ui.header").attributes == .bold, "the rest comes from default")
    }

    @Test func aBadThemeNamesFileAndKeyAndTheDefaultIsUsed() throws {
        try userTheme("typo", #""ui.selection" = { fg = "purpel" }"#)
        let (theme, warning) = ThemeLoader.load(name: "typo", environment: environment)
        #expect(theme.name == "default")
        #expect(warning?.contains("typo.toml: ui.selection: unknown colour 'purpel'") == true, "\(warning ?? "")")
        #expect(warning?.contains("\n") == false)
        try userTheme("broken", "\"ui.text\" = {")
        #expect(
            ThemeLoader.load(name: "broken", environment: environment).warning?.contains("broken.toml: line 1") == true)
        let missing = ThemeLoader.load(name: "nope", environment: environment).warning
        #expect(missing?.hasPrefix("theme 'nope' not found (available: ") == true, "\(missing ?? "")")
        #expect(missing?.contains("default, high-contrast, light, monochrome") == true)
    }

    @Test(arguments: ["[ = \"#af5f00\"", "[[=", "[[[1]]]", "[]", "  [ # no name", "[\u{030E}info"])
    func aTableHeaderWithoutANameIsAWarningNotAnAbort(_ header: String) throws {
        // toml++ (inside TOMLKit) asserts on these instead of reporting them; found by the fuzzer.
        try userTheme("nameless", "inherits = \"light\"\n\(header)\n\"ui.text\" = \"#000000\"\n")
        let (theme, warning) = ThemeLoader.load(name: "nameless", environment: environment)
        #expect(theme.name == "default")
        #expect(warning?.contains("nameless.toml: line 2: a table header needs a name") == true, "\(warning ?? "")")
    }

    @Test func inheritanceInACircleIsAnErrorNotAHang() throws {
        try userTheme("a", #"inherits = "b""#)
        try userTheme("b", #"inherits = "a""#)
        let (theme, warning) = ThemeLoader.load(name: "a", environment: environment)
        #expect(theme.name == "default")
        #expect(warning?.contains("themes inherit in a circle: a → b → a") == true, "\(warning ?? "")")
    }

    @Test func noColorGivesMonochromeAndTheChoiceOrderIsFlagThenEnvironment() throws {
        var env = environment
        env["NO_COLOR"] = "1"
        let mono = ThemeLoader.load(name: "light", environment: env).theme
        #expect(mono.name == "monochrome")
        #expect(mono.styles.values.allSatisfy { $0.fg == .default && $0.bg == .default })
        #expect(mono.style("ui.selection").attributes.contains(.reverse))
        env["NO_COLOR"] = ""
        env["NCC_THEME"] = "light"
        #expect(ThemeLoader.load(name: nil, environment: env).theme.name == "light")
        #expect(ThemeLoader.load(name: "high-contrast", environment: env).theme.name == "high-contrast")
        try userTheme("light", #"inherits = "monochrome""#)
        #expect(
            ThemeLoader.load(name: "light", environment: env).theme.style("ui.selection").bg == .default,
            "a user theme shadows the built-in one of the same name")
    }
}
