import NCCModel

extension Store {
    /// The time by this store's clock, as stored (`YYYY-MM-DDTHH:MM:SSZ`): the time a proposal's
    /// closing is measured against, so a store with a fixed clock draws the same screens every run.
    public var now: String { Dates.utc(milliseconds: wallClock() >> 16) }
}
