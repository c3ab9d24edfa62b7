// Progress and mutual learning: the group's objectives, the indicators that measure them and
// the values centres report; the dimensions centres assess themselves on and their ratings;
// the mutual-learning pathway of each peer group and who has walked which step.

extension KindSpec {
    /// What the working group (or one working area) means to achieve, and by when. Tasks,
    /// decisions and engagements serve it through their `objective` field.
    static let objective = KindSpec(
        singular: "objective", plural: "objectives",
        fields: [
            Field(Fields.Objective.title, .text, required: true),
            Field(Fields.Objective.workingArea, .reference(.workingArea)),
            Field(Fields.Objective.due, .date),
            Field(
                Fields.Objective.status, .choice(ObjectiveStatus.allCases.map(\.rawValue)), default: .text("active")),
            Field(Fields.Objective.description, .longText),
        ],
        naming: .field(Fields.Objective.title),
        listColumns: ["title", "working_area", "due", "status"],
        listOrder: ["due", "id"],
        csv: CSVLayout(
            columns: ["id", "title", "working_area", "due", "status", "description"], required: ["title"]),
        search: .indexed(code: 19),
        parts: [Part(Fields.Indicator.objective)],
        group: .progress, isMain: true)

    /// How an objective is measured: from a baseline towards a target, in a unit, up or down.
    static let indicator = KindSpec(
        singular: "indicator", plural: "indicators",
        fields: [
            Field(Fields.Indicator.title, .text, required: true),
            Field(Fields.Indicator.objective, .reference(.objective), required: true),
            Field(Fields.Indicator.unit, .text, required: true),
            Field(
                Fields.Indicator.direction, .choice(IndicatorDirection.allCases.map(\.rawValue)), default: .text("up")
            ),
            Field(Fields.Indicator.aggregate, .choice(Aggregate.allCases.map(\.rawValue)), default: .text("sum")),
            Field(Fields.Indicator.baseline, .number, required: true),
            Field(Fields.Indicator.target, .number, required: true),
            Field(Fields.Indicator.due, .date),
            Field(Fields.Indicator.description, .longText),
        ],
        naming: .field(Fields.Indicator.title),
        listColumns: ["title", "objective", "unit", "baseline", "target", "due"],
        listOrder: ["objective", "id"],
        csv: CSVLayout(
            columns: [
                "id", "title", "objective", "unit", "direction", "aggregate", "baseline", "target", "due",
                "description",
            ], required: ["title", "objective", "unit", "baseline", "target"]),
        search: .indexed(code: 20),
        parts: [Part(Fields.Measurement.indicator)],
        group: .progress, isMain: true)

    /// A value of an indicator on a date, for one centre (or, with no centre, the whole group).
    /// Each centre reports its own: two records for the same indicator, centre and date that
    /// disagree are a conflict shown to everyone, never one quietly replacing the other.
    static let measurement = KindSpec(
        singular: "measurement", plural: "measurements",
        fields: [
            Field(Fields.Measurement.indicator, .reference(.indicator), required: true),
            Field(Fields.Measurement.centre, .reference(.centre)),
            Field(Fields.Measurement.date, .date, required: true),
            Field(Fields.Measurement.value, .number, required: true),
            Field(Fields.Measurement.source, .text),
            Field(Fields.Measurement.note, .longText),
        ],
        naming: .reference(Fields.Measurement.indicator),
        listColumns: ["date", "indicator", "centre", "value", "source"],
        listOrder: ["date", "id"],
        csv: CSVLayout(
            columns: ["id", "indicator", "centre", "date", "value", "source", "note"],
            required: ["indicator", "date", "value"],
            identity: .fields(
                [Fields.Measurement.indicator, Fields.Measurement.centre, Fields.Measurement.date], perReplica: true)),
        search: .indexed(code: 21, onlyWithText: true),
        group: .progress, isMain: true)

    /// One of the capacities centres rate themselves on (the default set is the working group's
    /// core competences, `Competence.defaults`).
    static let dimension = KindSpec(
        singular: "dimension", plural: "dimensions",
        fields: [
            Field(Fields.Dimension.title, .text, required: true),
            Field(Fields.Dimension.position, .integer(0...9999), default: .int(0), hidden: true),
            Field(Fields.Dimension.description, .longText),
        ],
        naming: .field(Fields.Dimension.title),
        listColumns: ["title", "description"],
        listOrder: ["position", "id"],
        csv: CSVLayout(columns: ["id", "title", "position", "description"], required: ["title"]),
        search: .indexed(code: 22),
        group: .progress, isMain: true)

    /// A centre's rating of itself on one dimension in one round, with its evidence. Its score
    /// and evidence travel only as the centre chose in `sharing`: to everyone (`all`), or
    /// only into its group's averages (`averages`: bundles carry their commitments instead).
    static let assessment = KindSpec(
        singular: "assessment", plural: "assessments",
        fields: [
            Field(Fields.Assessment.centre, .reference(.centre), required: true),
            Field(Fields.Assessment.round, .text, required: true),
            Field(Fields.Assessment.date, .date, required: true),
            Field(Fields.Assessment.dimension, .reference(.dimension), required: true),
            Field(Fields.Assessment.score, .integer(1...5), personal: true),
            Field(Fields.Assessment.evidence, .longText, personal: true),
            Field(Fields.Assessment.sharing, .choice(ScoreSharing.allCases.map(\.rawValue)), default: .text("all")),
        ],
        naming: .reference(Fields.Assessment.centre),
        listColumns: ["round", "centre", "dimension", "score", "sharing"],
        listOrder: ["date", "id"],
        csv: CSVLayout(
            columns: ["id", "centre", "round", "date", "dimension", "score", "evidence", "sharing"],
            required: ["centre", "round", "date", "dimension"],
            identity: .fields(
                [Fields.Assessment.centre, Fields.Assessment.round, Fields.Assessment.dimension], perReplica: false)),
        search: .notIndexed(code: 23),
        sharing: Sharing(Fields.Assessment.sharing, travels: .text(ScoreSharing.all.rawValue)),
        group: .progress, isMain: true)

    /// A step of a peer group's mutual-learning pathway (group 0: every group's), in order.
    static let pathwayStep = KindSpec(
        singular: "pathway step", plural: "pathway-steps",
        fields: [
            Field(Fields.PathwayStep.title, .text, required: true),
            Field(Fields.PathwayStep.peerGroup, .integer(0...9), default: .int(0)),
            Field(Fields.PathwayStep.position, .integer(0...9999), default: .int(0)),
            Field(Fields.PathwayStep.type, .choice(StepType.allCases.map(\.rawValue)), default: .text("session")),
            Field(Fields.PathwayStep.meeting, .reference(.meeting)),
            Field(Fields.PathwayStep.link, .text),
            Field(Fields.PathwayStep.due, .date),
            Field(Fields.PathwayStep.description, .longText),
        ],
        naming: .field(Fields.PathwayStep.title),
        listColumns: ["peer_group", "position", "title", "type", "due"],
        listOrder: ["peer_group", "position", "id"],
        search: .indexed(code: 24),
        parts: [Part(Fields.StepDone.step)],
        group: .progress, isMain: true)

    /// A centre has taken a step of its pathway (a session step is also taken by attending its meeting).
    static let stepDone = KindSpec(
        singular: "step done", plural: "steps-done",
        fields: [
            Field(Fields.StepDone.step, .reference(.pathwayStep), required: true),
            Field(Fields.StepDone.centre, .reference(.centre), required: true),
            Field(Fields.StepDone.date, .date),
            Field(Fields.StepDone.note, .text),
        ],
        naming: .reference(Fields.StepDone.step),
        listColumns: ["step", "centre", "date"],
        listOrder: ["date", "id"],
        search: .notIndexed(code: 25),
        group: .progress, isMain: false)
}

extension Fields {
    public enum Objective {
        public static let title = FieldName(.objective, "title")
        public static let workingArea = FieldName(.objective, "working_area")
        public static let due = FieldName(.objective, "due")
        public static let status = FieldName(.objective, "status")
        public static let description = FieldName(.objective, "description")
        public static let all = [title, workingArea, due, status, description]
    }

    public enum Indicator {
        public static let title = FieldName(.indicator, "title")
        public static let objective = FieldName(.indicator, "objective")
        public static let unit = FieldName(.indicator, "unit")
        public static let direction = FieldName(.indicator, "direction")
        /// How centres' values make a set's value: `sum` (people trained) or `mean` (a rate).
        public static let aggregate = FieldName(.indicator, "aggregate")
        public static let baseline = FieldName(.indicator, "baseline")
        public static let target = FieldName(.indicator, "target")
        public static let due = FieldName(.indicator, "due")
        public static let description = FieldName(.indicator, "description")
        public static let all = [title, objective, unit, direction, aggregate, baseline, target, due, description]
    }

    public enum Measurement {
        public static let indicator = FieldName(.measurement, "indicator")
        public static let centre = FieldName(.measurement, "centre")
        public static let date = FieldName(.measurement, "date")
        public static let value = FieldName(.measurement, "value")
        public static let source = FieldName(.measurement, "source")
        public static let note = FieldName(.measurement, "note")
        public static let all = [indicator, centre, date, value, source, note]
    }

    public enum Dimension {
        public static let title = FieldName(.dimension, "title")
        public static let position = FieldName(.dimension, "position")
        public static let description = FieldName(.dimension, "description")
        public static let all = [title, position, description]
    }

    public enum Assessment {
        public static let centre = FieldName(.assessment, "centre")
        public static let round = FieldName(.assessment, "round")
        public static let date = FieldName(.assessment, "date")
        public static let dimension = FieldName(.assessment, "dimension")
        public static let score = FieldName(.assessment, "score")
        public static let evidence = FieldName(.assessment, "evidence")
        public static let sharing = FieldName(.assessment, "sharing")
        public static let all = [centre, round, date, dimension, score, evidence, sharing]
    }

    public enum PathwayStep {
        public static let title = FieldName(.pathwayStep, "title")
        /// The peer group (a centre's `capacity_group`) whose pathway it is; 0 for every group.
        public static let peerGroup = FieldName(.pathwayStep, "peer_group")
        public static let position = FieldName(.pathwayStep, "position")
        public static let type = FieldName(.pathwayStep, "type")
        public static let meeting = FieldName(.pathwayStep, "meeting")
        public static let link = FieldName(.pathwayStep, "link")
        public static let due = FieldName(.pathwayStep, "due")
        public static let description = FieldName(.pathwayStep, "description")
        public static let all = [title, peerGroup, position, type, meeting, link, due, description]
    }

    public enum StepDone {
        public static let step = FieldName(.stepDone, "step")
        public static let centre = FieldName(.stepDone, "centre")
        public static let date = FieldName(.stepDone, "date")
        public static let note = FieldName(.stepDone, "note")
        public static let all = [step, centre, date, note]
    }
}
