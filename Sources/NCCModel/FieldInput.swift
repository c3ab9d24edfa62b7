import Foundation

/// A field value that did not pass its rules; `description` is the one line a user sees.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { "\(field): \(message)" }
}

/// Turns what a user typed (CLI flag, CSV cell, form field) into a checked, normalised value.
/// References are returned as typed; the store resolves names to ids.
public enum FieldInput {
    public static func parse(_ raw: String, for field: Field) throws(FieldError) -> Value {
        func fail(_ message: String) -> FieldError { FieldError(field: field.name, message: message) }
        guard !Text.hasNUL(raw) else { throw fail(Text.nulMessage) }
        let input = Text.normalized(raw)
        let trimmed = Text.trimmed(input)
        if trimmed.isEmpty {
            if field.type.isList { return .list([]) }
            return .null
        }
        switch field.type {
        case .text, .reference:
            guard !Text.hasLineBreak(trimmed) else { throw fail("must be one line") }
            return .text(trimmed)
        case .longText:
            return .text(input)
        case .integer(let range):
            guard let n = Int(trimmed), range.contains(n) else {
                throw fail("'\(trimmed)' is not \(field.type.hint)")
            }
            return .int(n)
        case .bool:
            switch trimmed.lowercased() {
            case "true", "yes", "y", "1": return .bool(true)
            case "false", "no", "n", "0": return .bool(false)
            default: throw fail("'\(trimmed)' is not true or false")
            }
        case .date:
            guard let date = Dates.normalizedDate(trimmed) else {
                throw fail("'\(trimmed)' is not a valid date YYYY-MM-DD")
            }
            return .text(date)
        case .dateTime:
            guard let time = Dates.normalizedDateTime(trimmed) else {
                throw fail("'\(trimmed)' is not a valid time YYYY-MM-DDTHH:MM[:SS]Z")
            }
            return .text(time)
        case .country:
            let code = Codes.country(named: trimmed) ?? trimmed.uppercased()
            guard Codes.countries.contains(code) else { throw fail("'\(trimmed)' is not an ISO 3166-1 country code") }
            return .text(code)
        case .countries:
            let codes = unique(items(trimmed).map { Codes.country(named: $0) ?? $0.uppercased() })
            if let bad = codes.first(where: { !Codes.countries.contains($0) }) {
                throw fail("'\(bad)' is not an ISO 3166-1 country code")
            }
            return .list(codes)
        case .languages:
            let codes = unique(items(trimmed).map { $0.lowercased() })
            if let bad = codes.first(where: { !Codes.languages.contains($0) }) {
                throw fail("'\(bad)' is not an ISO 639-1 language code")
            }
            return .list(codes)
        case .tags:
            return .list(items(trimmed))
        case .email:
            let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                !trimmed.contains(where: { $0.isWhitespace })
            else {
                throw fail("'\(trimmed)' is not an e-mail address")
            }
            return .text(trimmed)
        case .fraction:
            guard Fraction(trimmed) != nil else { throw fail("'\(trimmed)' is not \(field.type.hint)") }
            return .text(trimmed.filter { !$0.isWhitespace })
        case .number:
            guard let normal = DecimalText.normal(trimmed) else { throw fail("'\(trimmed)' is not \(field.type.hint)") }
            return .text(normal)
        case .choice(let options):
            let word = String(trimmed.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
            guard options.contains(word) else { throw fail("'\(trimmed)' is not \(field.type.hint)") }
            return .text(word)
        }
    }

    /// Checks a value that arrived already typed (from a bundle or the app) against the field's rules.
    public static func check(_ value: Value, for field: Field) throws(FieldError) {
        func fail(_ message: String) -> FieldError { FieldError(field: field.name, message: message) }
        switch (field.type, value) {
        case (_, .null): return
        case (.integer(let range), .int(let n)):
            guard range.contains(n) else { throw fail("\(n) is not \(field.type.hint)") }
        case (.bool, .bool): return
        case (.countries, .list), (.languages, .list), (.tags, .list):
            // In normal form, as typed input becomes: no name in place of a code ("Lithuania").
            guard try parse(value.list.joined(separator: ";"), for: field) == value else {
                throw fail("'\(value.list.joined(separator: ";"))' is not in normal form")
            }
        case (.text, .text(let s)), (.reference, .text(let s)):
            guard !Text.hasLineBreak(s) else { throw fail("must be one line") }
            guard !Text.hasNUL(s) else { throw fail(Text.nulMessage) }
        case (.longText, .text(let s)):
            guard !Text.hasNUL(s) else { throw fail(Text.nulMessage) }
        case (_, .text(let s)):
            guard try parse(s, for: field) == value else { throw fail("'\(s)' is not in normal form") }
        default:
            throw fail("has the wrong type of value")
        }
    }

    /// Splits a multi-valued cell on `;`, trimming items and dropping empty ones and repeats.
    public static func items(_ raw: String) -> [String] {
        unique(raw.split(separator: ";").map { Text.trimmed(Substring($0)) }.filter { !$0.isEmpty })
    }

    /// The items in their order, each once (codes repeat once they are in one case: `lt;LT`).
    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

public enum Text {
    /// A NUL ends a string for C, so the same text would read differently in SQLite's C API,
    /// ncurses and other tools: no value may hold one.
    public static func hasNUL(_ s: String) -> Bool { s.utf8.contains(0) }
    static let nulMessage = "must not hold a NUL character"

    /// Whether text holds a line break (LF, VT, FF, CR, NEL, LS or PS), scanning bytes rather
    /// than grapheme clusters: this runs for every one-line value written.
    public static func hasLineBreak(_ s: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in s.utf8 {
            if (0x0A...0x0D).contains(byte) { return true }
            if previous == 0xC2 && byte == 0x85 { return true }
            if beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9) { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// Without leading and trailing white space (newlines included), in plain Swift.
    public static func trimmed<S: StringProtocol>(_ s: S) -> String {
        guard let first = s.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = s.lastIndex(where: { !$0.isWhitespace })!
        return String(s[first...last])
    }

    /// Stored text is NFC, so that `Eglė` typed on two keyboards is one name.
    public static func normalized(_ s: String) -> String {
        // ASCII is always in normal form; most text is, and skipping Foundation here is cheap.
        s.utf8.allSatisfy { $0 < 0x80 } ? s : s.precomposedStringWithCanonicalMapping
    }
}
