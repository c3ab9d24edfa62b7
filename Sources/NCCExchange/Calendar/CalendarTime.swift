import NCCModel

/// Times between the store's `YYYY-MM-DDTHH:MM:SSZ` and iCalendar's `YYYYMMDDTHHMMSSZ`, in plain
/// integers (no date formatter, no time zone database).
enum CalendarTime {
    /// Seconds since 1970 of a stored UTC time, or nil if it is not one.
    static func seconds(stored: String) -> Int? {
        guard let normal = Dates.normalizedDateTime(stored) else { return nil }
        let bytes = Array(normal.utf8)
        // YYYY-MM-DDTHH:MM:SSZ
        guard bytes.count == 20 else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) } }
        let days = Dates.dayNumber(year: number(0..<4), month: number(5..<7), day: number(8..<10))
        return days * 86_400 + number(11..<13) * 3600 + number(14..<16) * 60 + number(17..<19)
    }

    /// The stored spelling of seconds since 1970.
    static func stored(seconds: Int) -> String {
        // Floor division: a time before 1970 is on the day before, not clamped to 1970.
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (y, m, d) = Dates.civil(days)
        return Dates.format(y, m, d) + "T" + pad2(rest / 3600) + ":" + pad2(rest / 60 % 60) + ":" + pad2(rest % 60)
            + "Z"
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `2026-03-10T09:00:00Z` as `20260310T090000Z`; nil if the stored text is not a UTC time.
    static func ics(stored: String) -> String? {
        guard let normal = Dates.normalizedDateTime(stored) else { return nil }
        return String(normal.filter { $0 != "-" && $0 != ":" })
    }

    /// Reads an iCalendar DATE-TIME (`YYYYMMDDTHHMMSS`, `Z` or not) or DATE (`YYYYMMDD`) as the
    /// stored UTC spelling: a floating or zoned time is taken as UTC, a date as its midnight UTC.
    static func parse(_ value: String) -> (stored: String, isDate: Bool, isUTC: Bool)? {
        let bytes = Array(value.utf8)
        func digits(_ range: Range<Int>) -> String? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ (48...57).contains($0) }) else {
                return nil
            }
            return String(decoding: bytes[range], as: UTF8.self)
        }
        guard let y = digits(0..<4), let m = digits(4..<6), let d = digits(6..<8) else { return nil }
        if bytes.count == 8 {
            guard let date = Dates.normalizedDate("\(y)-\(m)-\(d)") else { return nil }
            return (date + "T00:00:00Z", true, true)
        }
        let utc = bytes.count == 16 && (bytes[15] == UInt8(ascii: "Z") || bytes[15] == UInt8(ascii: "z"))
        guard bytes.count == 15 || utc, bytes[8] == UInt8(ascii: "T") || bytes[8] == UInt8(ascii: "t"),
            let hh = digits(9..<11), let mi = digits(11..<13), var ss = digits(13..<15)
        else { return nil }
        // A leap second (60) is allowed by RFC 5545; the store has none, so it is the last second.
        if ss == "60" { ss = "59" }
        guard let stored = Dates.normalizedDateTime("\(y)-\(m)-\(d)T\(hh):\(mi):\(ss)Z") else { return nil }
        return (stored, false, utc)
    }

    /// An iCalendar DURATION (`P1D`, `PT1H30M`, `P2W`, `-PT15M`) in seconds, or nil.
    static func duration(_ value: String) -> Int? {
        var text = Substring(value.uppercased())
        var sign = 1
        if text.hasPrefix("+") {
            text = text.dropFirst()
        } else if text.hasPrefix("-") {
            sign = -1
            text = text.dropFirst()
        }
        guard text.hasPrefix("P") else { return nil }
        text = text.dropFirst()
        var total = 0
        var number = ""
        var inTime = false
        var sawUnit = false
        for c in text {
            if c.isASCII, c.isNumber {
                number.append(c)
                continue
            }
            if c == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let n = Int(number), n <= 1_000_000 else { return nil }
            number = ""
            sawUnit = true
            switch (c, inTime) {
            case ("W", false): total += n * 604_800
            case ("D", false): total += n * 86_400
            case ("H", true): total += n * 3600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: return nil
            }
        }
        guard number.isEmpty, sawUnit else { return nil }
        return sign * total
    }
}
