import Foundation
import Testing

/// Objectives, indicators and measurements with the real binary: two centres report from their
/// own spreadsheets, the figures travel, the dispute is shown on both sides, and every mistake
/// is one line that writes nothing.
@Suite struct ProgressCLITests {
    let ncc: NCCProcess
    let ana: [String], ben: [String]

    init() throws {
        ncc = try NCCProcess()
        ana = ["--db", ncc.file("ana.sqlite")]
        ben = ["--db", ncc.file("ben.sqlite")]
    }

    func ok(_ who: [String], _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String
    {
        let result = try ncc.run(arguments + who, useDefaultDatabase: true)
        #expect(
            result.status == 0, "ncc \(arguments.joined(separator: " ")): \(result.err)", sourceLocation: sourceLocation
        )
        return result.out
    }

    func json(_ who: [String], _ arguments: [String]) throws -> [String: Any] {
        let out = try ok(who, arguments)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    }

    @Test func progressIsReportedByEachCentreAndADisputeIsVisibleEverywhere() throws {
        _ = try ok(ana, ["add", "centre", "--name", "NCC Lietuva", "--country", "LT"])
        _ = try ok(ana, ["add", "centre", "--name", "CCSI", "--country", "SI"])
        _ = try ok(ana, ["add", "working-area", "--number", "2", "--title", "Ecosystem mapping"])
        _ = try ok(
            ana,
            [
                "add", "objective", "--title", "Map every ecosystem", "--working-area", "Ecosystem mapping", "--due",
                "2027-06-30",
            ])
        _ = try ok(
            ana,
            [
                "add", "indicator", "--title", "Organisations mapped", "--objective", "Map every ecosystem", "--unit",
                "organisations", "--baseline", "0", "--target", "100.0",
            ])
        _ = try ok(
            ana,
            [
                "add", "measurement", "--indicator", "Organisations mapped", "--centre", "NCC Lietuva", "--date",
                "2025-03-31", "--value", "12.50",
            ])
        // Mistakes: one line each, nothing written.
        let before = try ok(ana, ["list", "measurements"])
        for bad in [
            ["--value", "12,5"], ["--value", "1e999"], ["--date", "2025-02-30"], ["--indicator", "No such indicator"],
        ] {
            var arguments = [
                "add", "measurement", "--indicator", "Organisations mapped", "--date", "2025-06-30", "--value", "3",
            ]
            for pair in stride(from: 0, to: bad.count, by: 2) {
                let index = arguments.firstIndex(of: bad[pair])!
                arguments[index + 1] = bad[pair + 1]
            }
            let result = try ncc.run(arguments + ana, useDefaultDatabase: true)
            #expect(result.status != 0)
            #expect(
                result.err.hasPrefix("ncc: error: ") && result.err.split(separator: "\n").count == 1, "\(result.err)")
        }
        #expect(try ok(ana, ["list", "measurements"]) == before)

        _ = try ok(ana, ["export", ncc.file("a1.nccbundle"), "--unsealed"])
        _ = try ok(ben, ["import", ncc.file("a1.nccbundle"), "--trust"])
        // Both report CCSI's figure for 30 June, each from their own spreadsheet.
        for (who, value) in [(ana, "41"), (ben, "44")] {
            let csv = ncc.file("\(value).csv")
            try "indicator,centre,date,value,source\nOrganisations mapped,CCSI,2025-06-30,\(value),count \(value)\n"
                .write(toFile: csv, atomically: true, encoding: .utf8)
            _ = try ok(who, ["import-csv", "measurements", csv])
        }
        _ = try ok(ben, ["export", ncc.file("b1.nccbundle"), "--unsealed"])
        _ = try ok(ana, ["import", ncc.file("b1.nccbundle"), "--trust"])
        _ = try ok(ana, ["export", ncc.file("a2.nccbundle"), "--unsealed"])
        _ = try ok(ben, ["import", ncc.file("a2.nccbundle"), "--trust"])

        for who in [ana, ben] {
            let progress = try json(who, ["progress", "--json"])
            let objective = try #require((progress["objectives"] as? [[String: Any]])?.first)
            #expect(objective["title"] as? String == "Map every ecosystem")
            #expect(objective["working_area_name"] as? String == "Ecosystem mapping")
            let indicator = try #require((objective["indicators"] as? [[String: Any]])?.first)
            // Lietuva's 12.5 of 100; CCSI's disputed figure is left out.
            #expect(indicator["progress"] as? Double == 0.125)
            #expect((indicator["latest"] as? [String: Any])?["value"] as? Double == 12.5)
            #expect(indicator["target"] as? Double == 100)
            #expect(indicator["reported"] as? Int == 1 && indicator["centres"] as? Int == 2)
            let conflict = try #require((indicator["conflicts"] as? [[String: Any]])?.first)
            #expect(conflict["centre"] as? String == "CCSI" && conflict["date"] as? String == "2025-06-30")
            #expect(
                ((conflict["values"] as? [[String: Any]]) ?? []).compactMap { $0["value"] as? Double }.sorted() == [
                    41, 44,
                ])
            let centres = try #require(indicator["by_centre"] as? [[String: Any]])
            #expect(centres.map { $0["name"] as? String } == ["CCSI", "NCC Lietuva"])
            // Lietuva alone against half of a sum's target: 12.5 of 50.
            #expect(centres[1]["progress"] as? Double == 0.25)
            let text = try ok(who, ["progress"])
            #expect(text.contains("13% Map every ecosystem"), "\(text)")
            // The two values in the order of their records' ids, which come from the replicas' own.
            let dispute = text.split(separator: "\n").first { $0.contains("disputed: CCSI on 2025-06-30: ") } ?? ""
            #expect(dispute.contains("41 (count 41") && dispute.contains("44 (count 44"), "\(text)")
            let table = try ok(who, ["indicators"])
            #expect(table.contains("Organisations mapped") && table.contains("1 of 2"), "\(table)")
        }
    }
}
