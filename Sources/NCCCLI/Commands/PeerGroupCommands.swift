import ArgumentParser
import Foundation
import NCCExchange
import NCCModel
import NCCStore
import TerminalText

/// `ncc peers-for CENTRE [--limit N] [--json]`
struct PeersForCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers-for",
        abstract: "The centres a centre could learn from, best first, with the reasons.",
        discussion: """
            Among the centres whose latest scores are held here, each scores 1 per point it is stronger \
            on a dimension where the centre scores 3 or less, 1 for a shared official language, 1 per \
            consortium both are in, and 0.25 per meeting both attended (up to 1).
            """)

    @Argument(help: "The centre's id, id prefix or exact name.") var centre: String
    @Option(help: "At most this many peers.") var limit = 5
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let store = try database.open()
        try store.read { reader in
            let id = try reader.resolve(.centre, centre)
            let name = try reader.title(.centre, id: id)
            let peers = try reader.peersToLearnFrom(id, limit: limit)
            if json {
                Console.out(
                    JSONText.object([
                        ("centre", JSONText.string(id)), ("name", JSONText.string(name)),
                        (
                            "peers",
                            JSONText.array(
                                peers.map { peer in
                                    JSONText.object([
                                        ("centre_id", JSONText.string(peer.centre)),
                                        ("name", JSONText.string(peer.name)),
                                        ("score", JSONText.number(peer.score)),
                                        ("reasons", JSONText.array(peer.reasons.map(JSONText.string))),
                                    ])
                                })
                        ),
                    ]))
                return
            }
            Console.out(Console.oneLine("Centres \(name) could learn from:"))
            if try reader.assessmentRounds(of: id).first?.holdsScores != true {
                Console.out(
                    Console.oneLine("  (\(name) has no self-assessment here, so strengths are not compared)"))
            }
            if peers.isEmpty {
                Console.out("  None yet: no other centre's scores are held here, or none has a reason.")
            }
            for (i, peer) in peers.enumerated() {
                Console.out(
                    String(format: "%2d", i + 1) + ". " + PeerGroupText.score(peer.score) + "  "
                        + Console.oneLine(peer.name))
                for reason in peer.reasons { Console.out("      " + Console.oneLine(reason)) }
            }
        }
    }
}

/// `ncc groups [--count N] [--apply] [--json]`
struct GroupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "Propose peer groups from the centres' latest self-assessments, and with --apply set them.",
        discussion: """
            k-means on each centre's latest scores, the same on every replica for the same scores: group \
            1 is the most experienced. Each member is told why (where its group stands out from the \
            average, how much nearer it is to its group than to the next) and what would change from its \
            capacity group now. Centres whose scores are kept by them are not placed. --apply writes each \
            placed centre's capacity group.
            """)

    @Option(help: "How many groups (1 to 9).") var count = 3
    @Flag(help: "Set each placed centre's capacity group to the proposed one.") var apply = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...PeerGroups.maximumCount).contains(count) else {
            throw ValidationError("--count must be from 1 to \(PeerGroups.maximumCount)")
        }
    }

    func run() throws {
        let store = try database.open()
        let (proposal, applied): (PeerGroupProposal, Int?)
        if apply {
            (proposal, applied) = try store.write { writer in
                let proposal = try writer.reader.proposedPeerGroups(count: count)
                return (proposal, try writer.applyPeerGroups(proposal))
            }
        } else {
            (proposal, applied) = (try store.read { try $0.proposedPeerGroups(count: count) }, nil)
        }
        if json {
            Console.out(PeerGroupText.json(proposal, applied: applied))
            return
        }
        guard !proposal.groups.isEmpty || !proposal.unplaced.isEmpty else {
            Console.out("No self-assessment yet: ncc assess CENTRE \(DimensionFlags.example)")
            return
        }
        for line in PeerGroupText.lines(proposal) { Console.out(line) }
        let changes = proposal.changes.count
        if let applied {
            Console.out("Applied: \(English.count(applied, "centre")) changed capacity group.")
        } else if changes > 0 {
            Console.out("\(English.count(changes, "centre")) would change capacity group: ncc groups --apply")
        } else if !proposal.groups.isEmpty {
            Console.out("Every placed centre is in its proposed group already.")
        }
    }
}

enum PeerGroupText {
    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    static func score(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Each group with what sets it apart, its members with their capacity group now and how near
    /// they are to it; then the centres not placed. Sanitised for the terminal.
    static func lines(_ proposal: PeerGroupProposal) -> [String] {
        var lines: [String] = []
        for group in proposal.groups {
            lines.append(
                "Group \(group.number): \(English.count(group.members.count, "centre")), mean \(decimal(group.mean))"
            )
            // What sets the group apart is said once; the rest is each member's own.
            let shared = group.standsOut
            for line in shared { lines.append("  " + Console.oneLine(line)) }
            for member in group.members {
                let now =
                    member.current == group.number
                    ? "stays"
                    : member.current.map { "now \($0), moves" } ?? "in no group now"
                let own = member.explanation.filter { !shared.contains($0) }
                lines.append(
                    "    "
                        + Console.oneLine(
                            "\(member.name) (\(now))" + (own.isEmpty ? "" : ": " + own.joined(separator: "; "))))
            }
        }
        if !proposal.unplaced.isEmpty {
            lines.append("Not placed:")
            for centre in proposal.unplaced {
                lines.append("    " + Console.oneLine("\(centre.name): \(centre.reason)"))
            }
        }
        return lines
    }

    static func json(_ proposal: PeerGroupProposal, applied: Int?) -> String {
        let groups = proposal.groups.map { group in
            JSONText.object([
                ("number", String(group.number)), ("mean", JSONText.number(group.mean)),
                (
                    "centroid",
                    JSONText.array(
                        group.centroid.map { value in
                            JSONText.object([
                                ("dimension", JSONText.string(value.dimension)),
                                ("dimension_name", JSONText.string(value.title)),
                                ("value", JSONText.number(value.value)),
                            ])
                        })
                ),
                (
                    "members",
                    JSONText.array(
                        group.members.map { member in
                            JSONText.object([
                                ("centre_id", JSONText.string(member.centre)), ("name", JSONText.string(member.name)),
                                ("current", AssessmentText.number(member.current)),
                                ("explanation", JSONText.array(member.explanation.map(JSONText.string))),
                            ])
                        })
                ),
            ])
        }
        let unplaced = proposal.unplaced.map { centre in
            JSONText.object([
                ("centre_id", JSONText.string(centre.centre)), ("name", JSONText.string(centre.name)),
                ("reason", JSONText.string(centre.reason)), ("current", AssessmentText.number(centre.current)),
            ])
        }
        return JSONText.object([
            ("groups", JSONText.array(groups)), ("unplaced", JSONText.array(unplaced)),
            ("changes", String(proposal.changes.count)), ("applied", AssessmentText.number(applied)),
        ])
    }
}
