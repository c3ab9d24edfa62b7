import Foundation
import NCCApp
import NCCModel
import NCCStore
import Screen

/// The app at a fixed size on a real database file, driven by keys, read as screen text.
final class Harness {
    let folder: URL
    let store: Store
    let app: App
    var width: Int
    var height: Int

    /// `prepare` runs on the store before the app opens (to import a bundle, say).
    init(
        width: Int = 120, height: Int = 40, fill: (StoreWriter) throws -> Void = Harness.sampleData,
        prepare: (Store, URL) throws -> Void = { _, _ in }
    ) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store.open(path: folder.appendingPathComponent("ncc.sqlite").path)
        try store.write(fill)
        try prepare(store, folder)
        self.width = width
        self.height = height
        app = try App(store: store, width: width, height: height, today: "2026-11-23") { store in
            try store.write { w in try Harness.sampleData(w) }
            return "Loaded sample data"
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func press(_ keys: Key...) {
        for key in keys { app.handle(.key(key)) }
    }

    func type(_ text: String) {
        for character in text { app.handle(.key(.character(character))) }
    }

    func resize(_ width: Int, _ height: Int) {
        self.width = width
        self.height = height
        app.handle(.resize(width: width, height: height))
    }

    var buffer: ScreenBuffer { app.render(theme: { _ in .plain }) }
    var screen: String { buffer.text }
    var lines: [String] { buffer.lines }

    /// A small, realistic working group: two centres, people with diacritics, tasks and a meeting.
    static func sampleData(_ w: StoreWriter) throws {
        let pencil = try w.create(
            .consortium, ["name": .text("PEnCIL"), "countries": .list(["LT", "BE", "CZ", "FI"])])
        let lt = try w.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")])
        let si = try w.create(.centre, ["name": .text("NCC Slovenia"), "country": .text("SI")])
        try w.create(.membership, ["centre": .text(lt), "consortium": .text(pencil)])
        let agency = try w.create(
            .organisation,
            [
                "name": .text("Europos socialinio fondo agentūra"), "country": .text("LT"),
                "kind": .text("agency"), "centre": .text(lt), "role": .text("founding"),
            ])
        let egle = try w.create(
            .person, ["name": .text("Eglė Butkevičienė"), "organisation": .text(agency), "role": .text("Coordinator")])
        let ziga = try w.create(.person, ["name": .text("Žiga Novak")])
        try w.create(
            .expert,
            [
                "person": .text(egle), "languages": .list(["lt", "en"]),
                "topics": .list(["impact measurement", "SROI"]),
                "availability_days": .int(4), "bio": .text("Builds outcome indicators for social enterprises."),
            ])
        let area = try w.create(.workingArea, ["number": .int(1), "title": .text("Capacity building")])
        try w.create(
            .task,
            [
                "title": .text("Map the coastal ecosystem"), "due": .text("2026-10-01"), "status": .text("doing"),
                "owner": .text(ziga), "working_area": .text(area), "centre": .text(si),
            ])
        try w.create(
            .task,
            [
                "title": .text("Draft the impact guide"), "due": .text("2027-01-15"), "owner": .text(egle),
                "working_area": .text(area),
            ])
        try w.create(
            .need,
            [
                "centre": .text(lt), "title": .text("Impact measurement framework"),
                "topics": .list(["impact measurement"]),
                "languages": .list(["lt"]),
            ])
        try w.create(
            .meeting,
            [
                "title": .text("Quarterly meeting Q3"), "start": .text("2026-09-17T09:00:00Z"),
                "place": .text("Vilnius"),
                "minutes": .text("Welcome by the host."),
            ])
    }
}
