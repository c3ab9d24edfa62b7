import NCCModel

/// A strict, fast parser for one line of `ops.jsonl`: a JSON object with the keys of an operation,
/// whose values are text, whole numbers, true/false, null and lists of texts. Anything else
/// (floats, nesting deeper than the format has, invalid UTF-8, trailing bytes) is an error.
/// Foundation's JSONDecoder took most of an import's time; this reads a line in a few microseconds.
struct LineParser {
    struct Failure: Error {
        var reason: String
    }

    struct Parsed {
        var fields: [String: Value] = [:]
        var kind: String?
        var prev: [String: String] = [:]
        var record: String?
        var replica: String?
        var seq: Int?
        var stamp: String?
        /// Version 2: commitments standing in for committed values that did not travel, and the
        /// salts of those that did (field -> hex).
        var hidden: [String: String] = [:]
        var salts: [String: String] = [:]
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ line: [UInt8]) throws(Failure) -> Parsed {
        do {
            return try line.withUnsafeBufferPointer { buffer in
                var parser = LineParser(buffer)
                return try parser.line()
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(reason: "\(error)")
        }
    }

    /// A `fields` object alone, as the operation log stores it.
    static func fields(_ text: String) throws(Failure) -> [String: Value] {
        do {
            var text = text
            return try text.withUTF8 { buffer in
                var parser = LineParser(buffer)
                let fields = try parser.object { try $0.value() }
                parser.skipSpace()
                guard parser.at == buffer.count else { throw Failure(reason: "bytes after the object") }
                return fields
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(reason: "\(error)")
        }
    }

    private mutating func line() throws -> Parsed {
        var parsed = Parsed()
        try expect(UInt8(ascii: "{"))
        var first = true
        var seen = Set<String>()
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") {
                at += 1
                break
            }
            if !first { try expect(UInt8(ascii: ",")) }
            first = false
            let key = try string()
            guard seen.insert(key).inserted else { throw Failure(reason: "the key '\(key)' appears twice") }
            try expect(UInt8(ascii: ":"))
            switch key {
            case "fields": parsed.fields = try object { try $0.value() }
            case "prev": parsed.prev = try strings()
            case "hidden": parsed.hidden = try strings()
            case "salts": parsed.salts = try strings()
            case "kind": parsed.kind = try string()
            case "record": parsed.record = try string()
            case "replica": parsed.replica = try string()
            case "stamp": parsed.stamp = try string()
            case "seq": parsed.seq = try integer()
            default: throw Failure(reason: "an unknown key")
            }
        }
        skipSpace()
        guard at == bytes.count else { throw Failure(reason: "bytes after the object") }
        return parsed
    }

    private mutating func strings() throws -> [String: String] {
        try object { parser in
            parser.skipSpace()
            return try parser.string()
        }
    }

    /// An object whose members `member` reads (after the colon); a key given twice is refused.
    private mutating func object<Member>(_ member: (inout LineParser) throws -> Member) throws -> [String: Member] {
        var result: [String: Member] = [:]
        try expect(UInt8(ascii: "{"))
        var first = true
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") {
                at += 1
                return result
            }
            if !first { try expect(UInt8(ascii: ",")) }
            first = false
            let name = try string()
            try expect(UInt8(ascii: ":"))
            guard result.updateValue(try member(&self), forKey: name) == nil else {
                throw Failure(reason: "the key '\(name)' appears twice")
            }
        }
    }

    private mutating func value() throws -> Value {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "\""): return .text(try string())
        case UInt8(ascii: "["):
            at += 1
            var items: [String] = []
            while true {
                skipSpace()
                if peek() == UInt8(ascii: "]") {
                    at += 1
                    return .list(items)
                }
                if !items.isEmpty { try expect(UInt8(ascii: ",")) }
                items.append(try string())
            }
        case UInt8(ascii: "t"):
            try word("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try word("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try word("null")
            return .null
        default: return .int(try integer())
        }
    }

    private mutating func integer() throws -> Int {
        skipSpace()
        let negative = peek() == UInt8(ascii: "-")
        if negative { at += 1 }
        var result = 0
        var digits = 0
        while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 {
            let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(Int(bytes[at] - 0x30))
            guard !overflow1, !overflow2 else { throw Failure(reason: "a number too large") }
            result = plus
            at += 1
            digits += 1
        }
        guard digits > 0 else {
            throw Failure(reason: "a value that is not text, a whole number, true, false, null or a list of texts")
        }
        if at < bytes.count,
            bytes[at] == UInt8(ascii: ".") || bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E")
        {
            throw Failure(reason: "a number that is not whole")
        }
        return negative ? -result : result
    }

    private mutating func string() throws -> String {
        skipSpace()
        try expect(UInt8(ascii: "\""))
        let start = at
        // Fast path: no escapes.
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<at])
                at += 1
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw Failure(reason: "text that is not UTF-8")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw Failure(reason: "a raw control character in text") }
            at += 1
        }
        var out = Array(bytes[start..<at])
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw Failure(reason: "text that is not UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                guard at < bytes.count else { break }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u")
                        else {
                            throw Failure(reason: "a lone surrogate in text")
                        }
                        at += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw Failure(reason: "a lone surrogate in text") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else {
                        throw Failure(reason: "a lone surrogate in text")
                    }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw Failure(reason: "a bad escape in text")
                }
            default:
                if byte < 0x20 { throw Failure(reason: "a raw control character in text") }
                out.append(byte)
            }
        }
        throw Failure(reason: "unterminated text")
    }

    private mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count else { throw Failure(reason: "a bad \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw Failure(reason: "a bad \\u escape")
            }
            value = value << 4 | digit
            at += 1
        }
        return value
    }

    private mutating func word(_ text: StaticString) throws {
        let count = text.utf8CodeUnitCount
        guard at + count <= bytes.count else { throw Failure(reason: "a bad value") }
        for i in 0..<count where bytes[at + i] != text.utf8Start[i] { throw Failure(reason: "a bad value") }
        at += count
    }

    private func peek() -> UInt8 { at < bytes.count ? bytes[at] : 0 }

    private mutating func skipSpace() {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x09 || bytes[at] == 0x0D || bytes[at] == 0x0A {
            at += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard at < bytes.count, bytes[at] == byte else {
            throw Failure(reason: at < bytes.count ? "malformed JSON at byte \(at + 1)" : "the line ends too soon")
        }
        at += 1
    }
}
