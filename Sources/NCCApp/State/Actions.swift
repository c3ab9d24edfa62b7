import Screen

/// Everything a user can do with a key. Declared once in `ActionTable`, which drives key dispatch,
/// the footer and the `?` overlay, so the three can never disagree (as tig does with its requests).
public enum Action: String, Sendable, CaseIterable {
    // Moving
    case up, down, pageUp, pageDown, top, bottom, nextRegion, previousRegion
    case open, back, quit, help, filter, palette, toggleMouse
    case paneOverview, paneDirectory, paneExperts, paneTasks, paneMeetings, paneSync
    // Records
    case add, edit, delete
    // Tasks
    case cycleStatus, sortNext, filterStatus, filterArea, filterOwner, filterOverdue, clearFilters
    // Experts and needs
    case showNeeds, propose, toggleLanguageFilter, toggleAvailabilityFilter, toggleDeclinedFilter, advanceEngagement, declineEngagement
    // Meetings
    case addNote, addDecision, addActionItem, editMinutes, exportMinutes
    // Overview
    case exportReport
    // Sync
    case importBundle, exportBundle, keepCurrent, takeOther
    // Welcome
    case loadDemo, startEmpty
}

/// Where a binding applies.
public enum Scope: Sendable, Hashable {
    case everywhere
    case pane(Pane)
}

public struct Binding: Sendable {
    public var action: Action
    public var keys: [Key]
    /// The key as the footer and help show it.
    public var keyLabel: String
    /// One or two words for the footer.
    public var label: String
    /// A sentence for the help overlay.
    public var help: String
    public var scope: Scope
    /// Shown in the footer (the most useful keys of a pane), not only in help.
    public var inFooter: Bool
}

public enum ActionTable {
    public static let bindings: [Binding] = [
        // Panes and global keys
        b(.paneOverview, [.character("0")], "0", "Overview", "Show the overview: task charts, deadlines, needs, conflicts"),
        b(.paneDirectory, [.character("1")], "1", "Directory", "Show the NCC directory"),
        b(.paneExperts, [.character("2")], "2", "Experts", "Show experts, needs and matching"),
        b(.paneTasks, [.character("3")], "3", "Tasks", "Show the working group's tasks"),
        b(.paneMeetings, [.character("4")], "4", "Meetings", "Show meetings and minutes"),
        b(.paneSync, [.character("5")], "5", "Sync", "Show this replica, its peers and conflicts"),
        b(.up, [.up, .character("k")], "↑/k", "up", "Move up"),
        b(.down, [.down, .character("j")], "↓/j", "down", "Move down"),
        b(.pageUp, [.pageUp, .control("b")], "PgUp", "page up", "Move up a page"),
        b(.pageDown, [.pageDown, .control("f")], "PgDn", "page down", "Move down a page"),
        b(.top, [.home, .character("g")], "g/Home", "first", "Go to the first row"),
        b(.bottom, [.end, .character("G")], "G/End", "last", "Go to the last row"),
        b(.nextRegion, [.tab], "Tab", "next", "Focus the next region", footer: true),
        b(.previousRegion, [.backTab], "S-Tab", "previous", "Focus the previous region"),
        b(.open, [.enter], "Enter", "open", "Open the selected record", footer: true),
        b(.back, [.escape], "Esc", "back", "Back out or cancel (never quits)"),
        b(.filter, [.character("/")], "/", "filter", "Filter the list as you type (accents ignored)", footer: true),
        b(.palette, [.character(":")], ":", "jump", "Jump to any record of any kind", footer: true),
        b(.help, [.character("?"), .function(1)], "?", "help", "Show every key of this pane", footer: true),
        b(.toggleMouse, [.character("M")], "M", "mouse", "Turn mouse capture on or off"),
        b(.quit, [.character("q")], "q", "quit", "Quit (asks only when something is unsaved)", footer: true),
        // Records, in the panes that edit them
        b(.add, [.character("a")], "a", "add", "Add a record here", footer: true, panes: [.directory, .experts, .tasks, .meetings]),
        b(.edit, [.character("e")], "e", "edit", "Edit the selected record", footer: true, panes: [.directory, .experts, .tasks, .meetings]),
        b(.delete, [.character("d")], "d", "delete", "Delete the selected record (asks first)", footer: true, panes: [.directory, .tasks, .meetings]),
        // Tasks
        b(.cycleStatus, [.character(" ")], "Space", "status", "Move the task to its next status", footer: true, panes: [.tasks]),
        b(.sortNext, [.character("s")], "s", "sort", "Sort by the next column (again: reverse)", footer: true, panes: [.tasks]),
        b(.filterStatus, [.character("S")], "S", "by status", "Show only one status (cycles)", panes: [.tasks]),
        b(.filterArea, [.character("w")], "w", "by area", "Show only one working area (cycles)", panes: [.tasks]),
        b(.filterOwner, [.character("o")], "o", "by owner", "Show only the selected task's owner (again: everyone)", panes: [.tasks]),
        b(.filterOverdue, [.character("O")], "O", "overdue", "Show only overdue tasks (again: all)", footer: true, panes: [.tasks]),
        b(.clearFilters, [.character("c")], "c", "clear", "Clear the filters", panes: [.tasks]),
        // Experts
        b(.showNeeds, [.character("n")], "n", "needs", "Switch between the experts and the needs", footer: true, panes: [.experts]),
        b(.propose, [.character("p")], "p", "propose", "Propose the selected expert for the need", panes: [.experts]),
        b(.toggleLanguageFilter, [.character("L")], "L", "language", "Switch the language filter of the ranking off or on", panes: [.experts]),
        b(.toggleAvailabilityFilter, [.character("V")], "V", "availability", "Switch the availability filter of the ranking off or on", panes: [.experts]),
        b(.toggleDeclinedFilter, [.character("R")], "R", "refused", "Show or hide experts who declined this need before", panes: [.experts]),
        b(.advanceEngagement, [.character("s")], "s", "engagement on", "Move the selected engagement on: proposed, agreed, done (asks for feedback)", panes: [.experts]),
        b(.declineEngagement, [.character("x")], "x", "decline", "Mark the selected engagement declined", panes: [.experts]),
        // Meetings
        b(.addNote, [.character("n")], "n", "note", "Add a line to the minutes (saved at once)", footer: true, panes: [.meetings]),
        b(.addDecision, [.character("D")], "D", "decision", "Record a decision (saved at once)", footer: true, panes: [.meetings]),
        b(.addActionItem, [.character("A")], "A", "action", "Record an action item; it becomes a task", footer: true, panes: [.meetings]),
        b(.editMinutes, [.character("E")], "E", "editor", "Edit the minutes in $VISUAL or $EDITOR", panes: [.meetings]),
        b(.exportMinutes, [.character("m")], "m", "minutes file", "Write the selected meeting's minutes to a Markdown file", footer: true, panes: [.meetings]),
        // Overview
        b(.exportReport, [.character("r")], "r", "report", "Write the progress report (last 90 days) to an HTML file", footer: true, panes: [.overview]),
        // Sync
        b(.importBundle, [.character("i")], "i", "import", "Import a peer's bundle (shows what it brings, then asks)", footer: true, panes: [.sync]),
        b(.exportBundle, [.character("x")], "x", "export", "Export a full signed bundle of this database", footer: true, panes: [.sync]),
        b(.keepCurrent, [.character("k")], "k", "keep", "Keep the current value of the selected conflict", footer: true, panes: [.sync]),
        b(.takeOther, [.character("t")], "t", "take", "Take the other value of the selected conflict", footer: true, panes: [.sync]),
        // Welcome
        b(.loadDemo, [.character("d")], "d", "demo data", "Load demo data to explore", footer: true, panes: [.welcome]),
        b(.startEmpty, [.character("s"), .enter], "s", "start empty", "Start with an empty database", footer: true, panes: [.welcome]),
    ]

    private static func b(_ action: Action, _ keys: [Key], _ keyLabel: String, _ label: String, _ help: String,
                          footer: Bool = false, panes: [Pane]? = nil) -> Binding {
        Binding(action: action, keys: keys, keyLabel: keyLabel, label: label, help: help,
                scope: panes == nil ? .everywhere : .pane(panes![0]), inFooter: footer)
    }

    /// Bindings expanded per pane (a binding listed for several panes applies in each).
    static let expanded: [Binding] = {
        var result: [Binding] = []
        let panesOf: [Action: [Pane]] = [
            .add: [.directory, .experts, .tasks, .meetings], .edit: [.directory, .experts, .tasks, .meetings],
            .delete: [.directory, .tasks, .meetings],
        ]
        for binding in bindings {
            if let panes = panesOf[binding.action] {
                for pane in panes { var copy = binding; copy.scope = .pane(pane); result.append(copy) }
            } else {
                result.append(binding)
            }
        }
        return result
    }()

    /// The bindings that work in a pane, pane-specific ones first (they win over global ones).
    public static func bindings(in pane: Pane) -> [Binding] {
        let specific = expanded.filter { $0.scope == .pane(pane) }
        var global = pane == .welcome
            ? expanded.filter { $0.scope == .everywhere && [.quit, .help, .back, .toggleMouse].contains($0.action) }
            : expanded.filter { $0.scope == .everywhere }
        // A pane without a list has nothing to filter.
        if pane.isDetailOnly { global.removeAll { $0.action == .filter } }
        // A key a pane takes for itself (k keeps a conflict in Sync) no longer shows as a global one's.
        let taken = Set(specific.flatMap(\.keys))
        for i in global.indices where global[i].keys.contains(where: taken.contains) {
            let shadowed = global[i].keys.filter(taken.contains).compactMap { key -> String? in
                if case .character(let c) = key { return String(c) }
                return nil
            }
            global[i].keys.removeAll(where: taken.contains)
            global[i].keyLabel = global[i].keyLabel.split(separator: "/").map(String.init)
                .filter { !shadowed.contains($0) }.joined(separator: "/")
        }
        return specific + global.filter { !$0.keys.isEmpty }
    }

    public static func action(for key: Key, in pane: Pane) -> Action? {
        bindings(in: pane).first { $0.keys.contains(key) }?.action
    }
}
