import Crypto
import Foundation
import NCCExchange
import NCCModel
import NCCStore
import Testing

/// The issue's rules one by one: round trips of linked kinds into a fresh database, line numbers
/// that count quoted newlines, ambiguous references, the "and N more" cut, streaming past a chunk.
@Suite struct CSVSpecTests {
    let db: TestDatabase

    init() throws { db = try TestDatabase() }

    func file(_ name: String, _ text: String, in folder: URL? = nil) throws -> String {
        let path = (folder ?? db.folder).appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func rejection(_ kind: Kind, _ path: String, store: Store? = nil) throws -> CSVImportError {
        do {
            let summary = try CSVImporter(store: store ?? db.store).importCSV(kind, from: path)
            Issue.record("imported although it should not: \(summary)")
        } catch let error as CSVImportError {
            return error
        }
        throw CancellationError()
    }

    /// Every live record of the kinds, by id, values only (timestamps differ between databases).
    func snapshot(_ store: Store, _ kinds: [Kind]) throws -> [Kind: [String: [String: Value]]] {
        try store.read { reader in
            var all: [Kind: [String: [String: Value]]] = [:]
            for kind in kinds {
                all[kind] = Dictionary(
                    uniqueKeysWithValues: try reader.list(kind, limit: 10_000).map { ($0.id, $0.values) })
            }
            return all
        }
    }

    /// The database's bytes, its write-ahead log included (a write may sit there until a checkpoint).
    func fingerprint(_ database: TestDatabase) throws -> String {
        var hash = SHA256()
        for suffix in ["", "-wal"] {
            let url = URL(fileURLWithPath: database.path + suffix)
            if let data = try? Data(contentsOf: url) { hash.update(data: data) }
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static let people = """
        id,name,email,phone,organisation,role,shareable
        p-egle,Eglė Butkevičienė,egle@example.org,,Socialinių inovacijų centras,Coordinator,true
        p-ziga,Žiga Novak,ziga@example.org,+386 1 555 0100,Zavod Ustvarjalnik,Researcher,false
        p-eleni,Ελένη Παπαδοπούλου,eleni@example.eu,,Κοινωνική καινοτομία,"Συντονίστρια, ""κόμβος""\",true

        """

    static let centres = """
        id,name,country,consortium,status,website,email
        c-lt,NCC Lithuania,LT,PEnCIL;INSISST,active,https://ncc.example.lt,info@ncc.example.lt
        c-gr,"Κοινωνική καινοτομία, ""Αθήνα""\",GR,SEED2SCALE;PEnCIL,planned,,
        c-si,Žiga's centre,SI,,closed,https://ncc.example.si,

        """

    static let meetings = """
        id,title,kind,start,place,attendees,minutes
        m-1,Quarterly meeting,quarterly,2026-03-05T09:00Z,Vilnius,Eglė Butkevičienė;Žiga Novak,"Agreed: map the ecosystem, then ""measure"".
        Ελένη Παπαδοπούλου: Κοινωνική καινοτομία first."
        m-2,Συνάντηση εργασίας,quarterly,2026-06-10T14:30:15Z,"Αθήνα, Ελλάδα",p-eleni,

        """

    @Test func centresRoundTripIntoAFreshDatabaseWithTheirConsortia() throws {
        let input = try file("centres.csv", Self.centres)
        let summary = try CSVImporter(store: db.store).importCSV(.centre, from: input)
        #expect(summary == CSVImportSummary(rows: 3, created: 3, updated: 0, unchanged: 0))
        #expect(try db.store.read { try $0.count(.consortium) } == 3)
        #expect(try db.store.read { try $0.count(.membership) } == 4)

        let out = db.folder.appendingPathComponent("centres-out.csv").path
        #expect(try CSVExporter(store: db.store).exportCSV(.centre, to: out) == 3)
        let text = try read(out)
        #expect(text.hasPrefix("id,name,country,consortium,status,website,email\n"))
        #expect(text.contains(",\"Κοινωνική καινοτομία, \"\"Αθήνα\"\"\",GR,PEnCIL;SEED2SCALE,planned,,\n"))
        #expect(text.contains(",NCC Lithuania,LT,INSISST;PEnCIL,active,https://ncc.example.lt,info@ncc.example.lt\n"))

        let fresh = try TestDatabase()
        let again = try CSVImporter(store: fresh.store).importCSV(.centre, from: out)
        #expect(again.created == 3)
        let kinds: [Kind] = [.centre, .consortium, .membership]
        #expect(try snapshot(fresh.store, kinds) == snapshot(db.store, kinds))
        let back = fresh.folder.appendingPathComponent("back.csv").path
        _ = try CSVExporter(store: fresh.store).exportCSV(.centre, to: back)
        #expect(try read(back) == text)

        // The export imported into the database it came from changes nothing.
        let operations = try db.store.read { try $0.operationCount() }
        #expect(
            try CSVImporter(store: db.store).importCSV(.centre, from: out)
                == CSVImportSummary(rows: 3, created: 0, updated: 0, unchanged: 3))
        #expect(try db.store.read { try $0.operationCount() } == operations)
    }

    @Test func meetingsRoundTripWithAttendeesNamedOrGivenByTheirFileId() throws {
        _ = try CSVImporter(store: db.store).importCSV(.person, from: try file("people.csv", Self.people))
        let input = try file("meetings.csv", Self.meetings)
        #expect(try CSVImporter(store: db.store).importCSV(.meeting, from: input).created == 2)
        #expect(try db.store.read { try $0.count(.attendance) } == 3)
        let second = try db.store.read { try $0.resolve(.meeting, "Συνάντηση εργασίας") }
        let eleni = try db.store.read { try $0.resolve(.person, "Ελένη Παπαδοπούλου") }
        #expect(
            try db.store.read { try $0.records(.attendance, where: "meeting", is: second).map { $0["person"] } } == [
                .text(eleni)
            ],
            "the attendee given by the people file's id 'p-eleni' is that person")

        let out = db.folder.appendingPathComponent("meetings-out.csv").path
        #expect(try CSVExporter(store: db.store).exportCSV(.meeting, to: out) == 2)
        let text = try read(out)
        #expect(
            text.contains(
                ",Quarterly meeting,quarterly,2026-03-05T09:00:00Z,Vilnius,Eglė Butkevičienė;Žiga Novak,\"Agreed: map the ecosystem, then \"\"measure\"\".\nΕλένη Παπαδοπούλου: Κοινωνική καινοτομία first.\"\n"
            ))
        #expect(
            text.contains(",Συνάντηση εργασίας,quarterly,2026-06-10T14:30:15Z,\"Αθήνα, Ελλάδα\",Ελένη Παπαδοπούλου,\n"))

        // A fresh database with the same people takes the export back to the same records.
        let fresh = try TestDatabase()
        _ = try CSVImporter(store: fresh.store).importCSV(
            .person, from: try file("people.csv", Self.people, in: fresh.folder))
        _ = try CSVImporter(store: fresh.store).importCSV(.meeting, from: out)
        let kinds: [Kind] = [.person, .organisation, .meeting, .attendance]
        #expect(try snapshot(fresh.store, kinds) == snapshot(db.store, kinds))
        let back = fresh.folder.appendingPathComponent("back.csv").path
        _ = try CSVExporter(store: fresh.store).exportCSV(.meeting, to: back)
        #expect(try read(back) == text)

        // Re-importing either file changes nothing.
        let operations = try db.store.read { try $0.operationCount() }
        #expect(try CSVImporter(store: db.store).importCSV(.meeting, from: input).unchanged == 2)
        #expect(try CSVImporter(store: db.store).importCSV(.meeting, from: out).unchanged == 2)
        #expect(try db.store.read { try $0.operationCount() } == operations)
    }

    @Test func expertsKeepTheirPersonAcrossAnExportAndAReimport() throws {
        _ = try CSVImporter(store: db.store).importCSV(.person, from: try file("people.csv", Self.people))
        let experts = try file(
            "experts.csv",
            """
            id,name,email,organisation,country,languages,countries,topics,bio,availability_days
            ,Ελένη Παπαδοπούλου,eleni@example.eu,Κοινωνική καινοτομία,GR,el;en,GR;CY,social economy;impact,"Writes ""policy"" briefs, in Greek and English.
            Κοινωνική καινοτομία.",6

            """)
        let summary = try CSVImporter(store: db.store).importCSV(.expert, from: experts)
        #expect(summary == CSVImportSummary(rows: 1, created: 1, updated: 0, unchanged: 0))
        #expect(
            try db.store.read { try $0.count(.person) } == 3, "the expert is the person already there, not a new one")
        let out = db.folder.appendingPathComponent("experts-out.csv").path
        _ = try CSVExporter(store: db.store).exportCSV(.expert, to: out)
        let operations = try db.store.read { try $0.operationCount() }
        #expect(try CSVImporter(store: db.store).importCSV(.expert, from: out).unchanged == 1)
        #expect(try CSVImporter(store: db.store).importCSV(.expert, from: experts).unchanged == 1)
        #expect(try db.store.read { try $0.operationCount() } == operations)
        #expect(
            try read(out).contains(",Ελένη Παπαδοπούλου,eleni@example.eu,Κοινωνική καινοτομία,GR,el;en,CY;GR,")
                || read(out).contains(",Ελένη Παπαδοπούλου,eleni@example.eu,Κοινωνική καινοτομία,GR,el;en,GR;CY,"))
    }

    @Test func aBadFileNamesItsPhysicalLinesAndLeavesTheDatabaseFileAlone() throws {
        _ = try CSVImporter(store: db.store).importCSV(.centre, from: try file("centres.csv", Self.centres))
        let needs = try file(
            "needs.csv",
            """
            centre,title,description,country,deadline
            NCC Lithuania,Good need,Plain,LT,2026-09-01
            NCC Lithuania,Bad date,"Spans
            two lines",LT,2026-02-30
            NCC Lithuania,Unknown country,,XX,2026-09-01
            NCC Lithuania,Fine again,"One ""quoted"", two",LT,
            NCC Lithuania,Too many,,LT,2026-09-01,extra
            Nowhere Centre,Unknown centre,,LT,2026-09-01

            """)
        let before = try fingerprint(db)
        let operations = try db.store.read { try $0.operationCount() }
        let error = try rejection(.need, needs)
        #expect(error.problems.count == 4)
        #expect(error.problems.count == 4 && error.problems[0].hasPrefix("needs.csv:3: deadline: "))
        #expect(error.problems.count == 4 && error.problems[1].hasPrefix("needs.csv:5: country: "))
        #expect(error.problems.count == 4 && error.problems[2] == "needs.csv:7: has 6 columns, the header has 5")
        #expect(error.problems.count == 4 && error.problems[3] == "needs.csv:8: centre: no centre 'Nowhere Centre'")
        #expect(error.badRows == 4)
        #expect(error.description == "needs.csv: 4 bad rows; nothing was imported")
        #expect(try db.store.read { try $0.count(.need) } == 0)
        #expect(try db.store.read { try $0.operationCount() } == operations)
        #expect(try fingerprint(db) == before, "the database and its log are byte for byte the same")
    }

    @Test func lineNumbersCountCarriageReturnLineFeedsInsideAndBetweenRows() throws {
        let tasks = try file("crlf.csv", "title,description\r\nA task,\"one\r\ntwo\r\nthree\"\r\n,nameless\r\n")
        let error = try rejection(.task, tasks)
        #expect(error.problems.count == 1 && error.problems[0].hasPrefix("crlf.csv:5: title"))
    }

    @Test func moreThanTwentyBadRowsAreCutWithACount() throws {
        var text = "name,shareable\n"
        for index in 1...25 { text += "Person \(index),perhaps\n" }
        let error = try rejection(.person, try file("many.csv", text))
        #expect(error.badRows == 25)
        #expect(error.problems.count == 20)
        #expect(error.problems.first?.hasPrefix("many.csv:2: shareable") == true)
        #expect(error.problems.last?.hasPrefix("many.csv:21: shareable") == true)
        #expect(error.description == "many.csv: 25 bad rows (20 shown, and 5 more); nothing was imported")
    }

    @Test func aNameTwoRecordsShareIsAnErrorNotANewRecord() throws {
        _ = try db.store.write { writer in
            try writer.create(.organisation, ["name": .text("Same Org")])
            try writer.create(.organisation, ["name": .text("Same Org")])
        }
        let error = try rejection(.person, try file("people.csv", "name,organisation\nSomeone,Same Org\n"))
        #expect(
            error.problems == ["people.csv:2: organisation: 2 organisations are called 'Same Org': name one by its id"])
        #expect(try db.store.read { try $0.count(.organisation) } == 2)
    }

    @Test func anUnknownUUIDIsAnErrorEvenWhereNamesWouldCreateARecord() throws {
        let error = try rejection(
            .person, try file("people.csv", "name,organisation\nSomeone,6f1c2a52-3d4b-4c1e-9a57-0e6c9b1d2f41\n"))
        #expect(
            error.problems == [
                "people.csv:2: organisation: no organisation has the id '6f1c2a52-3d4b-4c1e-9a57-0e6c9b1d2f41'"
            ])
    }

    @Test func aByteOrderMarkIsAcceptedAndABadByteNamesItsLine() throws {
        let bom = db.folder.appendingPathComponent("bom.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("name,role\nŽiga Novak,Researcher\n".utf8)).write(to: bom)
        #expect(try CSVImporter(store: db.store).importCSV(.person, from: bom.path).created == 1)

        let bad = db.folder.appendingPathComponent("bad.csv")
        try Data(Array("name,role\nA,b\n\"C\nD\",".utf8) + [0xE9] + Array("\n".utf8)).write(to: bad)
        var message = ""
        do { _ = try CSVImporter(store: db.store).importCSV(.person, from: bad.path) } catch {
            message = String(describing: error)
        }
        #expect(message == "bad.csv:4: the file is not UTF-8 text; save it as UTF-8 and try again")

        let utf16 = db.folder.appendingPathComponent("utf16.csv")
        try Data([0xFF, 0xFE] + Array("name\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: utf16)
        do {
            _ = try CSVImporter(store: db.store).importCSV(.person, from: utf16.path)
            message = ""
        } catch { message = String(describing: error) }
        #expect(message.contains("not UTF-8"))
        #expect(try db.store.read { try $0.count(.person) } == 1)
    }

    @Test func aFileLargerThanOneReadChunkStreamsThroughWithMultiByteNames() throws {
        // Greek names make two-byte characters fall across the 64 KiB read boundaries.
        var text = "id,name,role\n"
        for index in 0..<1500 { text += "g\(index),Ελένη Παπαδοπούλου \(index),Κοινωνική καινοτομία και οικονομία\n" }
        #expect(text.utf8.count > 3 * 65_536 / 2)
        let path = try file("big.csv", text)
        let summary = try CSVImporter(store: db.store).importCSV(.person, from: path)
        #expect(summary == CSVImportSummary(rows: 1500, created: 1500, updated: 0, unchanged: 0))
        let last = try db.store.read { try $0.resolve(.person, "Ελένη Παπαδοπούλου 1499") }
        #expect(
            try db.store.read { try $0.record(.person, id: last)?["role"] }
                == .text("Κοινωνική καινοτομία και οικονομία"))

        // Out again through several 64 KiB writes, and back into a fresh database the same.
        let out = db.folder.appendingPathComponent("big-out.csv").path
        #expect(try CSVExporter(store: db.store).exportCSV(.person, to: out) == 1500)
        let exported = try read(out)
        #expect(exported.utf8.count > 2 * 65_536)
        #expect(exported.split(separator: "\n").count == 1501)
        let fresh = try TestDatabase()
        #expect(try CSVImporter(store: fresh.store).importCSV(.person, from: out).created == 1500)
        #expect(try snapshot(fresh.store, [.person]) == snapshot(db.store, [.person]))
    }

    @Test func aDryRunOverExistingRecordsCountsUpdatesAndWritesNothing() throws {
        let people = try file("people.csv", Self.people)
        _ = try CSVImporter(store: db.store).importCSV(.person, from: people)
        let changed = try file(
            "changed.csv",
            Self.people.replacingOccurrences(of: "Researcher", with: "Lead researcher") + "p-new,New Person,,,,,false\n"
        )
        let before = try fingerprint(db)
        let operations = try db.store.read { try $0.operationCount() }
        let summary = try CSVImporter(store: db.store).importCSV(.person, from: changed, dryRun: true)
        #expect(summary == CSVImportSummary(rows: 4, created: 1, updated: 1, unchanged: 2))
        #expect(try db.store.read { try $0.operationCount() } == operations)
        #expect(try db.store.read { try $0.count(.person) } == 3)
        #expect(try fingerprint(db) == before)
        // The same file for real does what the dry run said.
        #expect(try CSVImporter(store: db.store).importCSV(.person, from: changed) == summary)
    }

    @Test func exportingReplacesAFileWholeAndNeedsAnExistingFolder() throws {
        _ = try CSVImporter(store: db.store).importCSV(.person, from: try file("people.csv", Self.people))
        let out = try file("out.csv", "old contents that are longer than nothing\n")
        #expect(try CSVExporter(store: db.store).exportCSV(.person, to: out) == 3)
        #expect(try read(out).hasPrefix("id,name,email,phone,organisation,role,shareable\n"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: db.folder.path).sorted()
                == ["ncc.sqlite", "ncc.sqlite-shm", "ncc.sqlite-wal", "out.csv", "people.csv"].filter {
                    FileManager.default.fileExists(atPath: db.folder.appendingPathComponent($0).path)
                })
        var message = ""
        do {
            _ = try CSVExporter(store: db.store).exportCSV(
                .person, to: db.folder.appendingPathComponent("no/such/out.csv").path)
        } catch { message = String(describing: error) }
        #expect(message.contains("does not exist"))
        do {
            _ = try CSVExporter(store: db.store).exportCSV(.membership, to: out)
            message = ""
        } catch { message = String(describing: error) }
        #expect(message.hasPrefix("there is no CSV format for memberships"))
        // Reading one is refused alike, before the file is looked at.
        message = ""
        do { _ = try CSVImporter(store: db.store).importCSV(.attendance, from: out) } catch {
            message = String(describing: error)
        }
        #expect(message.hasPrefix("there is no CSV format for attendances"))
    }
}

/// Rows without an id: which existing record they are.
@Suite struct CSVMatchingTests {
    let db: TestDatabase

    init() throws { db = try TestDatabase() }

    func file(_ name: String, _ text: String) throws -> String {
        let path = db.folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func meetingsOfOneTitleAtDifferentTimesStayApart() throws {
        let meetings = try file(
            "meetings.csv",
            """
            title,start,place
            Quarterly meeting,2026-03-05T09:00Z,Vilnius
            Quarterly meeting,2026-06-04T09:00Z,Ljubljana
            Quarterly meeting,2026-09-03T09:00:00Z,Αθήνα

            """)
        #expect(
            try CSVImporter(store: db.store).importCSV(.meeting, from: meetings)
                == CSVImportSummary(rows: 3, created: 3, updated: 0, unchanged: 0))
        #expect(try db.store.read { try $0.count(.meeting) } == 3)
        let operations = try db.store.read { try $0.operationCount() }
        #expect(try CSVImporter(store: db.store).importCSV(.meeting, from: meetings).unchanged == 3)
        #expect(try db.store.read { try $0.operationCount() } == operations)
    }

    @Test func needsOfOneTitleAtDifferentCentresStayApartAndMatchWhatIsThere() throws {
        let existing = try db.store.write { writer in
            let lt = try writer.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")])
            _ = try writer.create(.centre, ["name": .text("NCC Slovenia"), "country": .text("SI")])
            return try writer.create(
                .need, ["centre": .text(lt), "title": .text("Impact measurement"), "description": .text("Old")])
        }
        let needs = try file(
            "needs.csv",
            """
            centre,title,description
            NCC Lithuania,Impact measurement,New
            NCC Slovenia,Impact measurement,Other

            """)
        #expect(
            try CSVImporter(store: db.store).importCSV(.need, from: needs)
                == CSVImportSummary(rows: 2, created: 1, updated: 1, unchanged: 0))
        #expect(try db.store.read { try $0.count(.need) } == 2)
        #expect(try db.store.read { try $0.record(.need, id: existing)?["description"] } == .text("New"))
    }

    @Test func aNameTwoExistingRecordsShareNeedsAnId() throws {
        _ = try db.store.write { writer in
            try writer.create(.person, ["name": .text("Maria Garcia"), "role": .text("one")])
            try writer.create(.person, ["name": .text("Maria Garcia"), "role": .text("two")])
        }
        var problems: [String] = []
        do {
            _ = try CSVImporter(store: db.store).importCSV(
                .person, from: try file("people.csv", "name,role\nMaria Garcia,three\n"))
        } catch let error as CSVImportError { problems = error.problems }
        #expect(problems == ["people.csv:2: name: 2 people are called 'Maria Garcia'; give the row an id"])
    }
}
