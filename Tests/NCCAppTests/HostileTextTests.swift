import Foundation
import NCCApp
import NCCExchange
import NCCFuzzTargets
import NCCModel
import NCCStore
import Screen
import Testing

/// A peer's bundle with escape sequences in every free-text field of every kind, and a conflict
/// over one of them, imported as a member would; then every pane walked, every record opened,
/// its edit form shown, the filter, the jump list and the help drawn. No cell of any screen may
/// hold a control character, and the hostile texts must have been drawn (as visible symbols).
@Suite struct HostileTextTests {
    /// The sender's database, filled with `HostileRecords`, written as a bundle into `folder`;
    /// then the sender changes a centre's name again, to conflict with the receiver's own edit.
    static func importHostileBundle(into store: Store, folder: URL) throws {
        let sender = try Store.open(path: folder.appendingPathComponent("sender.sqlite").path)
        let identity = try Identity.loadOrCreate(
            replica: sender.replicaID, folder: folder.appendingPathComponent("keys"))
        var ids: [Kind: String] = [:]
        try sender.write { w in
            for kind in Kind.allCases where kind != .ballot && kind != .replicaBinding {
                ids[kind] = try w.create(kind, HostileRecords.values(of: kind, references: ids))
            }
            // A binding and a ballot are made only by binding and casting, on an open proposal.
            let open = try w.create(.proposal, ["title": .text("Vote\(HostileRecords.sequences)title")])
            ids[.replicaBinding] = try w.bind(person: try #require(ids[.person]))
            ids[.ballot] = try w.cast(
                on: open, choice: "object", reason: "Reason\(HostileRecords.sequences)end", now: Dates.nowUTC())
        }
        func send(_ name: String) throws {
            let path = folder.appendingPathComponent(name).path
            try BundleWriter(store: sender, identity: identity).write(to: path)
            let bundle = try BundleReader.read(path, scratch: folder)
            defer { bundle.discard() }
            _ = try BundleImporter(store: store).apply(bundle, trust: true)
        }
        try send("first.nccbundle")
        let centre = try #require(ids[.centre])
        try store.write { w in _ = try w.update(.centre, id: centre, ["name": .text("NCC Lietuva")]) }
        try sender.write { w in
            _ = try w.update(.centre, id: centre, ["name": .text("Other\(HostileRecords.sequences)name")])
        }
        try send("second.nccbundle")
        #expect(try store.read { try $0.conflicts(limit: 10).count } == 1, "the second bundle leaves a conflict")
    }

    /// Fails when a cell holds a control character; returns the screen's text.
    @discardableResult
    static func checked(_ h: Harness, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let buffer = h.buffer
        let bad = buffer.cells.filter { HostileRecords.holdsControl($0.text) }
        #expect(bad.isEmpty, "\(step): \(bad.count) cells hold control characters", sourceLocation: sourceLocation)
        return buffer.text
    }

    @Test func noScreenOfAnyPaneDrawsARawControlCharacter() throws {
        let h = try Harness(width: 140, height: 45, fill: { _ in }, prepare: Self.importHostileBundle)
        var drawn = ""
        for pane in ["0", "1", "2", "3", "4", "5", "6", "7"] {
            h.press(.character(Character(pane)))
            drawn += Self.checked(h, "pane \(pane)")
            for row in 0..<8 {
                // The selected record, opened; each linked record in its detail, opened in turn.
                h.press(.enter)
                drawn += Self.checked(h, "pane \(pane) row \(row) opened")
                for link in 0..<4 {
                    h.press(.down, .enter)
                    drawn += Self.checked(h, "pane \(pane) row \(row) link \(link)")
                    h.press(.escape)
                }
                h.press(.escape, .escape)
                h.press(.character("e"))
                drawn += Self.checked(h, "pane \(pane) row \(row) edit form")
                h.press(.escape)
                h.press(.down)
            }
            if pane == "2" {
                h.press(.character("n"))
                for _ in 0..<3 {
                    h.press(.enter, .tab)
                    drawn += Self.checked(h, "a need and its ranked experts")
                    h.press(.escape, .escape, .down)
                }
            }
            h.press(.character("/"))
            h.type("pwned")
            drawn += Self.checked(h, "pane \(pane) filtered")
            h.press(.escape)
            h.press(.character("?"))
            Self.checked(h, "pane \(pane) help")
            h.press(.escape)
        }
        h.press(.character(":"))
        h.type("pwned")
        drawn += Self.checked(h, "jump list")
        h.press(.escape)

        // The texts were drawn, with their escapes as visible symbols: nothing was skipped.
        var expected = [Kind.consortium, .organisation, .person, .need, .task, .meeting].map {
            "\($0.rawValue).\(Schema.titleField(of: $0) ?? "name")␛]0;pwned␇"
        }
        expected += [
            "meeting.minutes␛]0;pwned␇", "centre.description␛]0;pwned␇", "expert.bio␛]0;pwned␇", "Other␛]0;pwned␇",
        ]
        let missing = expected.filter { !drawn.contains($0) }
        #expect(missing.isEmpty, "never drawn: \(missing)")
    }
}
