import Screen

extension Action {
    public static let loadDemo = Action("loadDemo"), startEmpty = Action("startEmpty")
}

/// The first screen of an empty database: demo data to explore, or an empty start.
enum WelcomePane: PaneFeature {
    static let title = "Welcome"
    static let offersOnlyTheEssentials = true

    static let bindings = [
        Binding(.loadDemo, [.character("d")], "d", "demo data", "Load demo data to explore", footer: true),
        Binding(
            .startEmpty, [.character("s"), .enter], "s", "start empty", "Start with an empty database", footer: true),
    ]

    static func perform(_ action: Action, _ app: App) throws -> Bool {
        switch action {
        case .loadDemo: app.emit(.change(.loadDemo))
        case .startEmpty:
            app.state.pane = .directory
            app.reloadAll(force: true)
            app.state.message = Message(
                "An empty database: press \(ActionTable.key(.add, in: .directory)) to add a centre, or run 'ncc import-csv'"
            )
        default: return false
        }
        return true
    }

    /// The demo data is in: the Overview shows it.
    static func demoLoaded(_ summary: String, _ app: App) {
        app.state.pane = .overview
        app.state.region = .detail
        app.reloadAll(force: true)
        app.state.message = Message(summary)
    }

    static func toggleRegion(_ app: App) throws -> Bool { true }

    static func draw(_ screen: inout ScreenBuffer, _ state: AppState, _ layout: Layout, _ theme: Views.Theme) {
        let area = layout.body
        // Each key as the table has it, in a column of four.
        func key(_ action: Action) -> String {
            let label = ActionTable.key(action, in: .welcome)
            return "  " + label + String(repeating: " ", count: max(1, 4 - label.count))
        }
        let sync = ActionTable.key(Pane.sync.showAction)
        let importing = ActionTable.key(.importBundle, in: .sync)
        let lines: [(String, String)] = [
            ("Welcome to ncc", "ui.title"),
            ("", "ui.text"),
            ("The workbench of the working group of National Competence Centres for Social Innovation:", "ui.text"),
            ("centres and partners, experts and needs, the action plan's tasks, meetings and minutes.", "ui.text"),
            ("Everything stays in one file on this machine and works without a network.", "ui.text.dim"),
            ("", "ui.text"),
            ("This database is empty. What would you like to do?", "ui.text"),
            ("", "ui.text"),
            (key(.loadDemo) + "load demo data to explore (real consortia, invented people)", "ui.text"),
            (key(.startEmpty) + "start empty and add your own records", "ui.text"),
            (
                "      then \(sync) (Sync) and \(importing) imports a colleague's bundle; 'ncc import-csv' imports CSV",
                "ui.text.dim"
            ),
            (key(.quit) + "quit", "ui.text"),
        ]
        let box = area.centered(width: min(area.width - 2, 96), height: lines.count)
        for (i, (text, role)) in lines.enumerated() {
            screen.put(text, x: box.x, y: box.y + i, style: theme(role), maxWidth: box.width)
        }
    }
}
