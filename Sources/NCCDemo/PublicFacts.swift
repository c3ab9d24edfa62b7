/// Public facts about the programme (from the ESF+ pages and the funded projects), transcribed
/// once. These are the real parts of the demo data; every person is invented elsewhere.
enum PublicFacts {
    struct Consortium {
        var name: String
        var title: String
        var call: String
        var starts: String
        var ends: String
        var lead: String?
        var countries: [String]
    }

    static let firstCall = "VP/2020/010"
    static let secondCall = "ESF-SI-2023-NCC-01"

    static let consortia: [Consortium] = [
        Consortium(
            name: "BuiCaSuS", title: "Building Capacity for a Sustainable Society", call: firstCall,
            starts: "2021-05-01", ends: "2023-04-30", lead: "ES", countries: ["FR", "LV", "ES", "SE"]),
        Consortium(
            name: "ESIA", title: "European Social Innovation Alliance", call: firstCall,
            starts: "2021-05-01", ends: "2023-05-31", lead: nil, countries: ["DK", "EE", "DE", "PL", "UK"]),
        Consortium(
            name: "FUSE", title: "Facilitating United Approaches to Social Innovation in Europe", call: firstCall,
            starts: "2021-05-01", ends: "2023-04-30", lead: nil, countries: ["BG", "CY", "IE", "PT"]),
        Consortium(
            name: "PEnCIL", title: "Pan European Social Innovation Lab", call: firstCall,
            starts: "2021-05-01", ends: "2023-04-30", lead: "LT", countries: ["LT", "BE", "CZ", "FI"]),
        Consortium(
            name: "SEED", title: "Social Innovation Ecosystem Development", call: firstCall,
            starts: "2021-05-01", ends: "2023-05-31", lead: nil, countries: ["IT", "EL", "RO", "SI"]),
        Consortium(
            name: "SI PLUS", title: "Social Innovation Plus Competence Centres", call: firstCall,
            starts: "2021-05-01", ends: "2023-04-30", lead: "AT", countries: ["AT", "BG", "HU", "SK"]),
        Consortium(
            name: "SEED2SCALE", title: "SEED2SCALE", call: secondCall,
            starts: "2024-07-01", ends: "2027-06-30", lead: nil, countries: ["HR", "EL", "IT", "RO", "SI"]),
        Consortium(
            name: "SI plus (2024)", title: "SI plus", call: secondCall,
            starts: "2024-07-01", ends: "2027-06-30", lead: "AT", countries: ["AT", "HU", "LV", "MT", "SK"]),
        Consortium(
            name: "ESIA 2", title: "ESIA 2", call: secondCall,
            starts: "2024-07-01", ends: "2027-06-30", lead: nil, countries: ["DE", "LU", "EE", "NL"]),
        Consortium(
            name: "INSISST", title: "International Network for Social Innovation Scaling and Systemic Transformation",
            call: secondCall, starts: "2024-06-01", ends: "2027-06-30", lead: nil,
            countries: ["BE", "FI", "CZ", "PL", "DK", "IE"]),
    ]

    static let workingAreas: [(number: Int, title: String, description: String)] = [
        (
            1, "NCC operational models",
            "What was learned from the first consortia about running a national competence centre."
        ),
        (2, "Ecosystem mapping methodology", "A European social innovation ecosystem mapping methodology."),
        (
            3, "Capacity building for transfer and scaling",
            "Capacity building for the transfer and scaling up of good practices."
        ),
        (4, "Policy guidance", "Social innovation policy guidance, within and beyond ESF+ programmes."),
    ]

    struct Meeting {
        var title: String
        var kind: String
        var start: String
        var place: String?
        var online: Bool
        var minutes: String
        var decisions: [String]
    }

    static let meetings: [Meeting] = [
        Meeting(
            title: "NCC working group kick-off", kind: "kickoff", start: "2023-06-21T09:00:00Z",
            place: "Aldeia da Luz, Portugal (Social Innovation Village)", online: false,
            minutes:
                "The working group of the National Competence Centres met for the first time.\nMembers introduced their centres and agreed to work on a shared action plan.",
            decisions: ["Set up the NCC working group within the Community of Practice on Social Innovation"]),
        Meeting(
            title: "Second working group meeting", kind: "quarterly", start: "2023-10-25T09:00:00Z",
            place: "Brussels", online: false,
            minutes:
                "41 participants from 23 Member States.\nDiscussed the theory of change and the core competences of an NCC: systemic ecosystem mapping, continuous interaction with ecosystems, co-creation, and scaling in complex systems.",
            decisions: [
                "Adopt the four strategic working areas of the action plan", "Use co-creation as the working approach",
            ]),
        Meeting(
            title: "Mutual learning workshop", kind: "workshop", start: "2023-10-30T13:00:00Z", place: nil,
            online: true,
            minutes:
                "New needs were raised: a basic framework for impact measurement and learning strategies; ecosystem mapping in coastal communities; a dialogue with Horizon Europe and other EU programmes such as the EU Missions.\nThe workshop also covered roadmaps for engaging stakeholders, financial mechanisms to sustain the NCCs, and the three groups of NCCs with similar capacities.",
            decisions: ["Collect the centres' needs for expert support"]),
        Meeting(
            title: "Kick-off for the second call's beneficiaries", kind: "kickoff", start: "2024-06-12T09:00:00Z",
            place: "Brussels", online: false,
            minutes: "The consortia funded under the second call presented their plans.",
            decisions: ["Welcome the second-call consortia into the working group"]),
    ]
}
