/// Everything ncc knows about one kind of record, declared once (as tig declares each request
/// once): its names, fields and rules, what names a record, its list, CSV and form layouts, how
/// search indexes it, which records are its parts and where a member looks for it. The store,
/// the CLI, CSV, forms, lists, search, JSON and the jump list all read it from here.
///
/// Adding a kind: a case in `Kind`, its spec in a file of its own under `Kinds/`, the line that
/// maps the case to it in `Kind.spec` (the compiler asks for it), and the migration that makes
/// its table. `KindSpecTests` walks every kind through all of the above.
/// A class, not a struct: it is a table entry that every read and write looks at, and handing out
/// a reference costs one retain where a copy of its dozen fields cost a dozen.
public final class KindSpec: Sendable {
    /// In messages: "working area".
    public let singular: String
    /// The word a user types on the command line: "working-areas".
    public let plural: String
    /// Its fields, in the order `ncc show` and the detail list them.
    public let fields: [Field]
    /// What a record is called by.
    public let naming: Naming
    /// The columns `ncc list` shows, most telling first.
    public let listColumns: [String]
    /// How `ncc list` orders it; nil: by its name, then id.
    public let listOrder: [String]?
    /// Its CSV file, or nil when it has none (the parts of meetings travel with their meeting).
    public let csv: CSVLayout?
    /// The fields a form shows, in the order a person fills them in; nil: every field.
    public let form: [String]?
    /// Where it sits in the one full-text index.
    public let search: SearchEntry
    /// Records of other kinds that belong to one of this kind and go when it goes.
    public let parts: [Part]
    /// For a record that links two others (a membership, an attendance): the field naming the
    /// far end, which is what a list of related records shows and opens.
    public let linkTarget: FieldName?
    /// Where a member looks for it (the app's jump list opens it there).
    public let group: RecordGroup
    /// Named in the CLI's help and counted by `ncc demo` and `ncc init`; the others (parts of
    /// meetings, links) are reachable under their own names but stay out of the way.
    public let isMain: Bool
    /// What `ncc forget` turns its personal fields into, or nil when it holds none.
    public let erasure: [FieldName: Value]?
    /// Which of its records may send their personal fields in bundles; nil: none may.
    public let sharing: Sharing?

    public init(
        singular: String, plural: String, fields: [Field], naming: Naming, listColumns: [String],
        listOrder: [String]? = nil, csv: CSVLayout? = nil, form: [String]? = nil, search: SearchEntry,
        parts: [Part] = [], linkTarget: FieldName? = nil, sharing: Sharing? = nil, group: RecordGroup, isMain: Bool,
        erasure: [FieldName: Value]? = nil
    ) {
        self.singular = singular
        self.plural = plural
        self.fields = fields
        self.naming = naming
        self.listColumns = listColumns
        self.listOrder = listOrder
        self.csv = csv
        self.form = form
        self.search = search
        self.parts = parts
        self.linkTarget = linkTarget
        self.group = group
        self.isMain = isMain
        self.erasure = erasure
        self.sharing = sharing
    }

    /// The field by which a record says its personal fields may leave the machine, and the
    /// value that says so (a person's `shareable` true, an assessment's `sharing` "all").
    /// Any other value, or none, keeps them home: bundles carry their commitments instead.
    public struct Sharing: Sendable, Hashable {
        public var field: FieldName
        public var travels: Value
        public init(_ field: FieldName, travels: Value) {
            self.field = field
            self.travels = travels
        }
    }

    /// What a record is called by: a field of its own, or the title of the record a reference
    /// points at (an expert is called by their person's name).
    public enum Naming: Sendable, Hashable {
        case field(FieldName)
        case reference(FieldName)
    }

    /// A CSV file's columns, and those it must have: what names a record and what it cannot
    /// exist without. Most columns are fields; `CSVTable` maps the few that are not.
    public struct CSVLayout: Sendable, Hashable {
        public var columns: [String]
        public var required: [String]
        /// How a row without an id finds the record it updates.
        public var identity: RowIdentity
        public init(columns: [String], required: [String], identity: RowIdentity = .name) {
            self.columns = columns
            self.required = required
            self.identity = identity
        }
    }

    /// How a CSV row without an id finds the record it updates, so that importing the same file
    /// twice updates the same records (else a stable id is made from what names it).
    public enum RowIdentity: Sendable, Hashable {
        /// The record of the same name.
        case name
        /// The record of the same name with the same value of another field, for names that are
        /// unique only within it (a need's title within its centre, a meeting's at its start);
        /// `where` words the field in messages ("at this time").
        case nameWithin(FieldName, where: String)
        /// An expert: by their person's name.
        case personName
        /// A link between two records (an engagement: its expert and need).
        case pair(FieldName, FieldName)
        /// The record with the same values of these fields (an assessment: its centre, round and
        /// dimension). `perReplica`: and made by this replica, so that two centres reporting the
        /// same measurement differently make two records, a conflict in plain sight, instead of
        /// one overwriting the other.
        case fields([FieldName], perReplica: Bool)
    }

    /// A kind's fixed code in the search index's rowids (`key * 64 + code`, 1...63; never
    /// changed once shipped), and whether its records are indexed at all.
    public struct SearchEntry: Sendable, Hashable {
        public var code: Int
        public var indexed: Bool
        /// Indexed only when its own text says something: a record named after others (an
        /// engagement, after its expert) would otherwise come first in every search for a name.
        public var onlyWithText = false
        public static func indexed(code: Int, onlyWithText: Bool = false) -> SearchEntry {
            SearchEntry(code: code, indexed: true, onlyWithText: onlyWithText)
        }
        public static func notIndexed(code: Int) -> SearchEntry { SearchEntry(code: code, indexed: false) }
    }

    /// A kind whose records belong to this one through a reference field.
    public struct Part: Sendable, Hashable {
        public var kind: Kind
        public var field: String
        /// The part's field that points at its whole (`Fields.Membership.centre`).
        public init(_ field: FieldName) {
            self.kind = field.kind
            self.field = field.name
        }
    }
}

/// The part of the working group's world a record belongs to, where a member looks for it.
public enum RecordGroup: Sendable, Hashable, CaseIterable {
    /// Centres, consortia, organisations and people.
    case directory
    /// Experts, centres' needs and engagements.
    case experts
    /// The action plan: working areas and tasks.
    case tasks
    /// Meetings with their agenda, attendance and action items.
    case meetings
    /// Proposals, their ballots, and the register of decisions.
    case decisions
    /// Objectives, indicators and measurements; self-assessments and the learning pathway.
    case progress
}
