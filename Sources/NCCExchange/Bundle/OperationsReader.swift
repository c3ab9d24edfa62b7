import Crypto
import Foundation
import NCCModel
import NCCStore

/// The reading side of an export, in one read of the database: first the exact size of
/// `ops.jsonl` (the zip writer needs it before it deflates a byte), then its bytes in pieces,
/// then the manifest that describes them. Contact details of people who did not agree to share
/// them are left out on the way.
struct OperationsReader: Sendable {
    let store: Store
    let identity: Identity
    /// What the recipient is known to hold, left out.
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

    func read(into pieces: Handoff<Piece>) throws {
        try store.read { reader in
            let privatePeople = try reader.privatePeople()
            let personal = Set(Schema.fields(of: .person).filter(\.personal).map(\.name))
            func shared(_ stored: StoreReader.StoredOperation) throws -> StoreReader.StoredOperation {
                guard stored.kind == Kind.person.rawValue, privatePeople.contains(stored.record) else { return stored }
                var op = stored
                var fields = try LineParser.fields(op.fields)
                for name in personal where fields[name] != nil { fields[name] = .null }
                op.fields = CanonicalJSON.encode(fields)
                return op
            }

            let (count, valueBytes) = try reader.storedOperationsSize(notIn: knowledge)
            var size = Int64(count * OperationLine.framingBytes) + valueBytes
            if !privatePeople.isEmpty {
                try reader.forEachStoredOperation(notIn: knowledge, kind: .person) { stored in
                    size += Int64(try shared(stored).fields.utf8.count - stored.fields.utf8.count)
                }
            }
            try pieces.send(.size(size))

            var hasher = SHA256()
            var buffer = Data()
            var written: Int64 = 0
            var counts: [String: Int] = [:]
            func send(_ piece: Data) throws {
                hasher.update(data: piece)
                written += Int64(piece.count)
                try pieces.send(.bytes(piece))
            }
            let total = try reader.forEachStoredOperation(notIn: knowledge) { stored in
                let op = try shared(stored)
                buffer.append(contentsOf: OperationLine.encode(op).utf8)
                counts[op.kind, default: 0] += 1
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
                            replica: identity.replica, publicKey: identity.publicKey, fingerprint: identity.fingerprint),
                        recipient: recipient, full: full, created: try reader.clockTime(),
                        knowledge: try reader.knowledge(), operations: total, counts: counts,
                        entries: [
                            BundleFormat.operationsEntry: .init(sha256: BundleReader.hex(hasher.finalize()), size: size)
                        ])))
        }
    }
}
