import Foundation
import NCCStore

/// The bundle file (README, "Bundle format"): a zip holding exactly `manifest.json`, `ops.jsonl`
/// and `signature`; sealed (version 2), a zip of `header.json` and `payload`, the signed zip
/// encrypted for its recipients (`Seal`).
public enum BundleFormat {
    public static let name = "ncc-bundle"
    /// The version written. Version 1 (no chains, no authors) still reads.
    public static let version = 2
    public static let fileExtension = "nccbundle"

    public static let manifestEntry = "manifest.json"
    public static let operationsEntry = "ops.jsonl"
    public static let signatureEntry = "signature"
    public static let entries: Set<String> = [manifestEntry, operationsEntry, signatureEntry]

    // Caps a reader enforces before it reads a byte of an entry.
    public static let maxBundleBytes: Int64 = 1 << 30
    public static let maxManifestBytes: Int64 = 1 << 20
    public static let maxSignatureBytes: Int64 = 1 << 10
    public static let maxOperationsBytes: Int64 = 1 << 30
    /// One line (one operation): a value larger than this is no minute-taking but an attack.
    public static let maxLineBytes = 2 << 20
    /// Deflate rarely passes 20:1 on JSON lines; past 100:1 an entry is a zip bomb.
    public static let maxCompressionRatio: Int64 = 100

    /// Entries carry this date, so that the same data gives the same bytes in any time zone.
    static let entryDate: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return calendar.date(from: DateComponents(year: 2000, month: 1, day: 1))
            ?? Date(timeIntervalSince1970: 946_684_800)
    }()
}

/// `manifest.json`: who made the bundle, for whom, what it holds, and the hash of every other entry.
public struct BundleManifest: Codable, Equatable, Sendable {
    public struct Producer: Codable, Equatable, Sendable {
        public var replica: String
        /// Base64 of the Ed25519 public key the bundle is signed with.
        public var publicKey: String
        public var fingerprint: String
        /// Version 2: base64 of the X25519 key bundles for this replica are sealed with.
        public var agreementKey: String?

        enum CodingKeys: String, CodingKey {
            case replica, fingerprint
            case publicKey = "public_key"
            case agreementKey = "agreement_key"
        }
    }

    /// Version 2: for a replica whose operations the bundle holds, its keys and the checkpoint
    /// of its own that vouches for them, whoever relays them.
    public struct Author: Codable, Equatable, Sendable {
        /// Its Ed25519 key (base64): an introduction, by the producer who signs the manifest.
        public var publicKey: String
        public var fingerprint: String
        public var agreementKey: String?
        /// The first operation the checkpoint vouches for here, and the chain hash before it
        /// (the genesis hash when `first` is 1). Operations of this replica numbered below it
        /// came from before its author kept a chain: they are unverified.
        public var first: Int
        public var base: String
        public var checkpoint: Checkpoint

        public init(
            publicKey: String, fingerprint: String, agreementKey: String?, first: Int, base: String,
            checkpoint: Checkpoint
        ) {
            self.publicKey = publicKey
            self.fingerprint = fingerprint
            self.agreementKey = agreementKey
            self.first = first
            self.base = base
            self.checkpoint = checkpoint
        }

        enum CodingKeys: String, CodingKey {
            case fingerprint, first, base, checkpoint
            case publicKey = "public_key"
            case agreementKey = "agreement_key"
        }
    }

    public struct Entry: Codable, Equatable, Sendable {
        public var sha256: String
        public var size: Int64
    }

    public var format: String
    public var version: Int
    public var producer: Producer
    /// The peer it was made for (`--for`), or nil for anyone.
    public var recipient: String?
    /// True when it holds every operation the producer has (no knowledge of the recipient used).
    public var full: Bool
    /// The producer's clock when it was made (UTC), not the wall clock: same data, same bytes.
    public var created: String
    /// What the producer holds: replica -> highest sequence number. The recipient's next bundle
    /// for the producer leaves all of it out.
    public var knowledge: [String: Int]
    public var operations: Int
    /// Operations per kind.
    public var counts: [String: Int]
    public var entries: [String: Entry]
    /// Version 2: per replica whose operations it holds, its keys and checkpoint.
    public var authors: [String: Author]?
    /// Version 2: the revocations the producer made or learned from peers it trusts.
    public var revocations: [Revocation]?

    static func encode(_ manifest: BundleManifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(manifest) + Data("\n".utf8)
    }
}

/// Foundation has an `Operation` too; in this module the word means a sync operation.
typealias Operation = NCCStore.Operation
