import Foundation
import NCCModel
import Screen
import Testing

@testable import NCCApp
@testable import NCCExchange
@testable import NCCStore

/// Every kind, walked through what its one declaration drives: its names on the command line,
/// its fields and layouts, the search index, CSV out and back in, its form, and the jump list.
/// A kind whose spec is incomplete or inconsistent fails here, whichever part it forgot.
@Suite struct KindSpecTests {
    @Test(arguments: Kind.allCases)
    func theSpecIsConsistent(_ kind: Kind) throws {
        let spec = kind.spec
        let names = Set(spec.fields.map(\.name))
        #expect(names.count == spec.fields.count, "a field is declared twice")
        #expect(Kind(userInput: spec.plural) == kind && Kind(userInput: kind.rawValue) == kind)
        switch spec.naming {
        case .field(let name): #expect(name.kind == kind && names.contains(name.name))
        case .reference(let name): #expect(name.kind == kind && Schema.field(name).type.referencedKind != nil)
        }
        #expect(Set(spec.listColumns).isSubset(of: names))
        #expect(Set(Schema.listOrder(of: kind)).isSubset(of: names.union(["id", "created_at"])))
        if let csv = spec.csv {
            #expect(csv.columns.first == "id")
            #expect(Set(csv.required).isSubset(of: Set(csv.columns)))
            let special: Set = [CSVTable.consortiumColumn, CSVTable.attendeesColumn]
            for column in csv.columns.dropFirst() where !special.contains(column) {
                #expect(CSVTable.field(column, of: kind) != nil, "CSV column \(column) is no field")
            }
        }
        for name in App.formFields(kind) { #expect(App.fieldSpec(kind, name) != nil, "form field \(name) is no field") }
        for part in spec.parts { #expect(Schema.field(part.field, of: part.kind)?.type.referencedKind == kind) }
        if let link = spec.linkTarget { #expect(link.kind == kind && Schema.field(link).type.referencedKind != nil) }
        for (name, _) in spec.erasure ?? [:] { #expect(name.kind == kind && names.contains(name.name)) }
        #expect((1..<Int(SearchIndex.kindSlots)).contains(spec.search.code))
    }

    @Test func namesAndSearchCodesAreTheirKindsAlone() {
        let specs = Kind.allCases.map(\.spec)
        #expect(Set(specs.map(\.plural)).count == specs.count)
        #expect(Set(specs.map(\.singular)).count == specs.count)
        #expect(Set(specs.map(\.search.code)).count == specs.count)
        // Every group of records has a pane where a member looks for it.
        for group in RecordGroup.allCases { #expect(Pane.allCases.contains { $0.feature.group == group }) }
    }

    /// Makes a record of `kind` with every required field and its free text (and the records it
    /// needs), named so that a search finds it; returns its id.
    static func make(_ kind: Kind, _ w: StoreWriter) throws -> String {
        // A binding and a ballot are made only by binding this replica and casting.
        if kind == .replicaBinding { return try w.bind(person: try make(.person, w)) }
        if kind == .ballot {
            let proposal = try make(.proposal, w)
            if try w.reader.speaker(of: w.replica) == nil { try w.bind(person: try make(.person, w)) }
            return try w.cast(on: proposal, choice: "yes", reason: "Quokka ballot reason", now: Dates.nowUTC())
        }
        var values: [String: Value] = [:]
        for field in kind.spec.fields
        where field.required || field.type == .longText || Schema.titleField(of: kind) == field.name {
            values[field.name] = try sample(field, of: kind, w)
        }
        return try w.create(kind, values)
    }

    static func sample(_ field: Field, of kind: Kind, _ w: StoreWriter) throws -> Value {
        switch field.type {
        case .text, .longText: .text("Quokka \(kind.singular) \(field.name)")
        case .integer(let range): .int(range.lowerBound)
        case .bool: .bool(true)
        case .date: .text("2026-12-01")
        case .dateTime: .text("2026-12-01T09:00:00Z")
        case .country: .text("LT")
        case .countries: .list(["LT"])
        case .languages: .list(["en"])
        case .tags: .list(["quokka"])
        case .email: .text("quokka@example.org")
        case .choice(let options): .text(options[0])
        case .fraction: .text("2/3")
        case .number: .text("12.5")
        case .reference(let target): .text(try make(target, w))
        }
    }

    @Test(arguments: Kind.allCases)
    func aRecordIsFoundAndJumpedToWhereItsKindLives(_ kind: Kind) throws {
        var made = ""
        let h = try Harness(fill: { made = try Self.make(kind, $0) })
        let id = made
        let title = try h.store.read { try $0.title(kind, id: id) }
        let hits = try h.store.read { try $0.quickSearch("quokka", kinds: [kind], limit: 50) }
        #expect(hits.contains { $0.id == id } == kind.spec.search.indexed)
        // Every kind is reachable from the jump list: by its own entry, or through the record it names.
        if h.app.state.pane == .welcome { h.press(.character("s")) }
        h.press(.character(":"))
        h.type(kind.spec.search.indexed ? "quokka" : title)
        let palette = try #require({ if case .palette(let p) = h.app.state.modal { p } else { nil } }())
        let ref = RecordRef(kind, id)
        if let index = palette.hits.firstIndex(where: { $0.ref == ref }) {
            for _ in 0..<index { h.press(.down) }
            h.press(.enter)
            #expect(h.app.state.pane == Pane.home(of: kind.spec.group))
            #expect(h.app.state.message?.text.contains(kind.singular.capitalized) == true)
        } else {
            #expect(!kind.spec.search.indexed, "\(kind) is indexed but the jump list does not find it")
            h.app.step { try h.app.jump(to: ref) }
            #expect(h.app.state.pane == Pane.home(of: kind.spec.group))
        }
    }

    @Test(arguments: Kind.withCSV)
    func aRecordGoesOutAsCSVAndReadsBackAsTheSame(_ kind: Kind) throws {
        let h = try Harness(fill: { _ in })
        _ = try h.store.write { try Self.make(kind, $0) }
        let file = h.folder.appendingPathComponent("\(kind.plural).csv").path
        #expect(try CSVExporter(store: h.store).exportCSV(kind, to: file) == 1)
        let header = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")[0]
        #expect(header.split(separator: ",").map(String.init) == CSVTable.header(for: kind))
        // Every column maps back to the field it came from: the row is the record, unchanged.
        let summary = try CSVImporter(store: h.store).importCSV(kind, from: file, dryRun: true)
        #expect(summary == CSVImportSummary(rows: 1, unchanged: 1), "\(summary)")
    }

    @Test(arguments: Kind.allCases)
    func theEditFormShowsTheSpecsFields(_ kind: Kind) throws {
        var made = ""
        let h = try Harness(fill: { made = try Self.make(kind, $0) })
        let id = made
        h.app.step { try h.app.jump(to: RecordRef(kind, id)) }
        if h.app.currentRecord?.id != id { h.press(.tab) }
        h.app.step { try h.app.startEdit() }
        let form = try #require({ if case .form(let f) = h.app.state.modal { f } else { nil } }())
        #expect(form.fields.map(\.field.name) == App.formFields(kind))
    }
}
