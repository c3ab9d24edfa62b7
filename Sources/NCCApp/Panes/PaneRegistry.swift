import NCCModel

/// The panes of the app, in tab order; the raw value is the digit that shows a pane (so ten tabs
/// at most). This is the one place that lists them: a new pane is its folder under `Panes/`, its
/// case and its line in `feature`.
public enum Pane: Int, Sendable, CaseIterable {
    case welcome = -1
    case overview = 0
    case directory, experts, tasks, meetings, decisions, progress, sync

    /// What the pane is and does.
    var feature: any PaneFeature.Type {
        switch self {
        case .welcome: WelcomePane.self
        case .overview: OverviewPane.self
        case .directory: DirectoryPane.self
        case .experts: ExpertsPane.self
        case .tasks: TasksPane.self
        case .meetings: MeetingsPane.self
        case .decisions: DecisionsPane.self
        case .progress: ProgressPane.self
        case .sync: SyncPane.self
        }
    }

    public var title: String { feature.title }

    /// The action of its tab's key ("paneTasks").
    public var showAction: Action { Action("pane" + feature.title) }

    /// The panes with a tab, in order (the welcome screen has none).
    static let tabs: [Pane] = allCases.filter { $0 != .welcome }

    /// Panes that are all detail (no list): their selectable lines are what ↑↓ move through.
    public var isDetailOnly: Bool { feature.isDetailOnly }

    /// The pane where a member looks for records of a group (the jump list opens them there).
    static func home(of group: RecordGroup) -> Pane {
        allCases.first { $0.feature.group == group }!
    }
}
