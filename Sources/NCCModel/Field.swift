/// What a field holds, which decides how its input is parsed and checked.
public enum FieldType: Sendable, Hashable {
    /// One line of text.
    case text
    /// Free text that may span lines (bios, descriptions, minutes).
    case longText
    case integer(ClosedRange<Int>)
    case bool
    /// A calendar day, `YYYY-MM-DD`.
    case date
    /// A moment in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    case dateTime
    /// An ISO 3166-1 alpha-2 code, or the EU's `EL` and `UK`.
    case country
    case countries
    /// ISO 639-1 codes.
    case languages
    /// Free-text items (topics, tags).
    case tags
    case email
    case choice([String])
    /// A share between 0 and 1 ("2/3", "0.6", "60%"), kept as typed in normal form (`Fraction`).
    case fraction
    /// A decimal number ("12.5", "-3"), kept as text in normal form (`DecimalText`).
    case number
    /// The id of a record of another kind.
    case reference(Kind)

    public var isList: Bool {
        switch self {
        case .countries, .languages, .tags: true
        default: false
        }
    }

    public var referencedKind: Kind? { if case .reference(let k) = self { k } else { nil } }

    /// A short description for help texts and error messages.
    public var hint: String {
        switch self {
        case .text: "text"
        case .longText: "text"
        case .integer(let r): "a whole number \(r.lowerBound)-\(r.upperBound)"
        case .bool: "true or false"
        case .date: "a date YYYY-MM-DD"
        case .dateTime: "a UTC time YYYY-MM-DDTHH:MM:SSZ"
        case .country: "a country code such as SI or EL"
        case .countries: "country codes separated by ;"
        case .languages: "ISO 639-1 language codes separated by ;"
        case .tags: "items separated by ;"
        case .email: "an e-mail address"
        case .choice(let options): "one of " + options.joined(separator: ", ")
        case .fraction: "a share such as 2/3, 0.6 or 60%"
        case .number: "a number such as 12.5"
        case .reference(let k): "a \(k.singular)'s id or exact name"
        }
    }
}

/// One field of a kind: its name (the SQLite column, the CLI flag, the key in operations) and rules.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    /// Withheld from bundles unless its record may share it (`KindSpec.sharing`): a person's
    /// contact details, a centre's assessment scores.
    public var personal: Bool
    /// The value a newly created record gets when none is given.
    public var defaultValue: Value
    /// Kept for order, not for reading (an agenda item's position): details leave it out.
    public var hidden: Bool

    public init(
        _ name: String, _ type: FieldType, required: Bool = false, personal: Bool = false,
        default defaultValue: Value = .null, hidden: Bool = false
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.personal = personal
        self.defaultValue = defaultValue
        self.hidden = hidden
    }

    /// A field of a kind's spec, named by its constant in `Fields`.
    public init(
        _ name: FieldName, _ type: FieldType, required: Bool = false, personal: Bool = false,
        default defaultValue: Value = .null, hidden: Bool = false
    ) {
        self.init(name.name, type, required: required, personal: personal, default: defaultValue, hidden: hidden)
    }

    /// `availability_days` is typed as `--availability-days` on the command line.
    public var flag: String { name.replacingOccurrences(of: "_", with: "-") }
}
