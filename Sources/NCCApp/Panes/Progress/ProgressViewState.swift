/// What the Progress pane shows, as the app keeps it (`AppState.progress`): the view, the
/// objectives shown open and the record the detail column is about. The pane's update changes it
/// (a view switched to, an objective opened or closed, a line moved to); its read draws the lines
/// from it, so the marks on screen (› the subject, ▾ and ▸ an open and a closed objective) are
/// drawn from this state and never read back.
public struct ProgressViewState: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        case objectives, assessment, peerGroups

        /// The first line of the view, which names it.
        var title: String {
            switch self {
            case .objectives: "Objectives and indicators"
            case .assessment: "Self-assessment"
            case .peerGroups: "Proposed peer groups"
            }
        }
    }

    public var mode: Mode = .objectives
    /// The objectives shown open (their indicators under them), by id; kept while another view
    /// is shown.
    public var open: Set<String> = []
    /// The record the detail column is about (its line is marked ›); nil until the pane's lines
    /// are read, which then take the first line that opens something.
    public var subject: RecordRef?
    /// On a screen too narrow for two columns, the subject's detail shown alone (Enter on its
    /// line), as other panes give a record's detail the whole screen there; Esc comes back.
    public var detailAlone = false

    public init() {}
}
