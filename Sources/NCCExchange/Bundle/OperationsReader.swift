import Crypto
import Foundation
import NCCModel
import NCCStore

/// The reading side of an export, in one read of the database: first the exact size of
/// `ops.jsonl` (the zip writer needs it before it deflates a byte), then its bytes in pieces,
/// then the manifest that describes them. Contact details of people who did not agree to share
/// them are left out on the way (their commitments stand in for them), and each author's
/// operations go no further than the newest checkpoint of theirs held here.
struct OperationsReader: Sendable {
    let store: Store
    let identity: Identity
    /// The X25519 key bundles for this replica are sealed with (base64), published in the manifest.
    let agreementKey: String?
    /// This replica's checkpoint, signed for this export (nil: it has made no change yet).
    let ownCheckpoint: Checkpoint?
    /// What the recipients are known to hold, left out.
    let knowledge: [String: Int]
    let recipient: String?
    let full: Bool

    enum Piece: Sendable {
        case size(Int64)
        case bytes(Data)
        case end(BundleManifest)
    }

    /// Pieces are this long (the last one shorter); the zip writer asks for as much at a time.
    static let pieceBytes = 1 << 16

    /// Per author seen while writing: its numbers, and from which one its operations are chained.
    private struct Seen {
        var first: Int
        var last: Int
        var firstChained: Int?
        var unchainedAfterChained = false
    }

    func read(into pieces: Handoff<Piece>) throws {
        try store.read { reader in
            var privateRecords: [String: Set<String>] = [:]
            var personal: [String: Set<String>] = [:]
            for kind in StoreReader.kindsWithSharing {
                privateRecords[kind.rawValue] = try reader.privateRecords(of: kind)
                personal[kind.rawValue] = Set(Schema.fields(of: kind).filter(\.personal).map(\.name))
            }
            let held = try reader.knowledge()
            // Another author's operations past its newest checkpoint held here cannot be vouched
            // for: they stay here until a checkpoint of its covers them.
            var caps: [String: Int] = [:]
            for (replica, last) in held where replica != identity.replica {
                if let checkpoint = try reader.checkpoint(of: replica, atMost: last), checkpoint.seq < last {
                    caps[replica] = checkpoint.seq
                }
            }

            func line(_ stored: StoreReader.StoredOperation) throws -> String {
                let isPrivate = privateRecords[stored.kind]?.contains(stored.record) ?? false
                guard stored.commits != nil || isPrivate else { return OperationLine.encode(stored) }
                var op = stored
                guard let commitsText = stored.commits, let kind = Kind(rawValue: stored.kind) else {
                    // From before its author kept a chain: withheld as version 1 did.
                    var fields = try LineParser.fields(op.fields)
                    for name in personal[stored.kind] ?? [] where fields[name] != nil { fields[name] = .null }
                    op.fields = CanonicalJSON.encode(fields)
                    return OperationLine.encode(op)
                }
                let commits = CanonicalJSON.decodeStrings(commitsText)
                let salts = stored.salts.map(CanonicalJSON.decodeStrings) ?? [:]
                // Every value held and shared: the line is the stored text and its salts, as they are.
                if !isPrivate, let saltsText = stored.salts, Set(salts.keys) == Set(commits.keys) {
                    return OperationLine.encode(stored, salts: saltsText)
                }
                var fields = try LineParser.fields(op.fields)
                var hidden: [String: String] = [:]
                var shownSalts: [String: String] = [:]
                for name in Chain.committed(kind) where fields[name] != nil {
                    if isPrivate && personal[stored.kind]?.contains(name) == true {
                        fields[name] = .null
                        hidden[name] = commits[name]
                    } else if let salt = salts[name] {
                        shownSalts[name] = salt
                    } else {
                        hidden[name] = commits[name]
                    }
                }
                op.fields = CanonicalJSON.encode(fields)
                return OperationLine.encode(
                    op, hidden: hidden.isEmpty ? nil : CanonicalJSON.encode(hidden),
                    salts: shownSalts.isEmpty ? nil : CanonicalJSON.encode(shownSalts))
            }

            let (count, valueBytes) = try reader.storedOperationsSize(notIn: knowledge, upTo: caps)
            var size = Int64(count * OperationLine.framingBytes) + valueBytes
            for kind in Kind.allCases where !Chain.committed(kind).isEmpty {
                try reader.forEachStoredOperation(notIn: knowledge, upTo: caps, kind: kind) { stored in
                    size += Int64(
                        try line(stored).utf8.count - OperationLine.framingBytes - OperationLine.valueBytes(stored))
                }
            }
            try pieces.send(.size(size))

            var hasher = SHA256()
            var buffer = Data()
            var written: Int64 = 0
            var counts: [String: Int] = [:]
            var seen: [String: Seen] = [:]
            func send(_ piece: Data) throws {
                hasher.update(data: piece)
                written += Int64(piece.count)
                try pieces.send(.bytes(piece))
            }
            let total = try reader.forEachStoredOperation(notIn: knowledge, upTo: caps) { stored in
                buffer.append(contentsOf: try line(stored).utf8)
                counts[stored.kind, default: 0] += 1
                var author = seen[stored.replica] ?? Seen(first: stored.seq, last: stored.seq)
                author.last = stored.seq
                if stored.chain != nil {
                    if author.firstChained == nil { author.firstChained = stored.seq }
                } else if author.firstChained != nil {
                    author.unchainedAfterChained = true
                }
                seen[stored.replica] = author
                while buffer.count >= Self.pieceBytes {
                    try send(Data(buffer.prefix(Self.pieceBytes)))
                    buffer.removeFirst(Self.pieceBytes)
                }
            }
            if !buffer.isEmpty { try send(buffer) }
            guard total == count, written == size else {
                throw BundleError.operationsMiscounted(
                    bytes: written, lines: total, countedBytes: size, countedLines: count)
            }
            try pieces.send(
                .end(
                    BundleManifest(
                        format: BundleFormat.name, version: BundleFormat.version,
                        producer: .init(
                            replica: identity.replica, publicKey: identity.publicKey, fingerprint: identity.fingerprint,
                            agreementKey: agreementKey),
                        recipient: recipient, full: full, created: try reader.clockTime(),
                        knowledge: held, operations: total, counts: counts,
                        entries: [
                            BundleFormat.operationsEntry: .init(sha256: Chain.hex(hasher.finalize()), size: size)
                        ],
                        authors: try authors(seen, reader), revocations: try reader.revocations())))
        }
    }

    /// Each author's keys and the checkpoint that vouches for its operations in the bundle. An
    /// author with none that covers them exactly gets no entry: its operations travel unverified.
    private func authors(_ seen: [String: Seen], _ reader: StoreReader) throws -> [String: BundleManifest.Author] {
        var authors: [String: BundleManifest.Author] = [:]
        for (replica, author) in seen {
            guard let first = author.firstChained, !author.unchainedAfterChained,
                let base = try reader.chain(of: replica, seq: first - 1)
            else { continue }
            if replica == identity.replica {
                guard let ownCheckpoint, ownCheckpoint.seq == author.last else { continue }
                authors[replica] = .init(
                    publicKey: identity.publicKey, fingerprint: identity.fingerprint, agreementKey: agreementKey,
                    first: first, base: base, checkpoint: ownCheckpoint)
                continue
            }
            guard let checkpoint = try reader.checkpoint(of: replica, atMost: author.last),
                checkpoint.seq == author.last, let peer = try reader.peer(replica),
                let fingerprint = Identity.fingerprint(ofPublicKey: peer.publicKey)
            else { continue }
            authors[replica] = .init(
                publicKey: peer.publicKey, fingerprint: fingerprint, agreementKey: peer.agreementKey, first: first,
                base: base, checkpoint: checkpoint)
        }
        return authors
    }
}
