import Crypto
import Foundation
import NCCModel
import NCCStore
import Testing

@testable import NCCExchange

/// Members of a working group for the authorship tests: each a real database and key files of
/// its own in one temporary folder, exchanging real bundle files.
final class Members {
    struct Member {
        var name: String
        var store: Store
        var identity: Identity
        var replica: String { store.replicaID }
    }

    let folder: URL
    private(set) var all: [String: Member] = [:]
    private var files = 0

    init(_ names: [String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ncc-authors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            let store = try Store.open(path: folder.appendingPathComponent("\(name).sqlite").path)
            let identity = try Identity.loadOrCreate(
                replica: store.replicaID, folder: folder.appendingPathComponent("\(name)-keys"))
            all[name] = Member(name: name, store: store, identity: identity)
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    subscript(name: String) -> Member { all[name]! }

    func file(_ name: String) -> URL {
        files += 1
        return folder.appendingPathComponent("\(files)-\(name)")
    }

    /// A bundle of everything `from` holds, signed and not sealed (or sealed for `for`).
    func bundle(from name: String, for peers: [String] = [], full: Bool = true) throws -> URL {
        let url = file("\(name).nccbundle")
        let member = self[name]
        try BundleWriter(store: member.store, identity: member.identity).write(
            to: url.path, for: peers.map { self[$0].replica }, full: full, sealed: !peers.isEmpty)
        return url
    }

    /// Imports the bundle at `name`, trusting its signer.
    @discardableResult
    func deliver(_ url: URL, to name: String, trust: Bool = true) throws -> ReceiveSummary {
        let member = self[name]
        let bundle = try BundleReader.read(url.path, scratch: folder, sealingKey: member.identity.sealing)
        defer { bundle.discard() }
        return try BundleImporter(store: member.store).apply(bundle, trust: trust).summary
    }

    /// Everyone trusts everyone, directly: each one's full bundle imported by every other.
    func meet() throws {
        let names = all.keys.sorted()
        for sender in names {
            let url = try bundle(from: sender)
            for receiver in names where receiver != sender { try deliver(url, to: receiver) }
        }
    }

    func dump(_ name: String) throws -> String { try self[name].store.read { try $0.canonicalDump() } }

    func centre(named name: String, at member: String) throws -> Record? {
        try self[member].store.read { try $0.list(.centre, limit: 500) }.first { $0.values["name"] == .text(name) }
    }

    /// The bundle's operations and manifest, for a member who tampers with them.
    struct Opened {
        var lines: [String]
        var manifest: [String: Any]
    }

    func open(_ url: URL) throws -> Opened {
        let entries = try Zip.entries(of: url)
        let ops = try #require(entries.first { $0.name == "ops.jsonl" }).data
        let manifest = try #require(entries.first { $0.name == "manifest.json" }).data
        return Opened(
            lines: String(decoding: ops, as: UTF8.self).split(separator: "\n").map(String.init),
            manifest: try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any]))
    }

    /// What a trusted member who tampers does: the operations changed, the manifest fixed to
    /// match them, and signed again, validly, with the member's own key.
    func resign(_ opened: Opened, by name: String) throws -> URL {
        var manifest = opened.manifest
        let operations = Data(opened.lines.map { $0 + "\n" }.joined().utf8)
        manifest["entries"] = ["ops.jsonl": ["sha256": Hash.hex(operations), "size": operations.count]]
        manifest["operations"] = opened.lines.count
        var counts: [String: Int] = [:]
        for line in opened.lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            counts[object["kind"] as? String ?? "", default: 0] += 1
        }
        manifest["counts"] = counts
        let manifestData = try JSONSerialization.data(
            withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        let signature = Data((try self[name].identity.sign(manifestData).base64EncodedString() + "\n").utf8)
        let url = file("tampered.nccbundle")
        try Zip.write(
            [
                .init(name: "manifest.json", data: manifestData), .init(name: "ops.jsonl", data: operations),
                .init(name: "signature", data: signature),
            ], to: url)
        return url
    }

    /// A line as a JSON object, changed, and written back in the bundle's own spelling.
    static func edit(_ line: String, _ change: (inout [String: Any]) -> Void) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        change(&object)
        return String(
            decoding: try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
            as: UTF8.self)
    }

    static func field(_ line: String, _ key: String) -> Any? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?[key]
    }

    /// The refusal's one line, or a test failure when the bundle was accepted.
    func refusal(_ url: URL, at name: String) throws -> String {
        let before = try dump(name)
        do {
            try deliver(url, to: name)
        } catch {
            #expect(try dump(name) == before, "a refused bundle changed \(name)'s data")
            return "\(error)"
        }
        Issue.record("the bundle was accepted at \(name)")
        return ""
    }
}
