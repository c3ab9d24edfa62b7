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
    // MARK: - Loading

    // MARK: - Import

    static func startImport(_ app: App) {
        app.state.modal = .prompt(PromptState(title: "Import a bundle", label: "File", purpose: .importBundle))
    }

    /// Reads and checks the bundle, works out what it would change, and asks.
    static func previewImport(_ path: String, _ app: App) {
        do {
            let bundle = try BundleReader.read(path)
            defer { bundle.discard() }
            let importer = BundleImporter(store: app.store)
            let producer = bundle.manifest.producer
            var trust = false
            let result: BundleImporter.Result
            do {
                result = try importer.preview(bundle, trust: false)
            } catch BundleError.unknownSigner {
                // An unknown signer: see what the bundle would do if trusted, then ask about both.
                trust = true
                result = try importer.preview(bundle, trust: true)
            }
            let count = SyncPane.counted(result.summary)
            let changes = SyncPane.changes(result.summary)
            let replica = OneLine.of(producer.replica)
            let question: String
            if trust {
                question =
                    "Unknown signer \(producer.fingerprint) (replica \(replica); \(count)\(changes.isEmpty ? "" : ": " + changes)): trust it and import?"
            } else if result.summary.applied == 0 {
                app.state.message = Message(
                    "Nothing new: the \(result.summary.alreadyHeld) operations of this bundle from \(replica) are all here already"
                )
                return
            } else {
                question =
                    "Import \(count) from \(replica) (key \(producer.fingerprint))\(changes.isEmpty ? "" : ": " + changes). Apply?"
            }
            app.state.modal = .confirm(
                Confirm(question: question, onYes: .importBundle(path: path, trust: trust, fileHash: bundle.fileHash)))
        } catch {
            app.fail(error)
        }
    }

    /// Applies the bundle the user saw the preview of (after a backup).
    static func applyImport(_ path: String, trust: Bool, fileHash: String, _ app: App) throws {
        do {
            let bundle = try BundleReader.read(path)
            defer { bundle.discard() }
            guard bundle.fileHash == fileHash else {
                app.state.message = Message(
                    "The file changed since it was checked; nothing was imported (\(ActionTable.key(.importBundle, in: .sync)) checks it again)",
                    .error)
                return
            }
            let result = try BundleImporter(store: app.store).apply(
                bundle, trust: trust, backups: Backups(store: app.store))
            let changes = SyncPane.changes(result.summary)
            var text =
                "Imported \(SyncPane.counted(result.summary)) from \(OneLine.of(result.manifest.producer.replica))"
            if !changes.isEmpty { text += ": " + changes }
            if result.newlyTrusted { text += "; its key is trusted now" }
            if let backup = result.backup {
                // Beside the database: named from its folder, so the message line shows all of it.
                let folder = URL(fileURLWithPath: app.store.path).deletingLastPathComponent().path + "/"
                text +=
                    " (backup: \(OneLine.of(backup.hasPrefix(folder) ? String(backup.dropFirst(folder.count)) : backup)))"
            }
            app.state.message = Message(text)
        } catch {
            app.fail(error)
            return
        }
        try app.reloadAll(force: true)
    }

    // MARK: - Export

    static func startExport(_ app: App) {
        guard app.identity != nil else {
            app.state.message = Message(
                "No signing key for this replica, so no bundle can be signed: run 'ncc whoami' once, then 'ncc' again",
                .warning)
            return
        }
        let folder = URL(fileURLWithPath: app.store.path).deletingLastPathComponent()
        let suggestion = folder.appendingPathComponent("\(app.store.replicaID).\(BundleFormat.fileExtension)").path
        app.state.modal = .prompt(
            PromptState(
                title: "Export a full bundle", label: "File", input: TextInput(suggestion), purpose: .exportBundle))
    }

    static func export(to path: String, _ app: App) {
        guard let identity = app.identity else { return startExport(app) }
        do {
            let written = try BundleWriter(store: app.store, identity: identity).write(to: path)
            app.state.message = Message(
                "Wrote \(written.manifest.operations) operations to \(OneLine.of(path)) (\(written.bytes) bytes)")
        } catch {
            app.fail(error)
        }
    }
}
