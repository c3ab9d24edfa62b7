import GRDB

extension StatementArguments {
    /// Arguments from values already converted. GRDB's initialiser for a sequence of one
    /// convertible type maps it with a key path that, generic and not specialised across modules,
    /// is built anew at every call: 5% of an import's or the demo's time went into building it.
    init(values: [DatabaseValue]) {
        self.init(values.map { $0 as (any DatabaseValueConvertible)? })
    }
}
