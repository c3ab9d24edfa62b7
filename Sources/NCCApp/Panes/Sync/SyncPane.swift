import Foundation
import NCCExchange
import NCCModel
import NCCStore

/// This replica, the peers whose bundles it has seen, and the conflicts waiting for a choice.
/// Everything here comes from peers' bundles too: every text is made one line before it is drawn.
enum SyncPane: PaneFeature {
    static let title = "Sync"
    static let summary = "Show this replica, its peers and conflicts"
    static let isDetailOnly = true
    static let reloadsAfterEveryChange = true

    static let bindings = [
        Binding(
            .importBundle, [.character("i")], "i", "import", "Import a peer's bundle (shows what it brings, then asks)",
            footer: true),
        Binding(
            .exportBundle, [.character("x")], "x", "export", "Export a full signed bundle of this database",
            footer: true),
        Binding(
            .keepCurrent, [.character("k")], "k", "keep", "Keep the current value of the selected conflict",
            footer: true),
        Binding(
            .takeOther, [.character("t")], "t", "take", "Take the other value of the selected conflict", footer: true),
    ]

    static func perform(_ action: Action, _ app: App) throws -> Bool {
        switch action {
        case .importBundle: startImport(app)
        case .exportBundle: startExport(app)
        case .keepCurrent: settleConflict(takeOther: false, app)
        case .takeOther: settleConflict(takeOther: true, app)
        default: return false
        }
        return true
    }

    /// Tab keeps the focus on the lines (there is no list) and selects one.
    static func toggleRegion(_ app: App) throws -> Bool {
        app.state.region = .detail
        app.moveInDetail(by: 0)
        return true
    }

    /// The Sync pane's lines (by the runner): this replica, its peers and the conflicts.
    static func read(_ runner: Runner, _ state: AppState) throws -> PaneContent {
        .sync(
            try runner.read { l in
                try SyncPane.overview(
                    l, replica: state.replica, fingerprint: state.fingerprint, path: state.databasePath)
            })
    }

    /// Puts the overview in place; the record opened from a conflict (Enter) is shown as read.
    static func show(_ content: PaneContent, _ app: App) {
        guard case .sync(let overview) = content else { return }
        var detail = app.state.details[.sync] ?? DetailState()
        let selected = selectedConflict(app)
        detail.lines = overview.lines
        app.state.syncConflicts = overview.conflicts
        // The same conflict stays selected when lines above it come or go (a new peer), so k
        // and t never act on another one than the user chose.
        if let selected,
            let same = overview.conflicts.first(where: {
                $0.kind == selected.kind && $0.record == selected.record && $0.field == selected.field
                    && $0.other == selected.other
            })
        {
            detail.selected = same.line
        }
        // Keep the selection where it was (after a conflict is settled, the next one moves up to it).
        detail.keepSelectionOnAnOpenableLine()
        app.state.details[.sync] = detail
    }

    struct Overview {
        var lines: [DetailLine]
        var conflicts: [ConflictChoice]
    }

    /// More than this many conflicts are listed only up to this number.
    static let conflictLimit = 500

    static func overview(_ loader: Loader, replica: String, fingerprint: String?, path: String) throws -> Overview {
        let reader = loader.reader
        let operations = try reader.operationCount()
        let peers = try reader.peers()
        let conflicts = try reader.conflicts(limit: conflictLimit)

        var lines = [DetailLine("This replica", .title)]
        lines.append(DetailLine("  Replica id: \(OneLine.of(replica))", .field("replica")))
        lines.append(
            DetailLine(
                "  Key fingerprint: \(fingerprint ?? "none (no signing key here, so export is off)")",
                .field("fingerprint")))
        lines.append(DetailLine("  Database: \(OneLine.of(path))", .field("path")))
        lines.append(DetailLine("  Operations recorded: \(operations)", .field("operations")))
        // Whose ballots this replica casts, and each peer's (a ballot's voter is its replica's person).
        let speakers = try reader.speakers()
        // Not selectable: ↑↓ and k/t stay on the conflicts.
        func speaksFor(_ replica: String) -> String? {
            speakers[replica]?.last.map { OneLine.of((try? loader.title(.person, $0.person)) ?? $0.person) }
        }
        lines.append(
            speaksFor(replica).map { DetailLine("  Speaks for: \($0)", .field("speaks for")) }
                ?? DetailLine("  Speaks for no one: ncc whoami --person NAME", .warning))

        lines.append(DetailLine(""))
        lines.append(DetailLine("Peers (\(peers.count))", .heading))
        if peers.isEmpty {
            lines.append(
                DetailLine(
                    "  No peers yet: \(ActionTable.key(.importBundle, in: .sync)) imports a colleague's bundle, \(ActionTable.key(.exportBundle, in: .sync)) writes yours for them",
                    .dim))
        }
        for peer in peers {
            let status =
                peer.revoked
                ? "revoked"
                : peer.trusted ? "trusted" : peer.introducedBy.map { "introduced by \(OneLine.of($0))" } ?? "untrusted"
            lines.append(DetailLine("  \(OneLine.of(peer.replica)) · \(status)", peer.revoked ? .warning : .text))
            let key = Identity.fingerprint(ofPublicKey: peer.publicKey) ?? "unreadable"
            lines.append(
                DetailLine(
                    "      key \(key) · last import \(time(peer.lastImport)) · last export \(time(peer.lastExport))",
                    .dim))
            lines.append(DetailLine("      speaks for \(speaksFor(peer.replica) ?? "no one")", .dim))
        }

        let waiting = try reader.waitingCounts()
        if !waiting.isEmpty {
            lines.append(DetailLine(""))
            lines.append(DetailLine("Waiting aside (\(waiting.reduce(0) { $0 + $1.count }))", .heading))
            for group in waiting {
                lines.append(
                    DetailLine(
                        "  \(English.count(group.count, "operation")) of \(OneLine.of(group.replica)), from \(OneLine.of(group.via))'s bundle",
                        .warning))
                lines.append(DetailLine("      \(OneLine.of(group.reason))", .dim))
            }
        }

        lines.append(DetailLine(""))
        let count = conflicts.count == conflictLimit ? "first \(conflictLimit)" : "\(conflicts.count)"
        lines.append(DetailLine("Conflicts (\(count))", .heading))
        var choices: [ConflictChoice] = []
        if conflicts.isEmpty {
            lines.append(DetailLine("  No conflicts", .dim))
        }
        for conflict in conflicts {
            let current = valueText(conflict.current, field: conflict.field, of: conflict.kind, loader)
            let other = valueText(conflict.value, field: conflict.field, of: conflict.kind, loader)
            choices.append(
                ConflictChoice(
                    line: lines.count, kind: conflict.kind, record: conflict.record, title: OneLine.of(conflict.title),
                    field: conflict.field, current: conflict.current, other: conflict.value,
                    currentText: current, otherText: other))
            lines.append(
                DetailLine(
                    "  \(conflict.kind.singular) · \(OneLine.of(conflict.title)) · \(loader.label(conflict.field))",
                    target: RecordRef(conflict.kind, conflict.record)))
            lines.append(DetailLine("      now: \(current)"))
            lines.append(DetailLine("      other: \(other)", .dim))
        }
        if !conflicts.isEmpty {
            lines.append(DetailLine(""))
            lines.append(
                DetailLine(
                    "  ↑↓ selects a conflict · \(ActionTable.key(.keepCurrent, in: .sync)) keeps the value it has now · \(ActionTable.key(.takeOther, in: .sync)) takes the other · \(ActionTable.key(.open)) opens the record",
                    .dim))
        }
        return Overview(lines: lines, conflicts: choices)
    }

    /// A field's value as one line: references by their title, lists with commas, a deletion in words.
    static func valueText(_ value: Value, field: String, of kind: Kind, _ loader: Loader) -> String {
        if field == Operation.deletedField { return value.bool == true ? "deleted" : "not deleted" }
        switch value {
        case .null: return "(empty)"
        case .list(let items): return OneLine.of(items.joined(separator: ", "))
        case .bool(let b): return b ? "yes" : "no"
        case .text(let id):
            if let target = Schema.field(field, of: kind)?.type.referencedKind {
                return OneLine.of((try? loader.title(target, id)) ?? id)
            }
            return OneLine.of(value.plain)
        default: return OneLine.of(value.plain)
        }
    }

    /// A stamp time (`2026-11-23T10:04:00Z`) for people, or "never".
    static func time(_ stamp: String?) -> String {
        guard let stamp, stamp.count >= 16 else { return stamp.map { OneLine.of($0) } ?? "never" }
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(5)) + " UTC"
    }

    /// How many operations a bundle brings: "12 new operations".
    static func counted(_ summary: ReceiveSummary) -> String {
        English.count(summary.applied, "new operation")
    }

    /// What they change: "centres 2 added, 1 updated; 1 conflict" (empty when nothing).
    static func changes(_ summary: ReceiveSummary) -> String {
        var parts: [String] = []
        for (kind, counts) in summary.kinds.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var counted: [String] = []
            if counts.added > 0 { counted.append("\(counts.added) added") }
            if counts.updated > 0 { counted.append("\(counts.updated) updated") }
            if counts.deleted > 0 { counted.append("\(counts.deleted) deleted") }
            if !counted.isEmpty {
                parts.append(
                    kind.plural.replacingOccurrences(of: "-", with: " ") + " " + counted.joined(separator: ", "))
            }
        }
        let conflicts = summary.conflicts
        if conflicts > 0 { parts.append(English.count(conflicts, "conflict")) }
        return parts.joined(separator: "; ")
    }
}
