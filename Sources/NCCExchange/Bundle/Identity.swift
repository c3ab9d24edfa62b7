import Crypto
import Foundation
import NCCStore

/// This installation's signing key: Ed25519, made on first use, kept in a file only its owner can
/// read (mode 0600) and never written into a bundle. Peers know it by its fingerprint. Beside it,
/// the key bundles for this replica are sealed with (`sealing`).
public struct Identity: Sendable {
    public let replica: String
    let privateKey: Curve25519.Signing.PrivateKey
    /// The X25519 key sealed bundles open with; its public half is published in every manifest.
    public var sealing: AgreementKey?

    public var publicKey: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }
    public var fingerprint: String { Identity.fingerprint(ofPublicKey: privateKey.publicKey.rawRepresentation) }

    init(replica: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.replica = replica
        self.privateKey = privateKey
    }

    /// The key files of `replica` in `folder` (`$XDG_DATA_HOME/ncc/keys`), made if missing: the
    /// signing key and the sealing key.
    public static func loadOrCreate(replica: String, folder: URL) throws -> Identity {
        var identity = try loadOrCreateSigning(replica: replica, folder: folder)
        identity.sealing = try AgreementKey.loadOrCreate(replica: replica, folder: folder)
        return identity
    }

    private static func loadOrCreateSigning(replica: String, folder: URL) throws -> Identity {
        let key = try KeyFile.loadOrCreate(
            "\(replica).ed25519", in: folder,
            errors: .init(
                damaged: { .damagedSigningKey(path: $0) }, cannotCreate: { .cannotCreateSigningKey(folder: $0) },
                cannotPlace: { .cannotPlaceSigningKey(path: $0, reason: $1) },
                cannotMake: { .cannotMakeSigningKey(folder: $0, reason: $1) }),
            decode: { try Curve25519.Signing.PrivateKey(rawRepresentation: $0) },
            make: {
                let key = Curve25519.Signing.PrivateKey()
                return (key, key.rawRepresentation)
            })
        return Identity(replica: replica, privateKey: key)
    }

    func sign(_ data: Data) throws -> Data {
        try privateKey.signature(for: data)
    }

    /// This member's signed statement that `key` no longer speaks for `replica` past operation `after`.
    public func revocation(of replica: String, key: String, after: Int) throws -> Revocation {
        let message = Chain.revocationMessage(replica: replica, publicKey: key, after: after)
        return Revocation(
            replica: replica, publicKey: key, after: after, by: self.replica,
            signature: try sign(message).base64EncodedString())
    }

    /// The first 16 bytes of the key's SHA-256, as four-digit groups (`3f2a 9c01 …`): short enough
    /// to read out over the phone, long enough that no one forges a key to match it.
    public static func fingerprint(ofPublicKey raw: Data) -> String {
        let hex = Chain.hex(SHA256.hash(data: raw).prefix(16))
        return stride(from: 0, to: hex.count, by: 4).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }

    public static func fingerprint(ofPublicKey base64: String) -> String? {
        Data(base64Encoded: base64).map { fingerprint(ofPublicKey: $0) }
    }

    static func verify(signature: Data, of data: Data, publicKey base64: String) -> Bool {
        guard let raw = Data(base64Encoded: base64),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { return false }
        return key.isValidSignature(signature, for: data)
    }
}
