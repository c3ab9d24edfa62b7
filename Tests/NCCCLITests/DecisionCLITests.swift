import Foundation
import Testing

/// Two members deciding with the real binary: who speaks for whom, a proposal that travels, votes
/// cast on both sides and counted alike, a changed vote, the close and the register, and every
/// mistake as one line.
@Suite struct DecisionCLITests {
    let ncc: NCCProcess
    let ana: [String], ben: [String]

    init() throws {
        ncc = try NCCProcess()
        ana = ["--db", ncc.file("ana.sqlite")]
        ben = ["--db", ncc.file("ben.sqlite")]
    }

    func run(_ who: [String], _ arguments: [String]) throws -> NCCProcess.Result {
        try ncc.run(arguments + who, useDefaultDatabase: true)
    }

    func ok(_ who: [String], _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String
    {
        let result = try run(who, arguments)
        #expect(
            result.status == 0, "ncc \(arguments.joined(separator: " ")): \(result.err)", sourceLocation: sourceLocation
        )
        return result.out
    }

    func fails(_ who: [String], _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String
    {
        let result = try run(who, arguments)
        #expect(
            result.status != 0, "ncc \(arguments.joined(separator: " ")) should fail", sourceLocation: sourceLocation)
        #expect(result.err.hasPrefix("ncc: error: "), "\(result.err)", sourceLocation: sourceLocation)
        #expect(result.err.split(separator: "\n").count == 1, "one line: \(result.err)", sourceLocation: sourceLocation)
        #expect(!result.err.contains("Fatal error"), sourceLocation: sourceLocation)
        return result.err
    }

    func exchange(from: [String], to: [String], _ name: String) throws {
        _ = try ok(from, ["export", ncc.file(name), "--unsealed"])
        _ = try ok(to, ["import", ncc.file(name), "--trust"])
    }

    @Test func twoCentresVoteOfflineAndCountAlike() throws {
        _ = try ok(ana, ["add", "centre", "--name", "NCC Lietuva", "--country", "LT"])
        _ = try ok(ana, ["add", "centre", "--name", "NCC Slovenija", "--country", "SI"])
        _ = try ok(ana, ["add", "organisation", "--name", "Socialinių inovacijų centras", "--centre", "NCC Lietuva"])
        _ = try ok(ana, ["add", "organisation", "--name", "Center za socialne inovacije", "--centre", "NCC Slovenija"])
        _ = try ok(
            ana, ["add", "person", "--name", "Eglė Butkevičienė", "--organisation", "Socialinių inovacijų centras"])
        _ = try ok(ana, ["add", "person", "--name", "Žiga Kovač", "--organisation", "Center za socialne inovacije"])
        let closes = "2099-01-01T12:00:00Z"
        _ = try ok(
            ana,
            [
                "add", "proposal", "--title", "Adopt the mapping methodology", "--process", "majority", "--electorate",
                "centres", "--quorum", "2", "--threshold", "2/3", "--closes", closes,
            ])
        // Nobody speaks for Ana's replica yet: the vote is refused, and so is a ballot written directly.
        #expect(try fails(ana, ["vote", "Adopt the mapping methodology", "yes"]).contains("ncc whoami --person"))
        #expect(
            try fails(ana, ["add", "ballot", "--proposal", "Adopt the mapping methodology", "--choice", "yes"])
                .contains("cast, not written"))
        let bound = try ok(ana, ["whoami", "--person", "Egle Butkeviciene"])
        #expect(bound.contains("now speaks for Eglė Butkevičienė (NCC Lietuva)"), "\(bound)")
        #expect(bound.contains("Speaks for:  Eglė Butkevičienė (NCC Lietuva)"))
        #expect(
            try fails(ana, ["vote", "Adopt the mapping methodology", "maybe"]).contains("choices: yes, no, abstain"))
        _ = try ok(ana, ["vote", "Adopt the mapping methodology", "no", "--reason", "Too heavy for small centres"])

        try exchange(from: ana, to: ben, "ana1.nccbundle")
        _ = try ok(ben, ["whoami", "--person", "Žiga Kovač"])
        let voted = try ok(ben, ["vote", "Adopt the mapping methodology", "yes"])
        #expect(voted.contains("as Žiga Kovač (NCC Slovenija)") && voted.contains("standing: rejected"), "\(voted)")
        // Offline, Ana changes her mind: a later ballot replaces hers.
        _ = try ok(ana, ["vote", "Adopt the mapping methodology", "yes", "--reason", "With a light version"])
        try exchange(from: ben, to: ana, "ben1.nccbundle")
        try exchange(from: ana, to: ben, "ana2.nccbundle")

        let anaTally = try ok(ana, ["tally", "Adopt the mapping methodology", "--json"])
        let benTally = try ok(ben, ["tally", "Adopt the mapping methodology", "--json"])
        #expect(anaTally == benTally, "both replicas count the same")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(anaTally.utf8)) as? [String: Any])
        #expect(json["outcome"] as? String == "open" && json["standing"] as? String == "adopted", "\(json)")
        #expect((json["counts"] as? [String: Int])?["yes"] == 2 && (json["counts"] as? [String: Int])?["no"] == 0)
        let ballots = try #require(json["ballots"] as? [[String: Any]])
        #expect(ballots.count == 3)
        let replaced = ballots.filter { ($0["counted"] as? Bool) == false }
        #expect(replaced.count == 1 && replaced[0]["why"] as? String == "replaced by a later ballot for NCC Lietuva")
        #expect(replaced.first?["reason"] as? String == "Too heavy for small centres")
        #expect((json["proposal"] as? [String: Any])?["threshold"] as? String == "2/3")

        // Eglė's second replica (her desktop) shows her vote as hers, though it cast none.
        let desktop = ["--db", ncc.file("desktop.sqlite")]
        try exchange(from: ana, to: desktop, "ana-desktop.nccbundle")
        _ = try ok(desktop, ["whoami", "--person", "Eglė Butkevičienė"])
        #expect(try ok(desktop, ["proposals", "--json"]).contains(#""my_vote":"yes""#))
        // Ben sees whom Ana's replica speaks for.
        #expect(try ok(ben, ["peers"]).contains("speaks for Eglė Butkevičienė (NCC Lietuva)"))
        let listed = try ok(ben, ["proposals", "--open"])
        #expect(listed.contains("Adopt the mapping methodology") && listed.contains("adopted (2 yes)"), "\(listed)")

        let closed = try ok(
            ben,
            [
                "close", "Adopt the mapping methodology", "--review", "2027-06-01", "--follow-up",
                "Write a light version", "--follow-up", "Translate the guide",
            ])
        #expect(closed.contains("adopted (2 yes)") && closed.contains("2 follow-up tasks"), "\(closed)")
        #expect(try fails(ben, ["vote", "Adopt the mapping methodology", "no"]).contains("closed at"))
        #expect(try fails(ben, ["close", "Adopt the mapping methodology"]).contains("closed at"))
        try exchange(from: ben, to: ana, "ben2.nccbundle")
        for who in [ana, ben] {
            let register = try ok(who, ["decisions", "--json"])
            let decisions = try #require(
                try JSONSerialization.jsonObject(with: Data(register.utf8)) as? [[String: Any]])
            #expect(decisions.count == 1)
            #expect(decisions.first?["text"] as? String == "Adopt the mapping methodology: adopted (2 yes)")
            #expect((decisions.first?["tasks"] as? [String])?.count == 2)
            #expect(decisions.first?["review"] as? String == "2027-06-01")
        }
        #expect(try ok(ana, ["proposals", "--open"]).contains("No open proposals."))
        #expect(try ok(ana, ["tally", "Adopt the mapping methodology"]).contains("Closed "))
    }

    @Test func aPollTiesAndItsMistakesAreOneLine() throws {
        _ = try ok(ana, ["add", "person", "--name", "Ελένη Παπαδοπούλου"])
        _ = try ok(ana, ["whoami", "--person", "Ελένη Παπαδοπούλου"])
        #expect(
            try fails(ana, ["add", "proposal", "--title", "Venue", "--process", "poll"]).contains(
                "at least two options"))
        #expect(
            try fails(ana, ["add", "proposal", "--title", "Venue", "--threshold", "3/2"]).contains(
                "a share such as 2/3"))
        _ = try ok(
            ana, ["add", "proposal", "--title", "Venue", "--process", "poll", "--options", "Ljubljana;Αθήνα;Vilnius"])
        #expect(try fails(ana, ["vote", "Venue", "Lisbon"]).contains("'Lisbon' is not a choice here"))
        #expect(try fails(ana, ["vote", "Venue", "yes"]).contains("not a choice"))
        let both = try ok(ana, ["vote", "Venue", "ljubljana;ΑΘΗΝΑ"])
        #expect(both.contains("Voted Ljubljana;Αθήνα") && both.contains("tie: Ljubljana, Αθήνα (1 each)"), "\(both)")
        let tally = try ok(ana, ["tally", "Venue"])
        #expect(tally.contains("Ljubljana  ████████████████████ 1") && tally.contains("Vilnius    0"), "\(tally)")
        #expect(try fails(ana, ["vote", "nothing like it", "yes"]).contains("no proposal"))
        #expect(try fails(ana, ["close", "Venue", "--review", "soon"]).contains("not a valid date"))
    }

    /// An objection cast before the close, offline, reaches the closer afterwards: it counts, and
    /// the tally says that the outcome stored at the close no longer holds.
    @Test func aBallotCastBeforeTheCloseThatArrivesAfterItStillCounts() throws {
        _ = try ok(ana, ["add", "person", "--name", "Eglė Butkevičienė"])
        _ = try ok(ana, ["add", "person", "--name", "Žiga Kovač"])
        _ = try ok(ana, ["add", "proposal", "--title", "Meet in Vilnius", "--process", "consent"])
        _ = try ok(ana, ["whoami", "--person", "Eglė Butkevičienė"])
        try exchange(from: ana, to: ben, "ana1.nccbundle")
        _ = try ok(ben, ["whoami", "--person", "Žiga Kovač"])
        _ = try ok(ben, ["vote", "Meet in Vilnius", "object", "--reason", "Too far for the southern centres"])
        let closed = try ok(ana, ["close", "Meet in Vilnius"])
        #expect(closed.contains("adopted (no ballots)"), "\(closed)")
        try exchange(from: ben, to: ana, "ben1.nccbundle")
        let tally = try ok(ana, ["tally", "Meet in Vilnius"])
        #expect(tally.contains("Closed ") && tally.contains("rejected (1 object)"), "\(tally)")
        #expect(tally.contains("The outcome recorded at the close was adopted (no ballots)"), "\(tally)")
        let json = try ok(ana, ["tally", "Meet in Vilnius", "--json"])
        #expect(json.contains(#""outcome":"rejected""#), "\(json)")
    }
}
