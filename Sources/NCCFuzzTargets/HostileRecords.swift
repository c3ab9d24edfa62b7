import NCCModel

/// One record of every kind with terminal escape sequences in every field that takes free text
/// (names, titles, descriptions, minutes, tags, e-mail addresses, phone numbers), and valid values
/// elsewhere: what a hostile peer can put in a bundle that passes every check. The tests import
/// it and look at every screen and every printed line for a raw control character.
public enum HostileRecords {
    /// Sequences that would retitle the window, clear the screen, move the cursor, ring the bell,
    /// start a device control string or (8-bit) a control sequence, and a DEL.
    public static let sequences = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[1;1H\u{9B}31m\u{1B}P+q\u{1B}\\\u{7F}"

    /// The values of one record of `kind`; `references` holds the id of the record made for each
    /// kind so far. Each text names its kind and field, so a test can tell it was drawn at all.
    public static func values(of kind: Kind, references: [Kind: String]) -> [String: Value] {
        var values: [String: Value] = [:]
        for field in Schema.fields(of: kind) {
            let label = "\(kind.rawValue).\(field.name)"
            switch field.type {
            case .text: values[field.name] = .text("\(label)\(sequences) end")
            case .longText: values[field.name] = .text("\(label)\(sequences)\rover\nsecond line\u{1B}[0m\u{08}\u{08}")
            case .tags: values[field.name] = .list(["\(label)\(sequences)", "plain"])
            case .email: values[field.name] = .text("evil\u{1B}]8;;http://x\u{1B}\\\(field.name)@example.org")
            case .country: values[field.name] = .text("LT")
            case .countries: values[field.name] = .list(["LT", "EL"])
            case .languages: values[field.name] = .list(["lt", "el"])
            case .date: values[field.name] = .text("2026-12-01")
            case .dateTime: values[field.name] = .text("2026-12-01T10:00:00Z")
            case .integer(let range): values[field.name] = .int(range.lowerBound)
            case .bool: values[field.name] = .bool(true)
            case .choice(let options): values[field.name] = .text(options[0])
            case .fraction: values[field.name] = .text("2/3")
            case .number: values[field.name] = .text("12.5")
            case .reference(let target): if let id = references[target] { values[field.name] = .text(id) }
            }
        }
        return values
    }

    /// Whether `text` holds a character a terminal would act on: C0 controls other than line
    /// feed and tab, DEL, and the C1 controls (U+0080–U+009F, which some terminals obey).
    public static func holdsControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
        }
    }
}
