import NCCMatch
import NCCModel
import NCCStore

extension Action {
    public static let showNeeds = Action("showNeeds"), propose = Action("propose")
    public static let toggleLanguageFilter = Action("toggleLanguageFilter"),
        toggleAvailabilityFilter = Action("toggleAvailabilityFilter")
    public static let toggleDeclinedFilter = Action("toggleDeclinedFilter")
    public static let advanceEngagement = Action("advanceEngagement"), declineEngagement = Action("declineEngagement")
}

/// The Experts pane's own actions: experts or needs, the ranking's filters, and engagements
/// (proposed, agreed, done with feedback, or declined), which the store's rules carry out.
extension ExpertsPane {
    static func perform(_ action: Action, _ app: App) throws -> Outcome? {
        switch action {
        case .showNeeds:
            app.state.expertsShowNeeds.toggle()
            app.state.details[.experts] = DetailState()
            try app.reloadList(.experts, force: true)
        case .propose: try proposeSelected(app)
        case .toggleLanguageFilter, .toggleAvailabilityFilter, .toggleDeclinedFilter:
            let (name, on): (String, Bool)
            switch action {
            case .toggleLanguageFilter:
                app.state.matchFilters.language.toggle()
                (name, on) = ("Language", app.state.matchFilters.language)
            case .toggleAvailabilityFilter:
                app.state.matchFilters.availability.toggle()
                (name, on) = ("Availability", app.state.matchFilters.availability)
            default:
                app.state.matchFilters.declined.toggle()
                (name, on) = ("Declined-before", app.state.matchFilters.declined)
            }
            app.state.message = Message("\(name) filter \(on ? "on" : "off")")
            try app.loadDetail(.experts)
        case .advanceEngagement: try advanceEngagement(app)
        case .declineEngagement:
            if let engagement = selectedEngagement(app) {
                app.state.modal = .confirm(
                    Confirm(question: "Mark this engagement declined?", onYes: .decline(engagement: engagement)))
            }
        default: return nil
        }
        return Outcome.none
    }

    static func askPropose(expert: String, need: String, _ app: App) {
        let names = try? app.store.read { r in (try r.title(.expert, id: expert), try r.title(.need, id: need)) }
        app.state.modal = .confirm(
            Confirm(
                question: "Propose \(names?.0 ?? "this expert") for '\(names?.1 ?? "this need")'?",
                onYes: .propose(expert: expert, need: need)))
    }

    static func proposeSelected(_ app: App) throws {
        let state = app.state
        guard state.expertsShowNeeds, let need = state.list.selectedRow?.id else {
            app.state.message = Message(
                "Choose a need first (\(ActionTable.key(.showNeeds, in: .experts)) shows the needs), then an expert in its detail",
                .warning)
            return
        }
        guard state.region == .detail, let index = state.detail.selected, let target = state.detail.lines[index].target,
            target.kind == .expert
        else {
            app.state.message = Message(
                "Select an expert in the need's ranking (\(ActionTable.key(.nextRegion)), then ↓)", .warning)
            return
        }
        askPropose(expert: target.id, need: need, app)
    }

    /// The engagement selected in a need's detail.
    static func selectedEngagement(_ app: App) -> String? {
        let state = app.state
        guard state.pane == .experts, state.region == .detail, let index = state.detail.selected,
            let target = state.detail.lines[index].target, target.kind == .engagement
        else {
            app.state.message = Message(
                "Select an engagement in a need's detail first (\(ActionTable.key(.showNeeds, in: .experts)), then \(ActionTable.key(.nextRegion)))",
                .warning)
            return nil
        }
        return target.id
    }

    /// proposed → agreed → done; done asks for the feedback.
    static func advanceEngagement(_ app: App) throws {
        guard let id = selectedEngagement(app) else { return }
        switch try app.store.write({ try $0.advanceEngagement(id, today: app.today) }) {
        case .agreed:
            app.state.message = Message("The engagement is agreed")
            try app.reloadAll(force: true)
        case .needsFeedback:
            app.state.modal = .form(
                FormState(
                    title: "Engagement done: how did it go?", purpose: .feedback(engagement: id),
                    fields: [
                        FormField(Schema.field(Fields.Engagement.feedback), label: "Feedback 1-5"),
                        FormField(Schema.field(Fields.Engagement.notes), label: "Notes"),
                    ]))
        case .nothingFollows(let status):
            app.state.message = Message("This engagement is \(status); nothing follows", .warning)
        }
    }

    /// Proposes the expert for the need (the user said yes), unless they are engaged on it already.
    static func propose(expert: String, need: String, _ app: App) throws {
        if case .already(let status) = try app.store.write({ try $0.proposeEngagement(expert: expert, need: need) }) {
            app.state.message = Message("Already \(status) for this need", .warning)
            return
        }
        app.state.message = Message("Proposed: the engagement is recorded as proposed")
        try app.reloadAll(force: true)
    }

    static func decline(_ engagement: String, _ app: App) throws {
        try app.store.write { try $0.declineEngagement(engagement) }
        app.state.message = Message("Declined: the expert is left out of this need's ranking")
        try app.reloadAll(force: true)
    }
}
