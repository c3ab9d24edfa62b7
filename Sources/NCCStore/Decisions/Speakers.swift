import GRDB
import NCCModel

/// "Replica R speaks for person P from this stamp on": what `ncc whoami --person` says, as an
/// operation of R itself. A binding that names another replica than the one that made it is no
/// binding (a member cannot speak for someone else's replica); a later binding replaces an earlier.
public struct Speaker: Sendable, Hashable {
    public var replica: String
    public var person: String
    public var stamp: Stamp
    /// The binding's record.
    public var record: String
}

extension StoreReader {
    /// Every replica's bindings of itself, oldest first, read from the log as their authors made them.
    public func speakers() throws -> [String: [Speaker]] {
        Dictionary(grouping: try bindings(), by: \.replica)
    }

    /// Whom `replica` speaks for now (its latest binding), or nil.
    public func speaker(of replica: String) throws -> Speaker? {
        try bindings(of: replica).last
    }

    /// The bindings of one replica (or of all), oldest first; a binding naming another replica
    /// than its author is none.
    private func bindings(of replica: String? = nil) throws -> [Speaker] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT replica, stamp, fields, record FROM op WHERE kind = 'replica_binding'
                \(replica == nil ? "" : "AND replica = ?") ORDER BY replica, stamp
                """, arguments: StatementArguments(replica.map { [$0] } ?? []))
        return try rows.compactMap { row in
            guard let stamp = Stamp(row[1]) else { throw StoreError.malformedLog }
            let replica: String = row[0]
            let fields = try CanonicalJSON.decodeFields(row[2])
            guard fields[Fields.ReplicaBinding.replica.name]?.text == replica,
                let person = fields[Fields.ReplicaBinding.person.name]?.text
            else { return nil }
            return Speaker(replica: replica, person: person, stamp: stamp, record: row[3])
        }
    }

    /// The replicas that speak for `person` now.
    public func replicas(speakingFor person: String) throws -> [String] {
        try speakers().compactMap { $0.value.last?.person == person ? $0.key : nil }.sorted()
    }
}

extension [Speaker] {
    /// The binding in force at `stamp`: the latest made before it.
    public func inForce(at stamp: Stamp) -> Speaker? {
        last { $0.stamp < stamp }
    }
}
