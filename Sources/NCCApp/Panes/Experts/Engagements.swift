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
    static func perform(_ action: Action, _ app: App) throws -> Bool {
        switch action {
        case .showNeeds:
            app.state.expertsShowNeeds.toggle()
            app.state.details[.experts] = DetailState()
            app.reloadList(.experts, force: true)
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
            app.loadDetail(.experts)
        case .advanceEngagement:
            if let engagement = selectedEngagement(app) { app.emit(.change(.advanceEngagement(engagement))) }
        case .declineEngagement:
            if let engagement = selectedEngagement(app) {
                app.state.modal = .confirm(
                    Confirm(question: "Mark this engagement declined?", onYes: .decline(engagement: engagement)))
            }
        default: return false
        }
        return true
    }

    static func askPropose(expert: String, need: String, _ app: App) {
        app.emit(.ask(.proposing(expert: expert, need: need)))
    }

    /// The names are in (an empty one was not readable): "Propose … for …?".
    static func confirmPropose(expert: String, need: String, names: [String], _ app: App) {
        let (expertName, needTitle) = (names.first ?? "", names.last ?? "")
        app.state.modal = .confirm(
            Confirm(
                question:
                    "Propose \(expertName.isEmpty ? "this expert" : expertName) for '\(needTitle.isEmpty ? "this need" : needTitle)'?",
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
    static func advanced(_ engagement: String, _ step: EngagementStep, _ app: App) {
        switch step {
        case .agreed:
            app.state.message = Message("The engagement is agreed")
            app.reloadAll(force: true)
        case .needsFeedback:
            app.state.modal = .form(
                FormState(
                    title: "Engagement done: how did it go?", purpose: .feedback(engagement: engagement),
                    fields: [
                        FormField(Schema.field(Fields.Engagement.feedback), label: "Feedback 1-5"),
                        FormField(Schema.field(Fields.Engagement.notes), label: "Notes"),
                    ]))
        case .nothingFollows(let status):
            app.state.message = Message("This engagement is \(status); nothing follows", .warning)
        }
    }

    /// The expert is proposed for the need (the user said yes), unless engaged on it already.
    static func proposed(_ changed: Changed, _ app: App) {
        if case .alreadyEngaged(let status) = changed {
            app.state.message = Message("Already \(status) for this need", .warning)
            return
        }
        app.state.message = Message("Proposed: the engagement is recorded as proposed")
        app.reloadAll(force: true)
    }

    static func declined(_ app: App) {
        app.state.message = Message("Declined: the expert is left out of this need's ranking")
        app.reloadAll(force: true)
    }
}
