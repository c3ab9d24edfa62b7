import NCCModel
import NCCStore
import Screen

/// Keys while a help overlay, a question, a form, a path prompt or the jump palette covers the
/// panes, each mode's as the action table declares them.
extension App {
    func handleModalKey(_ key: Key) throws {
        guard let modal = state.modal else { return }
        switch modal {
        case .help:
            // Any key closes it (Mode.help).
            state.modal = nil
        case .confirm(let confirm):
            switch ActionTable.action(for: key, in: .confirm) {
            case .yes?:
                state.modal = nil
                try run(confirm.onYes)
            case .no?:
                state.modal = nil
                if confirm.onYes == .discardForm, let form = asideForm {
                    state.modal = .form(form)
                    asideForm = nil
                }
                if case .importBundle = confirm.onYes { state.message = Message("Nothing was imported") }
            default: break
            }
        case .form(var form):
            try handleFormKey(key, &form)
        case .palette(var palette):
            try handlePaletteKey(key, &palette)
        case .prompt(var prompt):
            try handlePromptKey(key, &prompt)
        }
    }
}
