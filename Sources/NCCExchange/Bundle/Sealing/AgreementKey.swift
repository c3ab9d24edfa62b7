import Crypto
import Foundation

/// This installation's key for sealed bundles: X25519, made on first use, kept next to the
/// signing key in a file only its owner can read (mode 0600). Bundles sealed for its public key
/// open with it and with nothing else; peers know it by its fingerprint.
public struct AgreementKey: Sendable {
    public let replica: String
    let privateKey: Curve25519.KeyAgreement.PrivateKey

    public var publicKey: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }
    public var fingerprint: String { Identity.fingerprint(ofPublicKey: privateKey.publicKey.rawRepresentation) }

    init(replica: String, privateKey: Curve25519.KeyAgreement.PrivateKey) {
        self.replica = replica
        self.privateKey = privateKey
    }

    /// The key file of `replica` in `folder` (`$XDG_DATA_HOME/ncc/keys`), made if missing.
    public static func loadOrCreate(replica: String, folder: URL) throws -> AgreementKey {
        let key = try KeyFile.loadOrCreate(
            "\(replica).x25519", in: folder,
            errors: .init(
                damaged: { .damagedAgreementKey(path: $0) }, cannotCreate: { .cannotCreateAgreementKey(folder: $0) },
                cannotPlace: { .cannotPlaceAgreementKey(path: $0, reason: $1) },
                cannotMake: { .cannotMakeAgreementKey(folder: $0, reason: $1) }),
            decode: { try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: $0) },
            make: {
                let key = Curve25519.KeyAgreement.PrivateKey()
                return (key, key.rawRepresentation)
            })
        return AgreementKey(replica: replica, privateKey: key)
    }
}
