import Foundation
import NCCExchange
import NCCModel
import NCCStore
import Screen

/// The Sync pane: this replica, its peers and conflicts; importing and exporting bundles; settling
/// conflicts. Bundles and their errors come from outside: every message made here is one line.
extension App {
    // MARK: - Loading

    /// The Sync pane's lines: the overview, or the record opened from a conflict (Enter).
    func loadSync() throws {
        var detail = state.details[.sync] ?? DetailState()
        if let shown = detail.stack.last {
            detail.lines = try store.read { try loader($0).genericDetail(shown) }
        } else {
            let selected = selectedConflict
            let overview = try store.read { r in
                try SyncPane.overview(loader(r), replica: state.replica, fingerprint: identity?.fingerprint, path: state.databasePath)
            }
            detail.lines = overview.lines
            state.syncConflicts = overview.conflicts
            // The same conflict stays selected when lines above it come or go (a new peer), so k
            // and t never act on another one than the user chose.
            if let selected, let same = overview.conflicts.first(where: {
                $0.kind == selected.kind && $0.record == selected.record && $0.field == selected.field && $0.other == selected.other
            }) {
                detail.selected = same.line
            }
        }
        // Keep the selection where it was (after a conflict is settled, the next one moves up to it).
        detail.keepSelectionOnAnOpenableLine()
        state.details[.sync] = detail
    }

    /// Where the Sync pane draws its lines (it has no list: the whole body is its detail).
    var detailArea: Rect { state.pane.isDetailOnly ? layout.body.inset(by: 1) : layout.detail }

    // MARK: - Import

    func startImport() {
        state.modal = .prompt(PromptState(title: "Import a bundle", label: "File", purpose: .importBundle))
    }

    /// Reads and checks the bundle, works out what it would change, and asks.
    func previewImport(_ path: String) {
        do {
            let bundle = try BundleReader.read(path)
            defer { bundle.discard() }
            let importer = BundleImporter(store: store)
            let producer = bundle.manifest.producer
            var trust = false
            let result: BundleImporter.Result
            do {
                result = try importer.preview(bundle, trust: false)
            } catch let error as BundleError where error.description.contains("--trust") {
                // An unknown signer: see what the bundle would do if trusted, then ask about both.
                trust = true
                result = try importer.preview(bundle, trust: true)
            }
            let count = SyncPane.counted(result.summary)
            let changes = SyncPane.changes(result.summary)
            let replica = SyncPane.oneLine(producer.replica)
            let question: String
            if trust {
                question = "Unknown signer \(producer.fingerprint) (replica \(replica); \(count)\(changes.isEmpty ? "" : ": " + changes)): trust it and import?"
            } else if result.summary.applied == 0 {
                state.message = Message("Nothing new: the \(result.summary.alreadyHeld) operations of this bundle from \(replica) are all here already")
                return
            } else {
                question = "Import \(count) from \(replica) (key \(producer.fingerprint))\(changes.isEmpty ? "" : ": " + changes). Apply?"
            }
            state.modal = .confirm(Confirm(question: question, onYes: .importBundle(path: path, trust: trust, fileHash: bundle.fileHash)))
        } catch {
            fail(error)
        }
    }

    /// Applies the bundle the user saw the preview of (after a backup).
    func applyImport(_ path: String, trust: Bool, fileHash: String) throws {
        do {
            let bundle = try BundleReader.read(path)
            defer { bundle.discard() }
            guard bundle.fileHash == fileHash else {
                state.message = Message("The file changed since it was checked; nothing was imported (i checks it again)", .error)
                return
            }
            let result = try BundleImporter(store: store).apply(bundle, trust: trust, backups: Backups(store: store))
            let changes = SyncPane.changes(result.summary)
            var text = "Imported \(SyncPane.counted(result.summary)) from \(SyncPane.oneLine(result.manifest.producer.replica))"
            if !changes.isEmpty { text += ": " + changes }
            if result.newlyTrusted { text += "; its key is trusted now" }
            if let backup = result.backup {
                // Beside the database: named from its folder, so the message line shows all of it.
                let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent().path + "/"
                text += " (backup: \(SyncPane.oneLine(backup.hasPrefix(folder) ? String(backup.dropFirst(folder.count)) : backup)))"
            }
            state.message = Message(text)
        } catch {
            fail(error)
            return
        }
        try reloadAll(force: true)
    }

    // MARK: - Export

    func startExport() {
        guard identity != nil else {
            state.message = Message("No signing key for this replica, so no bundle can be signed: run 'ncc whoami' once, then 'ncc' again", .warning)
            return
        }
        let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent()
        let suggestion = folder.appendingPathComponent("\(store.replicaID).\(BundleFormat.fileExtension)").path
        state.modal = .prompt(PromptState(title: "Export a full bundle", label: "File", input: TextInput(suggestion), purpose: .exportBundle))
    }

    func export(to path: String) {
        guard let identity else { return startExport() }
        do {
            let written = try BundleWriter(store: store, identity: identity).write(to: path)
            state.message = Message("Wrote \(written.manifest.operations) operations to \(SyncPane.oneLine(path)) (\(written.bytes) bytes)")
        } catch {
            fail(error)
        }
    }

    // MARK: - The path prompt

    func handlePromptKey(_ key: Key, _ prompt: inout PromptState) throws {
        switch key {
        case .escape:
            state.modal = nil
            return
        case .enter:
            let text = prompt.input.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                state.message = Message("Type the path of a file, or Esc to cancel", .warning)
                return
            }
            state.modal = nil
            state.message = nil
            let path = (text as NSString).expandingTildeInPath
            switch prompt.purpose {
            case .importBundle: previewImport(path)
            case .exportBundle: export(to: path)
            case .exportMinutes(let meeting): exportMinutes(meeting, to: path)
            case .exportReport: exportReport(to: path)
            }
            return
        default:
            guard prompt.input.handle(key) else { return }
        }
        state.modal = .prompt(prompt)
    }

    // MARK: - Conflicts

    /// The conflict selected in the Sync pane's list of conflicts.
    var selectedConflict: ConflictChoice? {
        guard state.pane == .sync, let detail = state.details[.sync], detail.stack.isEmpty, let index = detail.selected else { return nil }
        return state.syncConflicts.first { $0.line == index }
    }

    /// Settles the selected conflict with the value it has now, or with the other one.
    func settleConflict(takeOther: Bool) throws {
        guard let conflict = selectedConflict else {
            let stack = state.details[.sync]?.stack ?? []
            state.message = Message(state.syncConflicts.isEmpty ? "There are no conflicts to settle"
                : !stack.isEmpty ? "Esc goes back to the conflicts; choose there" : "Select a conflict first (↑↓)", .warning)
            return
        }
        let value = takeOther ? conflict.other : conflict.current
        do {
            try store.write { try $0.resolve(conflict.kind, id: conflict.record, field: conflict.field, value: value) }
        } catch {
            fail(error)
            return
        }
        let what = "\(conflict.kind.singular) '\(conflict.title)', \(conflict.field.replacingOccurrences(of: "_", with: " "))"
        state.message = Message(takeOther ? "Took the other value for \(what): \(conflict.otherText); peers get the choice with your next bundle"
                                          : "Kept the current value for \(what): \(conflict.currentText); peers get the choice with your next bundle")
        try reloadAll(force: true)
    }

    /// An error as one line on the message line; nothing else changes.
    func fail(_ error: any Error) {
        state.message = Message(SyncPane.oneLine(String(describing: error)), .error)
    }
}
