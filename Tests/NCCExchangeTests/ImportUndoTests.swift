import Foundation
import NCCExchange
import NCCModel
import NCCStore
import Testing

/// An import is undone from the operation log: its operations come out, the records they touched
/// are rebuilt from the rest, the peer is as it was; the member's own later edits stay.
@Suite struct ImportUndoTests {
    let here: TestDatabase
    let there: TestDatabase
    let identity: Identity
    let lithuania: String
    let slovenia: String

    init() throws {
        here = try TestDatabase()
        there = try TestDatabase()
        identity = try Identity.loadOrCreate(
            replica: there.store.replicaID, folder: there.folder.appendingPathComponent("keys"))
        // Both start from the same centres (here imported them once, from there).
        (lithuania, slovenia) = try there.store.write { w in
            (
                try w.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")]),
                try w.create(.centre, ["name": .text("NCC Slovenia"), "country": .text("SI")])
            )
        }
        try importFromThere("first.nccbundle")
    }

    @discardableResult
    func importFromThere(_ name: String) throws -> BundleImporter.Result {
        let path = there.folder.appendingPathComponent(name).path
        try BundleWriter(store: there.store, identity: identity).write(to: path)
        let bundle = try BundleReader.read(path)
        defer { bundle.discard() }
        return try BundleImporter(store: here.store).apply(bundle, trust: true, file: name)
    }

    var dump: String { get throws { try here.store.read { try $0.canonicalDump() } } }

    @Test func undoingAnImportGivesBackTheDatabaseAsItWasWithoutAWholeCopy() throws {
        // A local edit that the import's edit of the same field is concurrent with: a conflict.
        try here.store.write { try $0.update(.centre, id: lithuania, ["website": .text("https://here.example")]) }
        let before = try dump
        let operations = try here.store.read { try $0.operationCount() }
        let peer = try here.store.read { try $0.peer(there.store.replicaID) }
        try there.store.write { w in
            try w.create(.centre, ["name": .text("NCC Malta"), "country": .text("MT")])
            try w.update(.centre, id: lithuania, ["website": .text("https://there.example")])
            try w.update(.centre, id: slovenia, ["name": .text("CCSI – Slovenija")])
            try w.create(.workingArea, ["number": .int(1), "title": .text("Ελληνικά μαθήματα")])
        }
        let result = try importFromThere("second.nccbundle")
        #expect(result.summary.applied == 4 && result.backup == nil)
        #expect(try here.store.read { try $0.search("Malta", kinds: [.centre]) }.count == 1)
        #expect(try here.store.read { try $0.conflicts() }.count == 1)

        let undone = try here.store.write { try $0.undoLastImport() }
        #expect(undone.operations == 4 && undone.records == 2 && undone.file == "second.nccbundle")
        #expect(try dump == before, "records and conflicts as before the import")
        #expect(try here.store.read { try $0.operationCount() } == operations)
        #expect(try here.store.read { try $0.peer(there.store.replicaID) } == peer, "the peer as it was")
        #expect(try here.store.read { try $0.search("Malta", kinds: [.centre]) }.isEmpty, "gone from search too")
        #expect(try here.store.read { try $0.search("Slovenia", kinds: [.centre]) }.count == 1)
        #expect(try here.store.read { try $0.search("Slovenija", kinds: [.centre]) }.isEmpty)

        // The same bundle imports again, as new.
        #expect(try importFromThere("second.nccbundle").summary.applied == 4)
        #expect(try here.store.read { try $0.search("Malta", kinds: [.centre]) }.count == 1)
    }

    @Test func editsMadeSinceStayAndUndoGoesBackOneImportAtATime() throws {
        try there.store.write { try $0.update(.centre, id: slovenia, ["website": .text("https://ccsi.example")]) }
        try importFromThere("second.nccbundle")
        try here.store.write { try $0.update(.centre, id: slovenia, ["description": .text("Our notes")]) }
        try here.store.write { _ = try $0.undoLastImport() }
        let centre = try #require(try here.store.read { try $0.record(.centre, id: slovenia) })
        #expect(centre["website"] == .null, "the import's edit is out")
        #expect(centre["description"] == .text("Our notes"), "the member's own edit since stays")
        // The import before brought the centre the member has changed since: it stays in.
        #expect {
            _ = try here.store.write { try $0.undoLastImport() }
        } throws: { error in
            "\(error)" == "centre 'NCC Slovenia' came with that import and was changed here since"
        }
        #expect(try here.store.read { try $0.record(.centre, id: slovenia)?["description"] } == .text("Our notes"))
    }

    @Test func withNoImportLeftThereIsNothingToUndo() throws {
        let first = try here.store.write { try $0.undoLastImport() }
        #expect(first.file == "first.nccbundle" && first.records == 0, "the centres it brought are gone")
        #expect(try here.store.read { try $0.count(.centre) } == 0)
        #expect(try here.store.read { try $0.peers() }.isEmpty, "the peer it brought is gone")
        #expect {
            _ = try here.store.write { try $0.undoLastImport() }
        } throws: { error in "\(error)" == "there is no import to undo" }
    }

    @Test func undoIsRefusedAndChangesNothingWhenSomethingMadeSinceBuildsOnTheImport() throws {
        try there.store.write { try $0.create(.centre, ["name": .text("NCC Malta"), "country": .text("MT")]) }
        try importFromThere("second.nccbundle")
        let malta = try here.store.read { try $0.resolve(.centre, "NCC Malta") }
        try here.store.write { try $0.create(.need, ["centre": .text(malta), "title": .text("A mentor in Valletta")]) }
        let before = try dump
        #expect {
            _ = try here.store.write { try $0.undoLastImport() }
        } throws: { error in
            "\(error)"
                == "need 'A mentor in Valletta' was made since and refers to centre 'NCC Malta', which only that import brought"
        }
        #expect(try dump == before)
        // A need deleted since still names the centre (its tombstone keeps its references).
        try here.store.write { w in try w.delete(.need, id: try w.reader.resolve(.need, "A mentor in Valletta")) }
        #expect(throws: ImportUndoError.self) { _ = try here.store.write { try $0.undoLastImport() } }
        #expect(try here.store.read { try $0.search("Malta", kinds: [.centre]) }.count == 1)
    }
}
