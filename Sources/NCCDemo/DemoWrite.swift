import NCCModel
import NCCStore

/// One write the demo's builder hands to the thread that holds the write transaction (see
/// `Handoff`). The builder never reads the database (it chooses every id), so it need not wait
/// for a write to be done.
enum DemoWrite: Sendable {
    case create(Kind, [FieldName: Value], id: String)
    case update(Kind, id: String, [FieldName: Value])

    func apply(to writer: StoreWriter) throws {
        switch self {
        case .create(let kind, let values, let id): try writer.create(kind, values, id: id, generated: true)
        case .update(let kind, let id, let values): try writer.update(kind, id: id, values)
        }
    }
}
