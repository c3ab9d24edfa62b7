/// This replica, until bundles arrive.
enum SyncPane {
    static func lines(replica: String, path: String, operations: Int) -> [DetailLine] {
        [
            DetailLine("This replica", .title),
            DetailLine("Replica id: \(replica)", .field("replica")),
            DetailLine("Database: \(path)", .field("path")),
            DetailLine("Operations recorded: \(operations)", .field("ops")),
            DetailLine(""),
            DetailLine("Every change is recorded as an operation with a clock stamp, ready to travel to peers.", .dim),
            DetailLine("Exchanging bundles with peers arrives in a later release.", .dim),
        ]
    }
}
