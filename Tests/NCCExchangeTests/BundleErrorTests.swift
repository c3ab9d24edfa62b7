import Foundation
import NCCExchange
import NCCModel
import Testing

/// Every `BundleError` case, worded as ncc has always worded it: scripts and peers read these
/// lines, so a change of wording is a change of behaviour.
@Suite struct BundleErrorTests {
    static let wordings: [(BundleError, String)] = [
        (.noSuchFile(path: "/x/b.nccbundle"), "cannot read /x/b.nccbundle: no such file"),
        (.cannotRead(path: "/x/b.nccbundle"), "cannot read /x/b.nccbundle"),
        (.tooLarge(bundle: "b.nccbundle"), "b.nccbundle: larger than 1 GB, refused"),
        (.damagedZip(bundle: "b.nccbundle"), "b.nccbundle: not a bundle: the zip is damaged or truncated"),
        (
            .entry(bundle: "b.nccbundle", name: "../x\u{1B}", .outsideTheBundle),
            "b.nccbundle: refused: the entry name '../x?' points outside the bundle"
        ),
        (
            .entry(bundle: "b.nccbundle", name: "x", .notAFile(symlink: true)),
            "b.nccbundle: refused: the entry 'x' is a symbolic link, not a file"
        ),
        (
            .entry(bundle: "b.nccbundle", name: "x/", .notAFile(symlink: false)),
            "b.nccbundle: refused: the entry 'x/' is a folder, not a file"
        ),
        (
            .entry(bundle: "b.nccbundle", name: "ops.jsonl", .twice),
            "b.nccbundle: refused: the entry 'ops.jsonl' appears twice"
        ),
        (
            .entry(bundle: "b.nccbundle", name: "extra\n", .unknown),
            "b.nccbundle: not an ncc bundle: unknown entry 'extra?'"
        ),
        (
            .entry(bundle: "b.nccbundle", name: "ops.jsonl", .packedOverFile(declared: UInt64.max)),
            "b.nccbundle: refused: the entry 'ops.jsonl' declares 18446744073709551615 packed bytes, more than the file holds"
        ),
        (
            .entry(bundle: "b.nccbundle", name: "signature", .overCap(declared: 2048, cap: 1024)),
            "b.nccbundle: refused: the entry 'signature' declares 2048 bytes, over its cap of 1024"
        ),
        (
            .entry(bundle: "b.nccbundle", name: "ops.jsonl", .zipBomb),
            "b.nccbundle: refused: the entry 'ops.jsonl' is compressed more than 100:1 (a zip bomb)"
        ),
        (
            .entry(bundle: "b.nccbundle", name: "manifest.json", .damaged),
            "b.nccbundle: refused: the entry 'manifest.json' is damaged"
        ),
        (.entriesOverlap(bundle: "b.nccbundle"), "b.nccbundle: refused: its entries overlap (a zip bomb)"),
        (
            .missingEntries(bundle: "b.nccbundle"),
            "b.nccbundle: not an ncc bundle: it needs manifest.json, ops.jsonl, signature"
        ),
        (.unknownFormat(bundle: "b.nccbundle"), "b.nccbundle: not an ncc bundle (unknown format)"),
        (.unknownFormatVersion(bundle: "b.nccbundle"), "b.nccbundle: not an ncc bundle (unknown format version)"),
        (
            .newerFormat(bundle: "b.nccbundle", version: 3),
            "b.nccbundle: made by a newer ncc (bundle format 3, this ncc reads 2): upgrade ncc"
        ),
        (.malformedManifest(bundle: "b.nccbundle"), "b.nccbundle: the manifest is malformed"),
        (
            .signatureMismatch(bundle: "b.nccbundle"),
            "b.nccbundle: refused: the signature does not match (the bundle was altered or not signed by its producer's key)"
        ),
        (.noOperationsHash(bundle: "b.nccbundle"), "b.nccbundle: the manifest has no hash for ops.jsonl"),
        (.cannotWriteScratch(folder: "/tmp"), "cannot write in /tmp"),
        (
            .operationsDamaged(bundle: "b.nccbundle", .checksum),
            "b.nccbundle: refused: ops.jsonl is damaged (its bytes do not match the zip's checksum)"
        ),
        (
            .operationsDamaged(bundle: "b.nccbundle", .longerThanDeclared),
            "b.nccbundle: refused: ops.jsonl is damaged (longer than its manifest says)"
        ),
        (
            .operationsDamaged(bundle: "b.nccbundle", .doesNotDecompress),
            "b.nccbundle: refused: ops.jsonl is damaged (it does not decompress)"
        ),
        (
            .hashMismatch(bundle: "b.nccbundle"),
            "b.nccbundle: refused: the hash of ops.jsonl does not match the manifest (altered or damaged)"
        ),
        (.badOperation(.notJSON(reason: "the line ends too soon")), "it is not an operation: the line ends too soon"),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .missingKeys),
            "b.nccbundle: ops.jsonl line 3: it is not an operation (it needs fields, kind, record, replica, seq and stamp)"
        ),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .unknownKind("planet\u{7}")),
            "b.nccbundle: ops.jsonl line 3: unknown kind 'planet?'"
        ),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .stampNotOfReplica(stamp: "s\u{0}", replica: "r\u{200B}")),
            "b.nccbundle: ops.jsonl line 3: the stamp 's?' is not a stamp of replica 'r?'"
        ),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .badIdentifier),
            "b.nccbundle: ops.jsonl line 3: a bad replica, sequence number or record id"
        ),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .notABool(field: "_deleted")),
            "b.nccbundle: ops.jsonl line 3: '_deleted' must be true or false"
        ),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .unknownField(kind: .centre, field: "colour\u{1B}[31m")),
            "b.nccbundle: ops.jsonl line 3: a centre has no field 'colour?[31m'"
        ),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .wrongType(kind: .centre, field: "name")),
            "b.nccbundle: ops.jsonl line 3: centre name: a value of the wrong type"
        ),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .valueTooLarge(kind: .centre, field: "name")),
            "b.nccbundle: ops.jsonl line 3: centre name: a value over 1 MB"
        ),
        (
            .badLine(
                bundle: "b.nccbundle", line: 3,
                .invalidValue(kind: .centre, FieldError(field: "country", message: "not a code"))),
            "b.nccbundle: ops.jsonl line 3: centre country: not a code"
        ),
        (
            .badLine(bundle: "b.nccbundle", line: 3, .badPrev(field: "x\r")),
            "b.nccbundle: ops.jsonl line 3: a bad 'prev' for 'x?'"
        ),
        (.lineTooLong(bundle: nil, line: 4, megabytes: 2), "line 4 is longer than 2 MB"),
        (
            .lineTooLong(bundle: "b.nccbundle", line: 4, megabytes: 2),
            "b.nccbundle: ops.jsonl line 4 is longer than 2 MB"
        ),
        (.outOfStampOrder(bundle: "b.nccbundle", line: 5), "b.nccbundle: ops.jsonl line 5: out of stamp order"),
        (
            .sequenceGap(bundle: "b.nccbundle", line: 5, replica: "r1", last: 7, next: 9),
            "b.nccbundle: ops.jsonl line 5: replica r1 skips from 7 to 9"
        ),
        (
            .operationCount(bundle: "b.nccbundle", declared: 8, held: 7),
            "b.nccbundle: the manifest says 8 operations, ops.jsonl holds 7"
        ),
        (
            .operationCount(bundle: "b.nccbundle", declared: 1, held: 2),
            "b.nccbundle: the manifest says 1 operation, ops.jsonl holds 2"
        ),
        (.changedOnDisk, "the bundle's operations changed on disk after they were checked; nothing was imported"),
        (.madeHere(replica: "r1"), "this bundle was made here (replica r1); nothing to import"),
        (
            .unknownSigner(fingerprint: "3f2a 9c01", replica: "r1"),
            "unknown signer 3f2a 9c01 (replica r1): check this fingerprint with its owner, then import with --trust"
        ),
        (.revokedSigner(fingerprint: "3f2a 9c01"), "refused: the key 3f2a 9c01 was revoked (see 'ncc peers')"),
        (
            .signerKnownWithAnotherKey(replica: "r1", known: "aaaa bbbb", signedBy: "3f2a 9c01"),
            "refused: replica r1 is known with another key (aaaa bbbb); this bundle is signed by 3f2a 9c01"
        ),
        (
            .signerKnownWithAnotherKey(replica: "r1", known: nil, signedBy: "3f2a 9c01"),
            "refused: replica r1 is known with another key (?); this bundle is signed by 3f2a 9c01"
        ),
        (
            .missingEarlierOperations(replica: "r1", first: 5, held: 2),
            "refused: it continues from operation 5 of replica r1, and this database holds only 2; import that replica's earlier bundle first, or ask for a full one"
        ),
        (
            .danglingReference(kind: .centre, id: "c1"),
            "refused: an operation refers to centre c1, which neither the bundle nor this database holds"
        ),
        (
            .cannotLock(path: "/x/db.import-lock", reason: "Permission denied"),
            "cannot lock /x/db.import-lock for the import: Permission denied"
        ),
        (
            .noSuchPeer("anna"),
            "no peer 'anna' (see 'ncc peers'); a first bundle for someone new is a full one: leave out --for"
        ),
        (.noFolder(path: "/x/b.nccbundle", folder: "/x"), "cannot write /x/b.nccbundle: the folder /x does not exist"),
        (
            .cannotWrite(path: "/x/b.nccbundle", reason: "No space left on device"),
            "cannot write /x/b.nccbundle: No space left on device"
        ),
        (
            .exportMiscounted(path: "/x/b.nccbundle", .nothingRead),
            "cannot write /x/b.nccbundle: no operations were read"
        ),
        (
            .exportMiscounted(path: "/x/b.nccbundle", .fewer),
            "cannot write /x/b.nccbundle: fewer operations than counted"
        ),
        (.exportMiscounted(path: "/x/b.nccbundle", .more), "cannot write /x/b.nccbundle: more operations than counted"),
        (
            .operationsMiscounted(bytes: 10, lines: 2, countedBytes: 12, countedLines: 3),
            "internal error: the operations came to 10 bytes in 2 lines, not the 12 bytes in 3 lines counted first; nothing was written"
        ),
        (
            .operationsMiscounted(bytes: 1, lines: 1, countedBytes: 2, countedLines: 1),
            "internal error: the operations came to 1 byte in 1 line, not the 2 bytes in 1 line counted first; nothing was written"
        ),
        (.emptyPiece, "internal error: an empty piece of the operations"),
        (
            .damagedSigningKey(path: "/k/r1.ed25519"),
            "the signing key /k/r1.ed25519 is damaged; move it away to make a new one (peers will have to trust the new one)"
        ),
        (.cannotCreateSigningKey(folder: "/k"), "cannot write the signing key in /k"),
        (
            .cannotPlaceSigningKey(path: "/k/r1.ed25519", reason: "Permission denied"),
            "cannot write the signing key /k/r1.ed25519: Permission denied"
        ),
        (.cannotMakeSigningKey(folder: "/k", reason: "no room"), "cannot make the signing key in /k: no room"),
    ]

    @Test func everyCaseIsWordedAsBefore() {
        for (error, wording) in Self.wordings {
            #expect(error.description == wording)
        }
    }

    /// The app asks about trust on this case, not on the words of the message.
    @Test func anUnknownSignerIsItsOwnCase() throws {
        let world = try BundleWorld()
        let bundle = try BundleReader.read(try world.goodBundle().path, scratch: world.scratch)
        defer { bundle.discard() }
        #expect(
            throws: BundleError.unknownSigner(fingerprint: world.identity.fingerprint, replica: world.sender.replicaID)
        ) {
            try BundleImporter(store: world.receiver).preview(bundle, trust: false)
        }
    }
}
