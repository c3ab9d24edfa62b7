import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

/// Progress between replicas, through real bundle files: a centre's scores travel only as it
/// chose, and two centres' different figures for one measurement both arrive.
@Suite struct ProgressSyncTests {
    static let evidence = "Our mapping of Kaunas' coastal actors is two years old"

    /// B assesses two centres: one shares its scores with all, one only into averages.
    func assessed() throws -> (Members, shared: String, private: String) {
        let members = try Members(["A", "B", "C"])
        try members.meet()
        let ids = try members["B"].store.write { w -> (String, String) in
            let lietuva = try w.create(
                .centre, [Fields.Centre.name: .text("NCC Lietuva"), Fields.Centre.country: .text("LT")])
            let ccsi = try w.create(.centre, [Fields.Centre.name: .text("CCSI"), Fields.Centre.country: .text("SI")])
            try w.ensureDefaultDimensions()
            let mapping = Competence.defaults[0].id
            var made: [String] = []
            for (centre, sharing, score) in [(ccsi, ScoreSharing.all, 4), (lietuva, ScoreSharing.averages, 2)] {
                made += try w.assess(
                    centre: centre, round: "2026", date: "2026-10-01", scores: [mapping: score],
                    evidence: [mapping: Self.evidence + " (\(score))"], sharing: sharing)
            }
            return (made[0], made[1])
        }
        return (members, ids.0, ids.1)
    }

    @Test func scoresSharedOnlyAsAveragesNeverLeaveInABundleAndTheChainStillVerifies() throws {
        let (members, shared, kept) = try assessed()
        let bundle = try members.bundle(from: "B")
        let text = try members.open(bundle).lines.joined(separator: "\n")
        #expect(text.contains(Self.evidence + " (4)"))
        #expect(!text.contains(Self.evidence + " (2)"))
        try members.deliver(bundle, to: "A")
        let a = members["A"].store
        let sharedHere = try #require(try a.read { try $0.record(.assessment, id: shared) })
        let keptHere = try #require(try a.read { try $0.record(.assessment, id: kept) })
        #expect(sharedHere[Fields.Assessment.score.name] == .int(4))
        // The record arrives, its choice with it; its score and evidence do not.
        #expect(keptHere[Fields.Assessment.sharing.name] == .text("averages"))
        #expect(keptHere[Fields.Assessment.score.name] == .null)
        #expect(keptHere[Fields.Assessment.evidence.name] == .null)
        // A relays B's operations to C: their commitments stand in, and they verify.
        try members.deliver(try members.bundle(from: "A"), to: "C")
        #expect(
            try members["C"].store.read { try $0.record(.assessment, id: kept) }?[Fields.Assessment.score.name] == .null
        )
        // What a bundle leaves out is exactly what the withholding dump blanks.
        #expect(
            try members["B"].store.read { try $0.canonicalDump(withholdingPrivateContacts: true) }
                .components(separatedBy: "\n").filter { $0.hasPrefix("assessment") }
                == (try members.dump("C")).components(separatedBy: "\n").filter { $0.hasPrefix("assessment") })
    }

    @Test func aCentreThatLaterSharesWithAllSendsItsScoresThen() throws {
        let (members, _, kept) = try assessed()
        try members.deliver(try members.bundle(from: "B"), to: "A")
        try members["B"].store.write { w in
            _ = try w.update(.assessment, id: kept, [Fields.Assessment.sharing: .text("all")])
        }
        try members.deliver(try members.bundle(from: "B", full: false), to: "A")
        let now = try #require(try members["A"].store.read { try $0.record(.assessment, id: kept) })
        #expect(now[Fields.Assessment.score.name] == .int(2))
        #expect(now[Fields.Assessment.evidence.name] == .text(Self.evidence + " (2)"))
    }

    /// Each centre imports its figures from its own spreadsheet: the same indicator, centre and
    /// date with different values makes two records, and both replicas see the dispute.
    @Test func twoCentresReportingDifferentlyBothArriveAsAConflict() throws {
        let members = try Members(["A", "B"])
        let indicator = try members["A"].store.write { w -> String in
            try w.create(.centre, [Fields.Centre.name: .text("CCSI"), Fields.Centre.country: .text("SI")])
            let objective = try w.create(.objective, [Fields.Objective.title: .text("Map every ecosystem")])
            return try w.create(
                .indicator,
                [
                    Fields.Indicator.title: .text("Organisations mapped"), Fields.Indicator.objective: .text(objective),
                    Fields.Indicator.unit: .text("organisations"), Fields.Indicator.baseline: .text("0"),
                    Fields.Indicator.target: .text("100"),
                ])
        }
        try members.meet()
        for (member, value) in [("A", "41"), ("B", "44")] {
            let csv = members.file("\(member).csv")
            try "indicator,centre,date,value,source\nOrganisations mapped,CCSI,2025-06-30,\(value),\(member)'s count\n"
                .write(to: csv, atomically: true, encoding: .utf8)
            let summary = try CSVImporter(store: members[member].store).importCSV(.measurement, from: csv.path)
            #expect(summary.created == 1)
            // The same file again changes nothing: the row finds this replica's own record.
            #expect(try CSVImporter(store: members[member].store).importCSV(.measurement, from: csv.path).created == 0)
        }
        try members.meet()
        for member in ["A", "B"] {
            let progress = try #require(try members[member].store.read { try $0.indicatorProgress(indicator) })
            #expect(progress.rollup.points.count == 2)
            #expect(progress.conflicts.count == 1)
            #expect(progress.conflicts.first?.points.map(\.text).sorted() == ["41", "44"])
            #expect(progress.whole.value == nil, "a disputed figure is no progress")
        }
    }

    @Test func measurementsAndAssessmentsRoundTripThroughCSV() throws {
        let (members, _, _) = try assessed()
        let b = members["B"].store
        try b.write { w in
            let objective = try w.create(.objective, [Fields.Objective.title: .text("Ελληνικά: scale good practice")])
            let indicator = try w.create(
                .indicator,
                [
                    Fields.Indicator.title: .text("=HYPERLINK(\"x\")"), Fields.Indicator.objective: .text(objective),
                    Fields.Indicator.unit: .text("%"), Fields.Indicator.aggregate: .text("mean"),
                    Fields.Indicator.baseline: .text("10"), Fields.Indicator.target: .text("62.5"),
                ])
            try w.create(
                .measurement,
                [
                    Fields.Measurement.indicator: .text(indicator), Fields.Measurement.date: .text("2026-01-15"),
                    Fields.Measurement.value: .text("33.3"), Fields.Measurement.note: .text("line one\nline two"),
                ])
        }
        for kind in [Kind.indicator, .measurement, .assessment] {
            let out = members.file("\(kind.plural).csv")
            _ = try CSVExporter(store: b).exportCSV(kind, to: out.path)
            let fresh = try Members(["D"])
            // The indicator's objective and the assessments' dimensions come with their own files first.
            for needed in [Kind.centre, .objective, .dimension, .indicator] where needed != kind {
                let file = fresh.file("\(needed.plural).csv")
                _ = try CSVExporter(store: b).exportCSV(needed, to: file.path)
                _ = try CSVImporter(store: fresh["D"].store).importCSV(needed, from: file.path)
            }
            _ = try CSVImporter(store: fresh["D"].store).importCSV(kind, from: out.path)
            let again = fresh.file("again.csv")
            _ = try CSVExporter(store: fresh["D"].store).exportCSV(kind, to: again.path)
            #expect(try String(contentsOf: again, encoding: .utf8) == (try String(contentsOf: out, encoding: .utf8)))
        }
    }
}
