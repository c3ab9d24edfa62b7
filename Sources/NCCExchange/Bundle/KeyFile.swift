import Foundation

/// A private key in a file only its owner can read: base64 of its raw bytes and a newline, made
/// with mode 0600 (its folder 0700) before a byte is written, then renamed into place, so that a
/// crash leaves no key half written and no moment when another user could read it.
enum KeyFile {
    /// The refusals of one kind of key (signing or sealing), each a `BundleError` case.
    struct Errors {
        var damaged: (_ path: String) -> BundleError
        var cannotCreate: (_ folder: String) -> BundleError
        var cannotPlace: (_ path: String, _ reason: String) -> BundleError
        var cannotMake: (_ folder: String, _ reason: String) -> BundleError
    }

    /// The key in `folder/name`, read with `decode`, or one made with `make` (the key and its raw bytes).
    static func loadOrCreate<Key>(
        _ name: String, in folder: URL, errors: Errors, decode: (Data) throws -> Key, make: () -> (Key, Data)
    ) throws -> Key {
        let file = folder.appendingPathComponent(name)
        let fm = FileManager.default
        if fm.fileExists(atPath: file.path) {
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
                let key = try? decode(raw)
            else { throw errors.damaged(file.path) }
            return key
        }
        do {
            try fm.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let (key, raw) = make()
            let temporary = folder.appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
            guard
                fm.createFile(
                    atPath: temporary.path, contents: Data((raw.base64EncodedString() + "\n").utf8),
                    attributes: [.posixPermissions: 0o600])
            else { throw errors.cannotCreate(folder.path) }
            guard rename(temporary.path, file.path) == 0 else {
                throw errors.cannotPlace(file.path, String(cString: strerror(errno)))
            }
            return key
        } catch let error as BundleError {
            throw error
        } catch {
            throw errors.cannotMake(folder.path, error.localizedDescription)
        }
    }
}
