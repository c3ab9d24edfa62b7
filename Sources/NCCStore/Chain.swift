import Crypto
import Foundation
import NCCModel

/// Each replica's operations as a hash chain (README, "Bundle format", version 2), so that an
/// author's signed checkpoint `(replica, n, h(n))` vouches for every one of its first n
/// operations, whoever relays them:
///
///     h(0) = SHA-256("ncc-chain" || replica)
///     h(n) = SHA-256(h(n-1) || digest(operation n))
///
/// `digest` hashes the operation's line with every committed value (anything that may be withheld
/// or erased: a person's contacts, name and role, an expert's bio) replaced by a commitment,
/// SHA-256(salt || value). The salt travels beside the value when the value travels; when it does
/// not (contacts withheld, `ncc forget`), the commitment travels instead, and the chain still holds.
public enum Chain {
    /// Hex of SHA-256, the spelling of every hash in the log and in bundles.
    public typealias Hash = String

    public static func genesis(_ replica: String) -> Hash {
        hash("ncc-chain" + replica)
    }

    public static func next(_ previous: Hash, digest: Hash) -> Hash {
        var hasher = SHA256()
        update(&hasher, previous)
        update(&hasher, digest)
        return hex(hasher.finalize())
    }

    /// Hashes a text's UTF-8 bytes where they lie, without copying them.
    private static func update(_ hasher: inout SHA256, _ text: String) {
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    private static func hash(_ text: String) -> Hash {
        var hasher = SHA256()
        update(&hasher, text)
        return hex(hasher.finalize())
    }

    /// The fields whose values are committed to rather than hashed as they are.
    public static func committed(_ kind: Kind) -> Set<String> { committedByKind[kind] ?? [] }

    private static let committedByKind: [Kind: Set<String>] = Dictionary(
        uniqueKeysWithValues: Kind.allCases.map { kind in
            var names = Set(Schema.fields(of: kind).filter(\.personal).map(\.name))
            for field in kind.spec.erasure?.keys ?? [:].keys { names.insert(field.name) }
            return (kind, names)
        })

    /// 12 random bytes, hex: nobody guesses a withheld phone number from its commitment without
    /// guessing 96 random bits with it, and a bundle of many people stays small (a salt does not
    /// compress).
    public static func salt() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes =
            withUnsafeBytes(of: generator.next() as UInt64) { Array($0) }
            + withUnsafeBytes(of: generator.next() as UInt64) { Array($0.prefix(4)) }
        return hex(bytes)
    }

    public static let saltLength = 24

    public static func commitment(salt: String, value: Value) -> Hash {
        var json = salt
        CanonicalJSON.append(value, to: &json)
        return hash(json)
    }

    /// The digest of an operation whose committed fields are given by their commitments.
    /// `encodedFields`: the operation's fields as canonical JSON, when the caller has them and
    /// nothing is committed.
    public static func digest(_ op: Operation, commits: [String: Hash], encodedFields: String? = nil) -> Hash {
        var fieldsText: String
        if commits.isEmpty, let encodedFields {
            fieldsText = encodedFields
        } else {
            var fields = op.fields
            for (name, commitment) in commits where fields[name] != nil {
                fields[name] = .text("sha256:" + commitment)
            }
            fieldsText = CanonicalJSON.encode(fields)
        }
        var line = "{\"fields\":" + fieldsText + ",\"kind\":\"" + op.kind.rawValue + "\",\"prev\":"
        line += (op.prev.isEmpty ? "{}" : CanonicalJSON.encode(op.prev)) + ",\"record\":\"" + op.record
        line += "\",\"replica\":\"" + op.replica + "\",\"seq\":" + String(op.seq) + ",\"stamp\":\""
        line += op.stamp.description + "\"}"
        return hash(line)
    }

    /// What the signature of a checkpoint covers: the author, the number and the chain hash.
    public static func checkpointMessage(replica: String, seq: Int, chain: Hash) -> Data {
        Data("ncc-checkpoint\n\(replica)\n\(seq)\n\(chain)\n".utf8)
    }

    /// What the signature of a revocation covers: whose key, which key, from which operation on.
    public static func revocationMessage(replica: String, publicKey: String, after: Int) -> Data {
        Data("ncc-revocation\n\(replica)\n\(publicKey)\n\(after)\n".utf8)
    }

    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// What the chain knows of one operation in the log: its chain hash, the commitments to its
/// committed values, and the salts of those whose values are held here.
public struct Authorship: Sendable, Equatable {
    public var chain: Chain.Hash?
    public var commits: [String: Chain.Hash]
    public var salts: [String: String]

    public init(chain: Chain.Hash? = nil, commits: [String: Chain.Hash] = [:], salts: [String: String] = [:]) {
        self.chain = chain
        self.commits = commits
        self.salts = salts
    }

    /// A new operation's, with fresh salts for its committed values, after the chain hash `previous`.
    public static func made(_ op: Operation, after previous: Chain.Hash, encodedFields: String? = nil) -> Authorship {
        var commits: [String: Chain.Hash] = [:]
        var salts: [String: String] = [:]
        for name in Chain.committed(op.kind) {
            guard let value = op.fields[name] else { continue }
            let salt = Chain.salt()
            salts[name] = salt
            commits[name] = Chain.commitment(salt: salt, value: value)
        }
        return Authorship(
            chain: Chain.next(previous, digest: Chain.digest(op, commits: commits, encodedFields: encodedFields)),
            commits: commits, salts: salts)
    }

    /// The JSON of `commits` and `salts` as the log stores them (NULL when there are none).
    var commitsText: String? { commits.isEmpty ? nil : CanonicalJSON.encode(commits) }
    var saltsText: String? { salts.isEmpty ? nil : CanonicalJSON.encode(salts) }
}
