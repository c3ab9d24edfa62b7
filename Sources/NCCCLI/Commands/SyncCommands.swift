import ArgumentParser
import Foundation
import NCCExchange
import NCCModel
import NCCStore

/// The database, this installation's signing key, and where both live.
struct SyncContext {
    let store: Store
    let identity: Identity

    init(_ database: DatabaseOptions) throws {
        store = try database.open()
        identity = try Identity.loadOrCreate(replica: store.replicaID, folder: SyncContext.keyFolder)
    }

    /// `$XDG_DATA_HOME/ncc/keys` (`~/.local/share/ncc/keys`).
    static var keyFolder: URL {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return URL(fileURLWithPath: dataHome).appendingPathComponent("ncc/keys")
    }

    /// A peer named by its replica id or the start of it.
    func peer(_ reference: String) throws -> Peer {
        let peers = try store.read { try $0.peers() }
        let matches = peers.filter { $0.replica == reference || $0.replica.hasPrefix(reference) }
        guard matches.count == 1 else {
            throw ValidationError(
                matches.isEmpty
                    ? "no peer '\(reference)' (see 'ncc peers')"
                    : "'\(reference)' names \(matches.count) peers: give more of the replica id")
        }
        return matches[0]
    }
}

/// `ncc whoami [--person PERSON]`
struct WhoamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract:
            "Show this installation's replica id, signing-key fingerprint and whom it speaks for (read them to peers who trust you).",
        discussion:
            "--person binds this replica to a person of the directory: its ballots are theirs, and peers see it in their bundles, signed. A person may have several replicas."
    )

    @Option(help: ArgumentHelp("Speak for this person (id, id prefix or exact name).", valueName: "person"))
    var person: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let context = try SyncContext(database)
        if let person {
            let id = try context.store.write { writer in
                let id = try writer.reader.resolve(.person, person)
                try writer.bind(person: id)
                return id
            }
            let said = try context.store.read { try Speaking.describe(id, $0) }
            Console.out(Console.oneLine("This replica now speaks for \(said)"))
        }
        Console.out("Replica:     \(context.identity.replica)")
        Console.out("Fingerprint: \(context.identity.fingerprint)")
        if let sealing = context.identity.sealing {
            Console.out("Sealing key: \(sealing.fingerprint)")
        }
        let speaksFor = try context.store.read { reader in
            try reader.speaker(of: context.identity.replica).map { try Speaking.describe($0.person, reader) }
        }
        Console.out(
            "Speaks for:  " + Console.oneLine(speaksFor ?? "no one yet (ncc whoami --person NAME)"))
        Console.out(
            "Key file:    \(Console.oneLine(SyncContext.keyFolder.appendingPathComponent("\(context.identity.replica).ed25519").path))"
        )
    }
}

/// Whom a replica speaks for, in words: "Eglė Butkevičienė (NCC Lithuania)".
enum Speaking {
    static func describe(_ person: String, _ reader: StoreReader) throws -> String {
        guard let voter = try reader.voter(person) else { return "a person not held here (\(person))" }
        return ProposalText.voter(voter)
    }
}

/// `ncc export FILE [--for PEER]... [--full] [--unsealed]`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a signed bundle of changes for peers, sealed for them (see README, Bundle format).",
        discussion:
            "With --for (repeatable) the bundle holds what those peers are not known to hold, sealed so that only they can open it. Without --for it holds everything and must be written --unsealed."
    )

    @Argument(help: "The bundle file to write (.nccbundle).") var file: String
    @Option(
        name: .customLong("for"),
        help: ArgumentHelp("Seal it for this peer (replica id), and leave out what it holds.", valueName: "peer"))
    var peers: [String] = []
    @Flag(help: "Everything, whatever the peers hold.") var full = false
    @Flag(help: "Signed only, not sealed: anyone who finds the file can read it.") var unsealed = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let context = try SyncContext(database)
        let replicas = try peers.map { try context.peer($0).replica }
        guard !replicas.isEmpty || unsealed else { throw AuthorshipError.nobodyToSealFor }
        let written = try BundleWriter(store: context.store, identity: context.identity).write(
            to: file, for: replicas, full: full, sealed: !unsealed)
        let scope =
            written.manifest.full
            ? "everything" : "what \(replicas.joined(separator: " and ")) \(replicas.count == 1 ? "lacks" : "lack")"
        let seal = unsealed ? "not sealed" : "sealed for \(replicas.joined(separator: ", "))"
        Console.out(
            Console.oneLine(
                "Wrote \(file): \(English.count(written.manifest.operations, "operation")) (\(scope)), \(English.count(written.bytes, "byte")), signed \(context.identity.fingerprint), \(seal)"
            ))
    }
}

/// `ncc import FILE [--dry-run] [--trust]`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check a peer's bundle and merge it: all of it or nothing ('ncc undo-import' takes it back out).",
        discussion:
            "A bundle from a signer not yet trusted is refused unless --trust (check the fingerprint with its owner).")

    @Argument(help: "The bundle file.") var file: String
    @Flag(help: "Check the bundle and show what would change, writing nothing.") var dryRun = false
    @Flag(help: "Trust the bundle's signer from now on.") var trust = false
    @Flag(help: "Copy the whole database aside first, as well (beside it, in NAME.backups/).") var backup = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        // An unsealed bundle is checked whole before the database is even opened: a bad file
        // leaves the database file byte for byte as it was. A sealed one needs this replica's key.
        let sealed = Seal.isSealed(URL(fileURLWithPath: file))
        var context = sealed ? try SyncContext(database) : nil
        let bundle = try BundleReader.read(file, sealingKey: context?.identity.sealing)
        defer { bundle.discard() }
        if context == nil { context = try SyncContext(database) }
        guard let context else { return }
        let importer = BundleImporter(store: context.store)
        let result =
            dryRun
            ? try importer.preview(bundle, trust: trust)
            : try importer.apply(
                bundle, trust: trust, backups: backup ? Backups(store: context.store) : nil,
                file: URL(fileURLWithPath: file).lastPathComponent)
        for line in SyncReport.lines(result, dryRun: dryRun) {
            Console.out((line.hasPrefix("  ") ? "  " : "") + Console.oneLine(line))
        }
    }
}

/// `ncc undo-import`
struct UndoImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo-import",
        abstract: "Take the last import back out: its operations and what they changed (your own edits since stay).",
        discussion:
            "Run it again to undo the import before. Refused, changing nothing, when the import erased personal data or when something made or changed since builds on a record it brought."
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let undone = try ImportLock.holding(store.path) { try store.write { try $0.undoLastImport() } }
        Console.out(
            Console.oneLine(
                "Undid the import of \(undone.file.isEmpty ? "a bundle" : undone.file) from \(undone.producer) (\(undone.at)): \(English.count(undone.operations, "operation")) taken out, \(English.count(undone.records, "record")) rebuilt"
            ))
    }
}

/// `ncc inspect FILE`
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Check a bundle and show what it holds, without importing it.")

    @Argument(help: "The bundle file.") var file: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        // Only the values are the bundle's (and sanitised); the layout is ours.
        let clean = Console.oneLine
        let url = URL(fileURLWithPath: file)
        var key: AgreementKey?
        if Seal.isSealed(url) {
            let header = try Seal.header(of: url)
            Console.out("Bundle:      \(clean(file)) (format \(header.version), sealed)")
            Console.out(
                "Sealed for:  "
                    + clean(header.recipients.map { "\($0.replica) (\($0.fingerprint))" }.joined(separator: ", ")))
            key = try SyncContext(database).identity.sealing
            guard let key, header.recipients.contains(where: { $0.fingerprint == key.fingerprint }) else {
                Console.out("Contents:    not readable here: it is not sealed for this replica")
                return
            }
        }
        let bundle = try BundleReader.read(file, sealingKey: key)
        defer { bundle.discard() }
        let manifest = bundle.manifest
        if key == nil { Console.out("Bundle:      \(clean(file)) (format \(manifest.version), not sealed)") }
        Console.out("Signature:   good")
        Console.out(
            "Signed by:   replica \(clean(manifest.producer.replica)), key \(clean(manifest.producer.fingerprint))")
        Console.out(
            "For:         \(clean(manifest.recipient ?? "anyone"))\(manifest.full ? " (everything)" : " (changes only)")"
        )
        Console.out("Made:        \(clean(manifest.created))")
        Console.out("Operations:  \(manifest.operations)")
        for (kind, count) in manifest.counts.sorted(by: { $0.key < $1.key }) {
            Console.out("  \(clean(kind)): \(count)")
        }
        Console.out(
            "Holds:       "
                + clean(
                    manifest.knowledge.sorted(by: { $0.key < $1.key }).map { "\($0.key) up to \($0.value)" }.joined(
                        separator: ", ")))
        for (label, text) in InspectCommand.authorship(bundle) { Console.out(label + clean(text)) }
    }

    /// Whose operations the bundle holds and what vouches for them: each author's checkpoint, or nothing.
    static func authorship(_ bundle: VerifiedBundle) -> [(label: String, text: String)] {
        let manifest = bundle.manifest
        var lines: [(label: String, text: String)] = []
        for (replica, range) in bundle.sequences.sorted(by: { $0.key < $1.key }) {
            let numbers =
                range.count == 1
                ? "operation \(range.lowerBound)" : "operations \(range.lowerBound)–\(range.upperBound)"
            if let author = manifest.authors?[replica] {
                let unverified =
                    author.first > range.lowerBound ? ", \(author.first - range.lowerBound) before it unverified" : ""
                lines.append(
                    (
                        "Author:      ",
                        "\(replica): \(numbers), verified up to its checkpoint at \(author.checkpoint.seq) (key \(author.fingerprint))\(unverified)"
                    ))
            } else if manifest.version < 2 && replica == manifest.producer.replica {
                lines.append(("Author:      ", "\(replica): \(numbers), signed by the producer (version 1)"))
            } else {
                lines.append(("Author:      ", "\(replica): \(numbers), unverified (no checkpoint of its author)"))
            }
        }
        for revocation in manifest.revocations ?? [] {
            lines.append(
                (
                    "Revocation:  ",
                    "\(revocation.replica)'s key \(Identity.fingerprint(ofPublicKey: revocation.publicKey) ?? "?") after operation \(revocation.after), by \(revocation.by)"
                ))
        }
        return lines
    }
}

/// `ncc peers [trust|revoke PEER]`
struct PeersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "List the peers whose bundles this installation has seen; trust or revoke one.")

    @Argument(help: "trust or revoke (leave out to list).") var action: String?
    @Argument(help: "The peer's replica id (or its start).") var peer: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let action, !["trust", "revoke"].contains(action) {
            throw ValidationError("'\(action)' is not an action: use trust or revoke")
        }
        if action != nil, peer == nil { throw ValidationError("name the peer to \(action!)") }
    }

    func run() throws {
        let context = try SyncContext(database)
        if let action, let peer {
            var known = try context.peer(peer)
            known.trusted = action == "trust"
            known.revoked = action == "revoke"
            let identity = context.identity
            try context.store.write { writer in
                try writer.savePeer(known)
                // The revocation travels, signed, in every bundle of ours from now on.
                if action == "revoke" {
                    try writer.saveRevocation(
                        try identity.revocation(
                            of: known.replica, key: known.publicKey,
                            after: try writer.reader.knowledge()[known.replica] ?? 0))
                }
            }
            let released = action == "trust" ? try BundleImporter(store: context.store).releaseWaiting() : 0
            Console.out(
                Console.oneLine(
                    "\(action == "trust" ? "Trusted" : "Revoked") \(known.replica) (\(Identity.fingerprint(ofPublicKey: known.publicKey) ?? "?"))"
                        + (released > 0 ? "; applied \(English.count(released, "operation")) that waited" : "")))
            return
        }
        let peers = try context.store.read { try $0.peers() }
        if peers.isEmpty {
            Console.out("No peers yet: import a bundle (ncc import FILE --trust) to meet one.")
            return
        }
        let speakers = try context.store.read { reader in
            try reader.speakers().compactMapValues { bindings in
                try bindings.last.map { try Speaking.describe($0.person, reader) }
            }
        }
        for peer in peers {
            let state =
                peer.revoked
                ? "revoked" : peer.trusted ? "trusted" : peer.introducedBy.map { "introduced by \($0)" } ?? "untrusted"
            let fingerprint = Identity.fingerprint(ofPublicKey: peer.publicKey) ?? "?"
            Console.out(
                Console.oneLine(
                    "\(peer.replica)  \(state)  \(fingerprint)  last import \(peer.lastImport ?? "never"), last export \(peer.lastExport ?? "never")"
                        + (speakers[peer.replica].map { ", speaks for \($0)" } ?? "")))
        }
        let waiting = try context.store.read { try $0.waitingCounts() }
        for group in waiting {
            Console.out(
                Console.oneLine(
                    "waiting: \(English.count(group.count, "operation")) of \(group.replica) (from \(group.via)'s bundle): \(group.reason)"
                ))
        }
    }
}

/// `ncc sync --folder DIR`
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange bundles through a shared folder: write ours, import every peer's.",
        discussion:
            "The folder may be a Syncthing or Nextcloud folder, a USB stick or a git work tree; no server of ours is involved."
    )

    @Option(help: ArgumentHelp("The shared folder.", valueName: "dir")) var folder: String
    @Flag(help: "Trust the signers of bundles found there.") var trust = false
    @Flag(help: "Write ours signed only, not sealed for the trusted peers.") var unsealed = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let context = try SyncContext(database)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("no folder \(folder)")
        }
        let ours = URL(fileURLWithPath: folder).appendingPathComponent(
            "\(context.identity.replica).\(BundleFormat.fileExtension)")
        let names = (try FileManager.default.contentsOfDirectory(atPath: folder))
            .filter { $0.hasSuffix(".\(BundleFormat.fileExtension)") && $0 != ours.lastPathComponent }.sorted()
        var refused = 0
        let importer = BundleImporter(store: context.store)
        for name in names {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            do {
                let bundle = try BundleReader.read(path, sealingKey: context.identity.sealing)
                defer { bundle.discard() }
                let known = try context.store.read { try $0.peer(bundle.manifest.producer.replica) }
                if known?.lastBundle == bundle.fileHash {
                    Console.out(Console.oneLine("\(name): unchanged since the last sync"))
                    continue
                }
                let result = try importer.apply(bundle, trust: trust, file: name)
                Console.out(
                    Console.oneLine("\(name): " + SyncReport.lines(result, dryRun: false).joined(separator: "; ")))
            } catch {
                refused += 1
                Console.error(Console.oneLine("\(name): \(error)"))
            }
        }
        // Ours goes last, so that it already holds what we just received, sealed for every trusted
        // peer whose sealing key we know.
        let readers = try context.store.read { try $0.sealingReaders() }
        guard unsealed || !readers.isEmpty else { throw AuthorshipError.noPeersToSealFor }
        let written = try BundleWriter(store: context.store, identity: context.identity).write(
            to: ours.path, for: unsealed ? [] : readers, full: true, sealed: !unsealed)
        Console.out(
            Console.oneLine(
                "Wrote \(ours.lastPathComponent): \(English.count(written.manifest.operations, "operation")), "
                    + (unsealed ? "not sealed" : "sealed for \(readers.joined(separator: ", "))")))
        if refused > 0 {
            throw ValidationError("\(refused) bundle\(refused == 1 ? " was" : "s were") refused (see above)")
        }
    }
}

/// `ncc conflicts [resolve ...]`
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List the values that lost to a concurrent edit; settle one.",
        discussion: """
            Settle with: ncc conflicts resolve RECORD FIELD --keep (the current value stays), --take STAMP \
            (that losing value wins), or --value TEXT (a new value). The choice travels to peers.
            """)

    @Argument(help: "resolve (leave out to list).") var action: String?
    @Argument(help: "The record id (or its start).") var record: String?
    @Argument(help: "The field.") var field: String?
    @Flag(help: "Keep the value the field has now.") var keep = false
    @Option(help: ArgumentHelp("Take the losing value with this stamp (or its start).", valueName: "stamp")) var take:
        String?
    @Option(help: ArgumentHelp("Set this value instead.", valueName: "text")) var value: String?
    @Flag(help: "As JSON lines.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard let action else { return }
        guard action == "resolve" else { throw ValidationError("'\(action)' is not an action: use resolve") }
        guard record != nil, field != nil else { throw ValidationError("name the record and the field to resolve") }
        guard [keep, take != nil, value != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("choose one of --keep, --take STAMP or --value TEXT")
        }
    }

    func run() throws {
        let store = try database.open()
        let conflicts = try store.read { try $0.conflicts() }
        guard action != nil, let record, let field else {
            if conflicts.isEmpty { Console.out("No conflicts.") }
            for conflict in conflicts {
                if json {
                    Console.out(
                        CanonicalJSON.encode([
                            "kind": .text(conflict.kind.rawValue), "record": .text(conflict.record),
                            "title": .text(conflict.title), "field": .text(conflict.field),
                            "value": conflict.value, "stamp": .text(conflict.stamp.description),
                            "current": conflict.current,
                        ]))
                } else {
                    Console.out(
                        Console.oneLine(
                            "\(conflict.kind.singular) '\(conflict.title)' \(conflict.record.suffix(8)) \(conflict.field): now '\(conflict.current.plain)', lost '\(conflict.value.plain)' (stamp \(conflict.stamp))"
                        ))
                }
            }
            return
        }
        let matching = conflicts.filter {
            ($0.record == record || $0.record.hasPrefix(record) || $0.record.hasSuffix(record)) && $0.field == field
        }
        guard let first = matching.first, Set(matching.map(\.record)).count == 1 else {
            throw ValidationError(
                matching.isEmpty
                    ? "no conflict on \(record) \(field) (see 'ncc conflicts')"
                    : "'\(record)' names several records: give more of the id")
        }
        let chosen: Value
        if keep {
            chosen = first.current
        } else if let take {
            guard let losing = matching.first(where: { $0.stamp.description.hasPrefix(take) }) else {
                throw ValidationError("no losing value with stamp \(take) (see 'ncc conflicts')")
            }
            chosen = losing.value
        } else {
            guard let fieldInfo = Schema.field(field, of: first.kind) else {
                throw ValidationError("no field \(field)")
            }
            chosen = try FieldInput.parse(value ?? "", for: fieldInfo)
        }
        try store.write { try $0.resolve(first.kind, id: first.record, field: field, value: chosen) }
        Console.out(Console.oneLine("Resolved \(first.kind.singular) '\(first.title)' \(field): '\(chosen.plain)'"))
    }
}

/// `ncc forget PERSON`
struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase a person's personal data here and, through the next bundles, at every peer.",
        discussion:
            "Name, e-mail, phone, role and their expert bio are blanked in the record and in the history of changes.")

    @Argument(help: "The person (name, id or id start).") var person: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let id = try store.read { try $0.resolve(.person, person) }
        let erased = try store.write { try $0.forget(person: id) }
        Console.out(
            Console.oneLine(
                "Erased the personal data of \(id) (\(erased.count) record\(erased.count == 1 ? "" : "s")); peers erase it when they import your next bundle"
            ))
    }
}

/// What an import did (or would do), as lines for people.
enum SyncReport {
    static func lines(_ result: BundleImporter.Result, dryRun: Bool) -> [String] {
        let summary = result.summary
        let producer = result.manifest.producer
        var lines = [
            "\(dryRun ? "Would apply" : "Applied") \(English.count(summary.applied, "new operation")) from replica \(producer.replica) (key \(producer.fingerprint)\(result.newlyTrusted ? ", now trusted" : "")); \(summary.alreadyHeld) already held"
        ]
        for (kind, counts) in summary.kinds.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var parts: [String] = []
            if counts.added > 0 { parts.append("\(counts.added) added") }
            if counts.updated > 0 { parts.append("\(counts.updated) updated") }
            if counts.deleted > 0 { parts.append("\(counts.deleted) deleted") }
            if counts.conflicts > 0 { parts.append(English.count(counts.conflicts, "conflict")) }
            if !parts.isEmpty { lines.append("  \(kind.plural): " + parts.joined(separator: ", ")) }
        }
        if summary.conflicts > 0 {
            lines.append("\(English.count(summary.conflicts, "conflicting value")) kept: see 'ncc conflicts'")
        }
        lines += summary.authorshipNotes
        if let backup = result.backup { lines.append("Backup: \(backup)") }
        return lines
    }
}
