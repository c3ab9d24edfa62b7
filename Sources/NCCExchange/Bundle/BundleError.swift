import NCCModel

/// Why a bundle was refused or could not be made, one case per reason, so that callers match
/// the case and never the text. `description` is the only place that words them: each is one
/// line (the database is unchanged), and `bundle` is the file's name that starts it.
public enum BundleError: Error, Equatable, CustomStringConvertible {
    // The file and its zip.
    case noSuchFile(path: String)
    case cannotRead(path: String)
    case tooLarge(bundle: String)
    case damagedZip(bundle: String)
    case entry(bundle: String, name: String, EntryRefusal)
    case entriesOverlap(bundle: String)
    case missingEntries(bundle: String)

    // The manifest and its signature.
    case unknownFormat(bundle: String)
    case unknownFormatVersion(bundle: String)
    case newerFormat(bundle: String, version: Int)
    case malformedManifest(bundle: String)
    case signatureMismatch(bundle: String)
    case noOperationsHash(bundle: String)

    // ops.jsonl.
    case cannotWriteScratch(folder: String)
    case operationsDamaged(bundle: String, OperationsDamage)
    case hashMismatch(bundle: String)
    /// A line that is no operation, where its place is not known (it was checked before).
    case badOperation(OperationProblem)
    case badLine(bundle: String, line: Int, OperationProblem)
    /// `bundle` is nil where the file is the reader's own copy (read again after the check).
    case lineTooLong(bundle: String?, line: Int, megabytes: Int)
    case outOfStampOrder(bundle: String, line: Int)
    case sequenceGap(bundle: String, line: Int, replica: String, last: Int, next: Int)
    case operationCount(bundle: String, declared: Int, held: Int)
    case changedOnDisk

    // Against this database.
    case madeHere(replica: String)
    case unknownSigner(fingerprint: String, replica: String)
    case revokedSigner(fingerprint: String)
    /// `known` is the fingerprint of the key the replica is known with (nil if it is no key).
    case signerKnownWithAnotherKey(replica: String, known: String?, signedBy: String)
    case missingEarlierOperations(replica: String, first: Int, held: Int)
    case danglingReference(kind: Kind, id: String)
    case cannotLock(path: String, reason: String)

    // Writing a bundle.
    case noSuchPeer(String)
    case noFolder(path: String, folder: String)
    /// `reason` is the system's.
    case cannotWrite(path: String, reason: String)
    case exportMiscounted(path: String, Miscount)
    case operationsMiscounted(bytes: Int64, lines: Int, countedBytes: Int64, countedLines: Int)
    case emptyPiece

    // The signing key.
    case damagedSigningKey(path: String)
    case cannotCreateSigningKey(folder: String)
    case cannotPlaceSigningKey(path: String, reason: String)
    case cannotMakeSigningKey(folder: String, reason: String)

    // Sealed bundles (`Seal`) and the key they open with.
    case noRecipients
    case badRecipientReplica(String)
    case badRecipientKey(replica: String)
    /// `fingerprints` are those the header names, in its order.
    case notSealedFor(bundle: String, fingerprints: [String])
    case sealAltered(bundle: String, SealDamage)
    case newerSealedFormat(bundle: String, version: Int)
    case damagedAgreementKey(path: String)
    case cannotCreateAgreementKey(folder: String)
    case cannotPlaceAgreementKey(path: String, reason: String)
    case cannotMakeAgreementKey(folder: String, reason: String)

    /// Why an entry of the zip is refused.
    public enum EntryRefusal: Sendable, Equatable {
        case outsideTheBundle
        case notAFile(symlink: Bool)
        case twice
        case unknown
        case packedOverFile(declared: UInt64)
        case overCap(declared: UInt64, cap: Int64)
        case zipBomb
        case damaged
    }

    /// How ops.jsonl came out of the zip wrong.
    public enum OperationsDamage: Sendable, Equatable {
        case checksum
        case longerThanDeclared
        case doesNotDecompress
    }

    /// What is wrong with one line of ops.jsonl.
    public enum OperationProblem: Sendable, Equatable {
        /// `reason` is the line parser's.
        case notJSON(reason: String)
        case missingKeys
        case unknownKind(String)
        case stampNotOfReplica(stamp: String, replica: String)
        case badIdentifier
        case notABool(field: String)
        case unknownField(kind: Kind, field: String)
        case wrongType(kind: Kind, field: String)
        case valueTooLarge(kind: Kind, field: String)
        case invalidValue(kind: Kind, FieldError)
        case badPrev(field: String)
        /// A `hidden` or `salts` entry that is no commitment or salt of a committed value it sets.
        case badCommitment(field: String)
    }

    /// What of a sealed bundle is not as it was sealed.
    public enum SealDamage: Sendable, Equatable {
        /// It holds other entries than `header.json` and `payload`, or not as plain files.
        case entries
        /// The entry's sizes or checksum are wrong, or it is compressed or over its cap.
        case entry(String)
        /// The zip around the two entries is not the one ncc writes for them.
        case layout
        case header
        /// A stanza names this replica's key, but its file key does not unwrap with it.
        case key
        case mac
        /// Counted from 1.
        case chunk(Int)
        case truncated
    }

    /// Which way the export's two passes over the operations disagreed.
    public enum Miscount: Sendable, Equatable {
        case nothingRead
        case fewer
        case more
    }

    public var description: String {
        let ops = BundleFormat.operationsEntry
        return switch self {
        case .noSuchFile(let path): "cannot read \(path): no such file"
        case .cannotRead(let path): "cannot read \(path)"
        case .tooLarge(let bundle): "\(bundle): larger than 1 GB, refused"
        case .damagedZip(let bundle): "\(bundle): not a bundle: the zip is damaged or truncated"
        case .entry(let bundle, let name, let refusal):
            switch refusal {
            case .outsideTheBundle:
                "\(bundle): refused: the entry name '\(Sanitized.one(name))' points outside the bundle"
            case .notAFile(let symlink):
                "\(bundle): refused: the entry '\(Sanitized.one(name))' is a \(symlink ? "symbolic link" : "folder"), not a file"
            case .twice: "\(bundle): refused: the entry '\(Sanitized.one(name))' appears twice"
            case .unknown: "\(bundle): not an ncc bundle: unknown entry '\(Sanitized.one(name))'"
            case .packedOverFile(let packed):
                "\(bundle): refused: the entry '\(name)' declares \(packed) packed bytes, more than the file holds"
            case .overCap(let size, let cap):
                "\(bundle): refused: the entry '\(name)' declares \(size) bytes, over its cap of \(cap)"
            case .zipBomb: "\(bundle): refused: the entry '\(name)' is compressed more than 100:1 (a zip bomb)"
            case .damaged: "\(bundle): refused: the entry '\(name)' is damaged"
            }
        case .entriesOverlap(let bundle): "\(bundle): refused: its entries overlap (a zip bomb)"
        case .missingEntries(let bundle):
            "\(bundle): not an ncc bundle: it needs \(BundleFormat.entries.sorted().joined(separator: ", "))"

        case .unknownFormat(let bundle): "\(bundle): not an ncc bundle (unknown format)"
        case .unknownFormatVersion(let bundle): "\(bundle): not an ncc bundle (unknown format version)"
        case .newerFormat(let bundle, let version):
            "\(bundle): made by a newer ncc (bundle format \(version), this ncc reads \(BundleFormat.version)): upgrade ncc"
        case .malformedManifest(let bundle): "\(bundle): the manifest is malformed"
        case .signatureMismatch(let bundle):
            "\(bundle): refused: the signature does not match (the bundle was altered or not signed by its producer's key)"
        case .noOperationsHash(let bundle): "\(bundle): the manifest has no hash for \(ops)"

        case .cannotWriteScratch(let folder): "cannot write in \(folder)"
        case .operationsDamaged(let bundle, let damage):
            switch damage {
            case .checksum: "\(bundle): refused: \(ops) is damaged (its bytes do not match the zip's checksum)"
            case .longerThanDeclared: "\(bundle): refused: \(ops) is damaged (longer than its manifest says)"
            case .doesNotDecompress: "\(bundle): refused: \(ops) is damaged (it does not decompress)"
            }
        case .hashMismatch(let bundle):
            "\(bundle): refused: the hash of \(ops) does not match the manifest (altered or damaged)"
        case .badOperation(let problem): Self.wording(problem)
        case .badLine(let bundle, let line, let problem): "\(bundle): \(ops) line \(line): \(Self.wording(problem))"
        case .lineTooLong(let bundle, let line, let megabytes):
            "\(bundle.map { "\($0): \(ops) " } ?? "")line \(line) is longer than \(megabytes) MB"
        case .outOfStampOrder(let bundle, let line): "\(bundle): \(ops) line \(line): out of stamp order"
        case .sequenceGap(let bundle, let line, let replica, let last, let next):
            "\(bundle): \(ops) line \(line): replica \(replica) skips from \(last) to \(next)"
        case .operationCount(let bundle, let declared, let held):
            "\(bundle): the manifest says \(English.count(declared, "operation")), \(ops) holds \(held)"
        case .changedOnDisk: "the bundle's operations changed on disk after they were checked; nothing was imported"

        case .madeHere(let replica): "this bundle was made here (replica \(replica)); nothing to import"
        case .unknownSigner(let fingerprint, let replica):
            "unknown signer \(fingerprint) (replica \(replica)): check this fingerprint with its owner, then import with --trust"
        case .revokedSigner(let fingerprint): "refused: the key \(fingerprint) was revoked (see 'ncc peers')"
        case .signerKnownWithAnotherKey(let replica, let known, let signedBy):
            "refused: replica \(replica) is known with another key (\(known ?? "?")); this bundle is signed by \(signedBy)"
        case .missingEarlierOperations(let replica, let first, let held):
            "refused: it continues from operation \(first) of replica \(replica), and this database holds only \(held); import that replica's earlier bundle first, or ask for a full one"
        case .danglingReference(let kind, let id):
            "refused: an operation refers to \(kind.singular) \(id), which neither the bundle nor this database holds"
        case .cannotLock(let path, let reason): "cannot lock \(path) for the import: \(reason)"

        case .noSuchPeer(let peer):
            "no peer '\(peer)' (see 'ncc peers'); a first bundle for someone new is a full one: leave out --for"
        case .noFolder(let path, let folder): "cannot write \(path): the folder \(folder) does not exist"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .exportMiscounted(let path, let miscount):
            switch miscount {
            case .nothingRead: "cannot write \(path): no operations were read"
            case .fewer: "cannot write \(path): fewer operations than counted"
            case .more: "cannot write \(path): more operations than counted"
            }
        case .operationsMiscounted(let bytes, let lines, let countedBytes, let countedLines):
            "internal error: the operations came to \(English.count(bytes, "byte")) in \(English.count(lines, "line")), not the \(English.count(countedBytes, "byte")) in \(English.count(countedLines, "line")) counted first; nothing was written"
        case .emptyPiece: "internal error: an empty piece of the operations"

        case .damagedSigningKey(let path):
            "the signing key \(path) is damaged; move it away to make a new one (peers will have to trust the new one)"
        case .cannotCreateSigningKey(let folder): "cannot write the signing key in \(folder)"
        case .cannotPlaceSigningKey(let path, let reason): "cannot write the signing key \(path): \(reason)"
        case .cannotMakeSigningKey(let folder, let reason): "cannot make the signing key in \(folder): \(reason)"

        case .noRecipients: "cannot seal a bundle for no one: name at least one recipient"
        case .badRecipientReplica(let replica): "cannot seal for '\(Sanitized.one(replica))': it is not a replica id"
        case .badRecipientKey(let replica):
            "cannot seal for \(Sanitized.one(replica)): its key is not an X25519 public key"
        case .notSealedFor(let bundle, let fingerprints):
            "\(bundle): sealed for \(fingerprints.map { "\(Sanitized.one(String($0.prefix(4))))…" }.joined(separator: ", ")); not for this replica"
        case .sealAltered(let bundle, let damage): "\(bundle): sealed bundle was altered (\(Self.wording(damage)))"
        case .newerSealedFormat(let bundle, let version):
            "\(bundle): made by a newer ncc (sealed bundle format \(version), this ncc reads \(Seal.version)): upgrade ncc"
        case .damagedAgreementKey(let path):
            "the sealing key \(path) is damaged; move it away to make a new one (peers will have to seal for the new one)"
        case .cannotCreateAgreementKey(let folder): "cannot write the sealing key in \(folder)"
        case .cannotPlaceAgreementKey(let path, let reason): "cannot write the sealing key \(path): \(reason)"
        case .cannotMakeAgreementKey(let folder, let reason): "cannot make the sealing key in \(folder): \(reason)"
        }
    }

    /// What of a sealed bundle was altered, as `description` puts it in brackets.
    private static func wording(_ damage: SealDamage) -> String {
        switch damage {
        case .entries: "it must hold exactly \(Seal.headerEntry) and \(Seal.payloadEntry), as plain files"
        case .entry(let name): "the entry '\(Sanitized.one(name))' is damaged"
        case .layout: "its zip is not as ncc writes it"
        case .header: "its header is malformed"
        case .key: "its file key does not unwrap with this replica's key"
        case .mac: "its header does not match its MAC"
        case .chunk(let number): "chunk \(number) of the payload does not authenticate"
        case .truncated: "the payload ends before its last chunk"
        }
    }

    /// One line's problem, as `description` puts it after the line's place (or alone).
    private static func wording(_ problem: OperationProblem) -> String {
        switch problem {
        case .notJSON(let reason): "it is not an operation: \(reason)"
        case .missingKeys: "it is not an operation (it needs fields, kind, record, replica, seq and stamp)"
        case .unknownKind(let kind): "unknown kind '\(Sanitized.one(kind))'"
        case .stampNotOfReplica(let stamp, let replica):
            "the stamp '\(Sanitized.one(stamp))' is not a stamp of replica '\(Sanitized.one(replica))'"
        case .badIdentifier: "a bad replica, sequence number or record id"
        case .notABool(let field): "'\(field)' must be true or false"
        case .unknownField(let kind, let field): "a \(kind.singular) has no field '\(Sanitized.one(field))'"
        case .wrongType(let kind, let field): "\(kind.singular) \(field): a value of the wrong type"
        case .valueTooLarge(let kind, let field): "\(kind.singular) \(field): a value over 1 MB"
        case .invalidValue(let kind, let error): "\(kind.singular) \(error)"
        case .badPrev(let field): "a bad 'prev' for '\(Sanitized.one(field))'"
        case .badCommitment(let field): "a bad commitment or salt for '\(Sanitized.one(field))'"
        }
    }
}
