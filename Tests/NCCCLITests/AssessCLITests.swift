import Foundation
import Testing

/// Self-assessment with the real binary: a mistake in a flag is one line that writes nothing,
/// rounds show their change, a centre's kept scores stay home and out of the other side's
/// figures, peers and groups come out as scripts read them, and the pathway is walked.
@Suite struct AssessCLITests {
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

    func fails(_ who: [String], _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String
    {
        let result = try ncc.run(arguments + who, useDefaultDatabase: true)
        #expect(
            result.status != 0, "ncc \(arguments.joined(separator: " ")) should fail", sourceLocation: sourceLocation)
        #expect(result.err.hasPrefix("ncc: error: "), "\(result.err)", sourceLocation: sourceLocation)
        #expect(result.err.split(separator: "\n").count == 1, "one line: \(result.err)", sourceLocation: sourceLocation)
        #expect(result.out.isEmpty, "nothing on standard output: \(result.out)", sourceLocation: sourceLocation)
        return result.err
    }

    func json(_ who: [String], _ arguments: [String]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try ok(who, arguments).utf8)) as? [String: Any])
    }

    func array(_ who: [String], _ arguments: [String]) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(try ok(who, arguments).utf8)) as? [[String: Any]])
    }

    static let dimensions =
        "--systemic-ecosystem-mapping, --continuous-interaction-with-ecosystems, --co-creation, "
        + "--scaling-in-complex-systems"

    @Test func aBadFlagIsOneLineAndWritesNothingThenRoundsShowTheirChange() throws {
        _ = try ok(ana, ["add", "centre", "--name", "NCC Slovenija", "--country", "SI"])
        let unknown = try fails(ana, ["assess", "NCC Slovenija", "--co-creation", "4", "--cocreation", "3"])
        #expect(unknown.contains("unknown dimension --cocreation") && unknown.contains(Self.dimensions), "\(unknown)")
        let outside = try fails(ana, ["assess", "NCC Slovenija", "--co-creation", "7", "--round", "2025"])
        #expect(outside.contains("--co-creation: '7' is not a score from 1 to 5"), "\(outside)")
        let missing = try fails(ana, ["assess", "NCC Slovenija", "--scaling-in-complex-systems"])
        #expect(missing.contains("--scaling-in-complex-systems needs a score from 1 to 5"), "\(missing)")
        _ = try fails(ana, ["assess", "NCC Slovenija", "--round", "2025"])
        _ = try fails(ana, ["assess", "NCC Slovenija", "--co-creation", "3", "--sharing", "friends"])
        _ = try fails(ana, ["assess", "NCC Nowhere", "--co-creation", "3"])
        // Nothing written: no rating, and not even the default dimensions the command makes first.
        #expect(try array(ana, ["list", "assessments", "--json"]).isEmpty)
        #expect(try array(ana, ["list", "dimensions", "--json"]).isEmpty)

        let first = try ok(
            ana,
            [
                "assess", "NCC Slovenija", "--date", "2024-03-01", "--co-creation", "3",
                "--scaling-in-complex-systems=2",
                "--co-creation-evidence", "One co-designed service",
            ])
        #expect(first.contains("Assessed NCC Slovenija, round 2024 (2024-03-01): 2 dimensions"), "\(first)")
        #expect(first.contains("First round of 2024"), "\(first)")
        let second = try ok(
            ana,
            [
                "assess", "NCC Slovenija", "--date", "2025-03-01", "--co-creation", "4", "--scaling-in-complex-systems",
                "2", "--systemic-ecosystem-mapping", "5",
            ])
        #expect(second.contains("Round 2025 against 2024:"), "\(second)")
        #expect(second.contains("  Co-creation 3 → 4 (+1)"), "\(second)")
        #expect(second.contains("  Scaling in complex systems 2 → 2 (no change)"), "\(second)")
        #expect(second.contains("  Systemic ecosystem mapping 5 (not rated in 2024)"), "\(second)")
        // Again for the same round: the same records, updated.
        _ = try ok(ana, ["assess", "NCC Slovenija", "--round", "2025", "--date", "2025-03-02", "--co-creation", "5"])
        #expect(try array(ana, ["list", "assessments", "--json"]).count == 5)

        let shown = try json(ana, ["assessments", "NCC Slovenija", "--json"])
        let rounds = try #require(shown["rounds"] as? [[String: Any]])
        #expect(rounds.map { $0["round"] as? String } == ["2025", "2024"])
        #expect(rounds[0]["date"] as? String == "2025-03-02")
        let change = try #require(shown["change"] as? [[String: Any]])
        let coCreation = try #require(change.first { $0["dimension_name"] as? String == "Co-creation" })
        #expect(
            coCreation["previous"] as? Int == 3 && coCreation["latest"] as? Int == 5 && coCreation["delta"] as? Int == 2
        )
        let text = try ok(ana, ["assessments", "NCC Slovenija"])
        #expect(text.contains("One co-designed service") && text.contains("Co-creation 3 → 5 (+2)"), "\(text)")
    }

    @Test func keptScoresStayHomeAndOutOfTheOtherSidesFigures() throws {
        _ = try ok(ana, ["add", "centre", "--name", "NCC Lietuva", "--country", "LT"])
        _ = try ok(ana, ["add", "centre", "--name", "NCC Slovenija", "--country", "SI"])
        _ = try ok(
            ana, ["assess", "NCC Lietuva", "--date", "2025-03-01", "--co-creation", "2", "--sharing", "averages"])
        _ = try ok(ana, ["assess", "NCC Slovenija", "--date", "2025-03-01", "--co-creation", "4"])
        _ = try ok(ana, ["export", ncc.file("a1.nccbundle"), "--unsealed"])
        _ = try ok(ben, ["import", ncc.file("a1.nccbundle"), "--trust"])

        // Here, Lietuva's own replica: both scores count.
        let home = try json(ana, ["assessments", "--json"])
        #expect(home["centres_assessed"] as? Int == 2 && home["centres_withheld"] as? Int == 0)
        #expect((home["dimensions"] as? [[String: Any]])?.first?["mean"] as? Double == 3)
        // There: Lietuva's score did not travel; the figures are Slovenija's alone.
        let there = try json(ben, ["assessments", "--json"])
        #expect(there["centres_assessed"] as? Int == 2 && there["centres_withheld"] as? Int == 1)
        let figures = try #require((there["dimensions"] as? [[String: Any]])?.first)
        #expect(figures["mean"] as? Double == 4 && figures["count"] as? Int == 1)
        let lietuva = try json(ben, ["assessments", "NCC Lietuva", "--json"])
        let round = try #require((lietuva["rounds"] as? [[String: Any]])?.first)
        #expect(round["withheld"] as? Bool == true)
        #expect((round["ratings"] as? [[String: Any]])?.first?["score"] is NSNull)
        let text = try ok(ben, ["assessments"])
        #expect(text.contains("Round 2025: 2 centres assessed; 1 keeps its scores (not in these figures)"), "\(text)")
        let groups = try json(ben, ["groups", "--json"])
        #expect((groups["unplaced"] as? [[String: Any]])?.first?["name"] as? String == "NCC Lietuva")
    }

    @Test func peersForGivesEachPeerItsScoreAndReasons() throws {
        _ = try ok(ana, ["add", "centre", "--name", "NCC Slovenija", "--country", "SI"])
        _ = try ok(ana, ["add", "centre", "--name", "NCC Hrvatska", "--country", "HR"])
        _ = try ok(ana, ["add", "centre", "--name", "Slovenian Social Innovation Hub", "--country", "SI"])
        _ = try ok(ana, ["add", "consortium", "--name", "SEED2SCALE"])
        for centre in ["NCC Slovenija", "NCC Hrvatska"] {
            _ = try ok(ana, ["add", "membership", "--centre", centre, "--consortium", "SEED2SCALE"])
        }
        _ = try ok(
            ana,
            [
                "assess", "NCC Slovenija", "--date", "2025-03-01", "--co-creation", "2", "--scaling-in-complex-systems",
                "4",
            ])
        _ = try ok(
            ana,
            [
                "assess", "NCC Hrvatska", "--date", "2025-03-01", "--co-creation", "5", "--scaling-in-complex-systems",
                "1",
            ])
        _ = try ok(ana, ["assess", "Slovenian Social Innovation Hub", "--date", "2025-03-01", "--co-creation", "3"])

        let peers = try json(ana, ["peers-for", "NCC Slovenija", "--json"])
        #expect(Set(peers.keys) == ["centre", "name", "peers"])
        #expect(peers["name"] as? String == "NCC Slovenija")
        #expect((peers["centre"] as? String)?.count == 36)
        let list = try #require(peers["peers"] as? [[String: Any]])
        #expect(list.map { Set($0.keys) } == Array(repeating: ["centre_id", "name", "score", "reasons"], count: 2))
        // Hrvatska: co-creation 5 against 2 (3) and SEED2SCALE (1); the hub: 3 against 2 (1) and Slovene (1).
        #expect(list.map { $0["name"] as? String } == ["NCC Hrvatska", "Slovenian Social Innovation Hub"])
        #expect(list.map { $0["score"] as? Double } == [4, 2])
        #expect(
            list[0]["reasons"] as? [String] == [
                "strong where you are weak: Co-creation 5 against 2", "both in SEED2SCALE",
            ])
        #expect(
            list[1]["reasons"] as? [String] == ["strong where you are weak: Co-creation 3 against 2", "shares Slovene"])
        #expect(
            (try json(ana, ["peers-for", "NCC Slovenija", "--limit", "1", "--json"])["peers"] as? [Any])?.count == 1)
        let text = try ok(ana, ["peers-for", "NCC Slovenija"])
        #expect(text.contains(" 1. 4.00  NCC Hrvatska") && text.contains("      shares Slovene"), "\(text)")
        _ = try fails(ana, ["peers-for", "NCC Nowhere"])
    }

    @Test func groupsAreProposedAppliedAndThePathwayWalked() throws {
        for (name, score) in [("NCC Aa", 5), ("NCC Bb", 5), ("NCC Cc", 1), ("NCC Dd", 1)] {
            _ = try ok(ana, ["add", "centre", "--name", name, "--country", "BE"])
            _ = try ok(ana, ["assess", name, "--date", "2025-03-01", "--co-creation", "\(score)"])
        }
        _ = try fails(ana, ["groups", "--count", "10"])
        let proposal = try json(ana, ["groups", "--count", "2", "--json"])
        let groups = try #require(proposal["groups"] as? [[String: Any]])
        #expect(groups.map { $0["number"] as? Int } == [1, 2])
        let members = groups.map { ($0["members"] as? [[String: Any]] ?? []).map { $0["name"] as? String } }
        #expect(members == [["NCC Aa", "NCC Bb"], ["NCC Cc", "NCC Dd"]])
        let explanation = (groups[0]["members"] as? [[String: Any]])?.first?["explanation"] as? [String]
        #expect(explanation?.first == "above the average on Co-creation (5.0 against 3.0)")
        #expect(proposal["changes"] as? Int == 4 && proposal["applied"] is NSNull)
        let applied = try ok(ana, ["groups", "--count", "2", "--apply"])
        #expect(applied.contains("Applied: 4 centres changed capacity group."), "\(applied)")
        #expect(try ok(ana, ["groups", "--count", "2"]).contains("NCC Aa (stays)"))

        _ = try ok(ana, ["add", "organisation", "--name", "Org of Cc", "--centre", "NCC Cc"])
        _ = try ok(ana, ["add", "person", "--name", "Žiga Kovač", "--organisation", "Org of Cc"])
        _ = try ok(ana, ["add", "meeting", "--title", "Co-creation clinic", "--start", "2025-04-01T09:00:00Z"])
        _ = try ok(ana, ["add", "attendance", "--meeting", "Co-creation clinic", "--person", "Žiga Kovač"])
        _ = try ok(
            ana,
            [
                "add", "pathway-step", "--title", "Co-creation clinic", "--peer-group", "2", "--position", "1",
                "--meeting", "Co-creation clinic",
            ])
        _ = try ok(
            ana, ["add", "pathway-step", "--title", "Read the playbook", "--peer-group", "0", "--position", "2"])
        _ = try ok(ana, ["add", "step-done", "--step", "Read the playbook", "--centre", "NCC Dd"])
        let two = try ok(ana, ["pathway", "--group", "2"])
        #expect(two.contains("Group 2: 2 steps, 2 centres"), "\(two)")
        #expect(two.contains("1/2: NCC Cc") && two.contains("1/2: NCC Dd"), "\(two)")
        let cc = try json(ana, ["pathway", "--centre", "NCC Cc", "--json"])
        #expect(cc["group"] as? Int == 2 && cc["done"] as? Int == 1 && cc["total"] as? Int == 2)
        let steps = try #require(cc["steps"] as? [[String: Any]])
        #expect(steps.map { $0["title"] as? String } == ["Co-creation clinic", "Read the playbook"])
        #expect(steps.map { $0["attended"] as? Bool } == [true, false])
        let aa = try ok(ana, ["pathway", "--centre", "NCC Aa"])
        #expect(aa.contains("NCC Aa, group 1: 0 of 1 step done"), "\(aa)")
    }
}
