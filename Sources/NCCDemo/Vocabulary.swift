/// The words of the demo's invented parts: topics, needs, tasks, organisations and minutes,
/// drawn from the working group's own vocabulary (the public facts' taxonomy of expert areas).
enum Vocabulary {
    static let topics = [
        "impact measurement", "social impact assessment", "SROI", "outcome indicators", "learning strategies",
        "ecosystem mapping", "stakeholder mapping", "coastal communities", "rural communities", "social finance",
        "blended finance", "financial instruments", "social procurement", "stakeholder engagement", "co-creation",
        "Horizon Europe", "EU Missions", "governance models", "policy analysis", "scaling", "validation",
        "capacity building", "communities of practice", "social inclusion", "migrant integration",
        "employment and skills", "material deprivation", "social economy", "digital social innovation", "moderation",
        "proposal evaluation", "grant monitoring",
    ]

    /// (title, description, topics) of needs centres raise.
    static let needs: [(String, String, [String])] = [
        (
            "Impact measurement framework",
            "A basic framework for measuring the social impact of the initiatives the centre supports, and a learning strategy around it.",
            ["impact measurement", "outcome indicators", "learning strategies"]
        ),
        (
            "Ecosystem mapping in coastal communities",
            "Map actors, resources and gaps of the social innovation ecosystem along the coast.",
            ["ecosystem mapping", "coastal communities", "stakeholder mapping"]
        ),
        (
            "Dialogue with Horizon Europe",
            "Open a dialogue with Horizon Europe and the EU Missions to fund research-led social innovation.",
            ["Horizon Europe", "EU Missions", "policy analysis"]
        ),
        (
            "Financial mechanisms to sustain the centre",
            "Design a mix of paid services and financial instruments so that the centre outlives its grant.",
            ["social finance", "blended finance", "financial instruments"]
        ),
        (
            "Social procurement guidance for municipalities",
            "Guidance for municipalities on buying from social enterprises.",
            ["social procurement", "social economy", "policy analysis"]
        ),
        (
            "Stakeholder engagement roadmap",
            "A roadmap for engaging ministries, managing authorities and civil society.",
            ["stakeholder engagement", "co-creation", "governance models"]
        ),
        (
            "Scaling a validated initiative",
            "Support to transfer and scale a validated social innovation to two more regions.",
            ["scaling", "validation", "capacity building"]
        ),
        (
            "Rural ecosystem mapping", "Map the social innovation ecosystem in rural and depopulating areas.",
            ["ecosystem mapping", "rural communities"]
        ),
        (
            "Governance model for a distributed centre",
            "Options for governing a centre run by several partners, including decentralised models.",
            ["governance models", "co-creation"]
        ),
        (
            "Evaluation of proposals for a national call",
            "Independent evaluators for a national social innovation call.",
            ["proposal evaluation", "grant monitoring"]
        ),
        (
            "Migrant integration community of practice",
            "Moderation of a community of practice on migrant integration.",
            ["migrant integration", "communities of practice", "moderation"]
        ),
        (
            "Outcome indicators for social inclusion projects",
            "Shared outcome indicators for the social inclusion projects of the ESF+ programme.",
            ["outcome indicators", "social inclusion", "impact measurement"]
        ),
    ]

    static let taskVerbs = [
        "Draft", "Review", "Collect", "Publish", "Translate", "Present", "Update", "Coordinate", "Prepare", "Map",
    ]
    static let taskObjects = [
        "the ecosystem mapping template", "the impact measurement guide", "the good practice collection",
        "the policy brief on ESF+ programmes", "the quarterly progress report", "the capacity group survey",
        "the stakeholder engagement roadmap", "the training on scaling", "the repository of tools and methods",
        "the input to the SI CoP", "the joint event programme", "the peer review of operational models",
        "the glossary of social innovation terms", "the list of needs for expert support",
    ]

    static let bioOpenings = [
        "Works on %@ with public authorities and social enterprises.",
        "Has led %@ projects in several EU programmes.",
        "Researcher and trainer in %@.",
        "Advises managing authorities on %@.",
        "Practitioner in %@ with a background in community development.",
    ]
    static let bioClosings = [
        "Experienced moderator of mutual learning sessions.",
        "Has evaluated proposals for ESF+ and EaSI calls.",
        "Co-author of a handbook for social innovators.",
        "Former coordinator of a national social economy network.",
        "",
    ]

    /// Name patterns of organisations, by kind (`%@` is the country's name).
    static let organisationNames: [String: [String]] = [
        "ministry": ["Ministry of Labour and Social Affairs of %@", "Ministry of Economic Development of %@"],
        "managing_authority": ["ESF+ Managing Authority of %@"],
        "agency": ["National ESF Agency of %@", "Employment Agency of %@"],
        "ngo": ["Social Innovation Forum %@", "Civil Society Network %@", "Community Action %@"],
        "university": ["University of Applied Sciences %@", "Institute for Social Research %@"],
        "research": ["Centre for Social Policy Studies %@"],
        "social_enterprise": ["Green Hands Social Enterprise %@", "Second Chance Workshop %@"],
        "cooperative": ["Solar Energy Cooperative %@", "Food Cooperative %@"],
        "municipality": ["City of %@ Capital", "Regional Council %@"],
        "business": ["Impact Ventures %@", "Digital Commons Ltd %@"],
        "network": ["Social Economy Alliance %@"],
        "other": ["Foundation for Social Innovation %@"],
    ]

    static let agenda = [
        "Welcome and round of news", "Progress of the action plan", "Needs for expert support",
        "Thematic session", "Next steps and any other business",
    ]
    static let minutes = [
        "Each centre reported on its activities since the last meeting.",
        "The group reviewed the progress of the working areas.",
        "Several centres asked for support with impact measurement.",
        "The ecosystem mapping methodology was discussed in small groups.",
        "Members shared experience with managing authorities.",
        "The joint event with the SI CoP was prepared.",
    ]
    static let decisions = [
        "Circulate the draft for comments within two weeks", "Hold the next thematic session online",
        "Invite managing authorities to the joint event", "Adopt the glossary as a working document",
    ]
    static let meetingTitles = [
        "Quarterly meeting", "Thematic session: ecosystem mapping", "Thematic session: impact measurement",
        "Joint event with the SI CoP", "Workshop: scaling good practices", "Thematic session: policy guidance",
    ]
}
