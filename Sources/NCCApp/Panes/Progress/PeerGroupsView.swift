import NCCModel
import NCCStore

/// The peer groups proposed from the centres' latest self-assessment: each group with where it
/// stands out, each centre with why it belongs there and whether its capacity group would
/// change; the centres that could not be placed, and why.
enum PeerGroupsView {
    /// As many groups as the working group's capacity groups (1 strong, 2 middle, 3 building up).
    static let count = 3

    static func lines(_ proposal: PeerGroupProposal) -> [DetailLine] {
        var lines = [DetailLine(ProgressViewState.Mode.peerGroups.title, .title)]
        lines.append(
            DetailLine(
                "  From each centre's latest self-assessment: \(OverviewPane.counted(proposal.groups.count, "group")) of centres with similar scores (held here); 1 is the most experienced",
                .dim))
        let changes = proposal.changes.count
        lines.append(
            DetailLine(
                changes == 0
                    ? "  Every placed centre is in its proposed group already"
                    : "  \(OverviewPane.counted(changes, "centre")) would change capacity group; ncc groups --apply sets them",
                .dim))
        if proposal.groups.isEmpty {
            lines.append(DetailLine(""))
            lines.append(DetailLine("  No centre has scores held here yet: nothing to group", .dim))
        }
        for group in proposal.groups {
            lines.append(DetailLine(""))
            lines.append(
                DetailLine(
                    "Group \(group.number) · \(OverviewPane.counted(group.members.count, "centre")) · mean \(ProgressWords.decimal(group.mean))",
                    .heading))
            lines.append(
                DetailLine(
                    "  "
                        + group.centroid.map { "\(ProgressWords.name($0.title)) \(ProgressWords.decimal($0.value))" }
                        .joined(separator: " · "), .dim))
            // Where the group stands out is every member's reason: said once, under the group.
            let shared =
                group.members.count < 2
                ? []
                : group.members[0].explanation.filter { line in
                    group.members.allSatisfy { $0.explanation.contains(line) }
                }
            lines += shared.map { DetailLine("  " + ProgressWords.name($0), .dim) }
            for member in group.members {
                let now: String =
                    switch member.current {
                    case nil: "new in group \(group.number)"
                    case group.number?: "stays in group \(group.number)"
                    case let current?: "now in group \(current), would move to \(group.number)"
                    }
                lines.append(
                    DetailLine(
                        "  \(ProgressWords.name(member.name)) · \(now)",
                        member.current == group.number ? .text : .warning,
                        target: RecordRef(.centre, member.centre)))
                lines += member.explanation.filter { !shared.contains($0) }.map {
                    DetailLine("      " + ProgressWords.name($0), .dim)
                }
            }
        }
        if !proposal.unplaced.isEmpty {
            lines.append(DetailLine(""))
            lines.append(DetailLine("Not placed (\(proposal.unplaced.count))", .heading))
            for centre in proposal.unplaced {
                lines.append(
                    DetailLine(
                        "  \(ProgressWords.name(centre.name)): \(ProgressWords.name(centre.reason))", .dim,
                        target: RecordRef(.centre, centre.centre)))
            }
        }
        lines.append(DetailLine(""))
        lines.append(
            DetailLine(
                "  \(ActionTable.key(.showPeerGroups, in: .progress)) or \(ActionTable.key(.progressBack, in: .progress)) goes back to the self-assessment",
                .dim))
        return lines
    }
}
