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
        if let items = plainStrings(text, open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { return items }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    public static func decodeStrings(_ text: String) -> [String: String] {
        if let items = plainStrings(text, open: UInt8(ascii: "{"), close: UInt8(ascii: "}")), items.count % 2 == 0 {
            var result: [String: String] = [:]
            result.reserveCapacity(items.count / 2)
            for i in stride(from: 0, to: items.count, by: 2) { result[items[i]] = items[i + 1] }
            if result.count == items.count / 2 { return result }
        }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    /// The strings of a list (`["a","b"]`) or of an object's keys and values in turn
    /// (`{"k":"v"}`) as `encode` spells them, read straight from the bytes: every list row a
    /// screen shows decodes a few of these, and JSONDecoder took most of a page's time. Nil for
    /// anything else (an escape, a space, a number), which the full decoder then reads.
    static func plainStrings(_ text: String, open: UInt8, close: UInt8) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            guard bytes.count >= 2, bytes[0] == open, bytes[bytes.count - 1] == close else { return nil }
            var items: [String] = []
            var at = 1
            if at == bytes.count - 1 { return items }
            while true {
                guard bytes[at] == UInt8(ascii: "\"") else { return nil }
                let start = at + 1
                at = start
                while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
                    if bytes[at] == UInt8(ascii: "\\") { return nil }
                    at += 1
                }
                guard at < bytes.count else { return nil }
                items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self))
                at += 1
                guard at < bytes.count else { return nil }
                let separator = bytes[at]
                if separator == close { return at == bytes.count - 1 ? items : nil }
                // An object alternates ':' after a key and ',' after a value; a list has only ','.
                let expected = open == UInt8(ascii: "{") && items.count % 2 == 1 ? UInt8(ascii: ":") : UInt8(ascii: ",")
                guard separator == expected else { return nil }
                at += 1
                guard at < bytes.count else { return nil }
            }
        }
    }
}
