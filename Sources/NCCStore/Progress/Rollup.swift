import NCCModel

/// One value a centre (or the whole group) reported for an indicator.
public struct MeasurementPoint: Sendable, Hashable {
    public var id: String
    /// nil: the whole group's value.
    public var centre: String?
    public var date: String
    public var value: Double
    /// The value as stored, in normal form ("12.5"), for showing it as typed.
    public var text: String
    public var source: String?
    public var note: String?

    public init(
        id: String, centre: String?, date: String, value: Double, text: String? = nil, source: String? = nil,
        note: String? = nil
    ) {
        self.id = id
        self.centre = centre
        self.date = date
        self.value = value
        self.text = text ?? DecimalText.normal(String(value)) ?? String(value)
        self.source = source
        self.note = note
    }
}

/// Two or more values reported for the same indicator, centre and date that disagree. Both stay
/// (neither replaces the other) and both are left out of every roll-up until one is corrected
/// or deleted: a figure nobody agrees on is not progress.
public struct MeasurementConflict: Sendable, Hashable {
    public var centre: String?
    public var date: String
    public var points: [MeasurementPoint]
    /// Who reported each point (the person its replica speaks for, else the replica), by point id.
    public var reporters: [String: String] = [:]
}

/// What a roll-up is over: one centre, a consortium's centres, a capacity group's, or all.
public enum ProgressLevel: Sendable, Hashable {
    case centre(String)
    case consortium(String)
    case capacityGroup(Int)
    case wholeGroup
}

/// An indicator's standing for one level: its value now and how far that is from baseline to target.
public struct LevelProgress: Sendable, Hashable {
    public var level: ProgressLevel
    public var name: String
    /// The level's value: its centres' latest values summed or averaged (see `Aggregate`); nil
    /// when none reported.
    public var value: Double?
    /// 0 at the baseline, 1 at the target, beyond 1 past it, below 0 going the wrong way; nil
    /// without a value (or when baseline and target are equal).
    public var progress: Double?
    /// Centres of the level with a value, of its centres.
    public var reported: Int
    public var members: Int
    /// The newest date among the values used.
    public var asOf: String?
}

/// A level's value on each date something was reported, as it stood that day (a centre that did
/// not report that day counts with its value before): what a sparkline draws.
public struct SeriesPoint: Sendable, Hashable {
    public var date: String
    public var value: Double
}

/// The centres a roll-up groups: each with its name, capacity group and consortia.
public struct CentreDirectory: Sendable, Hashable {
    public struct Centre: Sendable, Hashable {
        public var id: String
        public var name: String
        public var capacityGroup: Int?
        public var consortia: [String]
        public init(id: String, name: String, capacityGroup: Int? = nil, consortia: [String] = []) {
            self.id = id
            self.name = name
            self.capacityGroup = capacityGroup
            self.consortia = consortia
        }
    }
    public var centres: [Centre]
    /// Consortium id -> name.
    public var consortia: [String: String]
    public init(centres: [Centre], consortia: [String: String] = [:]) {
        self.centres = centres
        self.consortia = consortia
    }
}

/// How an indicator's values roll up, in one place: the CLI, the app and the report all ask here.
///
/// - A centre's value is its latest value that nobody disputes (a conflicting date is skipped).
/// - A set of centres (a consortium, a capacity group, all of them) has the sum of its centres'
///   values for a `sum` indicator and their mean for a `mean` one; centres that never reported
///   are missing (counted, not zero).
/// - The whole group's value is its own latest value when the indicator has any reported for the
///   group as a whole (no centre), else the roll-up of every centre.
/// - Progress is `(value - baseline) / (target - baseline)`: 0 at the baseline, 1 at the target,
///   for indicators that go down as for those that go up. A `sum` indicator's baseline and target
///   are the whole group's: a set of centres is held to its fair share of them (its centres over
///   all centres), so a centre of 20 that reached a twentieth of the target is at 1.
public struct Rollup: Sendable, Hashable {
    public let baseline: Double
    public let target: Double
    public let aggregate: Aggregate
    public let points: [MeasurementPoint]
    public let directory: CentreDirectory
    /// The values nobody disputes, one per centre and date, oldest first.
    public let agreed: [MeasurementPoint]
    /// Every set of values that disagree, oldest first.
    public let conflicts: [MeasurementConflict]
    /// Each centre's latest agreed value, and the group's own: what every level reads.
    private let latest: [String: MeasurementPoint]
    private let ownLatest: MeasurementPoint?

    public init(
        baseline: Double, target: Double, aggregate: Aggregate, points: [MeasurementPoint], directory: CentreDirectory
    ) {
        self.baseline = baseline
        self.target = target
        self.aggregate = aggregate
        self.points = points
        self.directory = directory
        // One pass over the points in order (the store reads them so): the first point of each
        // centre and date stands for it, unless another of that centre and date disagrees.
        let ordered =
            zip(points, points.dropFirst()).allSatisfy { !Self.order($1, $0) } ? points : points.sorted(by: Self.order)
        var seen: [Key: (first: Int, disputed: Bool)] = [:]
        seen.reserveCapacity(ordered.count)
        for (index, point) in ordered.enumerated() {
            let key = Key(centre: point.centre, date: point.date)
            if let known = seen[key] {
                if !known.disputed, ordered[known.first].text != point.text { seen[key] = (known.first, true) }
            } else {
                seen[key] = (index, false)
            }
        }
        agreed = seen.values.filter { !$0.disputed }.map(\.first).sorted().map { ordered[$0] }
        let disputed = Set(seen.filter(\.value.disputed).keys)
        conflicts = Dictionary(
            grouping: ordered.filter { disputed.contains(Key(centre: $0.centre, date: $0.date)) },
            by: { Key(centre: $0.centre, date: $0.date) }
        )
        .map { MeasurementConflict(centre: $0.key.centre, date: $0.key.date, points: $0.value) }
        .sorted { ($0.date, $0.centre ?? "") < ($1.date, $1.centre ?? "") }
        var latest: [String: MeasurementPoint] = [:]
        for point in agreed { if let centre = point.centre { latest[centre] = point } }
        self.latest = latest
        ownLatest = agreed.last { $0.centre == nil }
    }

    /// The roll-up as it stood at the end of `day`: values dated after it left out.
    public func asOf(_ day: String) -> Rollup {
        Rollup(
            baseline: baseline, target: target, aggregate: aggregate, points: points.filter { $0.date <= day },
            directory: directory)
    }

    /// `(value - baseline) / (target - baseline)`, or nil when the two are equal.
    public static func fraction(_ value: Double, baseline: Double, target: Double) -> Double? {
        guard target != baseline else { return nil }
        return (value - baseline) / (target - baseline)
    }

    public func progress(of level: ProgressLevel) -> LevelProgress {
        let members = centres(of: level)
        // Centres that reported count as such even where the group's own value stands for them.
        let latest = members.compactMap { self.latest[$0] }
        var value = combine(latest.map(\.value))
        var asOf = latest.map(\.date).max()
        if level == .wholeGroup, let own = ownLatest {
            value = own.value
            asOf = own.date
        }
        return LevelProgress(
            level: level, name: name(of: level), value: value, progress: value.flatMap { progress(of: $0, level) },
            reported: latest.count, members: members.count, asOf: asOf)
    }

    /// How far `value` is for `level`: against the level's fair share of a sum's baseline and target.
    public func progress(of value: Double, _ level: ProgressLevel) -> Double? {
        let share = aggregate == .sum ? self.share(of: level) : 1
        return Self.fraction(value, baseline: baseline * share, target: target * share)
    }

    /// The level's value on each date any of it reported, as it stood then.
    public func series(of level: ProgressLevel) -> [SeriesPoint] {
        if level == .wholeGroup, ownLatest != nil {
            return agreed.filter { $0.centre == nil }.map { SeriesPoint(date: $0.date, value: $0.value) }
        }
        let members = Set(centres(of: level))
        let relevant = agreed.filter { $0.centre.map(members.contains) ?? false }
        var standing: [String: Double] = [:]
        var series: [SeriesPoint] = []
        for (date, day) in Dictionary(grouping: relevant, by: \.date).sorted(by: { $0.key < $1.key }) {
            for point in day { standing[point.centre!] = point.value }
            if let value = combine(Array(standing.values)) { series.append(SeriesPoint(date: date, value: value)) }
        }
        return series
    }

    /// Every centre's, consortium's and capacity group's standing, by name (groups by number).
    public var centreLevels: [LevelProgress] { directory.centres.map { progress(of: .centre($0.id)) } }
    public var consortiumLevels: [LevelProgress] {
        directory.consortia.keys.map { progress(of: .consortium($0)) }.sorted { $0.name < $1.name }
    }
    public var capacityGroupLevels: [LevelProgress] {
        Set(directory.centres.compactMap(\.capacityGroup)).sorted().map { progress(of: .capacityGroup($0)) }
    }

    func centres(of level: ProgressLevel) -> [String] {
        switch level {
        case .centre(let id): [id]
        case .consortium(let id): directory.centres.filter { $0.consortia.contains(id) }.map(\.id)
        case .capacityGroup(let group): directory.centres.filter { $0.capacityGroup == group }.map(\.id)
        case .wholeGroup: directory.centres.map(\.id)
        }
    }

    /// What a level is called: its centre's or consortium's name, "Capacity group 2", "Whole group".
    public func name(of level: ProgressLevel) -> String {
        switch level {
        case .centre(let id): directory.centres.first { $0.id == id }?.name ?? id
        case .consortium(let id): directory.consortia[id] ?? id
        case .capacityGroup(let group): "Capacity group \(group)"
        case .wholeGroup: "Whole group"
        }
    }

    /// The level's part of a sum's baseline and target: its centres over all centres.
    func share(of level: ProgressLevel) -> Double {
        if level == .wholeGroup || directory.centres.isEmpty { return 1 }
        return Double(centres(of: level).count) / Double(directory.centres.count)
    }

    func combine(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let total = values.reduce(0, +)
        return aggregate == .sum ? total : total / Double(values.count)
    }

    private struct Key: Hashable {
        var centre: String?
        var date: String
    }

    private static func order(_ a: MeasurementPoint, _ b: MeasurementPoint) -> Bool {
        (a.date, a.centre ?? "", a.id) < (b.date, b.centre ?? "", b.id)
    }
}
