import Foundation
import NCCModel

/// Untrusted text (anything from the database) made safe for a report: control characters and
/// terminal escape sequences removed, then escaped for Markdown or HTML so that data can never
/// change the document's structure (a `|` ending a table cell, a `#` making a heading, a
/// `<script>` becoming an element).
public enum ReportText {
    // MARK: - Cleaning

    /// Removes escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL/ST`, DCS, and two-byte
    /// escapes, also in their C1 forms), the other control characters and bidirectional
    /// overrides. With `keepNewlines`, line ends (CR LF, CR, LF, U+2028/9) become `\n` and tabs a
    /// space; otherwise every line end and tab becomes a space.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        if !text.unicodeScalars.contains(where: needsWork) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func lineEnd() { out.append(keepNewlines ? "\n" : " ") }
        while i < scalars.count {
            let v = scalars[i].value
            switch v {
            case 0x0D:
                lineEnd()
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                i += 1
            case 0x0A, 0x2028, 0x2029:
                lineEnd()
                i += 1
            case 0x09:
                out.append(" ")
                i += 1
            case 0x1B:
                i = skipEscape(scalars, from: i + 1)
            case 0x9B:
                i = skipControlSequence(scalars, from: i + 1)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                i = skipString(scalars, from: i + 1)
            default:
                if !isControl(v) { out.append(scalars[i]) }
                i += 1
            }
        }
        return String(out)
    }

    static func isControl(_ v: UInt32) -> Bool {
        v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// After ESC: the rest of the sequence it starts.
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        guard start < s.count else { return start }
        switch s[start] {
        case "[": return skipControlSequence(s, from: start + 1)
        case "]", "P", "X", "^", "_": return skipString(s, from: start + 1)
        default:
            // Intermediate bytes, then one final byte (`ESC ( B`, `ESC c`); a control ends it early.
            var i = start
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            if i < s.count, (0x30...0x7E).contains(s[i].value) { i += 1 }
            return i
        }
    }

    /// A CSI's parameter and intermediate bytes and its final byte.
    private static func skipControlSequence(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count, (0x20...0x3F).contains(s[i].value) { i += 1 }
        if i < s.count, (0x40...0x7E).contains(s[i].value) { i += 1 }
        return i
    }

    /// An OSC, DCS or similar string: up to and including BEL or the string terminator.
    private static func skipString(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            if v == 0x07 || v == 0x9C { return i + 1 }
            if v == 0x1B { return i + 1 < s.count && s[i + 1] == "\\" ? i + 2 : i + 1 }
            // A line end ends a malformed string too, so one bad value cannot swallow the rest.
            if v == 0x0A || v == 0x0D { return i }
            i += 1
        }
        return i
    }

    /// One line: cleaned, runs of white space as one space, trimmed.
    public static func line(_ text: String) -> String {
        clean(text).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Lines of multi-line text: cleaned, each trimmed, runs of blank lines as one empty line,
    /// none at either end.
    public static func lines(_ text: String) -> [String] {
        var result: [String] = []
        for raw in clean(text, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if line.isEmpty, result.last?.isEmpty ?? true { continue }
            result.append(line)
        }
        if result.last?.isEmpty == true { result.removeLast() }
        return result
    }

    /// At most `limit` characters of one line, cut at a space where there is one, with `…`.
    public static func excerpt(_ text: String, limit: Int) -> String {
        let single = line(text)
        guard single.count > limit else { return single }
        var cut = String(single.prefix(limit))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = String(cut[..<space])
        }
        return cut.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) + "…"
    }

    // MARK: - Markdown

    /// Text for one line of Markdown (a heading, a list item, a table cell): cleaned, on one
    /// line, with every character that could start markup backslash-escaped.
    public static func markdown(_ text: String) -> String {
        escapeMarkdownLine(line(text))
    }

    /// Multi-line text as Markdown: each line escaped, lines of a paragraph joined by hard line
    /// breaks (a trailing `\`), paragraphs by an empty line. `indent` starts every line but the
    /// first (text that continues a list item).
    public static func markdownBlock(_ text: String, indent: String = "") -> String {
        var out = ""
        let all = lines(text)
        for (index, line) in all.enumerated() {
            if index > 0 { out += "\n" + (line.isEmpty ? "" : indent) }
            out += escapeMarkdownLine(line)
            if !line.isEmpty, index + 1 < all.count, !all[index + 1].isEmpty { out += "\\" }
        }
        return out
    }

    /// A table cell: one line, and `|` escaped (as everywhere) so it cannot end the cell.
    public static func markdownCell(_ text: String) -> String {
        let cell = markdown(text)
        return cell.isEmpty ? "—" : cell
    }

    static func escapeMarkdownLine(_ line: String) -> String {
        var out = ""
        let characters = Array(line)
        for (index, c) in characters.enumerated() {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", "|", "~":
                out.append("\\")
            case "&":
                // Only where it could start an entity (`&amp;`, `&#60;`).
                if index + 1 < characters.count,
                    characters[index + 1].isLetter || characters[index + 1].isNumber
                        || characters[index + 1] == "#"
                {
                    out.append("\\")
                }
            case "#":
                // At the start of a line a heading; a run at the end of a heading its closing sequence.
                if index == 0 || characters[index...].allSatisfy({ $0 == "#" }) { out.append("\\") }
            case ">", "-", "+", "=":
                // At the start of a line: a quote, a list item or a heading's underline.
                if index == 0 { out.append("\\") }
            case ".", ")":
                // `2026. ` at the start of a line is an ordered list item.
                if index > 0, characters[..<index].allSatisfy({ $0.isASCII && $0.isNumber }) { out.append("\\") }
            default: break
            }
            out.append(c)
        }
        return out
    }

    // MARK: - HTML

    /// Text for HTML content or a quoted attribute value: `&`, `<`, `>`, `"` and `'` as
    /// references (the five XML knows, so the page is well-formed XML as well as HTML).
    public static func html(_ text: String) -> String {
        escapeHTML(line(text))
    }

    /// Multi-line text as HTML: paragraphs (`<p>`), lines within one joined by `<br/>`.
    public static func htmlBlock(_ text: String) -> String {
        var paragraphs: [[String]] = [[]]
        for line in lines(text) {
            if line.isEmpty { paragraphs.append([]) } else { paragraphs[paragraphs.count - 1].append(escapeHTML(line)) }
        }
        return paragraphs.filter { !$0.isEmpty }.map { "<p>" + $0.joined(separator: "<br/>") + "</p>" }.joined(
            separator: "\n")
    }

    static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Dates and times as a report shows them.
enum ReportDates {
    /// `2026-03-10T09:00:00Z`, `2026-03-10T12:30:00Z` → `2026-03-10 09:00–12:30 UTC`; without an
    /// end `2026-03-10 09:00 UTC`; across days both in full.
    static func span(start: String, end: String?) -> String {
        let (day, time) = parts(start)
        guard let end, !end.isEmpty else { return "\(day) \(time) UTC".trimmingCharacters(in: .whitespaces) }
        let (endDay, endTime) = parts(end)
        if endDay == day { return "\(day) \(time)–\(endTime) UTC" }
        return "\(day) \(time) UTC – \(endDay) \(endTime) UTC"
    }

    static func parts(_ stamp: String) -> (day: String, time: String) {
        let text = ReportText.line(stamp)
        guard text.count >= 16, Dates.normalizedDateTime(text) != nil else { return (text, "") }
        return (String(text.prefix(10)), String(text.dropFirst(11).prefix(5)))
    }

    static func day(_ stamp: String) -> String { String(ReportText.line(stamp).prefix(10)) }
}

extension ReportText {
    /// A meeting kind as words: `joint_event` → `Joint event`.
    static func meetingKind(_ kind: String) -> String {
        switch kind {
        case "quarterly": return "Quarterly meeting"
        case "thematic": return "Thematic meeting"
        case "joint_event": return "Joint event"
        case "workshop": return "Workshop"
        case "kickoff": return "Kick-off meeting"
        default:
            let words = line(kind.replacingOccurrences(of: "_", with: " "))
            return words.prefix(1).uppercased() + words.dropFirst()
        }
    }
}
