import Foundation

/// One property of an iCalendar file, unfolded: its name and parameter names in upper case,
/// parameter values unquoted, the value as written (still escaped), and the line it starts on.
struct ICSProperty: Sendable, Equatable {
    var name: String
    var parameters: [String: [String]]
    var value: String
    var line: Int

    func parameter(_ name: String) -> String? { parameters[name]?.first }
}

/// A VEVENT's properties and the line of its BEGIN.
struct ICSEventBlock: Sendable {
    var line: Int
    var properties: [ICSProperty]

    func first(_ name: String) -> ICSProperty? { properties.first { $0.name == name } }
    func all(_ name: String) -> [ICSProperty] { properties.filter { $0.name == name } }
}

/// Reads the lines of an .ics file (RFC 5545 §3.1 and §3.4): UTF-8, lines ended by CRLF (a bare
/// LF is accepted), folded lines joined, components nested properly. Gives the VEVENTs of its
/// VCALENDARs; other components (VTIMEZONE, VTODO, a VEVENT's VALARM) are checked and passed over.
/// Every refusal names the line.
struct ICSParser {
    static let maxFileBytes = 20 * 1024 * 1024
    static let maxLineBytes = 1024 * 1024

    let name: String

    func fail(_ line: Int, _ message: String) -> CalendarFileError {
        CalendarFileError("\(name):\(line): \(message); nothing was imported", line: line)
    }

    /// The VEVENTs of a whole file's bytes.
    func events(in data: [UInt8]) throws -> [ICSEventBlock] {
        var events: [ICSEventBlock] = []
        var stack: [(name: String, line: Int)] = []
        var current: ICSEventBlock?
        var sawCalendar = false
        var lastLine = 0
        try forEachLogicalLine(data) { lineNumber, bytes in
            lastLine = lineNumber
            let property = try parse(bytes, line: lineNumber)
            switch property.name {
            case "BEGIN":
                let component = property.value.trimmingCharacters(in: .whitespaces).uppercased()
                guard isName(component) else { throw fail(lineNumber, "BEGIN needs a component name (BEGIN:VEVENT)") }
                if stack.isEmpty {
                    guard component == "VCALENDAR" else {
                        throw fail(lineNumber, "expected BEGIN:VCALENDAR, found BEGIN:\(component)")
                    }
                    sawCalendar = true
                } else if component == "VCALENDAR" {
                    throw fail(lineNumber, "a VCALENDAR inside \(stack.last!.name) (line \(stack.last!.line))")
                }
                if component == "VEVENT", stack.count == 1 { current = ICSEventBlock(line: lineNumber, properties: []) }
                stack.append((component, lineNumber))
            case "END":
                let component = property.value.trimmingCharacters(in: .whitespaces).uppercased()
                guard let open = stack.last else {
                    throw fail(lineNumber, "END:\(component) without a BEGIN")
                }
                guard open.name == component else {
                    throw fail(
                        lineNumber, "END:\(component) where BEGIN:\(open.name) of line \(open.line) is still open")
                }
                stack.removeLast()
                if component == "VEVENT", stack.count == 1, let event = current {
                    events.append(event)
                    current = nil
                }
            default:
                guard !stack.isEmpty else {
                    throw fail(
                        lineNumber,
                        sawCalendar
                            ? "\(property.name) after END:VCALENDAR"
                            : "expected BEGIN:VCALENDAR, found \(property.name)")
                }
                // The event's own properties, not those of an alarm inside it.
                if current != nil, stack.count == 2 { current!.properties.append(property) }
            }
        }
        if let open = stack.first {
            let inner = stack.last!
            throw fail(
                inner.line, "BEGIN:\(inner.name) is never ended (the file stops at line \(max(lastLine, open.line)))")
        }
        guard sawCalendar else { throw fail(1, "not an iCalendar file (no BEGIN:VCALENDAR)") }
        return events
    }

    /// Calls `body` with each unfolded line and the number of the physical line it starts on.
    /// Empty lines are passed over (RFC 5545 has none, but files often end with one).
    func forEachLogicalLine(_ data: [UInt8], _ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        var start = 0
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var pending: [UInt8] = []
        var pendingLine = 0
        var lineNumber = 0
        func emit() throws {
            if pendingLine > 0 { try body(pendingLine, pending[...]) }
            pending.removeAll(keepingCapacity: true)
            pendingLine = 0
        }
        while start < data.count {
            lineNumber += 1
            var end = data[start...].firstIndex(of: 0x0A) ?? data.count
            let next = end + 1
            if end > start, data[end - 1] == 0x0D { end -= 1 }
            let line = data[start..<end]
            start = next
            if line.count > Self.maxLineBytes {
                throw fail(lineNumber, "the line is longer than \(Self.maxLineBytes / 1024 / 1024) MB")
            }
            if line.contains(0x0D) { throw fail(lineNumber, "a carriage return inside the line") }
            if line.isEmpty {
                try emit()
                continue
            }
            if line.first == 0x20 || line.first == 0x09 {
                guard pendingLine > 0 else {
                    throw fail(lineNumber, "a folded line (starting with a space) that continues no line")
                }
                pending += line.dropFirst()
                if pending.count > Self.maxLineBytes {
                    throw fail(pendingLine, "the unfolded line is longer than \(Self.maxLineBytes / 1024 / 1024) MB")
                }
                continue
            }
            try emit()
            pending += line
            pendingLine = lineNumber
        }
        try emit()
    }

    /// `NAME *(";" param) ":" value`, parameters `NAME=value *("," value)` with values quoted or not.
    func parse(_ bytes: ArraySlice<UInt8>, line: Int) throws -> ICSProperty {
        var i = bytes.startIndex
        func isNameByte(_ b: UInt8) -> Bool {
            (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == UInt8(ascii: "-")
        }
        func readName() -> String? {
            let begin = i
            while i < bytes.endIndex, isNameByte(bytes[i]) { i += 1 }
            return i > begin ? String(decoding: bytes[begin..<i], as: UTF8.self).uppercased() : nil
        }
        let shown = String(decoding: bytes.prefix(40), as: UTF8.self)
        guard let name = readName() else { throw fail(line, "'\(shown)' is not a content line (NAME:value)") }
        var parameters: [String: [String]] = [:]
        while i < bytes.endIndex, bytes[i] == UInt8(ascii: ";") {
            i += 1
            guard let parameter = readName(), i < bytes.endIndex, bytes[i] == UInt8(ascii: "=") else {
                throw fail(line, "a parameter of \(name) is not NAME=value")
            }
            i += 1
            var values: [String] = []
            while true {
                if i < bytes.endIndex, bytes[i] == UInt8(ascii: "\"") {
                    i += 1
                    guard let close = bytes[i...].firstIndex(of: UInt8(ascii: "\"")) else {
                        throw fail(line, "the quoted value of \(parameter) is not closed")
                    }
                    values.append(String(decoding: bytes[i..<close], as: UTF8.self))
                    i = close + 1
                } else {
                    let begin = i
                    while i < bytes.endIndex,
                        ![UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\"")].contains(
                            bytes[i])
                    { i += 1 }
                    values.append(String(decoding: bytes[begin..<i], as: UTF8.self))
                }
                guard i < bytes.endIndex, bytes[i] == UInt8(ascii: ",") else { break }
                i += 1
            }
            parameters[parameter, default: []] += values
        }
        guard i < bytes.endIndex, bytes[i] == UInt8(ascii: ":") else {
            throw fail(line, "'\(shown)' is not a content line (NAME:value)")
        }
        let value = String(decoding: bytes[(i + 1)...], as: UTF8.self)
        return ICSProperty(name: name, parameters: parameters, value: value, line: line)
    }

    private func isName(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || $0 == UInt8(ascii: "-") }
    }
}
