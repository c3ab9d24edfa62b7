import GRDB
import NCCModel

/// A page-able view of one kind: conditions and an order, run by SQLite with LIMIT/OFFSET so no
/// list ever loads a whole table. The app's lists and filters are built from these.
public struct RecordQuery: Sendable, Hashable {
    /// A condition on one of the query's kind's fields (`.equals(Fields.Need.status, .text("open"))`).
    public enum Condition: Sendable, Hashable {
        case equals(FieldName, Value)
        case notEquals(FieldName, Value)
        /// The field holds a value below this one (a due date before today).
        case below(FieldName, String)
        /// Only these records (the hits of a full-text filter).
        case ids([String])
        /// The field holds one of these values (the engagements of some experts).
        case oneOf(FieldName, [String])
    }

    public var kind: Kind
    public var conditions: [Condition]
    /// Fields to order by, each ascending or not; the id always ends the order so pages are stable.
    public var order: [(field: FieldName, ascending: Bool)]

    /// Without an order, the kind's list order.
    public init(_ kind: Kind, conditions: [Condition] = [], order: [(field: FieldName, ascending: Bool)]? = nil) {
        self.kind = kind
        self.conditions = conditions
        self.order = order ?? Schema.listOrder(of: kind).filter { $0 != "id" }.map { (FieldName(kind, $0), true) }
    }

    public static func == (a: RecordQuery, b: RecordQuery) -> Bool {
        a.kind == b.kind && a.conditions == b.conditions
            && a.order.map(\.field) == b.order.map(\.field) && a.order.map(\.ascending) == b.order.map(\.ascending)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(conditions)
        for (field, ascending) in order {
            hasher.combine(field)
            hasher.combine(ascending)
        }
    }

    func whereClause() throws -> (String, [DatabaseValue]) {
        var parts = ["deleted = 0"]
        var arguments: [DatabaseValue] = []
        for condition in conditions {
            switch condition {
            case .equals(let field, let value):
                try check(field)
                if value.isNull {
                    parts.append("\(Table.quoted(field.name)) IS NULL")
                } else {
                    parts.append("\(Table.quoted(field.name)) = ?")
                    arguments.append(Table.databaseValue(value))
                }
            case .notEquals(let field, let value):
                try check(field)
                parts.append("\(Table.quoted(field.name)) IS NOT ?")
                arguments.append(Table.databaseValue(value))
            case .below(let field, let bound):
                try check(field)
                parts.append("\(Table.quoted(field.name)) < ?")
                arguments.append(bound.databaseValue)
            case .ids(let ids):
                parts.append("id IN (SELECT value FROM json_each(?))")
                arguments.append(CanonicalJSON.encode(ids).databaseValue)
            case .oneOf(let field, let values):
                try check(field)
                parts.append("\(Table.quoted(field.name)) IN (SELECT value FROM json_each(?))")
                arguments.append(CanonicalJSON.encode(values).databaseValue)
            }
        }
        return (parts.joined(separator: " AND "), arguments)
    }

    /// The ORDER BY, spelled so that an index can serve it (a million tasks page in a
    /// millisecond, not after sorting the table): a field that is never empty (the folded title,
    /// a required field) orders by itself; a field that may be empty puts empties last with an
    /// `IS NULL` term, which the v4 expression indexes match; id breaks ties in the same direction.
    func orderClause() throws -> String {
        var terms: [String] = []
        for (field, ascending) in order {
            try check(field)
            let byTitle = Table.sortsByTitle(kind, field.name)
            let column = byTitle ? "sort_key" : Table.quoted(field.name)
            let neverEmpty = byTitle || Schema.field(field.name, of: kind)?.required ?? true
            if !neverEmpty { terms.append("\(column) IS NULL") }
            terms.append("\(column) \(ascending ? "ASC" : "DESC")")
        }
        terms.append("id \(order.last?.ascending == false ? "DESC" : "ASC")")
        return terms.joined(separator: ", ")
    }

    /// Refuses a field of another kind, or a name that is neither a field nor a housekeeping column.
    private func check(_ field: FieldName) throws {
        guard field.kind == kind else { throw StoreError.foreignField(kind: kind, field: field) }
        guard Schema.field(field.name, of: kind) != nil || field.name == "created_at" || field.name == "updated_at"
        else {
            throw StoreError.unknownField(kind: kind, field: field.name)
        }
    }
}

extension StoreReader {
    /// One page of a query's records.
    public func records(_ query: RecordQuery, limit: Int, offset: Int = 0) throws -> [Record] {
        let (condition, arguments) = try query.whereClause()
        let sql = """
            SELECT \(Table.selectColumns(query.kind)) FROM \(Table.name(query.kind))
            WHERE \(condition) ORDER BY \(try query.orderClause()) LIMIT ? OFFSET ?
            """
        return try Row.fetchAll(
            db.cachedStatement(sql: sql),
            arguments: StatementArguments(values: arguments + [limit.databaseValue, offset.databaseValue])
        )
        .map { Table.decode(query.kind, $0).record }
    }

    public func count(_ query: RecordQuery) throws -> Int {
        let (condition, arguments) = try query.whereClause()
        return try Int.fetchOne(
            db.cachedStatement(sql: "SELECT count(*) FROM \(Table.name(query.kind)) WHERE \(condition)"),
            arguments: StatementArguments(values: arguments)) ?? 0
    }

    /// Where a record sits in a query's order (to select it after a jump), or nil if it is not in it.
    /// Reads ids only, a page at a time.
    public func position(of id: String, in query: RecordQuery) throws -> Int? {
        let (condition, arguments) = try query.whereClause()
        let sql = "SELECT id FROM \(Table.name(query.kind)) WHERE \(condition) ORDER BY \(try query.orderClause())"
        let cursor = try String.fetchCursor(
            db.cachedStatement(sql: sql), arguments: StatementArguments(values: arguments))
        var index = 0
        while let next = try cursor.next() {
            if next == id { return index }
            index += 1
        }
        return nil
    }
}
