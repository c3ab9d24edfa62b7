import Foundation
internal import TOMLKit

/// Finds and reads theme files: `--theme NAME`, else `NCC_THEME`, else `default`; user themes in
/// `$XDG_CONFIG_HOME/ncc/themes/NAME.toml` shadow the built-in ones. A theme that cannot be used
/// gives a one-line warning naming the file and key, and the default theme is used instead.
public enum ThemeLoader {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(name requested: String?, environment: [String: String]) -> (theme: Theme, warning: String?)
    {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if noColor {
            // The user's wish: no colour at all, whatever theme was asked for.
            return ((try? resolve("monochrome", environment: environment, seen: [])) ?? fallback).withoutColors.named(
                "monochrome", nil)
        }
        let name = requested ?? environment["NCC_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        do {
            return (try resolve(name, environment: environment, seen: []), nil)
        } catch {
            let warning = (error as? Failure)?.description ?? "\(error)"
            return (
                (try? resolve("default", environment: environment, seen: [])) ?? fallback,
                warning + "; using the default theme"
            )
        }
    }

    public static func userFolder(_ environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return config + "/ncc/themes"
    }

    public static func availableThemes(environment: [String: String]) -> [String] {
        let user = ((try? FileManager.default.contentsOfDirectory(atPath: userFolder(environment))) ?? [])
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        return Array(Set(BuiltInThemes.files.keys).union(user)).sorted()
    }

    /// The theme's text and where it came from: the user's folder first, then the built-in ones.
    static func source(_ name: String, environment: [String: String]) throws -> (text: String, file: String) {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw Failure(description: "'\(name)' is not a theme name")
        }
        let path = userFolder(environment) + "/\(name).toml"
        if let data = FileManager.default.contents(atPath: path) {
            guard let text = String(data: data, encoding: .utf8) else {
                throw Failure(description: "\(path): not UTF-8 text")
            }
            return (text, path)
        }
        if let text = BuiltInThemes.files[name] { return (text, "themes/\(name).toml") }
        throw Failure(
            description:
                "theme '\(name)' not found (available: \(availableThemes(environment: environment).joined(separator: ", ")))"
        )
    }

    static func resolve(_ name: String, environment: [String: String], seen: [String]) throws -> Theme {
        if seen.contains(name) {
            throw Failure(description: "themes inherit in a circle: \((seen + [name]).joined(separator: " → "))")
        }
        guard seen.count < 10 else {
            throw Failure(description: "themes inherit more than 10 deep: \(seen.joined(separator: " → "))")
        }
        let (text, file) = try source(name, environment: environment)
        if let line = TOMLHeaderCheck.namelessHeader(in: text) {
            throw Failure(description: "\(file): line \(line): a table header needs a name, such as [palette]")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Failure(description: "\(file): line \(error.source.begin.line): \(error.description)")
        }
        var palette: [String: Color] = [:]
        var styles: [String: Style] = [:]
        if let parent = table["inherits"] {
            guard let parentName = parent.string else {
                throw Failure(description: "\(file): inherits: must be a theme name")
            }
            let base = try resolve(parentName, environment: environment, seen: seen + [name])
            styles = base.styles
            palette = try paletteOf(parentName, environment: environment)
        }
        if let own = table["palette"] {
            guard let ownTable = own.table else { throw Failure(description: "\(file): palette: must be a table") }
            for key in ownTable.keys {
                guard let text = ownTable[key]?.string ?? ownTable[key]?.int.map(String.init),
                    let color = ThemeColor.parse(text, palette: [:])
                else {
                    throw Failure(
                        description:
                            "\(file): palette.\(key): unknown colour '\(ownTable[key]?.debugDescription ?? "")'")
                }
                palette[key] = color
            }
        }
        for key in table.keys where key != "inherits" && key != "palette" && key != "name" {
            guard let value = table[key] else { continue }
            styles[key] = try ThemeColor.style(value, key: key, file: file, palette: palette)
        }
        return Theme(name: name, styles: styles)
    }

    /// A theme's palette after its own inheritance (children override their parents' colours).
    static func paletteOf(_ name: String, environment: [String: String], depth: Int = 0) throws -> [String: Color] {
        guard depth < 10, let (text, _) = try? source(name, environment: environment),
            let table = try? TOMLTable(string: text)
        else { return [:] }
        var palette =
            try table["inherits"]?.string.map { try paletteOf($0, environment: environment, depth: depth + 1) } ?? [:]
        if let own = table["palette"]?.table {
            for key in own.keys {
                if let text = own[key]?.string ?? own[key]?.int.map(String.init),
                    let color = ThemeColor.parse(text, palette: [:])
                {
                    palette[key] = color
                }
            }
        }
        return palette
    }

    /// Used only if even the built-in default cannot be read (it is tested, so: never).
    static let fallback = Theme(
        name: "default",
        styles: [
            "ui.selection": Style(attributes: [.reverse]), "ui.header": Style(attributes: [.bold]),
            "warning": Style(attributes: [.bold]), "error": Style(attributes: [.bold, .reverse]),
        ])
}

extension Theme {
    func named(_ name: String, _ warning: String?) -> (theme: Theme, warning: String?) {
        var copy = self
        copy.name = name
        return (copy, warning)
    }
}

/// Colour and style values as Helix writes them.
enum ThemeColor {
    static let ansi: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7, "gray": 8,
        "grey": 8,
        "light-red": 9, "light-green": 10, "light-yellow": 11, "light-blue": 12, "light-magenta": 13, "light-cyan": 14,
        "light-gray": 7, "light-grey": 7, "light-white": 15, "bright-black": 8, "bright-red": 9, "bright-green": 10,
        "bright-yellow": 11, "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    static func parse(_ text: String, palette: [String: Color]) -> Color? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "default" || t == "reset" { return .default }
        if let color = palette[text] ?? palette[t] { return color }
        if let n = ansi[t] { return .ansi(n) }
        if let n = UInt8(t) { return .indexed(n) }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        return nil
    }

    static let modifiers: [String: Attributes] = [
        "bold": .bold, "dim": .dim, "underlined": .underline, "underline": .underline, "reversed": .reverse,
        "reverse": .reverse, "italic": .italic,
    ]

    static func style(_ value: any TOMLValueConvertible, key: String, file: String, palette: [String: Color]) throws
        -> Style
    {
        func color(_ text: String?, _ part: String) throws -> Color {
            guard let text else { return .default }
            guard let color = parse(text, palette: palette) else {
                throw ThemeLoader.Failure(description: "\(file): \(key): unknown colour '\(text)'")
            }
            return color
        }
        if let text = value.string ?? value.int.map(String.init) { return Style(fg: try color(text, "fg")) }
        guard let table = value.table else {
            throw ThemeLoader.Failure(description: "\(file): \(key): a style is a colour or { fg, bg, modifiers }")
        }
        if let unknown = table.keys.first(where: { !["fg", "bg", "modifiers"].contains($0) }) {
            throw ThemeLoader.Failure(
                description: "\(file): \(key): unknown setting '\(unknown)' (use fg, bg, modifiers)")
        }
        var attributes: Attributes = []
        if let list = table["modifiers"] {
            guard let array = list.array else {
                throw ThemeLoader.Failure(description: "\(file): \(key): modifiers must be a list")
            }
            for item in array {
                guard let word = item.string, let modifier = modifiers[word] else {
                    throw ThemeLoader.Failure(
                        description: "\(file): \(key): unknown modifier '\(item.string ?? item.debugDescription)'")
                }
                attributes.insert(modifier)
            }
        }
        return Style(
            fg: try color(table["fg"]?.string ?? table["fg"]?.int.map(String.init), "fg"),
            bg: try color(table["bg"]?.string ?? table["bg"]?.int.map(String.init), "bg"), attributes: attributes)
    }
}
