import NCCMatch
import NCCModel
import NCCStore
import Screen

/// Which part of a pane has the keyboard.
public enum Region: Sendable, Hashable {
    case list, detail
}

/// One row of a list as it is drawn: already turned into text by the app (views never query).
public struct ListRow: Sendable, Hashable {
    public var kind: Kind
    public var id: String
    public var cells: [String]
    /// A theme role for the whole row (`warning` for an overdue task), or nil.
    public var role: String?
    /// A group heading drawn above this row (a country in the directory).
    public var group: String?

    public init(kind: Kind, id: String, cells: [String], role: String? = nil, group: String? = nil) {
        self.kind = kind
        self.id = id
        self.cells = cells
        self.role = role
        self.group = group
    }
}

public struct ColumnSpec: Sendable, Hashable {
    public var title: String
    /// Columns wide; 0 means it takes the room that is left.
    public var width: Int
    /// Cut last on a narrow screen (a date or a status cut short says nothing).
    public var whole: Bool
    public init(_ title: String, _ width: Int, whole: Bool = false) {
        self.title = title
        self.width = width
        self.whole = whole
    }
}

/// A list that pages from SQLite: only the rows around the visible window are loaded.
public struct ListState: Sendable {
    public var columns: [ColumnSpec] = []
    public var total = 0
    public var selected = 0
    public var top = 0
    /// Loaded rows, starting at list position `windowStart`.
    public var window: [ListRow] = []
    public var windowStart = 0
    /// The filter typed after `/`; `filtering` while the user is still typing it.
    public var filter = TextInput()
    public var filtering = false
    public var emptyMessage = "Nothing here yet."
    /// The query the list was loaded with (its filter's matches included), to reload only when
    /// it changes; nil for a search's hits.
    var loadedQuery: RecordQuery?

    public func row(at position: Int) -> ListRow? {
        let i = position - windowStart
        return i >= 0 && i < window.count ? window[i] : nil
    }

    public var selectedRow: ListRow? { row(at: selected) }

    /// Keeps the selection on the list and visible in `height` rows.
    mutating func clamp(height: Int) {
        selected = max(0, min(selected, total - 1))
        if total == 0 { selected = 0 }
        if selected < top { top = selected }
        if height > 0, selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, max(0, total - height)))
    }
}

/// A line of a detail view; lines with a target can be selected and opened.
public struct DetailLine: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case title, heading, text, dim
        case field(String)
        case warning
    }
    public var text: String
    public var style: Style
    public var target: RecordRef?
    /// Lines shown under this one while it is selected (a match's full explanation).
    public var more: [String] = []
    /// A horizontal bar drawn after `text` (which is then the indent), sized to the screen.
    public var bar: ChartBar?
    /// 0, or 1 for lines drawn in a second column when the screen is wide (the Overview's lists).
    public var column = 0

    public init(_ text: String, _ style: Style = .text, target: RecordRef? = nil) {
        self.text = text
        self.style = style
        self.target = target
    }
}

/// One bar of a bar chart: a label, the bar, then the count as a number (so the chart reads the
/// same without colour), and an optional note.
public struct ChartBar: Sendable, Hashable {
    public var label: String
    /// Columns the label takes (the same for every bar of a chart, so the bars start together).
    public var labelWidth: Int
    public var count: Int
    /// The largest count of the chart: its bar is the longest.
    public var maximum: Int
    public var note: String

    public init(label: String, labelWidth: Int, count: Int, maximum: Int, note: String = "") {
        self.label = label
        self.labelWidth = labelWidth
        self.count = count
        self.maximum = maximum
        self.note = note
    }
}

public struct RecordRef: Sendable, Hashable {
    public var kind: Kind
    public var id: String
    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }
}

public struct DetailState: Sendable {
    public var lines: [DetailLine] = []
    public var scroll = 0
    /// Index into `lines` of the selected openable line, when the detail has the focus.
    public var selected: Int?
    /// Records opened from the detail (Enter), most recent last; Esc goes back.
    public var stack: [RecordRef] = []
    /// The line selected when each of those was opened, to select it again on the way back.
    public var openedFrom: [Int] = []

    /// After the lines changed: the selection moves to the nearest openable line at or after it
    /// (else the last one; the first when there was none), and the scroll stays within the lines.
    mutating func keepSelectionOnAnOpenableLine() {
        let openable = lines.indices.filter { lines[$0].target != nil }
        if let current = selected, !openable.contains(current) {
            selected = openable.first { $0 >= current } ?? openable.last
        } else if selected == nil {
            selected = openable.first
        }
        scroll = max(0, min(scroll, lines.count - 1))
    }
}

/// Everything on screen derives from this; the app's update changes it, views only read it.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var pane: Pane = .directory
    public var region: Region = .list
    public var lists: [Pane: ListState] = [:]
    public var details: [Pane: DetailState] = [:]
    public var modal: Modal?
    public var message: Message?
    public var mouse = true
    public var quitting = false
    /// Each pane's list and detail side by side (or stacked), or one of them alone.
    public var zooms: [Pane: Zoom] = [:]

    // Pane-specific view settings
    public var tasks = TaskView()
    public var expertsShowNeeds = false
    /// The Decisions pane lists the register of decisions instead of the proposals.
    public var decisionsShowRegister = false
    /// The hard filters of matching, switched with L and V in the Experts pane.
    public var matchFilters = MatchFilters()
    /// What the Progress pane shows: its view, the objectives open, the record its detail is about.
    public var progress = ProgressViewState()
    public var replica = ""
    public var databasePath = ""
    /// The day the app takes as today (dates in forms, what is overdue).
    public var today = ""
    /// This replica's signing key's fingerprint; nil when it has none (export is off).
    public var fingerprint: String?
    /// The conflicts the Sync pane lists, each with the detail line that selects it.
    public var syncConflicts: [ConflictChoice] = []
    /// The Overview's status bars, each with the Tasks filter that Enter shows.
    public var overviewTaskLinks: [TaskLink] = []

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var list: ListState {
        get { lists[pane] ?? ListState() }
        set { lists[pane] = newValue }
    }

    public var detail: DetailState {
        get { details[pane] ?? DetailState() }
        set { details[pane] = newValue }
    }

    /// The shown pane's zoom.
    public var zoom: Zoom {
        get { zooms[pane] ?? .split }
        set { zooms[pane] = newValue }
    }

    /// Below this the app shows a notice instead of panes.
    public static let minimumSize = (width: 60, height: 16)
    public var isTooSmall: Bool { width < Self.minimumSize.width || height < Self.minimumSize.height }
}

public struct Message: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, warning, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// How the Tasks pane is sorted and filtered.
public struct TaskView: Sendable, Hashable {
    public static let sortFields = [
        Fields.Task.due, Fields.Task.status, Fields.Task.owner, Fields.Task.workingArea, Fields.Task.title,
    ]
    public var sortIndex = 0
    public var ascending = true
    public var status: String?
    public var area: String?
    public var areaTitle: String?
    public var owner: String?
    public var ownerName: String?
    public var overdueOnly = false

    public var isFiltered: Bool { status != nil || area != nil || owner != nil || overdueOnly }
}

/// What covers the panes, one at a time.
public enum Modal: Sendable {
    case help
    case confirm(Confirm)
    case form(FormState)
    case palette(PaletteState)
    case prompt(PromptState)
}

/// A one-line question: a path (the Sync pane's import and export, the minutes and the report),
/// or what a vote needs (a choice, an objection's reason, the review date of a closing proposal).
public struct PromptState: Sendable {
    public enum Purpose: Sendable, Hashable {
        case importBundle, exportBundle
        case exportMinutes(meeting: String)
        case exportReport
        /// The choice (and an optional reason after a colon) of a ballot on the proposal.
        case vote(proposal: String)
        /// The reason of an objection to the proposal.
        case object(proposal: String)
        /// Close the proposal, with the review date typed (none when left empty).
        case closeProposal(proposal: String)
    }
    public var title: String
    public var label: String
    public var input: TextInput
    public var purpose: Purpose
    /// What Enter does and the line under the input, when the prompt is not for a path.
    public var verb: String?
    public var hint: String?

    public init(
        title: String, label: String, input: TextInput = TextInput(), purpose: Purpose, verb: String? = nil,
        hint: String? = nil
    ) {
        self.title = title
        self.label = label
        self.input = input
        self.purpose = purpose
        self.verb = verb
        self.hint = hint
    }
}

/// A bar of the Overview's task chart: Enter shows the Tasks pane filtered to its area and status.
public struct TaskLink: Sendable, Hashable {
    /// The index of its selectable line in the Overview's detail lines.
    public var line: Int
    public var area: String
    public var areaTitle: String
    public var status: String
}

/// A conflict as the Sync pane shows it, with what k keeps and t takes.
public struct ConflictChoice: Sendable, Hashable {
    /// The index of its selectable line in the Sync pane's detail lines.
    public var line: Int
    public var kind: Kind
    public var record: String
    public var title: String
    public var field: String
    /// The value the field holds now (k keeps it) and the value that lost (t takes it).
    public var current: Value
    public var other: Value
    /// Both as one line of text.
    public var currentText: String
    public var otherText: String
}

public struct Confirm: Sendable {
    public var question: String
    public var onYes: Confirmed
}

/// What the app does once the user says yes.
public enum Confirmed: Sendable, Hashable {
    case delete(RecordRef)
    case quit
    case discardForm
    case propose(expert: String, need: String)
    case decline(engagement: String)
    /// Apply the bundle at `path` (previewed with this file hash), trusting its signer or not.
    case importBundle(path: String, trust: Bool, fileHash: String)
}

public struct PaletteState: Sendable {
    public var input = TextInput()
    public var hits: [PaletteHit] = []
    public var selected = 0
}

public struct PaletteHit: Sendable, Hashable {
    public var ref: RecordRef
    public var title: String
    public var snippet: String
}
