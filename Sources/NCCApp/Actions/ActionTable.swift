import Screen

/// Every key of the app, declared once: the app's global keys and the input modes' here, each
/// pane's in its folder (`PaneFeature.bindings`). Dispatch, the footer, the hints of forms and
/// prompts and the `?` overlay are all read from it.
public enum ActionTable {
    /// Keys that work in every pane (a pane's own binding of the same key wins): first each tab's
    /// number, from the pane registry, then the app's own.
    public static let global: [Binding] =
        Pane.tabs.map { pane in
            let key = String(pane.rawValue)
            return Binding(pane.showAction, [.character(Character(key))], key, pane.title, pane.feature.summary)
        } + [
            Binding(.up, [.up, .character("k")], "↑/k", "up", "Move up"),
            Binding(.down, [.down, .character("j")], "↓/j", "down", "Move down"),
            Binding(.pageUp, [.pageUp, .control("b")], "PgUp", "page up", "Move up a page"),
            Binding(.pageDown, [.pageDown, .control("f")], "PgDn", "page down", "Move down a page"),
            Binding(.top, [.home, .character("g")], "g/Home", "first", "Go to the first row"),
            Binding(.bottom, [.end, .character("G")], "G/End", "last", "Go to the last row"),
            Binding(.nextRegion, [.tab], "Tab", "next", "Focus the next region", footer: true),
            Binding(.previousRegion, [.backTab], "S-Tab", "previous", "Focus the previous region"),
            Binding(.open, [.enter], "Enter", "open", "Open the selected record", footer: true),
            Binding(.back, [.escape], "Esc", "back", "Back out or cancel (never quits)"),
            Binding(
                .filter, [.character("/")], "/", "filter", "Filter the list as you type (accents ignored)", footer: true
            ),
            Binding(.palette, [.character(":")], ":", "jump", "Jump to any record of any kind", footer: true),
            Binding(.zoom, [.character("+")], "+", "zoom", "Zoom: list and detail, list alone, detail alone"),
            Binding(.help, [.character("?"), .function(1)], "?", "help", "Show every key of this pane", footer: true),
            Binding(.toggleMouse, [.character("M")], "M", "mouse", "Turn mouse capture on or off"),
            Binding(.quit, [.character("q")], "q", "quit", "Quit (asks only when something is unsaved)", footer: true),
        ]

    /// The keys of the panes that edit records; a pane lists those it offers among its bindings.
    static let add = Binding(.add, [.character("a")], "a", "add", "Add a record here", footer: true)
    static let edit = Binding(.edit, [.character("e")], "e", "edit", "Edit the selected record", footer: true)
    static let delete = Binding(
        .delete, [.character("d")], "d", "delete", "Delete the selected record (asks first)", footer: true)

    /// The keys of each input mode, in the order its footer or hint line shows them.
    public static func bindings(in mode: Mode) -> [Binding] { modes[mode] ?? [] }

    /// The bindings that work in a pane, pane-specific ones first (they win over global ones).
    public static func bindings(in pane: Pane) -> [Binding] {
        let specific = pane.feature.bindings.map { $0.scoped(.pane(pane)) }
        var global =
            pane.feature.offersOnlyTheEssentials
            ? global.filter { [.quit, .help, .back, .toggleMouse].contains($0.action) }
            : global
        // A pane without a list has nothing to filter or zoom.
        if pane.feature.isDetailOnly { global.removeAll { [.filter, .zoom].contains($0.action) } }
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

    public static func action(for key: Key, in mode: Mode) -> Action? {
        bindings(in: mode).first { $0.keys.contains(key) }?.action
    }

    /// The key of an action as the table labels it where it works, for the hints in messages and
    /// empty lists ("c clears them"): a key rebound in the table is rebound there too.
    static func key(_ action: Action, in pane: Pane) -> String { key(action, among: bindings(in: pane)) }

    /// The key of one of the app's own actions (Esc backs out, q quits, in every pane).
    static func key(_ action: Action) -> String { key(action, among: global) }

    static func key(_ action: Action, in mode: Mode) -> String { key(action, among: bindings(in: mode)) }

    private static func key(_ action: Action, among bindings: [Binding]) -> String {
        bindings.first { $0.action == action }?.keyLabel ?? "?"
    }

    /// A mode's footer keys as one hint line: "Enter/Ctrl-S save · Tab next field · Esc cancel"
    /// (a question's "y yes    n no", the help's "any key closes").
    static func hint(_ mode: Mode, separator: String = " · ") -> String {
        bindings(in: mode).filter(\.inFooter).map { "\($0.keyLabel) \($0.label)" }.joined(separator: separator)
    }
}

extension Action {
    // The input modes' own actions.
    public static let typeToFilter = Action("typeToFilter"), keepFilter = Action("keepFilter"),
        clearFilter = Action("clearFilter")
    public static let save = Action("save"), cancel = Action("cancel"), nextField = Action("nextField")
    /// Tab and S-Tab go round the form; ↑ and ↓ stop at its first and last field.
    public static let fieldAbove = Action("fieldAbove"), fieldBelow = Action("fieldBelow")
    public static let previousField = Action("previousField"), toggleYesNo = Action("toggleYesNo"),
        newLine = Action("newLine")
    public static let choiceUp = Action("choiceUp"), choiceDown = Action("choiceDown"),
        takeChoice = Action("takeChoice")
    public static let takeChoiceAndGoOn = Action("takeChoiceAndGoOn"), closeChoices = Action("closeChoices")
    public static let yes = Action("yes"), no = Action("no"), submit = Action("submit"), closeHelp = Action("closeHelp")
}

extension ActionTable {
    private static func mode(_ mode: Mode, _ bindings: [Binding]) -> (Mode, [Binding]) {
        (mode, bindings.map { $0.scoped(.mode(mode)) })
    }

    private static let fieldKeys: [Binding] = [
        Binding(.nextField, [.tab], "Tab", "next field", "Check the field and go to the next one", footer: true),
        Binding(.previousField, [.backTab], "S-Tab", "previous field", "Check the field and go to the one before"),
        Binding(
            .cancel, [.escape], "Esc", "cancel", "Close the form (asks first when something changed)", footer: true),
    ]

    private static let lineKeys: [Binding] =
        [
            Binding(.save, [.enter, .control("s")], "Enter/Ctrl-S", "save", "Check every field and save", footer: true)
        ] + fieldKeys + [
            Binding(.fieldAbove, [.up], "↑", "previous field", "Check the field and go to the one above"),
            Binding(.fieldBelow, [.down], "↓", "next field", "Check the field and go to the one below"),
        ]

    private static let modes: [Mode: [Binding]] = Dictionary(uniqueKeysWithValues: [
        mode(
            .filter,
            [
                Binding(
                    .typeToFilter, [], "type", "to filter", "Type to narrow the list down (accents ignored)",
                    footer: true),
                Binding(
                    .keepFilter, [.enter], "Enter", "keep", "Keep the filter and go back to the list", footer: true),
                Binding(.clearFilter, [.escape], "Esc", "clear", "Clear the filter", footer: true),
                Binding(.up, [.up], "↑↓", "move", "Move in the filtered list", footer: true),
                Binding(.down, [.down], "↓", "down", "Move down in the filtered list"),
                Binding(.pageUp, [.pageUp], "PgUp", "page up", "Move up a page"),
                Binding(.pageDown, [.pageDown], "PgDn", "page down", "Move down a page"),
            ]),
        mode(.formField, lineKeys),
        mode(
            .yesNoField,
            lineKeys + [Binding(.toggleYesNo, [.character(" ")], "Space", "yes/no", "Switch between yes and no")]),
        mode(
            .textArea,
            [
                Binding(.save, [.control("s")], "Ctrl-S", "save", "Check every field and save", footer: true),
                Binding(.newLine, [.enter], "Enter", "new line", "Start a new line", footer: true),
            ] + fieldKeys),
        mode(
            .picker,
            [
                Binding(.takeChoice, [.enter], "Enter", "take", "Take the highlighted choice", footer: true),
                Binding(.choiceUp, [.up], "↑", "previous choice", "Highlight the choice above"),
                Binding(.choiceDown, [.down], "↓", "next choice", "Highlight the choice below"),
                Binding(
                    .takeChoiceAndGoOn, [.tab], "Tab", "take and next",
                    "Take the highlighted choice and go to the next field",
                    footer: true),
                Binding(.previousField, [.backTab], "S-Tab", "previous field", "Go to the field before"),
                Binding(.save, [.control("s")], "Ctrl-S", "save", "Check every field and save"),
                Binding(.closeChoices, [.escape], "Esc", "close list", "Close the list of choices", footer: true),
            ]),
        mode(
            .confirm,
            [
                Binding(.yes, [.character("y"), .character("Y")], "y", "yes", "Yes, do it", footer: true),
                Binding(.no, [.character("n"), .character("N"), .escape], "n", "no", "No, leave it", footer: true),
            ]),
        mode(
            .prompt,
            [
                Binding(.submit, [.enter], "Enter", "go", "Use this path", footer: true),
                Binding(.cancel, [.escape], "Esc", "cancel", "Close without doing anything", footer: true),
            ]),
        mode(
            .palette,
            [
                Binding(.up, [.up], "↑", "up", "Highlight the record above"),
                Binding(.down, [.down], "↓", "down", "Highlight the record below"),
                Binding(
                    .submit, [.enter], "Enter", "jumps", "Show the highlighted record where it lives", footer: true),
                Binding(.cancel, [.escape], "Esc", "closes", "Close the palette", footer: true),
            ]),
        mode(.help, [Binding(.closeHelp, [], "any key", "closes", "Close the help", footer: true)]),
    ])
}
