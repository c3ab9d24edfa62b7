import Foundation
import NCCExchange
import NCCModel
import NCCStore

/// The runner's side of a `FileJob`. A bundle is checked, imported and exported in the
/// background (each may take seconds: the whole file is read, or the database held); the rest
/// are quick.
extension Runner {
    func perform(_ job: FileJob) -> Reply? {
        func done(_ body: () throws -> FileDone) -> Reply {
            do { return .fileDone(job, try body()) } catch { return .fileDone(job, .failed(error)) }
        }
        switch job {
        case .exportBundle(let path):
            let (store, identity) = (self.store, self.identity)
            return background {
                done {
                    guard let identity else { throw SyncPane.NoSigningKey() }
                    // Sealed for every trusted peer that can open it; for nobody yet, signed only.
                    let readers = try store.read { try $0.sealingReaders() }
                    let written = try BundleWriter(store: store, identity: identity).write(
                        to: path, for: readers, full: true, sealed: !readers.isEmpty)
                    return .wrote(
                        path: path, operations: written.manifest.operations, bytes: Int(written.bytes),
                        sealedFor: readers)
                }
            }
        case .previewImport(let path):
            let (store, key) = (self.store, identity?.sealing)
            return background { done { .preview(try SyncPane.preview(path, store, sealingKey: key)) } }
        case .applyImport(let path, let trust, let fileHash):
            let (store, key) = (self.store, identity?.sealing)
            return background {
                done { .imported(try SyncPane.apply(path, trust: trust, fileHash: fileHash, store, sealingKey: key)) }
            }
        case .exportMinutes(let meeting, let path):
            return done { .wrote(path: try MinutesWriter(store: store).write(meeting: meeting, to: path)) }
        case .exportReport(let path):
            return done {
                .wrote(
                    path: try ProgressReport(store: store, today: today).write(.html, from: nil, to: nil, file: path))
            }
        case .minutesForEditor(let meeting):
            return done { .minutesForEditor(file: try MeetingsPane.minutesForEditor(meeting, store)) }
        case .minutesFromEditor(let meeting, let file, let succeeded):
            return done { .minutesFromEditor(MeetingsPane.minutesFromEditor(meeting, file, succeeded, store)) }
        }
    }
}
