import Foundation
import NCCApp
import NCCExchange
import NCCModel
import NCCStore
import Screen
import Testing

/// The Sync pane: this replica and its peers, importing and exporting real signed bundles, and
/// settling real conflicts made by two databases editing the same field.
@Suite struct SyncPaneTests {
    @Test func thePaneShowsThisReplicaItsKeyItsPeersAndAConflict() throws {
        let w = try SyncWorld()
        let (current, other) = try w.makeConflict()
        w.press(.character("7"))
        let screen = w.screen
        #expect(screen.contains("This replica"))
        #expect(screen.contains("Replica id: \(w.store.replicaID)"))
        #expect(screen.contains("Key fingerprint: \(w.identity.fingerprint)"))
        #expect(screen.contains("Database: \(w.store.path)"))
        // The colleague whose bundle came in is a trusted peer, known by its key.
        #expect(screen.contains("\(w.colleague.replicaID) · trusted"), "\(screen)")
        #expect(screen.contains("key \(w.colleagueIdentity.fingerprint)"))
        #expect(screen.contains("Conflicts (1)"))
        #expect(screen.contains("centre · NCC Malta · Description"))
        #expect(screen.contains("now: \(current.replacingOccurrences(of: "\n", with: " ↵ "))"), "\(screen)")
        #expect(screen.contains("other: \(other.replacingOccurrences(of: "\n", with: " ↵ "))"), "\(screen)")
        // A value with a line break is drawn on one line, with no control picture for the break.
        #expect(!screen.contains("␊"))
        // The conflict is selected; Enter opens its record, Esc comes back.
        #expect(w.app.state.region == .detail)
        w.press(.enter)
        #expect(w.screen.contains("‹ Esc back") && w.screen.contains("Country: MT"), "\(w.screen)")
        w.press(.escape)
        #expect(w.screen.contains("Conflicts (1)"))
        // The footer shows the pane's keys.
        let footer = w.lines[w.height - 2]
        #expect(
            footer.contains("i import") && footer.contains("x export") && footer.contains("k keep")
                && footer.contains("t take"), "\(footer)")
    }

    /// A member met only through the colleague's bundle: their operation waits aside, and the
    /// pane lists it, with why and whose bundle brought it, until their key is confirmed.
    @Test func operationsOfAnIntroducedMemberAreListedAsWaitingAside() throws {
        let w = try SyncWorld()
        let far = try Store.open(path: w.folder.appendingPathComponent("far.sqlite").path)
        let farIdentity = try Identity.loadOrCreate(
            replica: far.replicaID, folder: w.folder.appendingPathComponent("far-keys"))
        try far.write { try $0.create(.centre, ["name": .text("NCC Eesti"), "country": .text("EE")]) }
        func deliver(_ path: String, to store: Store) throws {
            let bundle = try BundleReader.read(path)
            defer { bundle.discard() }
            _ = try BundleImporter(store: store).apply(bundle, trust: true)
        }
        try deliver(try w.bundle(of: far, farIdentity, "far.nccbundle"), to: w.colleague)
        try deliver(try w.bundle(of: w.colleague, w.colleagueIdentity, "colleague.nccbundle"), to: w.store)
        w.press(.character("7"))
        let screen = w.screen
        #expect(screen.contains("\(far.replicaID) · introduced by \(w.colleague.replicaID)"), "\(screen)")
        #expect(screen.contains("Waiting aside (1)"), "\(screen)")
        #expect(screen.contains("1 operation of \(far.replicaID), from \(w.colleague.replicaID)'s bundle"), "\(screen)")
        #expect(screen.contains("its key, introduced by \(w.colleague.replicaID), is not confirmed yet"), "\(screen)")
    }

    @Test func withoutPeersOrConflictsThePaneSaysSo() throws {
        let w = try SyncWorld()
        w.press(.character("7"))
        #expect(w.screen.contains("No peers yet"))
        #expect(w.screen.contains("No conflicts"))
        w.press(.character("k"))
        #expect(w.lines.last?.contains("There are no conflicts to settle") == true)
    }

    @Test func importingABundleFromAnUnknownSignerAsksToTrustItThenShowsTheNewCentre() throws {
        let w = try SyncWorld()
        _ = try w.colleague.write { try $0.create(.centre, ["name": .text("NCC Cyprus"), "country": .text("CY")]) }
        let path = try w.bundle(of: w.colleague, w.colleagueIdentity, "from-colleague.nccbundle")
        w.press(.character("7"), .character("i"))
        #expect(w.screen.contains("Import a bundle"))
        w.type(path)
        w.press(.enter)
        #expect(w.screen.contains("Unknown signer \(w.colleagueIdentity.fingerprint)"), "\(w.screen)")
        #expect(
            w.question
                == "Unknown signer \(w.colleagueIdentity.fingerprint) (replica \(w.colleague.replicaID); 1 new operation: centres 1 added): trust it and import?"
        )
        #expect(w.screen.contains("y yes"))
        #expect(try w.store.read { try $0.peers() }.isEmpty, "nothing changes before yes")
        w.press(.character("y"))
        let message = try #require(w.lines.last)
        #expect(
            message.hasPrefix("Imported 1 new operation from \(w.colleague.replicaID): centres 1 added"), "\(message)")
        #expect(message.contains("its key is trusted now"))
        #expect(w.app.state.message?.text.hasSuffix("('ncc undo-import' takes it back out)") == true)
        #expect(w.screen.contains("\(w.colleague.replicaID) · trusted"), "the pane reloaded: \(w.screen)")
        w.press(.character("1"))
        #expect(w.screen.contains("NCC Cyprus"))
    }

    @Test func aSecondBundleFromATrustedPeerShowsWhatItBringsAndNoAnswerImportsNothing() throws {
        let w = try SyncWorld()
        try w.importInto(w.store, try w.bundle(of: w.colleague, w.colleagueIdentity, "first.nccbundle"))
        _ = try w.colleague.write { try $0.create(.centre, ["name": .text("NCC Estonia"), "country": .text("EE")]) }
        let path = try w.bundle(of: w.colleague, w.colleagueIdentity, "second.nccbundle")
        w.press(.character("7"), .character("i"))
        w.type(path)
        w.press(.enter)
        #expect(
            w.question
                == "Import 1 new operation from \(w.colleague.replicaID) (key \(w.colleagueIdentity.fingerprint)): centres 1 added. Apply?"
        )
        #expect(
            w.screen.contains("Import 1 new operation from \(w.colleague.replicaID)") && w.screen.contains("Apply?"),
            "\(w.screen)")
        w.press(.character("n"))
        #expect(w.lines.last?.contains("Nothing was imported") == true)
        #expect(try w.store.read { try $0.search("Estonia", kinds: [.centre]) }.isEmpty)
        // The same file again, and yes.
        w.press(.character("i"))
        w.type(path)
        w.press(.enter, .character("y"))
        #expect(try w.store.read { try $0.search("Estonia", kinds: [.centre]) }.count == 1)
        // Once more: nothing is new, so nothing is asked.
        w.press(.character("i"))
        w.type(path)
        w.press(.enter)
        #expect(
            w.lines.last?.hasPrefix(
                "Nothing new: the one operation of this bundle from \(w.colleague.replicaID) is here already") == true,
            "\(w.lines.last ?? "")")
    }

    /// The colleague's database has made no change of its own (its logical clock still reads 1970):
    /// the pane shows when it imported from and exported to this replica by the machine's clock.
    @Test func aPeerShowsWhenThisMachineLastImportedFromItAndExportedToIt() throws {
        let w = try SyncWorld()
        // Whole minutes: the pane shows hours and minutes.
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let path = try w.bundle(of: w.store, w.identity, "to-colleague.nccbundle")
        try w.importInto(w.colleague, path)
        try BundleWriter(store: w.colleague, identity: w.colleagueIdentity).write(
            to: w.folder.appendingPathComponent("for-here.nccbundle").path, for: w.store.replicaID)
        let app = try App(
            store: w.colleague, width: 120, height: 40, today: "2026-11-23", identity: w.colleagueIdentity,
            runsInBackground: false
        ) { _ in "" }
        app.handle(.key(.character("7")))
        let screen = app.render(theme: { _ in .plain }).text
        let end = Date()
        let line = try #require(screen.split(separator: "\n").first { $0.contains("last import") }, "\(screen)")
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd HH:mm"
        for label in ["last import ", "last export "] {
            let shown = try #require(line.split(separator: label).last?.prefix(16), "\(line)")
            let time = try #require(format.date(from: String(shown)), "\(label)\(shown)")
            #expect(time >= start && time <= end, "\(label)\(shown) is not now (\(start)-\(end))")
        }

        // Asked again, the same bundle brings nothing; its many operations are counted as many.
        app.handle(.key(.character("i")))
        for character in path { app.handle(.key(.character(character))) }
        app.handle(.key(.enter))
        let operations = try w.store.read { try $0.operationCount() }
        let message = try #require(app.render(theme: { _ in .plain }).lines.last)
        #expect(
            message.hasPrefix(
                "Nothing new: the \(operations) operations of this bundle from \(w.store.replicaID) are all here already"
            ),
            "\(message)")
    }

    @Test func keepSettlesTheConflictWithTheCurrentValue() throws {
        let w = try SyncWorld()
        let (current, _) = try w.makeConflict()
        w.press(.character("7"))
        #expect(w.screen.contains("Conflicts (1)"))
        w.press(.character("k"))
        #expect(
            w.lines.last?.hasPrefix("Kept the current value for centre 'NCC Malta', description") == true,
            "\(w.lines.last ?? "")")
        #expect(w.screen.contains("No conflicts"), "\(w.screen)")
        #expect(!w.screen.contains("centre · NCC Malta"))
        #expect(try w.store.read { try $0.conflicts() }.isEmpty)
        #expect(try w.malta()["description"] == .text(current))
    }

    @Test func takeSettlesTheConflictWithTheOtherValue() throws {
        let w = try SyncWorld()
        let (_, other) = try w.makeConflict()
        w.press(.character("7"), .character("t"))
        #expect(
            w.lines.last?.hasPrefix("Took the other value for centre 'NCC Malta', description") == true,
            "\(w.lines.last ?? "")")
        #expect(w.screen.contains("No conflicts"))
        #expect(try w.store.read { try $0.conflicts() }.isEmpty)
        #expect(try w.malta()["description"] == .text(other))
    }

    @Test func theSelectedConflictStaysSelectedWhenAPeerAppearsAboveIt() throws {
        let w = try SyncWorld()
        _ = try w.makeConflict(alsoEmail: true)
        w.press(.character("7"), .down)
        #expect(w.selectedConflict?.field == "email")
        // Another process imports a third replica's bundle: two peer lines push the conflicts down.
        let third = try Store.open(path: w.folder.appendingPathComponent("third.sqlite").path)
        let thirdIdentity = try Identity.loadOrCreate(
            replica: third.replicaID, folder: w.folder.appendingPathComponent("keys"))
        try w.importInto(try Store.open(path: w.store.path), try w.bundle(of: third, thirdIdentity, "third.nccbundle"))
        w.app.handle(.tick)
        #expect(w.screen.contains("\(third.replicaID) · trusted"), "\(w.screen)")
        #expect(w.selectedConflict?.field == "email")
        w.press(.character("t"))
        #expect(
            w.lines.last?.hasPrefix("Took the other value for centre 'NCC Malta', email: ") == true,
            "\(w.lines.last ?? "")")
        let left = try w.store.read { try $0.conflicts() }
        #expect(left.map(\.field) == ["description"])
        #expect(w.selectedConflict?.field == "description", "the one left is selected")
    }

    @Test func aDamagedBundleOrAMissingFileIsAOneLineErrorAndChangesNothing() throws {
        let w = try SyncWorld()
        let damaged = w.folder.appendingPathComponent("damaged.nccbundle")
        let good = try Data(
            contentsOf: URL(fileURLWithPath: try w.bundle(of: w.colleague, w.colleagueIdentity, "good.nccbundle")))
        try good.prefix(good.count / 2).write(to: damaged)
        let before = try w.store.read { try $0.canonicalDump() }
        for path in [damaged.path, w.folder.appendingPathComponent("missing.nccbundle").path] {
            w.press(.character("7"), .character("i"))
            w.type(path)
            w.press(.enter)
            let message = try #require(w.lines.last)
            #expect(!message.isEmpty && !message.contains("␊"), "\(message)")
            #expect(w.app.state.modal == nil, "no question is asked")
            #expect(!w.screen.contains("Confirm"))
            if case .error = w.app.state.message?.kind {} else { Issue.record("an error message: \(message)") }
            #expect(w.app.state.message?.text.contains("\n") == false)
        }
        #expect(try w.store.read { try $0.canonicalDump() } == before)
        #expect(try w.store.read { try $0.peers() }.isEmpty)
    }

    @Test func exportWritesAFullBundleAPeerCanImport() throws {
        let w = try SyncWorld()
        w.press(.character("7"), .character("x"))
        let suggested = w.folder.appendingPathComponent("\(w.store.replicaID).nccbundle").path
        #expect(w.screen.contains("Export a full bundle"))
        #expect(w.screen.contains(String(suggested.suffix(40))), "the path is offered: \(w.screen)")
        w.press(.enter)
        let operations = try w.store.read { try $0.operationCount() }
        let message = try #require(w.lines.last)
        #expect(message.hasPrefix("Wrote \(operations) operations to \(suggested) ("), "\(message)")
        // No trusted peer yet to seal it for: it says so (the whole message, past the screen's edge).
        let full = w.app.state.message?.text ?? ""
        #expect(full.hasSuffix(" bytes, not sealed: no trusted peer to seal it for yet)"), "\(full)")
        try w.importInto(w.colleague, suggested)
        #expect(try w.colleague.read { try $0.search("Lithuania", kinds: [.centre]) }.count == 1)
    }

    @Test func withoutASigningKeyExportSaysSo() throws {
        let w = try SyncWorld(identity: false)
        w.press(.character("7"))
        #expect(w.screen.contains("Key fingerprint: none"))
        w.press(.character("x"))
        #expect(w.app.state.modal == nil)
        #expect(w.lines.last?.contains("No signing key") == true)
    }

    @Test func thePaneReloadsWhenAnotherProcessImports() throws {
        let w = try SyncWorld()
        w.press(.character("7"))
        #expect(w.screen.contains("No peers yet"))
        // `ncc import` in another terminal: its own store on the same file.
        let other = try Store.open(path: w.store.path)
        try w.importInto(other, try w.bundle(of: w.colleague, w.colleagueIdentity, "shared.nccbundle"))
        w.app.handle(.tick)
        #expect(w.screen.contains("\(w.colleague.replicaID) · trusted"), "\(w.screen)")
    }

    @Test func helpOnTheSyncPaneListsImportExportKeepAndTake() throws {
        let w = try SyncWorld()
        w.press(.character("7"), .character("?"))
        #expect(w.screen.contains("Keys: Sync"))
        let sync = ActionTable.bindings(in: .sync).filter { $0.scope == .pane(.sync) }
        #expect(Set(sync.map(\.action)) == [.importBundle, .exportBundle, .keepCurrent, .takeOther])
        for binding in sync {
            #expect(w.screen.contains(binding.help), "\(binding.action)")
        }
        for words in [
            "Import a peer's bundle", "Export a full signed bundle", "Keep the current value", "Take the other value",
        ] {
            #expect(w.screen.contains(words))
        }
        // k keeps a conflict here, so it is not offered as "up" too.
        #expect(!w.screen.contains("↑/k") && w.screen.contains("Move up"))
    }
}

/// The app on a database ("here") with its signing key, and a colleague's database ("there") with
/// its own key, in one temporary folder.
final class SyncWorld {
    let folder: URL
    let store: Store
    let identity: Identity
    let colleague: Store
    let colleagueIdentity: Identity
    let app: App
    let width = 120
    let height = 40

    /// `background`: the import runs on the runner's queue, as in the terminal app.
    init(identity withIdentity: Bool = true, background: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store.open(path: folder.appendingPathComponent("here.sqlite").path)
        try store.write(Harness.sampleData)
        colleague = try Store.open(path: folder.appendingPathComponent("there.sqlite").path)
        let keys = folder.appendingPathComponent("keys")
        identity = try Identity.loadOrCreate(replica: store.replicaID, folder: keys)
        colleagueIdentity = try Identity.loadOrCreate(replica: colleague.replicaID, folder: keys)
        app = try App(
            store: store, width: width, height: height, today: "2026-11-23", identity: withIdentity ? identity : nil,
            runsInBackground: background
        ) { _ in "" }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func press(_ keys: Key...) {
        for key in keys { app.handle(.key(key)) }
    }

    func type(_ text: String) {
        for character in text { app.handle(.key(.character(character))) }
    }

    var screen: String { app.render(theme: { _ in .plain }).text }
    var selectedConflict: ConflictChoice? {
        app.state.syncConflicts.first { $0.line == app.state.details[.sync]?.selected }
    }

    /// The question of the open confirmation, if one is open.
    var question: String? {
        if case .confirm(let confirm) = app.state.modal { return confirm.question }
        return nil
    }
    var lines: [String] { app.render(theme: { _ in .plain }).lines }

    /// A full bundle of `store`, as `ncc export` writes it; returns its path.
    func bundle(of store: Store, _ identity: Identity, _ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try BundleWriter(store: store, identity: identity).write(to: path)
        return path
    }

    /// `ncc import --trust`.
    func importInto(_ store: Store, _ path: String) throws {
        let bundle = try BundleReader.read(path)
        defer { bundle.discard() }
        _ = try BundleImporter(store: store).apply(bundle, trust: true, backups: nil)
    }

    func malta() throws -> Record {
        let id = try #require(try store.read { try $0.search("Malta", kinds: [.centre]) }.first?.id)
        return try #require(try store.read { try $0.record(.centre, id: id) })
    }

    /// A centre made here goes to the colleague; both edit its description differently; the
    /// colleague's bundle comes back. Returns the value here now and the one that lost.
    /// With `alsoEmail`, both edit its e-mail address too: a second conflict, listed after the first.
    func makeConflict(alsoEmail: Bool = false) throws -> (current: String, other: String) {
        let id = try store.write { try $0.create(.centre, ["name": .text("NCC Malta"), "country": .text("MT")]) }
        try importInto(colleague, try bundle(of: store, identity, "to-colleague.nccbundle"))
        var here: [String: Value] = ["description": .text("Runs the island's\nsocial innovation lab")]
        var there: [String: Value] = ["description": .text("Hosted by the ministry")]
        if alsoEmail {
            here["email"] = .text("lab@ncc.mt")
            there["email"] = .text("info@ncc.mt")
        }
        _ = try store.write { try $0.update(.centre, id: id, here) }
        _ = try colleague.write { try $0.update(.centre, id: id, there) }
        try importInto(store, try bundle(of: colleague, colleagueIdentity, "from-colleague.nccbundle"))
        let conflicts = try store.read { try $0.conflicts() }
        try #require(conflicts.count == (alsoEmail ? 2 : 1))
        return (try #require(conflicts[0].current.text), try #require(conflicts[0].value.text))
    }
}
