import NCCExchange
import NCCModel
import NCCStore

/// The update's side of the runner's answers, changes and file work: each goes to the part of
/// the app that asked for it.
extension App {
    func answered(_ question: Question, _ answer: Answer) throws {
        switch (question, answer) {
        case (.deleting(let ref), _): confirmDelete(ref, answer)
        case (.editing(let ref), _): openEditForm(ref, answer)
        case (.proposing(let expert, let need), .titles(let names)):
            ExpertsPane.confirmPropose(expert: expert, need: need, names: names, self)
        case (.ownerOfTask, .owner(let owner)): TasksPane.filterByOwner(owner, self)
        case (.workingAreas, .areas(let areas)): TasksPane.cycleAreaFilter(areas, self)
        case (.minuteEntry(let entry, let meeting), .title(let title)):
            MeetingsPane.openMinuteEntry(entry, meeting: meeting, title: title, self)
        case (.minutesFile(let meeting), .title(let title)): MeetingsPane.askMinutesFile(meeting, title: title, self)
        case (.reference(let field, _, let text), _): checkedReference(field: field, text: text, answer)
        case (.proposal(let proposal, let asking), .titles(let terms)):
            DecisionsPane.ask(asking, proposal: proposal, terms: terms, self)
        default: break
        }
    }

    func changed(_ change: Change, _ changed: Changed) throws {
        if case .saveForm = change { return saved(changed) }
        if case .failed(let error) = changed {
            // A conflict's values came from a peer's bundle, and a ballot refused says why: one line.
            switch change {
            case .settleConflict, .castBallot, .closeProposal: return fail(error)
            default: break
            }
            throw error
        }
        switch (change, changed) {
        case (.delete(let ref), .deleted(let title)): deleted(ref, title: title)
        case (.proposeEngagement, _): ExpertsPane.proposed(changed, self)
        case (.declineEngagement, _): ExpertsPane.declined(self)
        case (.advanceEngagement(let engagement), .engagement(let step)):
            ExpertsPane.advanced(engagement, step, self)
        case (.advanceTaskStatus(_, let title), .taskStatus(let next)):
            TasksPane.statusAdvanced(title: title, to: next, self)
        case (.settleConflict(let conflict, let takeOther), _):
            SyncPane.settled(conflict, takeOther: takeOther, self)
        case (.loadDemo, .demoLoaded(let summary)): WelcomePane.demoLoaded(summary, self)
        case (_, .decided(let message)): DecisionsPane.decided(message, self)
        default: break
        }
    }

    func fileDone(_ job: FileJob, _ done: FileDone) throws {
        switch done {
        case .failed(let error):
            // A file's error names the file, and a bundle's comes from outside: one line.
            fail(error)
        case .wrote(let path, let operations, let bytes, let sealedFor):
            switch job {
            case .exportBundle:
                let seal =
                    sealedFor.isEmpty
                    ? "not sealed: no trusted peer to seal it for yet"
                    : "sealed for \(sealedFor.map { OneLine.of($0) }.joined(separator: ", "))"
                state.message = Message(
                    "Wrote \(English.count(operations ?? 0, "operation")) to \(OneLine.of(path)) (\(English.count(bytes ?? 0, "byte")), \(seal))"
                )
            case .exportMinutes: state.message = Message("Wrote the minutes to \(OneLine.of(path))")
            default: state.message = Message("Wrote the progress report to \(OneLine.of(path))")
            }
        case .preview(let preview): SyncPane.previewed(preview, self)
        case .imported(let result): SyncPane.imported(result, self)
        case .minutesForEditor(let file):
            if case .minutesForEditor(let meeting) = job { MeetingsPane.editMinutes(meeting, in: file, self) }
        case .minutesFromEditor(let outcome): MeetingsPane.editedMinutes(outcome, self)
        }
    }
}
