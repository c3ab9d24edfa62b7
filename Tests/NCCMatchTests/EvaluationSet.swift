import Foundation
import NCCModel
import NCCStore

/// A labelled set written for ncc: 12 centres' needs and 44 experts, each pair graded 0 (no
/// use), 1 (could help) or 2 (the right person). Traps on purpose: keyword-stuffed experts with no
/// days to give, the right topic in a language the centre does not speak, look-alike words
/// ("coastal tourism", "crypto trading", "rural tourism marketing"), and a conflict of interest.
/// Every person is invented.
enum EvaluationSet {
    struct ExpertRow {
        var key: String
        var name: String
        var languages: [String]
        var country: String
        var countries: [String]
        var topics: [String]
        var bio: String
        var days: Int
        var organisationOf: String? = nil
    }

    struct NeedRow {
        var key: String
        var centre: String
        var title: String
        var description: String
        var topics: [String]
        var languages: [String]
        var country: String
        /// Expert key → grade; experts not named are 0.
        var grades: [String: Int]
    }

    static let centres = ["LT", "EL", "BE", "SI", "PL", "CZ", "IT", "HU", "DE", "PT", "LV"]

    static let experts: [ExpertRow] = [
        // Impact measurement
        ExpertRow(
            key: "egle", name: "Eglė Butkevičienė", languages: ["lt", "en"], country: "LT", countries: ["LT", "LV"],
            topics: ["SROI", "outcome indicators"],
            bio: "Builds social return on investment models and outcome indicators with social enterprises.", days: 4),
        ExpertRow(
            key: "jonas", name: "Jonas Kazlauskas", languages: ["lt", "ru"], country: "LT", countries: ["LT"],
            topics: ["impact evaluation", "learning strategies"],
            bio: "Evaluates public programmes and designs learning strategies for agencies.", days: 3),
        ExpertRow(
            key: "stuffed", name: "Mark Stuffing", languages: ["en", "lt"], country: "UK", countries: ["UK"],
            topics: ["impact measurement", "impact measurement framework", "impact", "measurement"],
            bio: "Impact measurement, impact measurement framework, measurement of impact, impact impact impact.",
            days: 0),
        ExpertRow(
            key: "ines", name: "Inês Ferreira", languages: ["pt", "en"], country: "PT", countries: ["PT", "ES"],
            topics: ["outcome indicators", "social inclusion"],
            bio: "Designs outcome indicators for social inclusion projects funded by the ESF+.", days: 5),
        ExpertRow(
            key: "joana", name: "Joana Santos", languages: ["pt", "es"], country: "PT", countries: ["PT"],
            topics: ["poverty reduction", "impact measurement"], bio: "Measures the results of anti-poverty projects.",
            days: 2),
        ExpertRow(
            key: "impactes", name: "Nuria García", languages: ["es"], country: "ES", countries: ["ES"],
            topics: ["impact measurement", "outcome indicators", "social inclusion"],
            bio: "Outcome indicators and impact measurement for inclusion projects.", days: 6),
        // Ecosystem mapping, coastal and rural
        ExpertRow(
            key: "eleni", name: "Ελένη Παπαδοπούλου", languages: ["el", "en"], country: "EL", countries: ["EL", "CY"],
            topics: ["stakeholder mapping", "islands"],
            bio: "Maps actors and resources of island and coastal communities in the Aegean.", days: 4),
        ExpertRow(
            key: "nikos", name: "Νίκος Οικονόμου", languages: ["el"], country: "EL", countries: ["EL"],
            topics: ["ecosystem mapping", "coastal communities"],
            bio: "Ecosystem mapping with fishing communities on the coast.", days: 2),
        ExpertRow(
            key: "tourism", name: "Sofia Marini", languages: ["it", "en", "el"], country: "IT",
            countries: ["IT", "EL"],
            topics: ["coastal tourism", "destination marketing"],
            bio: "Markets coastal tourism destinations and hotel communities.", days: 8),
        ExpertRow(
            key: "mapde", name: "Anna Schäfer", languages: ["de", "en"], country: "DE", countries: ["DE"],
            topics: ["ecosystem mapping", "social economy"], bio: "Maps social economy ecosystems in German regions.",
            days: 3),
        ExpertRow(
            key: "zsofia", name: "Zsófia Nagy", languages: ["hu", "en"], country: "HU", countries: ["HU", "SK"],
            topics: ["rural development", "actor mapping"], bio: "Maps actors in depopulating rural areas of Hungary.",
            days: 4),
        ExpertRow(
            key: "gabor", name: "Gábor Kovács", languages: ["hu"], country: "HU", countries: ["HU"],
            topics: ["ecosystem mapping"], bio: "Ecosystem mapping of social enterprises.", days: 2),
        ExpertRow(
            key: "ruraltour", name: "Katalin Tóth", languages: ["hu", "en"], country: "HU", countries: ["HU"],
            topics: ["rural tourism marketing"], bio: "Marketing of rural tourism, wine routes and rural guesthouses.",
            days: 6),
        ExpertRow(
            key: "mapen", name: "Fiona Campbell", languages: ["en"], country: "UK", countries: ["UK", "IE"],
            topics: ["ecosystem mapping", "stakeholder mapping"],
            bio: "Ecosystem mapping across the social innovation sector.", days: 5),
        // Horizon Europe
        ExpertRow(
            key: "pieter", name: "Pieter Peeters", languages: ["nl", "en", "fr"], country: "BE",
            countries: ["BE", "NL"],
            topics: ["Horizon Europe", "EU Missions"],
            bio: "Former national contact point for Horizon Europe; helps centres enter EU Missions.", days: 3),
        ExpertRow(
            key: "elise", name: "Élise Dubois", languages: ["fr", "en"], country: "BE", countries: ["BE", "FR"],
            topics: ["research and innovation funding"],
            bio: "Writes research and innovation funding strategies with universities.", days: 4),
        ExpertRow(
            key: "horizonbusy", name: "Thomas Maes", languages: ["nl"], country: "BE", countries: ["BE"],
            topics: ["Horizon Europe"], bio: "Horizon Europe proposals.", days: 0),
        // Social finance
        ExpertRow(
            key: "ziga", name: "Žiga Novak", languages: ["sl", "en", "hr"], country: "SI", countries: ["SI", "HR"],
            topics: ["blended finance", "social enterprises"],
            bio: "Designs blended finance and repayable grants that sustain social enterprises.", days: 4),
        ExpertRow(
            key: "maja", name: "Maja Horvat", languages: ["sl", "en"], country: "SI", countries: ["SI"],
            topics: ["financial instruments", "sustainable funding"],
            bio: "Advises on ESF+ financial instruments and paid services for centres.", days: 3),
        ExpertRow(
            key: "crypto", name: "Luka Krajnc", languages: ["sl", "en"], country: "SI", countries: ["SI"],
            topics: ["crypto trading", "trading bots"],
            bio: "Trades crypto assets; builds trading bots and financial dashboards for traders.", days: 9),
        ExpertRow(
            key: "financeen", name: "James Evans", languages: ["en"], country: "UK", countries: ["UK"],
            topics: ["impact investment"], bio: "Impact investment funds for social ventures.", days: 2),
        // Social procurement
        ExpertRow(
            key: "agnieszka", name: "Agnieszka Kowalska", languages: ["pl", "en"], country: "PL", countries: ["PL"],
            topics: ["social procurement", "public procurement"],
            bio: "Trains municipalities in socially responsible public procurement.", days: 3),
        ExpertRow(
            key: "procurementes", name: "Javier López", languages: ["es", "en"], country: "ES", countries: ["ES"],
            topics: ["social procurement"], bio: "Social procurement clauses for Spanish municipalities.", days: 5),
        ExpertRow(
            key: "pawel", name: "Paweł Zieliński", languages: ["pl"], country: "PL", countries: ["PL"],
            topics: ["social economy", "cooperatives"],
            bio: "Supports social cooperatives bidding for municipal contracts.", days: 2),
        // Stakeholder engagement
        ExpertRow(
            key: "tereza", name: "Tereza Dvořáková", languages: ["cs", "sk", "en"], country: "CZ",
            countries: ["CZ", "SK"],
            topics: ["co-creation", "community engagement"],
            bio: "Facilitates co-creation of roadmaps with ministries and civil society.", days: 4),
        ExpertRow(
            key: "ondrej", name: "Ondřej Černý", languages: ["cs"], country: "CZ", countries: ["CZ"],
            topics: ["stakeholder engagement"], bio: "Stakeholder engagement for regional development agencies.",
            days: 2),
        ExpertRow(
            key: "engagementfr", name: "Camille Martin", languages: ["fr"], country: "FR", countries: ["FR"],
            topics: ["stakeholder engagement", "participation"], bio: "Participation and stakeholder engagement.",
            days: 6),
        // Scaling
        ExpertRow(
            key: "giulia", name: "Giulia Rossi", languages: ["it", "en"], country: "IT", countries: ["IT", "SI"],
            topics: ["scaling up", "transfer of good practices"],
            bio: "Helps validated initiatives replicate in new regions.", days: 3),
        ExpertRow(
            key: "marco", name: "Marco Bianchi", languages: ["it"], country: "IT", countries: ["IT"],
            topics: ["validation of initiatives"], bio: "Validates social innovation initiatives for the SIM database.",
            days: 2),
        ExpertRow(
            key: "scalingbusy", name: "Luca Ferrari", languages: ["it", "en"], country: "IT", countries: ["IT"],
            topics: ["scaling", "validation", "scaling up", "replication"], bio: "Scaling, scaling, scaling.", days: 0),
        // Governance
        ExpertRow(
            key: "jure", name: "Jure Zupančič", languages: ["sl", "en"], country: "SI", countries: ["SI"],
            topics: ["decentralised governance", "cooperatives"],
            bio: "Designs decentralised governance for distributed organisations, including DAOs.", days: 3,
            organisationOf: "SI"),
        ExpertRow(
            key: "governanceen", name: "Oliver Jones", languages: ["en"], country: "UK", countries: ["UK", "SI"],
            topics: ["governance models"], bio: "Governance models for networks of partners.", days: 4),
        ExpertRow(
            key: "governancefi", name: "Mikko Korhonen", languages: ["fi", "en"], country: "FI", countries: ["FI"],
            topics: ["governance"], bio: "Board governance of foundations.", days: 2),
        // Migrant integration
        ExpertRow(
            key: "jurgen", name: "Jürgen Becker", languages: ["de", "en"], country: "DE", countries: ["DE", "AT"],
            topics: ["migrant integration", "peer learning"],
            bio: "Moderates peer learning on the integration of third-country nationals.", days: 4),
        ExpertRow(
            key: "sabine", name: "Sabine Müller", languages: ["de"], country: "DE", countries: ["DE"],
            topics: ["communities of practice", "facilitation"],
            bio: "Facilitates communities of practice for public employment services.", days: 3),
        ExpertRow(
            key: "migrationfr", name: "Léa Moreau", languages: ["fr"], country: "FR", countries: ["FR"],
            topics: ["migration"], bio: "Migration research.", days: 5),
        // Proposal evaluation
        ExpertRow(
            key: "ilze", name: "Ilze Bērziņa", languages: ["lv", "en"], country: "LV", countries: ["LV", "EE"],
            topics: ["proposal evaluation", "grant monitoring"], bio: "Evaluates proposals for ESF+ and EaSI calls.",
            days: 5),
        ExpertRow(
            key: "janis", name: "Jānis Kalniņš", languages: ["lv", "ru"], country: "LV", countries: ["LV"],
            topics: ["grant evaluation"], bio: "Grant evaluation for national agencies.", days: 2),
        ExpertRow(
            key: "evaluationet", name: "Kadri Tamm", languages: ["et"], country: "EE", countries: ["EE"],
            topics: ["proposal evaluation"], bio: "Proposal evaluation.", days: 4),
        // Generalists and noise
        ExpertRow(
            key: "generalist", name: "Rhys Taylor", languages: ["en"], country: "UK", countries: ["UK"],
            topics: ["social innovation"], bio: "Social innovation generalist working with centres across Europe.",
            days: 6),
        ExpertRow(
            key: "digital", name: "Mads Jensen", languages: ["da", "en"], country: "DK", countries: ["DK"],
            topics: ["digital social innovation"], bio: "Civic tech platforms for social innovation labs.", days: 5),
        ExpertRow(
            key: "skills", name: "Aoife Murphy", languages: ["en", "ga"], country: "IE", countries: ["IE"],
            topics: ["employment and skills"], bio: "Skills programmes for long-term unemployed people.", days: 3),
        ExpertRow(
            key: "training", name: "Andreas Wagner", languages: ["de", "en"], country: "AT", countries: ["AT"],
            topics: ["capacity building", "training"], bio: "Trains centre staff in project management and monitoring.",
            days: 4),
        ExpertRow(
            key: "ruralsk", name: "Marek Varga", languages: ["sk", "hu"], country: "SK", countries: ["SK", "HU"],
            topics: ["rural communities", "stakeholder mapping"],
            bio: "Works with rural communities on stakeholder mapping.", days: 3),
    ]

    static let needs: [NeedRow] = [
        NeedRow(
            key: "impact", centre: "LT", title: "Impact measurement framework",
            description:
                "A basic framework for measuring the social impact of the initiatives the centre supports, and a learning strategy around it.",
            topics: ["impact measurement", "learning strategies"], languages: ["lt", "en"], country: "LT",
            grades: ["egle": 2, "jonas": 2, "ines": 1, "joana": 1, "stuffed": 0, "impactes": 0]),
        NeedRow(
            key: "coastal", centre: "EL", title: "Ecosystem mapping in coastal communities",
            description:
                "Map actors, resources and gaps of the social innovation ecosystem along the coast and on the islands.",
            topics: ["ecosystem mapping", "coastal communities"], languages: ["el", "en"], country: "EL",
            grades: ["eleni": 2, "nikos": 2, "mapen": 1, "mapde": 1, "tourism": 0]),
        NeedRow(
            key: "horizon", centre: "BE", title: "Dialogue with Horizon Europe",
            description:
                "Open a dialogue with Horizon Europe and the EU Missions to fund research-led social innovation.",
            topics: ["Horizon Europe", "EU Missions"], languages: ["en", "fr", "nl"], country: "BE",
            grades: ["pieter": 2, "elise": 2, "horizonbusy": 0]),
        NeedRow(
            key: "finance", centre: "SI", title: "Financial mechanisms to sustain the centre",
            description:
                "Design a mix of paid services and financial instruments so that the centre outlives its grant.",
            topics: ["social finance", "financial instruments"], languages: ["sl", "en"], country: "SI",
            grades: ["ziga": 2, "maja": 2, "financeen": 1, "crypto": 0]),
        NeedRow(
            key: "procurement", centre: "PL", title: "Social procurement guidance for municipalities",
            description: "Guidance for municipalities on buying from social enterprises.",
            topics: ["social procurement"], languages: ["pl"], country: "PL",
            grades: ["agnieszka": 2, "pawel": 1, "procurementes": 0]),
        NeedRow(
            key: "stakeholders", centre: "CZ", title: "Stakeholder engagement roadmap",
            description: "A roadmap for engaging ministries, managing authorities and civil society.",
            topics: ["stakeholder engagement", "co-creation"], languages: ["cs", "en"], country: "CZ",
            grades: ["tereza": 2, "ondrej": 2, "engagementfr": 0]),
        NeedRow(
            key: "scaling", centre: "IT", title: "Scaling a validated initiative",
            description: "Support to transfer and scale a validated social innovation to two more regions.",
            topics: ["scaling", "validation"], languages: ["it", "en"], country: "IT",
            grades: ["giulia": 2, "marco": 2, "scalingbusy": 0]),
        NeedRow(
            key: "rural", centre: "HU", title: "Rural ecosystem mapping",
            description: "Map the social innovation ecosystem in rural and depopulating areas.",
            topics: ["ecosystem mapping", "rural communities"], languages: ["hu"], country: "HU",
            grades: ["zsofia": 2, "gabor": 2, "ruralsk": 2, "ruraltour": 0]),
        NeedRow(
            key: "governance", centre: "SI", title: "Governance model for a distributed centre",
            description: "Options for governing a centre run by several partners, including decentralised models.",
            topics: ["governance models"], languages: ["en"], country: "SI",
            grades: ["governanceen": 2, "jure": 1, "governancefi": 1]),
        NeedRow(
            key: "migrants", centre: "DE", title: "Migrant integration community of practice",
            description: "Moderation of a community of practice on migrant integration.",
            topics: ["migrant integration", "communities of practice"], languages: ["de", "en"], country: "DE",
            grades: ["jurgen": 2, "sabine": 2, "migrationfr": 0]),
        NeedRow(
            key: "indicators", centre: "PT", title: "Outcome indicators for social inclusion projects",
            description: "Shared outcome indicators for the social inclusion projects of the ESF+ programme.",
            topics: ["outcome indicators", "social inclusion"], languages: ["pt", "en"], country: "PT",
            grades: ["ines": 2, "joana": 2, "egle": 1, "impactes": 0]),
        NeedRow(
            key: "evaluators", centre: "LV", title: "Evaluators for a national social innovation call",
            description: "Independent evaluators of proposals for a national social innovation call.",
            topics: ["proposal evaluation"], languages: ["lv", "en"], country: "LV",
            grades: ["ilze": 2, "janis": 2, "evaluationet": 0]),
    ]

    /// Loads the set into a store; returns need key → id and expert id → key.
    static func load(into store: Store) throws -> (needs: [String: String], experts: [String: String]) {
        try store.write { w in
            var centreIDs: [String: String] = [:]
            for country in centres {
                centreIDs[country] = try w.create(
                    .centre, ["name": .text("NCC \(country)"), "country": .text(country)])
            }
            var expertKeys: [String: String] = [:]
            for expert in experts {
                var organisation: Value = .null
                if let partnerOf = expert.organisationOf {
                    organisation = .text(
                        try w.create(
                            .organisation,
                            ["name": .text("Partner of NCC \(partnerOf)"), "centre": .text(centreIDs[partnerOf]!)]))
                }
                let person = try w.create(.person, ["name": .text(expert.name), "organisation": organisation])
                let id = try w.create(
                    .expert,
                    [
                        "person": .text(person), "languages": .list(expert.languages), "country": .text(expert.country),
                        "countries": .list(expert.countries), "topics": .list(expert.topics), "bio": .text(expert.bio),
                        "availability_days": .int(expert.days),
                    ])
                expertKeys[id] = expert.key
            }
            var needIDs: [String: String] = [:]
            for need in needs {
                needIDs[need.key] = try w.create(
                    .need,
                    [
                        "centre": .text(centreIDs[need.centre]!), "title": .text(need.title),
                        "description": .text(need.description),
                        "topics": .list(need.topics), "languages": .list(need.languages),
                        "country": .text(need.country),
                    ])
            }
            return (needIDs, expertKeys)
        }
    }
}
