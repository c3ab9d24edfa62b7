import Foundation
import NCCFuzzTargets
import NCCModel
import Testing

/// A peer who typed escape sequences into every free-text field of every kind (with the real
/// `ncc add`), exported, and a member who imported the bundle: nothing any command prints about
/// that data, on standard output or standard error, may hold a raw control character.
@Suite struct HostileTextCLITests {
    let ncc: NCCProcess
    let peer: [String], member: [String]

    init() throws {
        ncc = try NCCProcess()
        peer = ["--db", ncc.file("peer.sqlite")]
        member = ["--db", ncc.file("member.sqlite")]
    }

    /// Runs ncc; `crlf`: the format ends its lines with CR LF (iCalendar, vCard), and only there
    /// may a carriage return stand.
    func ok(
        _ who: [String], _ arguments: [String], crlf: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        var result = try ncc.run(arguments + who, useDefaultDatabase: true)
        if crlf { result.out = result.out.replacingOccurrences(of: "\r\n", with: "\n") }
        #expect(
            result.status == 0, "ncc \(arguments.joined(separator: " ")): \(result.err)", sourceLocation: sourceLocation
        )
        #expect(
            !HostileRecords.holdsControl(result.out),
            "ncc \(arguments.prefix(2).joined(separator: " ")) printed a control character",
            sourceLocation: sourceLocation)
        #expect(
            !HostileRecords.holdsControl(result.err),
            "ncc \(arguments.prefix(2).joined(separator: " ")) wrote a control character to stderr",
            sourceLocation: sourceLocation)
        return result.out
    }

    /// `ncc add` arguments for the values of one hostile record.
    static func flags(_ kind: Kind, _ values: [String: Value]) -> [String] {
        var flags: [String] = []
        for field in Schema.fields(of: kind) {
            guard let value = values[field.name] else { continue }
            switch value {
            case .text(let text): flags += ["--\(field.flag)", text]
            case .list(let items): flags += ["--\(field.flag)", items.joined(separator: ";")]
            case .int(let number): flags += ["--\(field.flag)", String(number)]
            case .bool(true): flags += ["--\(field.flag)"]
            default: break
            }
        }
        return flags
    }

    @Test func nothingPrintedAboutAHostilePeersDataHoldsAControlCharacter() throws {
        var ids: [Kind: String] = [:]
        for kind in Kind.allCases where kind != .ballot && kind != .replicaBinding {
            let added = try ncc.run(
                ["add", kind.rawValue] + Self.flags(kind, HostileRecords.values(of: kind, references: ids)) + peer,
                useDefaultDatabase: true)
            #expect(added.status == 0, "ncc add \(kind.rawValue): \(added.err)")
            #expect(
                !HostileRecords.holdsControl(added.out) && !HostileRecords.holdsControl(added.err),
                "ncc add \(kind.rawValue)")
            // "Added centre 'name' (id)": the id is in the last parentheses.
            let id = added.out.split(separator: "(").last.map { String($0.prefix { $0 != ")" }) }
            ids[kind] = try #require(id, "no id in \(added.out)")
        }
        // A binding and a ballot are made only by `whoami --person` and `vote`, on an open proposal.
        let vote = try ok(peer, ["add", "proposal", "--title", "Vote\(HostileRecords.sequences)title"])
        let proposal = try #require(vote.split(separator: "(").last.map { String($0.prefix { $0 != ")" }) })
        _ = try ok(peer, ["whoami", "--person", try #require(ids[.person])])
        _ = try ok(peer, ["vote", proposal, "object", "--reason", "Reason\(HostileRecords.sequences)end"])
        ids[.ballot] = try #require(
            try ok(peer, ["list", "ballots", "--json"]).split(separator: "\"").drop { $0 != "id" }.dropFirst(2).first
                .map(String.init))
        ids[.replicaBinding] = try #require(
            try ok(peer, ["list", "replica-bindings", "--json"]).split(separator: "\"").drop { $0 != "id" }.dropFirst(2)
                .first.map(String.init))
        let bundle = ncc.file("peer.nccbundle")
        _ = try ok(peer, ["export", bundle, "--unsealed"])
        _ = try ok([], ["inspect", bundle])
        _ = try ok(member, ["import", bundle, "--dry-run", "--trust"])
        _ = try ok(member, ["import", bundle, "--trust"])

        var printed = ""
        for kind in Kind.allCases {
            let listed = try ncc.run(["list", kind.rawValue] + member, useDefaultDatabase: true)
            guard listed.status == 0 else { continue }  // the parts of records without a list of their own
            #expect(!HostileRecords.holdsControl(listed.out), "ncc list \(kind.rawValue)")
            printed += listed.out
            printed += try ok(member, ["show", kind.rawValue, try #require(ids[kind])])
            printed += try ok(member, ["show", kind.rawValue, try #require(ids[kind]), "--json"])
        }
        for kind in ["centres", "organisations", "people", "experts", "needs", "tasks"] {
            printed += try ok(member, ["export-csv", kind, "-"])
        }
        printed += try ok(member, ["search", "pwned"])
        printed += try ok(member, ["minutes", try #require(ids[.meeting])])
        printed += try ok(member, ["report", "--from", "2026-01-01", "--to", "2027-12-31"])
        printed += try ok(member, ["calendar"], crlf: true)
        printed += try ok(member, ["contacts"], crlf: true)
        printed += try ok(member, ["peers"])
        printed += try ok(member, ["proposals"])
        printed += try ok(member, ["proposals", "--json"])
        printed += try ok(member, ["tally", proposal])
        printed += try ok(member, ["tally", proposal, "--json"])
        printed += try ok(member, ["close", proposal])
        printed += try ok(member, ["decisions"])
        printed += try ok(member, ["match", try #require(ids[.need])])
        printed += try ok(member, ["match", "--expert", try #require(ids[.expert])])
        let centre = try #require(ids[.centre])
        for arguments in [
            ["progress"], ["progress", "--json"], ["indicators"], ["indicators", "--json"], ["assessments"],
            ["assessments", centre], ["assessments", "--json"], ["peers-for", centre], ["peers-for", centre, "--json"],
            ["groups"], ["groups", "--json"], ["pathway"], ["pathway", "--centre", centre], ["pathway", "--json"],
        ] {
            printed += try ok(member, arguments)
        }

        // The names beside references in JSON are escaped like every other string.
        let task = try ok(member, ["show", "task", try #require(ids[.task]), "--json"])
        #expect(task.contains(#""owner_name":"person.name\u001b]0;pwned\u0007"#), "\(task)")

        // The texts were printed, their escapes as visible symbols.
        for label in [
            "centre.name", "person.name", "task.title", "meeting.minutes", "need.description", "expert.bio", "Reason",
            "Vote", "objective.title", "indicator.title", "dimension.title", "pathway_step.title",
        ] {
            #expect(printed.contains("\(label)␛]0;pwned␇"), "\(label) was never printed")
        }
    }
}
