import Foundation
import Screen

/// A file path typed for an import or an export, or what a vote needs; Enter hands it to the
/// pane that asked.
extension App {
    func handlePromptKey(_ key: Key, _ prompt: inout PromptState) throws {
        switch ActionTable.action(for: key, in: .prompt) {
        case .cancel?:
            state.modal = nil
            return
        case .submit?:
            let text = prompt.input.text.trimmingCharacters(in: .whitespaces)
            // A vote's prompt checks its own text (a closing's review date may be left empty).
            if DecisionsPane.submit(prompt, text: text, self) { return }
            guard !text.isEmpty else {
                state.message = Message(
                    "Type the path of a file, or \(ActionTable.key(.cancel, in: .prompt)) to cancel", .warning)
                return
            }
            state.modal = nil
            state.message = nil
            let path = (text as NSString).expandingTildeInPath
            switch prompt.purpose {
            case .importBundle: SyncPane.startChecking(path, self)
            case .exportBundle: SyncPane.startWriting(path, self)
            case .exportMinutes(let meeting): emit(.file(.exportMinutes(meeting: meeting, path: path)))
            case .exportReport: emit(.file(.exportReport(path: path)))
            case .vote, .object, .closeProposal: break
            }
            return
        default:
            guard prompt.input.handle(key) else { return }
        }
        state.modal = .prompt(prompt)
    }
}
