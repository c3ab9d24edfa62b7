import Foundation
import NCCModel
import NCCStore

/// One line of `ops.jsonl`: an operation as canonical JSON (sorted keys, no spaces).
///
///     {"fields":{"name":"NCC Lithuania"},"kind":"centre","prev":{"name":"…"},"record":"…","replica":"…","seq":7,"stamp":"…"}
enum OperationLine {
    static func encode(_ op: Operation) -> String {
        var out = "{\"fields\":"
        out += CanonicalJSON.encode(op.fields)
        out += ",\"kind\":"
        CanonicalJSON.appendString(op.kind.rawValue, to: &out)
        out += ",\"prev\":"
        out += CanonicalJSON.encode(op.prev)
        out += ",\"record\":"
        CanonicalJSON.appendString(op.record, to: &out)
        out += ",\"replica\":"
        CanonicalJSON.appendString(op.replica, to: &out)
        out += ",\"seq\":" + String(op.seq) + ",\"stamp\":"
        CanonicalJSON.appendString(op.stamp.description, to: &out)
        return out + "}\n"
    }

    private struct Line: Decodable {
        var fields: [String: Value]
        var kind: String
        var prev: [String: String]?
        var record: String
        var replica: String
        var seq: Int
        var stamp: String
    }

    /// Parses and checks one line: known kind and fields, values of the field's type and rules.
    static func decode(_ bytes: Data, decoder: JSONDecoder) throws -> Operation {
        let line: Line
        do {
            line = try decoder.decode(Line.self, from: bytes)
        } catch {
            throw BundleError("it is not an operation (JSON with fields, kind, record, replica, seq and stamp)")
        }
        guard let kind = Kind(rawValue: line.kind) else { throw BundleError("unknown kind '\(Sanitized.one(line.kind))'") }
        guard let stamp = Stamp(line.stamp), stamp.replica == line.replica else {
            throw BundleError("the stamp '\(Sanitized.one(line.stamp))' is not a stamp of replica '\(Sanitized.one(line.replica))'")
        }
        guard line.seq > 0, Self.isIdentifier(line.replica), Self.isIdentifier(line.record) else {
            throw BundleError("a bad replica, sequence number or record id")
        }
        for (name, value) in line.fields {
            if name == Operation.deletedField || name == Operation.erasedField {
                guard value.bool != nil else { throw BundleError("'\(name)' must be true or false") }
                continue
            }
            guard let field = Schema.field(name, of: kind) else {
                throw BundleError("a \(kind.singular) has no field '\(Sanitized.one(name))'")
            }
            guard value.isNull || Self.fits(value, field.type) else {
                throw BundleError("\(kind.singular) \(name): a value of the wrong type")
            }
            if case .text(let text) = value {
                guard text.utf8.count <= BundleFormat.maxLineBytes / 2 else { throw BundleError("\(kind.singular) \(name): a value over 1 MB") }
                if !field.type.isList, field.type.referencedKind == nil {
                    do { try FieldInput.check(value, for: field) } catch { throw BundleError("\(kind.singular) \(error)") }
                }
            }
        }
        for (name, seen) in line.prev ?? [:] where !Operation.carries(name, of: kind) || Operation.seenStamps(seen).contains(where: { Stamp($0) == nil }) {
            throw BundleError("a bad 'prev' for '\(Sanitized.one(name))'")
        }
        return Operation(replica: line.replica, seq: line.seq, stamp: stamp, kind: kind, record: line.record,
                         fields: line.fields, prev: line.prev ?? [:])
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
        !text.isEmpty && text.utf8.count <= 64 && text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
        }
    }
}

/// Text from a bundle inside an error message: one line, no control characters, bounded.
enum Sanitized {
    static func one(_ text: String) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? "?" : $0
        }))
        return clean.count > 60 ? String(clean.prefix(60)) + "…" : clean
    }
}
