import Foundation

/// The UTC offset of a local time in an iCalendar TZID. Google, Apple and Thunderbird name IANA
/// zones (`Europe/Vilnius`), which the system's time zone database knows; Outlook names Windows
/// zones (`FLE Standard Time`), of which the European ones are mapped here as CLDR does. A zone
/// known to neither is left to the caller (read as UTC, and said so).
enum CalendarZone {
    /// UTC seconds of `local` (a wall-clock time counted as if it were UTC) in the zone `tzid`,
    /// or nil when the zone is unknown.
    static func utc(local: Int, tzid: String) -> Int? {
        guard let zone = zone(tzid) else { return nil }
        // The offset at the wall-clock time read as UTC may be an hour off near a change of
        // summer time; asking again at the instant it gives settles it.
        let guess = local - zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        return local - zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess)))
    }

    static func zone(_ tzid: String) -> TimeZone? {
        let id = tzid.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { return nil }
        if let iana = windows[id] { return TimeZone(identifier: iana) }
        // Only Area/City names: TimeZone also takes abbreviations such as "EST", which are ambiguous.
        if id.contains("/") || id == "UTC" || id == "GMT", let zone = TimeZone(identifier: id) { return zone }
        // Older Mozilla calendars prefix the IANA name: /mozilla.org/20050126_1/Europe/Vilnius.
        let parts = id.split(separator: "/")
        if parts.count > 2 { return TimeZone(identifier: parts.suffix(2).joined(separator: "/")) }
        return nil
    }

    /// Windows zone names of Europe and their IANA zones (CLDR windowsZones, territory 001).
    static let windows: [String: String] = [
        "GMT Standard Time": "Europe/London",
        "Greenwich Standard Time": "Atlantic/Reykjavik",
        "W. Europe Standard Time": "Europe/Berlin",
        "Central Europe Standard Time": "Europe/Budapest",
        "Central European Standard Time": "Europe/Warsaw",
        "Romance Standard Time": "Europe/Paris",
        "GTB Standard Time": "Europe/Bucharest",
        "E. Europe Standard Time": "Europe/Chisinau",
        "FLE Standard Time": "Europe/Helsinki",
        "Turkey Standard Time": "Europe/Istanbul",
    ]
}
