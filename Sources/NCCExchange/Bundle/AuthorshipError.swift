/// Why a bundle's operations do not verify against their authors, or a key cannot be used: one
/// line each, naming the author and the operation's number, whoever relayed it.
public enum AuthorshipError: Error, Equatable, CustomStringConvertible {
    /// An operation numbered past the checkpoint its author signed.
    case notCovered(bundle: String, replica: String, seq: Int, checkpoint: Int)
    /// The operations from `first` to `last` do not hash to the author's checkpoint.
    case chainMismatch(bundle: String, replica: String, first: Int, last: Int)
    /// The author's operations stop before the checkpoint, or start elsewhere than it says.
    case chainIncomplete(bundle: String, replica: String, expected: Int, found: Int)
    case badCheckpointSignature(bundle: String, replica: String, seq: Int)
    /// The producer's own operations came without a checkpoint of its own.
    case producerUnchained(bundle: String, replica: String)
    /// A committed value of a verified operation with neither its salt nor its commitment.
    case missingCommitment(bundle: String, replica: String, seq: Int, field: String)
    /// The bundle gives the author another key than the one it is known by here.
    case authorKnownWithAnotherKey(replica: String, known: String, claimed: String)
    case badRevocation(bundle: String, replica: String, by: String)

    // Sealing.
    case noSealingKey(peer: String)
    case nobodyToSealFor
    case noPeersToSealFor

    public var description: String {
        switch self {
        case .notCovered(let bundle, let replica, let seq, let checkpoint):
            "\(bundle): refused: operation \(seq) of replica \(replica) is past \(replica)'s signed checkpoint (operation \(checkpoint)); it is not \(replica)'s"
        case .chainMismatch(let bundle, let replica, let first, let last):
            "\(bundle): refused: operations \(first)–\(last) of replica \(replica) do not match \(replica)'s signed checkpoint: one of them was forged, altered, reordered or left out"
        case .chainIncomplete(let bundle, let replica, let expected, let found):
            "\(bundle): refused: replica \(replica)'s signed checkpoint covers operation \(expected), the bundle's operations of \(replica) reach \(found): some were left out"
        case .badCheckpointSignature(let bundle, let replica, let seq):
            "\(bundle): refused: the checkpoint of replica \(replica) at operation \(seq) is not signed by \(replica)'s key"
        case .producerUnchained(let bundle, let replica):
            "\(bundle): refused: replica \(replica)'s own operations come without its signed checkpoint"
        case .missingCommitment(let bundle, let replica, let seq, let field):
            "\(bundle): refused: operation \(seq) of replica \(replica) sets '\(Sanitized.one(field))' with neither its salt nor its commitment"
        case .authorKnownWithAnotherKey(let replica, let known, let claimed):
            "refused: the bundle gives replica \(replica) the key \(claimed), but it is known here by \(known)"
        case .badRevocation(let bundle, let replica, let by):
            "\(bundle): refused: a revocation of \(replica)'s key does not carry a good signature of \(by)"
        case .noSealingKey(let peer):
            "no sealing key for \(peer) yet: it comes in \(peer)'s own bundle (version 2); import one, or write this one --unsealed"
        case .nobodyToSealFor:
            "a bundle for nobody in particular is sealed for nobody: name its readers with --for PEER, or write it --unsealed"
        case .noPeersToSealFor:
            "no trusted peer to seal the folder's bundle for yet: import a peer's bundle first, or sync --unsealed"
        }
    }
}
