import Foundation
import NCCExchange
import NCCModel
import NCCStore

extension Action {
    public static let importBundle = Action("importBundle"), exportBundle = Action("exportBundle")
    public static let keepCurrent = Action("keepCurrent"), takeOther = Action("takeOther")
}

/// Importing a peer's bundle (checked, previewed, then applied after a backup) and exporting this
/// replica's. Bundles and their errors come from outside: every message made here is one line.
extension SyncPane {
    // MARK: - Import

    static func startImport(_ app: App) {
        app.state.modal = .prompt(PromptState(title: "Import a bundle", label: "File", purpose: .importBundle))
    }

    /// A bundle read and checked, with what it would change (`trust`: only if its unknown
    /// signer were trusted).
    struct ImportPreview {
        var path: String
        var trust: Bool
        var fileHash: String
        var producer: BundleManifest.Producer
        var summary: ReceiveSummary
    }

    /// Reads and checks the bundle and works out what it would change (by the runner).
    static func preview(_ path: String, _ store: Store, sealingKey: AgreementKey?) throws -> ImportPreview {
        let bundle = try BundleReader.read(path, sealingKey: sealingKey)
        defer { bundle.discard() }
        let importer = BundleImporter(store: store)
        var trust = false
        let result: BundleImporter.Result
        do {
            result = try importer.preview(bundle, trust: false)
        } catch BundleError.unknownSigner {
            // An unknown signer: see what the bundle would do if trusted, then ask about both.
            trust = true
            result = try importer.preview(bundle, trust: true)
        }
        return ImportPreview(
            path: path, trust: trust, fileHash: bundle.fileHash, producer: bundle.manifest.producer,
            summary: result.summary)
    }

    /// The path is typed: the bundle is checked in the background (reading it all takes seconds).
    static func startChecking(_ path: String, _ app: App) {
        app.state.message = Message("Checking \(OneLine.of(URL(fileURLWithPath: path).lastPathComponent))…")
        app.emit(.file(.previewImport(path: path)))
    }

    /// Asks whether to apply what the bundle brings.
    static func previewed(_ preview: ImportPreview, _ app: App) {
        guard app.state.modal == nil else {
            // The user opened something meanwhile (a form): it is not covered by the question.
            app.state.message = Message(
                "The bundle was checked while this was open, so nothing was imported (\(ActionTable.key(.importBundle, in: .sync)) in Sync checks it again)",
                .warning)
            return
        }
        let count = SyncPane.counted(preview.summary)
        let changes = SyncPane.changes(preview.summary)
        let replica = OneLine.of(preview.producer.replica)
        let question: String
        if preview.trust {
            question =
                "Unknown signer \(preview.producer.fingerprint) (replica \(replica); \(count)\(changes.isEmpty ? "" : ": " + changes)): trust it and import?"
        } else if preview.summary.applied == 0 {
            let held = preview.summary.alreadyHeld
            app.state.message = Message(
                held == 1
                    ? "Nothing new: the one operation of this bundle from \(replica) is here already"
                    : "Nothing new: the \(held) operations of this bundle from \(replica) are all here already")
            return
        } else {
            question =
                "Import \(count) from \(replica) (key \(preview.producer.fingerprint))\(changes.isEmpty ? "" : ": " + changes). Apply?"
        }
        app.state.message = nil
        app.state.modal = .confirm(
            Confirm(
                question: question,
                onYes: .importBundle(path: preview.path, trust: preview.trust, fileHash: preview.fileHash)))
    }

    /// The user said yes: the import runs in the background (it may hold the database for
    /// seconds) and says when it is done.
    static func startApplying(_ path: String, trust: Bool, fileHash: String, _ app: App) {
        app.state.message = Message("Importing \(OneLine.of(URL(fileURLWithPath: path).lastPathComponent))…")
        app.emit(.file(.applyImport(path: path, trust: trust, fileHash: fileHash)))
    }

    /// What applying the bundle did: nil when the file changed since its preview (nothing done).
    typealias ImportDone = BundleImporter.Result?

    /// Applies the bundle the user saw the preview of, as an import that can be undone (by the
    /// runner, in the background).
    static func apply(_ path: String, trust: Bool, fileHash: String, _ store: Store, sealingKey: AgreementKey?)
        throws -> ImportDone
    {
        let bundle = try BundleReader.read(path, sealingKey: sealingKey)
        defer { bundle.discard() }
        guard bundle.fileHash == fileHash else { return nil }
        return try BundleImporter(store: store).apply(
            bundle, trust: trust, file: URL(fileURLWithPath: path).lastPathComponent)
    }

    static func imported(_ done: ImportDone, _ app: App) {
        guard let result = done else {
            app.state.message = Message(
                "The file changed since it was checked; nothing was imported (\(ActionTable.key(.importBundle, in: .sync)) checks it again)",
                .error)
            return
        }
        let changes = SyncPane.changes(result.summary)
        var text = "Imported \(SyncPane.counted(result.summary)) from \(OneLine.of(result.manifest.producer.replica))"
        if !changes.isEmpty { text += ": " + changes }
        if result.newlyTrusted { text += "; its key is trusted now" }
        if result.summary.applied > 0 { text += " ('ncc undo-import' takes it back out)" }
        // What waits or was refused is the member's to know at once: the Sync pane lists it.
        let notes = result.summary.authorshipNotes
        if !notes.isEmpty { text += ". " + notes.map { OneLine.of($0) }.joined(separator: ". ") }
        app.state.message = Message(text, notes.isEmpty ? .info : .warning)
        app.reloadAll(force: true)
    }

    // MARK: - Export

    /// What export says without a signing key.
    struct NoSigningKey: Error, CustomStringConvertible {
        var description: String {
            "No signing key for this replica, so no bundle can be signed: run 'ncc whoami' once, then 'ncc' again"
        }
    }

    /// The path is typed: the bundle is written in the background.
    static func startWriting(_ path: String, _ app: App) {
        app.state.message = Message("Writing \(OneLine.of(URL(fileURLWithPath: path).lastPathComponent))…")
        app.emit(.file(.exportBundle(path: path)))
    }

    static func startExport(_ app: App) {
        guard app.state.fingerprint != nil else {
            app.state.message = Message(NoSigningKey().description, .warning)
            return
        }
        let suggestion = app.databaseFolder.appendingPathComponent(
            "\(app.state.replica).\(BundleFormat.fileExtension)"
        ).path
        app.state.modal = .prompt(
            PromptState(
                title: "Export a full bundle", label: "File", input: TextInput(suggestion), purpose: .exportBundle))
    }
}
