import Foundation
import NCCModel
import NCCStore

/// What the update asks for and cannot do itself: read or change the database, read or write a
/// file, or something only the terminal can do. The update only returns effects; the `Runner`
/// performs them and sends each result back to the update as a `Reply` (as Elm's commands and
/// Bubble Tea's `Cmd` do), so no query runs inside an update or a view.
enum Effect {
    /// Count a pane's list (narrowed by its filter) and find the selected record in it.
    case countList(ListRequest)
    /// Read a page of a list's rows around the visible ones.
    case readRows(RowsRequest)
    /// Read the detail of the record a pane shows.
    case readDetail(DetailRequest)
    /// Read what a pane that is all detail shows (the Overview, the Sync pane).
    case readPane(Pane, then: DetailFollowUp = .nothing)
    /// Search records by name as the user types (a form's picker, the jump list).
    case search(SearchRequest)
    /// Look up what the update needs to go on (a title for a question, a record for its form).
    case ask(Question)
    /// A named change of the database, made by the store's rules in one transaction.
    case change(Change)
    /// Reading or writing a file: a bundle, the minutes, the report, the editor's file.
    case file(FileJob)
    /// The app now shows the database as it is: a later change is someone else's.
    case noteDatabaseState
    /// Has another process (a CLI import) changed the database since?
    case checkForChanges
    /// The Overview's counts of a large database are no longer wanted (the user left it).
    case stopCounting
    /// Something only the terminal can do (quit, the mouse, the editor).
    case terminal(Outcome)
}

/// A result of an effect, sent back to the update. Replies of work done in the background (the
/// Overview's counts, a bundle's import) arrive later, through `App.handleReplies`.
enum Reply {
    case listCounted(ListCount)
    case rowsRead(RowsRequest, [ListRow])
    case detailRead(DetailRequest, [DetailLine])
    case paneRead(Pane, PaneContent, then: DetailFollowUp)
    case found(SearchRequest, [PaletteHit])
    case answered(Question, Answer)
    case changed(Change, Changed)
    case fileDone(FileJob, FileDone)
    case databaseChanged
    /// The Overview's background counts are made: read the pane again.
    case countsMade
    /// The effect failed; the error goes to the message line.
    case failed(any Error)
}

// MARK: - Lists and details

/// A list to load: the pane's query (or its search) narrowed by the typed filter.
struct ListRequest {
    var pane: Pane
    var list: PaneList
    var filter: String
    /// The record to keep selected (found again by position when the list changed around it).
    var selectedID: String?
    /// The query the list was loaded with; an unchanged one only pages.
    var loadedQuery: RecordQuery?
    var force: Bool
    /// A record the jump list shows: its position, and its title for the message line.
    var reveal: RecordRef?
}

/// A counted list: how many records, where the selected one is, and for a search its hits.
struct ListCount {
    var request: ListRequest
    /// The query with the filter's matches; nil for a search (its hits are the rows).
    var query: RecordQuery?
    var total = 0
    var hits: [ListRow]?
    var position: Int?
    /// The filter found more matches than a list shows.
    var capped = false
    /// The query is the one already loaded: only the visible rows may need reading.
    var unchanged = false
    var revealedPosition: Int?
    var revealedTitle: String?
}

/// Rows `start..<start+limit` of a list's query, each made by the pane (`PaneList.row`).
struct RowsRequest {
    var pane: Pane
    var query: RecordQuery
    var start: Int
    var limit: Int
    var list: PaneList
    /// Read the selected record's detail once the rows are in.
    var thenDetail: Bool
}

/// What to do once a detail's lines are in.
enum DetailFollowUp {
    case nothing
    /// Select the first line that opens something (Enter opened a record).
    case selectOpenable
    /// Select the line the record was opened from again (Esc came back).
    case selectOpenedFrom
}

struct DetailRequest {
    var pane: Pane
    var ref: RecordRef
    /// Opened from the detail (the record's every field), not the pane's own detail of its row.
    var stacked: Bool
    var followUp: DetailFollowUp = .nothing
}

/// What a pane that is all detail shows, as read.
enum PaneContent {
    case overview(OverviewPane.Cache)
    case sync(SyncPane.Overview)
    /// The Progress pane's lines and the record its detail column is about.
    case progress(ProgressPane.Content)
    /// The record opened from the pane's lines (Enter).
    case record([DetailLine])
}

struct SearchRequest {
    enum Purpose {
        /// The picker of a form's reference field: the field and the text it was typed with.
        case picker(field: Int, text: String)
        case palette(text: String)
    }
    var purpose: Purpose
    var kinds: [Kind]?
    var limit: Int
}

// MARK: - Questions

/// Something the update asks of the database to go on, named for what it is for.
enum Question {
    /// The title for "Delete …?".
    case deleting(RecordRef)
    /// A record's values for its edit form.
    case editing(RecordRef)
    /// The names for "Propose … for …?".
    case proposing(expert: String, need: String)
    /// The owner of the selected task, for the Tasks pane's owner filter.
    case ownerOfTask(String)
    /// The working areas, for the Tasks pane's area filter.
    case workingAreas
    /// The meeting's title, for a minute's form or the minutes' file.
    case minuteEntry(MeetingsPane.MinuteEntry, meeting: String)
    case minutesFile(meeting: String)
    /// Whether the text typed in a form's reference field names one record.
    case reference(field: Int, Kind, text: String)
    /// A proposal's title, standing and choices, for the prompt that votes on it or closes it.
    case proposal(String, for: DecisionsPane.Asking)
}

enum Answer {
    case title(String)
    case titles([String])
    case form(title: String, fields: [FormField])
    case owner((id: String, name: String)?)
    case areas([(id: String, title: String?)])
    /// The record asked about is gone.
    case missing
    /// A typed reference names one record, or why not.
    case fine
    case refused(String)
}

// MARK: - Changes

/// A change of the database, named for what it means to the working group.
enum Change {
    case saveForm(FormState)
    case delete(RecordRef)
    case proposeEngagement(expert: String, need: String)
    case declineEngagement(String)
    case advanceEngagement(String)
    case advanceTaskStatus(task: String, title: String)
    case settleConflict(ConflictChoice, takeOther: Bool)
    case loadDemo
    /// This replica's ballot on a proposal (a later one replaces it).
    case castBallot(proposal: String, choice: String, reason: String)
    /// Close a proposal: its outcome becomes a decision (with an optional review date).
    case closeProposal(proposal: String, review: String?)
}

/// What a change did.
enum Changed {
    /// The form's record is written: the message says what (and which record a new one is).
    case saved(String, created: RecordRef? = nil)
    /// The form's fields that could not be written, by index, with why (nothing was written).
    case refused([Int: String])
    case failed(any Error)
    case deleted(title: String)
    case proposed
    case alreadyEngaged(status: String)
    case declined
    case engagement(EngagementStep)
    case taskStatus(String)
    case settled
    case demoLoaded(summary: String)
    /// A ballot cast or a proposal closed: the message says what came of it.
    case decided(String)
}

// MARK: - Files

/// Work with a file, named for what it is for.
enum FileJob {
    case exportBundle(path: String)
    case previewImport(path: String)
    /// Apply the bundle the user saw the preview of (after a backup); in the background.
    case applyImport(path: String, trust: Bool, fileHash: String)
    case exportMinutes(meeting: String, path: String)
    case exportReport(path: String)
    /// Write the meeting's minutes to a file for `$EDITOR`.
    case minutesForEditor(meeting: String)
    /// Save what the editor left in the file.
    case minutesFromEditor(meeting: String, file: String, succeeded: Bool)
}

enum FileDone {
    /// A file written: a bundle says how many operations and bytes it holds, and for whom it is
    /// sealed (empty: not sealed).
    case wrote(path: String, operations: Int? = nil, bytes: Int? = nil, sealedFor: [String] = [])
    case preview(SyncPane.ImportPreview)
    case imported(SyncPane.ImportDone)
    case minutesForEditor(file: String)
    case minutesFromEditor(MeetingsPane.EditedMinutes)
    case failed(any Error)
}
