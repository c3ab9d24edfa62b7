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
        let file = folder.appendingPathComponent("\(replica).x25519")
        let fm = FileManager.default
        if fm.fileExists(atPath: file.path) {
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
                let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)
            else {
                throw BundleError.damagedAgreementKey(path: file.path)
            }
            return AgreementKey(replica: replica, privateKey: key)
        }
        do {
            try fm.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let key = Curve25519.KeyAgreement.PrivateKey()
            // Made with mode 0600 before a byte is written, then renamed into place.
            let temporary = folder.appendingPathComponent(".\(replica).\(UUID().uuidString).tmp")
            guard
                fm.createFile(
                    atPath: temporary.path, contents: Data((key.rawRepresentation.base64EncodedString() + "\n").utf8),
                    attributes: [.posixPermissions: 0o600])
            else {
                throw BundleError.cannotCreateAgreementKey(folder: folder.path)
            }
            guard rename(temporary.path, file.path) == 0 else {
                throw BundleError.cannotPlaceAgreementKey(path: file.path, reason: String(cString: strerror(errno)))
            }
            return AgreementKey(replica: replica, privateKey: key)
        } catch let error as BundleError {
            throw error
        } catch {
            throw BundleError.cannotMakeAgreementKey(folder: folder.path, reason: error.localizedDescription)
        }
    }
}
