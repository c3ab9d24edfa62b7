/// One content line of iCalendar (RFC 5545 §3.1) or vCard (RFC 6350 §3.2): `NAME;PARAM=x:value`,
/// ended by CRLF and folded so that no physical line is longer than 75 octets. The ICS and vCard
/// writers build every line through here, so escaping and folding are spelled once.
public struct ContentLine: Sendable, Equatable {
    public var name: String
    /// Parameters in order, values already in their final form (ncc writes only `VALUE=DATE`-like tokens).
    public var parameters: [(name: String, value: String)]
    /// The value as it goes on the line: escaped TEXT, or a date, URI or other non-text value.
    public var value: String

    public init(_ name: String, parameters: [(name: String, value: String)] = [], raw value: String) {
        self.name = name
        self.parameters = parameters
        self.value = value
    }

    /// A TEXT value: control characters stripped, then `\`, `;`, `,` and newlines escaped.
    public static func text(_ name: String, _ text: String, multiline: Bool = true) -> ContentLine {
        ContentLine(name, raw: escape(clean(text, multiline: multiline)))
    }

    /// A structured value (vCard `N`, `ORG`): each component escaped, joined by a bare `;`.
    public static func components(_ name: String, _ parts: [String]) -> ContentLine {
        ContentLine(name, raw: parts.map { escape(clean($0, multiline: false)) }.joined(separator: ";"))
    }

    public static func == (a: ContentLine, b: ContentLine) -> Bool {
        a.name == b.name && a.value == b.value
            && a.parameters.map(\.name) == b.parameters.map(\.name)
            && a.parameters.map(\.value) == b.parameters.map(\.value)
    }

    /// The unfolded line, without its line end.
    public var unfolded: String {
        name + parameters.map { ";" + $0.name + "=" + $0.value }.joined() + ":" + value
    }

    /// The line as written: folded at 75 octets, every physical line ended by CRLF.
    public var folded: String { Self.fold(unfolded) }

    // MARK: - Folding

    /// The most octets of a physical line, not counting its CRLF (RFC 5545 §3.1, RFC 6350 §3.2).
    public static let maxOctets = 75

    /// Folds one unfolded line: a break goes before any character that would take the physical
    /// line past `limit` octets, and the next line starts with one space (which counts). A break
    /// never falls inside a UTF-8 sequence, nor (where the line has room) inside a character of
    /// several scalars or between a backslash and the character it escapes.
    public static func fold(_ line: String, limit: Int = maxOctets) -> String {
        precondition(limit >= 5, "a fold limit leaves room for a continuation space and one character")
        var out = String()
        out.reserveCapacity(line.utf8.count + line.utf8.count / (limit - 1) * 3 + 2)
        // Octets on the current physical line, and where its content starts (after the space).
        var used = 0
        var start = 0
        func append(_ unit: Substring) {
            let size = unit.utf8.count
            if used + size > limit, used > start {
                out += "\r\n "
                used = 1
                start = 1
            }
            out += unit
            used += size
        }
        var index = line.startIndex
        while index < line.endIndex {
            // A unit: one character, or a backslash with the character it escapes.
            var end = line.index(after: index)
            if line[index] == "\\", end < line.endIndex { end = line.index(after: end) }
            let unit = line[index..<end]
            if unit.utf8.count <= limit - 1 {
                append(unit)
            } else {
                // Longer than a whole continuation line (an emoji sequence of many scalars):
                // break it at scalar boundaries instead, which UTF-8 still never splits.
                for scalar in unit.unicodeScalars { append(Substring(String(scalar))) }
            }
            index = end
        }
        return out + "\r\n"
    }

    // MARK: - TEXT

    /// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, and newline as `\n`.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A }) else { return text }
        var out = String()
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Undoes `escape`: `\\ \; \, \n \N`. Any other escaped character stands for itself (some
    /// programs write `\:`), and a lone backslash at the end is kept.
    public static func unescape<S: StringProtocol>(_ text: S) -> String {
        guard text.utf8.contains(0x5C) else { return String(text) }
        var out = String.UnicodeScalarView()
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                out.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.append(scalar)
            }
        }
        if escaping { out.append("\\") }
        return String(out)
    }

    /// Splits a list value (CATEGORIES) on the commas that are not escaped, then unescapes each item.
    public static func splitList(_ value: String) -> [String] {
        var items: [String] = []
        var current = Substring.UnicodeScalarView()
        var escaping = false
        for scalar in value.unicodeScalars {
            if escaping {
                current.append(scalar)
                escaping = false
                continue
            }
            if scalar == "\\" {
                current.append(scalar)
                escaping = true
                continue
            }
            if scalar == "," {
                items.append(unescape(Substring(current)))
                current = Substring.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        items.append(unescape(Substring(current)))
        return items
    }

    /// Text with its control characters taken out: line ends become `\n` (or a space when the
    /// value is one line), a tab becomes a space, every other C0 or C1 control and DEL goes.
    public static func clean(_ text: String, multiline: Bool) -> String {
        if !text.unicodeScalars.contains(where: isControl) { return text }
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\r": out.append(multiline ? "\n" : " ")
            case "\n": if !afterCR { out.append(multiline ? "\n" : " ") }
            case "\t": out.append(" ")
            default: if !isControl(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
    }
}
