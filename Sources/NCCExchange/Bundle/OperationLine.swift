import Foundation
import NCCModel
import NCCStore

/// One line of `ops.jsonl`: an operation as canonical JSON (sorted keys, no spaces).
///
///     {"fields":{"name":"NCC Lithuania"},"kind":"centre","prev":{"name":"…"},"record":"…","replica":"…","seq":7,"stamp":"…"}
///
/// Version 2 adds, for an operation with committed values (Chain), `hidden` (field -> the
/// commitment standing in for a value that does not travel) and `salts` (field -> the salt of a
/// value that does), between the other keys in sorted order.
enum OperationLine {
    /// A line from an operation as the log stores it (its JSON already canonical); `hidden` and
    /// `salts` as canonical JSON objects, or nil.
    static func encode(_ op: StoreReader.StoredOperation, hidden: String? = nil, salts: String? = nil) -> String {
        var out = framing[0]
        out.reserveCapacity(op.fields.utf8.count + op.prev.utf8.count + 160)
        out += op.fields
        if let hidden {
            out += ",\"hidden\":"
            out += hidden
        }
        out += framing[1]
        out += op.kind
        out += framing[2]
        out += op.prev
        out += framing[3]
        out += op.record
        out += framing[4]
        out += op.replica
        if let salts {
            out += "\",\"salts\":"
            out += salts
            out += ",\"seq\":"
        } else {
            out += framing[5]
        }
        out += String(op.seq)
        out += framing[6]
        out += op.stamp
        return out + framing[7]
    }

    /// What a line holds around its operation's values, in order.
    private static let framing = [
        "{\"fields\":", ",\"kind\":\"", "\",\"prev\":", ",\"record\":\"", "\",\"replica\":\"",
        "\",\"seq\":", ",\"stamp\":\"", "\"}\n",
    ]

    /// The bytes of a line that are not its operation's values.
    static let framingBytes = framing.reduce(0) { $0 + $1.utf8.count }

    /// The bytes of a stored operation's values, as `storedOperationsSize` counts them.
    static func valueBytes(_ op: StoreReader.StoredOperation) -> Int {
        op.replica.utf8.count + String(op.seq).utf8.count + op.stamp.utf8.count + op.kind.utf8.count
            + op.record.utf8.count + op.fields.utf8.count + op.prev.utf8.count
    }

    /// A parsed line: the operation, and what version 2 adds for its committed values.
    struct Received: Sendable {
        var op: Operation
        var hidden: [String: String]
        var salts: [String: String]

        /// The commitments to its committed values: given, or made from value and salt. Nil when
        /// a committed value has neither (a line from before chains were kept).
        var commits: [String: Chain.Hash]? {
            var commits: [String: Chain.Hash] = [:]
            for name in Chain.committed(op.kind) {
                guard let value = op.fields[name] else { continue }
                if let given = hidden[name] {
                    commits[name] = given
                } else if let salt = salts[name] {
                    commits[name] = Chain.commitment(salt: salt, value: value)
                } else {
                    return nil
                }
            }
            return commits
        }

        /// Its place in its author's chain after `previous`, with what the log keeps of it.
        func authorship(after previous: Chain.Hash) -> Authorship? {
            guard let commits else { return nil }
            return Authorship(
                chain: Chain.next(previous, digest: Chain.digest(op, commits: commits)), commits: commits,
                salts: salts)
        }
    }

    /// Parses and checks one line: known kind and fields, values of the field's type and rules.
    /// `checked: false` only parses, for lines checked before whose bytes are known unchanged.
    static func decode(_ bytes: [UInt8], checked: Bool = true) throws -> Received {
        let parsed: LineParser.Parsed
        do {
            parsed = try LineParser.parse(bytes)
        } catch {
            throw BundleError.badOperation(.notJSON(reason: error.reason))
        }
        guard let kindName = parsed.kind, let record = parsed.record, let replica = parsed.replica,
            let seq = parsed.seq, let stampText = parsed.stamp
        else {
            throw BundleError.badOperation(.missingKeys)
        }
        let line = (
            fields: parsed.fields, kind: kindName, prev: Optional(parsed.prev), record: record, replica: replica,
            seq: seq, stamp: stampText
        )
        guard let kind = Kind(rawValue: line.kind) else { throw BundleError.badOperation(.unknownKind(line.kind)) }
        guard let stamp = Stamp(line.stamp), stamp.replica == line.replica else {
            throw BundleError.badOperation(.stampNotOfReplica(stamp: line.stamp, replica: line.replica))
        }
        let op = Operation(
            replica: line.replica, seq: line.seq, stamp: stamp, kind: kind, record: line.record,
            fields: line.fields, prev: line.prev ?? [:])
        let received = Received(op: op, hidden: parsed.hidden, salts: parsed.salts)
        guard checked else { return received }
        guard line.seq > 0, Self.isIdentifier(line.replica), Self.isIdentifier(line.record) else {
            throw BundleError.badOperation(.badIdentifier)
        }
        for (name, value) in line.fields {
            if name == Operation.deletedField || name == Operation.erasedField {
                guard value.bool != nil else { throw BundleError.badOperation(.notABool(field: name)) }
                continue
            }
            guard let field = Schema.field(name, of: kind) else {
                throw BundleError.badOperation(.unknownField(kind: kind, field: name))
            }
            guard value.isNull || Self.fits(value, field.type) else {
                throw BundleError.badOperation(.wrongType(kind: kind, field: name))
            }
            if case .text(let text) = value, text.utf8.count > BundleFormat.maxLineBytes / 2 {
                throw BundleError.badOperation(.valueTooLarge(kind: kind, field: name))
            }
            // The same rules as typed input: codes, dates, one-line text, no NUL, list items.
            do { try FieldInput.check(value, for: field) } catch {
                throw BundleError.badOperation(.invalidValue(kind: kind, error))
            }
        }
        for (name, seen) in line.prev ?? [:]
        where !Operation.carries(name, of: kind) || Operation.seenStamps(seen).contains(where: { Stamp($0) == nil }) {
            throw BundleError.badOperation(.badPrev(field: name))
        }
        // A commitment or a salt only for a committed value the line sets; a value that does not
        // travel may only be blank or what `forget` makes of it (a relay may hold a value back,
        // never change it).
        let committed = Chain.committed(kind)
        for (name, hash) in parsed.hidden {
            guard committed.contains(name), let value = line.fields[name], parsed.salts[name] == nil,
                Self.isHex(hash, length: 64),
                value.isNull || Erasure.fields(of: kind)?[name] == value
            else { throw BundleError.badOperation(.badCommitment(field: name)) }
        }
        for (name, salt) in parsed.salts {
            guard committed.contains(name), line.fields[name] != nil, Self.isHex(salt, length: Chain.saltLength) else {
                throw BundleError.badOperation(.badCommitment(field: name))
            }
        }
        return received
    }

    static func isHex(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    static func fits(_ value: Value, _ type: FieldType) -> Bool {
        switch (value, type) {
        case (.list, let t) where t.isList: true
        case (.int, .integer(let range)): range.contains(value.int!)
        case (.bool, .bool): true
        case (.text, let t): !t.isList && !(t == .bool) && !({ if case .integer = t { true } else { false } }())
        default: false
        }
    }

    /// Ids and replica names: letters, digits, '-' and '_', at most 64 (no path, no escape).
    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D
                    || $0 == 0x5F
            }
    }
}

/// Text from a file (a bundle, a CSV header) inside an error message: one line, no control
/// characters, bounded.
enum Sanitized {
    static func one(_ text: String) -> String {
        let clean = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? "?" : $0
                }))
        return clean.count > 60 ? String(clean.prefix(60)) + "…" : clean
    }
}
