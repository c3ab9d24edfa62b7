import Foundation

/// One deterministic JSON spelling of values: sorted keys, no spaces, and every control character
/// (C0, DEL, C1) escaped as `\uXXXX`, so the text is byte-stable for hashing and safe to print.
public enum CanonicalJSON {
    public static func encode(_ fields: [String: Value]) -> String {
        var out = "{"
        out.reserveCapacity(64 * fields.count)
        for (i, key) in fields.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            appendString(key, to: &out)
            out += ":"
            append(fields[key]!, to: &out)
        }
        return out + "}"
    }

    public static func encode(_ strings: [String: String]) -> String {
        encode(strings.mapValues { Value.text($0) })
    }

    public static func encode(_ list: [String]) -> String {
        var out = ""
        append(.list(list), to: &out)
        return out
    }

    public static func append(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .text(let s): appendString(s, to: &out)
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                appendString(item, to: &out)
            }
            out += "]"
        }
    }

    public static func appendString(_ s: String, to out: inout String) {
        out += "\""
        // Fast path: nothing to escape (no quote, backslash, C0, DEL or C1 control).
        var clean = true
        var previous: UInt8 = 0
        for byte in s.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || (previous == 0xC2 && byte <= 0x9F) {
                clean = false
                break
            }
            previous = byte
        }
        if clean {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Parses a JSON object of field values, as written by `encode`.
    public static func decodeFields(_ text: String) throws -> [String: Value] {
        try JSONDecoder().decode([String: Value].self, from: Data(text.utf8))
    }

    public static func decodeValue(_ text: String) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }

    public static func decodeList(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    public static func decodeStrings(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
