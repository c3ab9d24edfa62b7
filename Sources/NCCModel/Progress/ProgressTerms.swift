/// Whether an objective is still being worked towards.
public enum ObjectiveStatus: String, CaseIterable, Sendable {
    case active, achieved, dropped
}

/// Which way an indicator improves: more people trained (up) or fewer days to answer (down).
public enum IndicatorDirection: String, CaseIterable, Sendable {
    case up, down
}

/// How the values of several centres make one value: counts add up, rates and scores average.
public enum Aggregate: String, CaseIterable, Sendable {
    case sum, mean
}

/// How far a centre's self-assessment travels: its scores to everyone, or only into its group's
/// averages (the scores and evidence stay on the centre's own machines).
public enum ScoreSharing: String, CaseIterable, Sendable {
    case all, averages
}

/// What a step of a mutual-learning pathway is.
public enum StepType: String, CaseIterable, Sendable {
    case session, resource
    case peerExchange = "peer_exchange"
}

/// A capacity a centre rates itself on, as the working group named its core competences at its
/// Brussels meeting (October 2023). Their ids are fixed, so that every replica that starts
/// assessing creates the same four records and their ratings meet.
public struct Competence: Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String

    public static let defaults: [Competence] = [
        Competence(
            id: "5e0c9a52-2f1d-5b7e-8c41-0a1d3e5f7b01", title: "Systemic ecosystem mapping",
            description: "Knowing who is who in the country's social innovation ecosystem and how they relate."),
        Competence(
            id: "5e0c9a52-2f1d-5b7e-8c41-0a1d3e5f7b02", title: "Continuous interaction with ecosystems",
            description: "Staying in touch with the ecosystem's actors, not only at calls and events."),
        Competence(
            id: "5e0c9a52-2f1d-5b7e-8c41-0a1d3e5f7b03", title: "Co-creation",
            description: "Designing services and policies with the people they serve."),
        Competence(
            id: "5e0c9a52-2f1d-5b7e-8c41-0a1d3e5f7b04", title: "Scaling in complex systems",
            description: "Helping what works spread, deepen and change the rules it runs under."),
    ]
}
