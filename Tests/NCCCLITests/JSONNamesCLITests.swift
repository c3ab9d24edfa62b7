import Foundation
import Testing

/// `--json` names what it refers to: beside every reference's id (`"owner": "<id>"`) the name of
/// the record it names (`"owner_name": "Eglė Butkevičienė"`), and an expert carries their own
/// `name`, so a script prints who an expert is without a second lookup.
@Suite struct JSONNamesCLITests {
    let ncc: NCCProcess

    init() throws { ncc = try NCCProcess() }

    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try ncc.run(arguments)
        #expect(
            result.status == 0, "ncc \(arguments.joined(separator: " ")): \(result.err)", sourceLocation: sourceLocation
        )
        return result.out
    }

    func objects(_ arguments: [String]) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(try ok(arguments).utf8)) as? [[String: Any]])
    }

    func object(_ arguments: [String]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try ok(arguments).utf8)) as? [String: Any])
    }

    static let egle = "Eglė Butkevičienė"
    static let organisation = "Socialinių inovacijų centras"

    func addTheWorld() throws {
        _ = try ok(["add", "centre", "--name", "NCC Lietuva", "--country", "LT"])
        _ = try ok([
            "add", "organisation", "--name", Self.organisation, "--kind", "ngo", "--centre", "NCC Lietuva",
            "--country", "LT",
        ])
        _ = try ok([
            "add", "expert", "--name", Self.egle, "--organisation", Self.organisation, "--languages", "lt;en",
            "--topics", "impact measurement;SROI", "--availability-days", "3",
        ])
        _ = try ok(["add", "working-area", "--number", "2", "--title", "Capacity building"])
        _ = try ok([
            "add", "task", "--title", "Draft the impact guide", "--owner", Self.egle, "--centre", "NCC Lietuva",
            "--working-area", "Capacity building",
        ])
        _ = try ok(["add", "task", "--title", "Nobody's yet"])
        _ = try ok([
            "add", "need", "--centre", "NCC Lietuva", "--title", "Impact measurement framework", "--topics",
            "impact measurement", "--languages", "lt",
        ])
        _ = try ok(["add", "engagement", "--expert", Self.egle, "--need", "Impact measurement framework"])
    }

    @Test func listAndShowNameEveryReferenceAndEveryExpert() throws {
        try addTheWorld()
        let person = try #require(try objects(["list", "people", "--json"]).first)
        let personID = try #require(person["id"] as? String)
        #expect(person["organisation_name"] as? String == Self.organisation)

        // The id stays where scripts read it; the name stands beside it, and the expert has one of their own.
        let expert = try #require(try objects(["list", "experts", "--json"]).first)
        #expect(expert["person"] as? String == personID)
        #expect(expert["person_name"] as? String == Self.egle)
        #expect(expert["name"] as? String == Self.egle)
        let shown = try object(["show", "expert", "Egle Butkeviciene", "--json"])
        #expect(shown["name"] as? String == Self.egle && shown["person_name"] as? String == Self.egle)
        #expect((shown["related_engagements"] as? [String])?.count == 1)
        // An engagement seen from its expert is named by its other end, the need, as `ncc show` lists it.
        #expect(shown["related_engagements_names"] as? [String] == ["Impact measurement framework"])
        // Written as the letters they are, not as escapes.
        #expect(try ok(["list", "experts", "--json"]).contains(#""name":"Eglė Butkevičienė""#))

        let tasks = try objects(["list", "tasks", "--json"])
        let guide = try #require(tasks.first { $0["title"] as? String == "Draft the impact guide" })
        #expect(guide["owner_name"] as? String == Self.egle)
        #expect(guide["centre_name"] as? String == "NCC Lietuva")
        #expect(guide["working_area_name"] as? String == "Capacity building")
        // A reference left empty has an empty name: the key is always there, null.
        let unowned = try #require(tasks.first { $0["title"] as? String == "Nobody's yet" })
        #expect(unowned["owner"] is NSNull && unowned["owner_name"] is NSNull)
        let task = try object(["show", "task", "Draft the impact guide", "--json"])
        #expect(task["owner_name"] as? String == Self.egle && task["centre_name"] as? String == "NCC Lietuva")

        let engagement = try #require(try objects(["list", "engagements", "--json"]).first)
        #expect(engagement["expert_name"] as? String == Self.egle)
        #expect(engagement["need_name"] as? String == "Impact measurement framework")
        let need = try #require(try objects(["list", "needs", "--json"]).first)
        #expect(need["centre_name"] as? String == "NCC Lietuva")

        let centre = try object(["show", "centre", "NCC Lietuva", "--json"])
        #expect(centre["related_needs_names"] as? [String] == ["Impact measurement framework"])
        #expect(centre["related_organisations_names"] as? [String] == [Self.organisation])
        #expect((centre["related_tasks"] as? [String])?.count == 1)
        #expect(centre["related_tasks_names"] as? [String] == ["Draft the impact guide"])
    }

    @Test func searchAndMatchNameTheirHitsAndExperts() throws {
        try addTheWorld()
        let hits = try objects(["search", "butk", "--json"])
        #expect(hits.contains { $0["kind"] as? String == "expert" && $0["title"] as? String == Self.egle }, "\(hits)")

        let ranked = try object(["match", "Impact measurement framework", "--json"])
        #expect((ranked["need"] as? [String: Any])?["title"] as? String == "Impact measurement framework")
        let best = try #require((ranked["matches"] as? [[String: Any]])?.first)
        #expect(best["name"] as? String == Self.egle && (best["expert_id"] as? String)?.count == 36)

        let needs = try object(["match", "--expert", "Egle Butkeviciene", "--json"])
        #expect((needs["expert"] as? [String: Any])?["name"] as? String == Self.egle)
        let fits = try #require((needs["matches"] as? [[String: Any]])?.first)
        #expect(fits["title"] as? String == "Impact measurement framework" && (fits["need_id"] as? String) != nil)
    }
}
