import Foundation
import NCCModel
import NCCStore
import Screen
import Testing

@testable import NCCApp

/// The update only changes the state and asks for effects; the runner performs them (it alone
/// holds the store), and work done in the background wakes the terminal's loop when it replies.
@Suite struct EffectsTests {
    @Test func movingToATaskAsksForItsDetailAndTheRunnerReadsIt() throws {
        let h = try Harness()
        h.press(.character("3"))
        let first = try #require(h.app.state.list.selectedRow)
        let shown = h.app.state.detail.lines
        #expect(shown.first?.text == first.cells.last, "the first task's detail is shown")
        let effects = h.app.effects(of: .key(.down))
        let second = try #require(h.app.state.list.selectedRow)
        #expect(second.id != first.id, "the selection moved in the state")
        // The row was in the loaded window, so only the detail is asked for.
        #expect(effects.count == 1)
        guard case .readDetail(let request)? = effects.first else {
            Issue.record("a detail read, not \(effects)")
            return
        }
        #expect(request.ref == RecordRef(.task, second.id) && !request.stacked)
        #expect(h.app.state.detail.lines == shown, "nothing is read until the runner performs it")
        h.press(.up, .down)
        #expect(h.app.state.detail.lines.first?.text == second.cells.last, "\(h.app.state.detail.lines.prefix(2))")
    }

    @Test func spaceOnATaskAsksForANamedChangeThatOnlyTheRunnerMakes() throws {
        let h = try Harness()
        h.press(.character("3"))
        let row = try #require(h.app.state.list.selectedRow)
        let status = { try h.store.read { try $0.record(.task, id: row.id)?[Fields.Task.status].text } }
        let before = try status()
        let effects = h.app.effects(of: .key(.character(" ")))
        guard case .change(.advanceTaskStatus(let task, _))? = effects.first, effects.count == 1 else {
            Issue.record("one named change, not \(effects)")
            return
        }
        #expect(task == row.id)
        #expect(try status() == before, "the update wrote nothing")
        h.press(.character(" "))
        #expect(try status() != before)
        #expect(h.app.state.message?.text.contains("is now \(try status() ?? "")") == true)
    }

    @Test func aBundleIsCheckedAndImportedInTheBackgroundAndEachWakesTheLoopWhenDone() throws {
        let w = try SyncWorld(background: true)
        _ = try w.colleague.write { try $0.create(.centre, ["name": .text("NCC Malta"), "country": .text("MT")]) }
        let path = try w.bundle(of: w.colleague, w.colleagueIdentity, "malta.nccbundle")
        w.press(.character("7"), .character("i"))
        w.type(path)
        w.press(.enter)
        // `handle` returned while the bundle is being read; the check replies through the wake pipe.
        #expect(w.question == nil)
        #expect(Self.wait(w.app.wakeDescriptor, seconds: 30), "the check woke the loop")
        w.app.handleReplies()
        #expect(w.question?.hasPrefix("Unknown signer \(w.colleagueIdentity.fingerprint)") == true, "\(w.screen)")
        w.press(.character("y"))
        #expect(w.app.state.message?.text == "Importing malta.nccbundle…" || Self.readable(w.app.wakeDescriptor))
        #expect(Self.wait(w.app.wakeDescriptor, seconds: 30), "the import woke the loop")
        w.app.handleReplies()
        #expect(w.app.state.message?.text.hasPrefix("Imported 1 new operation") == true, "\(w.screen)")
        #expect(w.screen.contains("\(w.colleague.replicaID) · trusted"), "the pane shows the new peer: \(w.screen)")
        #expect(!Self.readable(w.app.wakeDescriptor), "replies taken, the pipe is empty")
        #expect(try w.store.read { try $0.search("Malta", kinds: [.centre]) }.count == 1)
    }

    @Test func aCheckThatEndsWhileAFormIsOpenLeavesTheFormAlone() throws {
        let w = try SyncWorld(background: true)
        let path = try w.bundle(of: w.colleague, w.colleagueIdentity, "empty.nccbundle")
        // The user typed the path, then opened a new centre's form before the check replied.
        w.press(.character("1"), .character("a"))
        guard case .form = w.app.state.modal else {
            Issue.record("the new centre's form is open: \(w.screen)")
            return
        }
        let preview = try SyncPane.preview(path, w.store, sealingKey: nil)
        w.app.step { try w.app.apply(.fileDone(.previewImport(path: path), .preview(preview))) }
        guard case .form = w.app.state.modal else {
            Issue.record("the form is still open, not covered by the question: \(w.screen)")
            return
        }
        #expect(w.app.state.message?.text.contains("nothing was imported") == true, "\(w.screen)")
        #expect(try w.store.read { try $0.peers() }.isEmpty)
    }

    /// A reference typed, not chosen, is checked by the store: at the field when the user leaves
    /// it (a question), and on save in the same runner step that would write (nothing written).
    @Test func aTypedReferenceThatNamesNobodyIsRefusedAtItsFieldAndNothingIsWritten() throws {
        let h = try Harness()
        h.press(.character("3"), .character("a"))
        guard case .form(let opened) = h.app.state.modal,
            let owner = opened.fields.firstIndex(where: { $0.field.name == Fields.Task.owner.name })
        else {
            Issue.record("a new task's form with an owner field")
            return
        }
        h.type("Mapping the islands")
        while case .form(let form) = h.app.state.modal, form.focused != owner { h.press(.tab) }
        h.type("Nobody Here")
        #expect({ if case .form(let f) = h.app.state.modal { f.fields[owner].choices.isEmpty } else { false } }())
        h.press(.tab)
        guard case .form(let left) = h.app.state.modal else {
            Issue.record("the form stays open")
            return
        }
        #expect(left.fields[owner].error == "no person 'Nobody Here'", "\(left.fields[owner])")
        let before = try h.store.read { try $0.count(.task) }
        h.press(.control("s"))
        guard case .form(let refused) = h.app.state.modal else {
            Issue.record("the form stays open after a refused save")
            return
        }
        #expect(refused.focused == owner && refused.error == "Fix the field marked in red, then save again")
        #expect(try h.store.read { try $0.count(.task) } == before)
    }

    static func readable(_ fd: Int32) -> Bool { poll(fd, milliseconds: 0) }

    static func wait(_ fd: Int32, seconds: Int) -> Bool { poll(fd, milliseconds: seconds * 1000) }

    private static func poll(_ fd: Int32, milliseconds: Int) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return Glibc.poll(&entry, 1, Int32(milliseconds)) == 1
    }
}
