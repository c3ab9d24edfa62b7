import Foundation
import NCCModel
import NCCStore

/// Decides, operation by operation in stamp order, which this database applies now, which wait
/// aside and which it refuses, from where each author stands here. Waiting is contagious, so
/// that what is applied never depends on what is not: a later operation of the same author
/// (replicas hold whole prefixes), one that saw a waiting one (`prev`), and one that refers to a
/// record only a waiting one makes, all wait too.
struct Admission {
    enum Fate: Equatable {
        case apply
        case wait(String)
        case refuse
    }

    /// Where an author stands here.
    enum Standing: Equatable {
        case ourselves
        case trusted
        /// Known by an introduction (or met and not trusted): its operations wait for a confirmation.
        case unconfirmed(introducedBy: String?)
        /// Its operations numbered past `after` are refused.
        case revoked(after: Int)
    }

    private let reader: StoreReader
    private let ourselves: String
    /// Released operations must find what they refer to here already (an import's may find it
    /// later in the same bundle).
    private let referencesHeld: Bool
    private var standings: [String: Standing] = [:]
    private var blockedAuthors: [String: String] = [:]
    private var blockedStamps: Set<String> = []
    private var blockedRecords: Set<String> = []

    init(reader: StoreReader, ourselves: String, referencesHeld: Bool = false) {
        self.reader = reader
        self.ourselves = ourselves
        self.referencesHeld = referencesHeld
    }

    /// Marks an author's operations as waiting from the start (its earlier ones wait).
    mutating func block(_ replica: String, because reason: String) { blockedAuthors[replica] = reason }

    mutating func standing(of replica: String) throws -> Standing {
        if let known = standings[replica] { return known }
        let standing = try Self.standing(of: replica, ourselves: ourselves, reader: reader)
        standings[replica] = standing
        return standing
    }

    static func standing(of replica: String, ourselves: String, reader: StoreReader) throws -> Standing {
        guard replica != ourselves else { return .ourselves }
        guard let peer = try reader.peer(replica) else { return .unconfirmed(introducedBy: nil) }
        if peer.revoked {
            let after = try reader.revocations().filter { $0.replica == replica && $0.publicKey == peer.publicKey }
                .map(\.after).min()
            if let after { return .revoked(after: after) }
            return .revoked(after: try reader.knowledge()[replica] ?? 0)
        }
        return peer.trusted ? .trusted : .unconfirmed(introducedBy: peer.introducedBy)
    }

    /// The fate of the next operation. `verified`: it verified against its author's checkpoint
    /// (or the producer's signature, in a version 1 bundle).
    mutating func fate(of op: Operation, verified: Bool) throws -> Fate {
        let fate = try ownFate(of: op, verified: verified)
        if fate != .apply {
            blockedAuthors[op.replica] = blockedAuthors[op.replica] ?? "it follows operation \(op.seq), which waits"
            blockedStamps.insert(op.stamp.description)
            if !(try reader.holds(op.kind, id: op.record)) { blockedRecords.insert(op.record) }
        }
        return fate
    }

    private mutating func ownFate(of op: Operation, verified: Bool) throws -> Fate {
        if let reason = blockedAuthors[op.replica] { return .wait(reason) }
        let standing = try standing(of: op.replica)
        if case .revoked(let after) = standing, op.seq > after { return .refuse }
        guard verified else { return .wait("unverified: it came through another member's version 1 bundle") }
        if case .unconfirmed(let introducer) = standing {
            return .wait(
                introducer.map { "its key, introduced by \($0), is not confirmed yet" } ?? "its key is not trusted yet")
        }
        // Nothing waits yet (a whole bundle of trusted authors): nothing to build on one.
        if blockedStamps.isEmpty && !referencesHeld { return .apply }
        for name in op.prev.keys {
            if Operation.seenStamps(op.prev[name]).contains(where: blockedStamps.contains) {
                return .wait("it builds on an operation that waits")
            }
        }
        for (name, value) in op.fields {
            guard let target = Schema.field(name, of: op.kind)?.type.referencedKind, let id = value.text else {
                continue
            }
            if blockedRecords.contains(id) { return .wait("it refers to a record that waits") }
            if referencesHeld, !(try reader.holds(target, id: id)) {
                return .wait("it refers to a record that is not here yet")
            }
        }
        return .apply
    }
}
