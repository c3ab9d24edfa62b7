import Foundation
import NCCExchange
import NCCModel
import NCCStore
import Testing

/// An import into a database that holds no record of a kind takes a shorter path for records it
/// sees first (no lookup); what it builds must be what the longer path builds.
@Suite struct BundleImportTests {
    @Test func aFirstImportOfRecordsCreatedThenEditedAndDeletedEndsAsTheSender() throws {
        let sender = try TestDatabase()
        let empty = try TestDatabase()
        let holding = try TestDatabase()
        let identity = try Identity.loadOrCreate(
            replica: sender.store.replicaID, folder: sender.folder.appendingPathComponent("keys"))
        try holding.store.write { try $0.create(.workingArea, ["number": .int(9), "title": .text("Held before")]) }
        try sender.store.write { w in
            let area = try w.create(.workingArea, ["number": .int(1), "title": .text("Capacity")])
            let centre = try w.create(.centre, ["name": .text("NCC Lietuva"), "country": .text("LT")])
            let gone = try w.create(.centre, ["name": .text("Žiga Centre"), "country": .text("SI")])
            try w.create(.task, ["title": .text("Map funding"), "working_area": .text(area)])
            try w.update(.centre, id: centre, ["name": .text("NCC Lithuania")])
            try w.update(.centre, id: centre, ["status": .text("active"), "description": .text("Ελληνικά too")])
            try w.update(.workingArea, id: area, ["title": .text("Capacity building")])
            try w.delete(.centre, id: gone)
        }
        let path = sender.folder.appendingPathComponent("full.nccbundle").path
        try BundleWriter(store: sender.store, identity: identity).write(to: path)
        for receiver in [empty, holding] {
            let bundle = try BundleReader.read(path)
            defer { bundle.discard() }
            let result = try BundleImporter(store: receiver.store).apply(bundle, trust: true)
            #expect(result.summary.applied == 8)
        }
        let expected = try sender.store.read { try $0.canonicalDump() }
        #expect(try empty.store.read { try $0.canonicalDump() } == expected, "the import into an empty database")
        let centres = try empty.store.read { try $0.list(.centre, limit: 10) }
        #expect(centres.map { $0.values["name"]?.text } == ["NCC Lithuania"])
        #expect(centres.first?.values["description"]?.text == "Ελληνικά too")
        #expect(try empty.store.read { try $0.search("lithuania", limit: 10) }.count == 1, "found by its latest name")
        #expect(try holding.store.read { try $0.count(.workingArea) } == 2, "the one held before, and the one imported")
        #expect(
            try holding.store.read { try $0.list(.centre, limit: 10) }.map { $0.values["name"]?.text } == [
                "NCC Lithuania"
            ])
    }
}
