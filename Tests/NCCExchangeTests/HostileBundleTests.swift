import Foundation
import Testing

@testable import NCCExchange

/// Bundles made to hurt: sizes declared to exhaust memory or disk, entries sharing their bytes,
/// giant fields, bytes that are not text. Each is refused in one line, with the receiver's
/// database, backups and scratch folder exactly as before (see `BundleWorld.expectRefusal`).
@Suite struct HostileBundleTests {
    // MARK: - Sizes and layout of the zip

    @Test func aDeclaredSizeOfAGigabyteIsRefusedBeforeAByteIsInflated() throws {
        let world = try BundleWorld()
        let good = try world.goodBundle()
        // Exactly 1 GB is within the cap, but not from a few hundred packed bytes.
        var bytes = [UInt8](try Data(contentsOf: good))
        try ZipBytes.declare(uncompressedSize: 1 << 30, of: "ops.jsonl", in: &bytes)
        let gigabyte = world.file("gigabyte.nccbundle")
        try Data(bytes).write(to: gigabyte)
        try world.expectRefusal(gigabyte, containing: "more than 100:1 (a zip bomb)")
        // One byte more is over the cap, whatever the packing.
        try ZipBytes.declare(uncompressedSize: (1 << 30) + 1, of: "ops.jsonl", in: &bytes)
        let over = world.file("over.nccbundle")
        try Data(bytes).write(to: over)
        try world.expectRefusal(over, containing: "declares 1073741825 bytes, over its cap")
        // Over the manifest's cap of 1 MB.
        bytes = [UInt8](try Data(contentsOf: good))
        try ZipBytes.declare(uncompressedSize: 0xFFFF_FFFF - 1, of: "manifest.json", in: &bytes)
        let manifest = world.file("manifest.nccbundle")
        try Data(bytes).write(to: manifest)
        try world.expectRefusal(manifest, containing: "'manifest.json' declares 4294967294 bytes")
    }

    @Test func entriesThatShareTheirBytesAreRefused() throws {
        let world = try BundleWorld()
        var bytes = [UInt8](try Data(contentsOf: try world.goodBundle()))
        // The manifest's directory record points at the operations' local header and bytes: the
        // classic overlap of a zip bomb, here with the names a bundle may hold.
        let ops = try ZipBytes.centralRecord(of: "ops.jsonl", in: bytes)
        let manifest = try ZipBytes.centralRecord(of: "manifest.json", in: bytes)
        for field in [20, 24, 42] {
            ZipBytes.set32(&bytes, at: manifest + field, ZipBytes.get32(bytes, at: ops + field))
        }
        let path = world.file("overlap.nccbundle")
        try Data(bytes).write(to: path)
        // Refused either way: as an overlap when the shared bytes add up to more than the file, else
        // when the manifest's entry, read from the operations' bytes, fails its checksum.
        let message = try world.expectRefusal(path, containing: "refused:")
        #expect(
            message.contains("its entries overlap (a zip bomb)")
                || message.contains("the entry 'manifest.json' is damaged"), "\(message)")
    }

    // MARK: - Fields

    @Test func aTenMegabyteFieldIsRefused() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        // Random letters: they do not deflate past 100:1, so the field is what is refused.
        let huge = Self.randomText(10 << 20, from: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
        lines[1] = try Self.replacing("description", in: lines[1], with: huge)
        let path = try world.forged("ten-megabytes.nccbundle", lines: lines)
        try world.expectRefusal(path, containing: "line 2 is longer than 2 MB")
    }

    /// Deep in a long bundle, the line named is the first bad one, even when a later line is too
    /// long to read at all (a reader that reads ahead must still name the earlier line).
    @Test func theFirstBadLineOfALongBundleIsTheOneNamed() throws {
        let world = try BundleWorld()
        try world.sender.write { w in
            for i in 0..<8000 { try w.create(.workingArea, ["number": .int(i % 9 + 1), "title": .text("Area \(i)")]) }
        }
        var lines = try world.goodLines()
        #expect(lines.count == 8007)
        lines[6999] = #"{"fields":{"#
        lines[7499] = try Self.replacing(
            "title", in: lines[7499], with: Self.randomText(3 << 20, from: "abcdefghijklmnopqrstuvwxyz"))
        try world.expectRefusal(
            try world.forged("long.nccbundle", lines: lines), containing: "line 7000: it is not an operation")
        lines[6999] = try world.goodLines()[6999]
        try world.expectRefusal(
            try world.forged("too-long.nccbundle", lines: lines), containing: "line 7500 is longer than 2 MB")
    }

    @Test func aValueOverOneMegabyteIsRefusedEvenOnAShorterLine() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        let big = Self.randomText((1 << 20) + 10, from: "abcdefghijklmnopqrstuvwxyz")
        lines[1] = try Self.replacing("description", in: lines[1], with: big)
        let path = try world.forged("one-megabyte.nccbundle", lines: lines)
        try world.expectRefusal(path, containing: "line 2: centre description: a value over 1 MB")
    }

    @Test func bytesThatAreNotUTF8AreRefusedWithTheirLine() throws {
        let world = try BundleWorld()
        let lines = try world.goodLines()
        // A broken sequence, then a byte never in UTF-8.
        let operations = try Self.operations(lines, line: 2, replacingNCCWith: [0xC3, 0x28, 0xFF])
        let path = try world.forged("latin.nccbundle", operations: operations)
        try world.expectRefusal(path, containing: "line 3:")
    }

    @Test func aNULIsRefusedRawOrEscaped() throws {
        let world = try BundleWorld()
        let lines = try world.goodLines()
        let raw = try Self.operations(lines, line: 1, replacingNCCWith: [0x4E, 0x00, 0x43])
        try world.expectRefusal(try world.forged("nul-raw.nccbundle", operations: raw), containing: "line 2:")

        var escaped = lines
        escaped[1] = escaped[1].replacingOccurrences(of: "\"name\":\"NCC", with: "\"name\":\"N\\u0000CC")
        #expect(escaped[1] != lines[1])
        try world.expectRefusal(
            try world.forged("nul-escaped.nccbundle", lines: escaped),
            containing: "line 2: centre name: must not hold a NUL character")
    }

    @Test func aKeyGivenTwiceInALineIsRefused() throws {
        let world = try BundleWorld()
        var fields = try world.goodLines()
        fields[1] = fields[1].replacingOccurrences(of: "{\"fields\":{", with: "{\"fields\":{\"name\":\"Other\",")
        try world.expectRefusal(
            try world.forged("field-twice.nccbundle", lines: fields),
            containing: "line 2: it is not an operation: the key 'name' appears twice")
        var prev = try world.goodLines()
        prev[1] = prev[1].replacingOccurrences(of: "\"prev\":{}", with: "\"prev\":{\"name\":\"a\",\"name\":\"b\"}")
        #expect(prev[1] != (try world.goodLines())[1])
        try world.expectRefusal(
            try world.forged("prev-twice.nccbundle", lines: prev),
            containing: "line 2: it is not an operation: the key 'name' appears twice")
    }

    @Test func listsFollowTheirRulesAsTypedInputDoes() throws {
        let world = try BundleWorld()
        var lines = try world.goodLines()
        lines[1] = lines[1].replacingOccurrences(of: "\"topics\":null", with: "\"topics\":[\"a\\u0000\"]")
        try world.expectRefusal(
            try world.forged("tags.nccbundle", lines: lines), containing: "line 2: centre topics: must not hold a NUL")
        var countries = try world.goodLines()
        countries[2] = countries[2].replacingOccurrences(of: "\"country\":\"", with: "\"country\":\"X")
        try world.expectRefusal(
            try world.forged("country.nccbundle", lines: countries), containing: "line 3: centre country:")
    }

    /// `count` random ASCII characters of `alphabet`: text that does not deflate past 100:1.
    /// The second reading of a checked bundle does not check every value again; it hashes the
    /// bytes again, so a file changed in between is refused before anything commits.
    @Test func operationsChangedOnDiskAfterTheCheckAreRefused() throws {
        let world = try BundleWorld()
        let bundle = try BundleReader.read(try world.goodBundle().path, scratch: world.scratch)
        defer { bundle.discard() }
        var bytes = try Data(contentsOf: bundle.operationsFile)
        // A country code no check would let in, in a line that still parses.
        let at = try #require(bytes.range(of: Data("\"country\":\"PL\"".utf8)))
        bytes.replaceSubrange(at, with: Data("\"country\":\"XX\"".utf8))
        try bytes.write(to: bundle.operationsFile)
        let before = try world.snapshot(world.receiver)
        let error = #expect(throws: BundleError.self) {
            try BundleImporter(store: world.receiver).apply(bundle, trust: true, backups: nil)
        }
        #expect(error?.description.contains("changed on disk") == true, "\(String(describing: error))")
        #expect(try world.snapshot(world.receiver).dump == before.dump, "nothing was imported")
    }

    static func randomText(_ count: Int, from alphabet: String) -> String {
        var random = SystemRandomNumberGenerator()
        let letters = Array(alphabet.utf8)
        return String(decoding: (0..<count).map { _ in letters.randomElement(using: &random)! }, as: UTF8.self)
    }

    /// The lines as ops.jsonl bytes, with the first "NCC" of line `index` (from 0) replaced by
    /// `bytes`, which need not be text.
    static func operations(_ lines: [String], line index: Int, replacingNCCWith bytes: [UInt8]) throws -> Data {
        var operations = Data()
        for (number, line) in lines.enumerated() {
            var data = Data(line.utf8)
            if number == index {
                let range = try #require(data.range(of: Data("NCC".utf8)), "no NCC in line \(index + 1)")
                data.replaceSubrange(range, with: bytes)
            }
            operations.append(data + [0x0A])
        }
        return operations
    }

    /// `line` with the string value of `field` (null or text) replaced by `value`.
    static func replacing(_ field: String, in line: String, with value: String) throws -> String {
        let pattern = try Regex("\"\(field)\":(null|\"[^\"]*\")")
        let encoded = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let replaced = line.replacing(pattern, with: "\"\(field)\":\(encoded)", maxReplacements: 1)
        #expect(replaced != line, "no \(field) in \(line)")
        return replaced
    }
}

/// Reads and patches a zip's headers in place (little-endian fields at fixed offsets, APPNOTE 4.3).
enum ZipBytes {
    static func get32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    static func set32(_ bytes: inout [UInt8], at offset: Int, _ value: UInt32) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    /// Where the central directory's record (PK\1\2) for `name` starts.
    static func centralRecord(of name: String, in bytes: [UInt8]) throws -> Int {
        let wanted = Array(name.utf8)
        var offset = 0
        while offset + 46 <= bytes.count {
            if bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 1, bytes[offset + 3] == 2 {
                let length = Int(bytes[offset + 28]) | Int(bytes[offset + 29]) << 8
                if offset + 46 + length <= bytes.count, Array(bytes[(offset + 46)..<(offset + 46 + length)]) == wanted {
                    return offset
                }
            }
            offset += 1
        }
        throw ZipFixtureError(description: "no central directory record for \(name)")
    }

    /// Declares another uncompressed size for `name`, in its directory record and its local header.
    static func declare(uncompressedSize: UInt32, of name: String, in bytes: inout [UInt8]) throws {
        let record = try centralRecord(of: name, in: bytes)
        set32(&bytes, at: record + 24, uncompressedSize)
        let local = Int(get32(bytes, at: record + 42))
        set32(&bytes, at: local + 22, uncompressedSize)
    }
}
