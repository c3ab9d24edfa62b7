import Foundation
import NCCApp
import NCCModel
import NCCStore
import Screen
import Testing

/// The Decisions pane on a real database file: this replica speaks for Eglė, proposals are added
/// through the form, voted on with keys, closed into decisions, and read back from the screen.
@Suite struct DecisionsPaneTests {
    static let decisions = Key.character("5")

    /// The sample group with this replica bound to Eglė (and whatever `more` adds).
    static func harness(bound: Bool = true, _ more: (StoreWriter) throws -> Void = { _ in }) throws -> Harness {
        try Harness(
            width: 200, height: 50,
            fill: { w in
                try Harness.sampleData(w)
                if bound { try w.bind(person: try w.reader.resolve(.person, "Eglė Butkevičienė")) }
                try more(w)
            })
    }

    /// Adds a proposal through the pane's form: a title, a quorum of two, closing in 2099.
    static func addProposal(_ h: Harness, _ title: String) {
        h.press(decisions, .character("a"))
        h.type(title)
        // title → status → process → options → electorate → quorum
        for _ in 0..<5 { h.press(.tab) }
        h.type("2")
        h.press(.tab, .tab, .tab)  // threshold → opens → closes
        h.type("2099-01-01T10:00Z")
        h.press(.control("s"))
    }

    /// The screen line that holds all these pieces.
    static func line(_ h: Harness, _ parts: String...) -> String? {
        h.lines.first { line in parts.allSatisfy { line.contains($0) } }
    }

    @Test func votingYesShowsTheTallyBarTheBallotAndWhatIsStillNeeded() throws {
        let h = try Self.harness()
        Self.addProposal(h, "Host the 2027 plenary in Vilnius")
        #expect(h.app.state.pane == .decisions)
        #expect(h.app.state.modal == nil, "\(h.screen)")
        // The new proposal is selected and shown: nobody has voted, a quorum of two is missing.
        #expect(h.app.state.list.selectedRow?.kind == .proposal)
        #expect(h.screen.contains("Host the 2027 plenary in Vilnius"))
        #expect(h.screen.contains("Consent: adopted at the close unless someone objects"), "\(h.screen)")
        #expect(Self.line(h, "quorum: 2 voters more (0 of 2)") != nil, "\(h.screen)")
        #expect(Self.line(h, "you have not voted: y yes · o object · b abstain") != nil, "\(h.screen)")
        #expect(Self.line(h, "time left:", "(closes 2099-01-01 10:00 UTC)") != nil, "\(h.screen)")

        h.press(.character("y"))
        #expect(h.app.state.message?.text.hasPrefix("Voted yes on 'Host the 2027 plenary in Vilnius'") == true)
        let screen = h.screen
        // A bar for yes (one vote, the longest), none for object and abstain, each with its count.
        let yes = try #require(Self.line(h, "yes ", "█", " 1"), "\(screen)")
        #expect(!yes.contains("Eglė"))
        #expect(Self.line(h, "object ", " 0") != nil, "\(screen)")
        #expect(Self.line(h, "if it closed now: no quorum (1 of 2)") != nil, "\(screen)")
        #expect(Self.line(h, "quorum: 1 voter more (1 of 2)") != nil, "\(screen)")
        #expect(Self.line(h, "your vote: yes (counted); vote again to change it") != nil, "\(screen)")
        #expect(Self.line(h, "Eglė Butkevičienė, NCC Lithuania (you): yes · counted") != nil, "\(screen)")
        // The list says how I voted.
        #expect(Self.line(h, "open", "2099-01-01 10:00", "Host the 2027", "consent", "yes") != nil, "\(screen)")
    }

    @Test func anObjectionAsksForItsReasonAndReplacesTheEarlierVote() throws {
        let h = try Self.harness()
        Self.addProposal(h, "Adopt the travel policy")
        h.press(.character("y"), .character("o"))
        guard case .prompt(let prompt) = h.app.state.modal else {
            Issue.record("no prompt for the reason: \(h.screen)")
            return
        }
        #expect(prompt.title == "Object to 'Adopt the travel policy'")
        // An objection without its reason is refused at the prompt, which stays open.
        h.press(.enter)
        #expect(h.app.state.message?.text.contains("An objection needs its reason") == true)
        #expect(h.app.state.modal != nil)
        h.type("Train fares are missing")
        h.press(.enter)
        #expect(h.app.state.modal == nil)
        #expect(
            h.app.state.message?.text.hasPrefix("Changed your vote on 'Adopt the travel policy' from yes to object")
                == true, "\(h.app.state.message?.text ?? "")")
        let screen = h.screen
        #expect(Self.line(h, "Eglė Butkevičienė, NCC Lithuania (you): object · counted") != nil, "\(screen)")
        #expect(Self.line(h, " UTC · “Train fares are missing”") != nil, "\(screen)")
        #expect(Self.line(h, "(you): yes · not counted: replaced by a") != nil, "\(screen)")
        #expect(Self.line(h, "object ", "█", " 1") != nil, "\(screen)")
        #expect(Self.line(h, "yes ", " 0") != nil, "\(screen)")
        #expect(Self.line(h, "Ballots (2)") != nil, "\(screen)")
    }

    @Test func aPollTakesAnOptionTypedWithAReason() throws {
        let h = try Self.harness { w in
            try w.create(
                .proposal,
                [
                    "title": .text("Venue 2027"), "process": .text("poll"), "options": .list(["Vilnius", "Ljubljana"]),
                    "closes": .text("2099-01-01T10:00:00Z"),
                ])
        }
        h.press(Self.decisions)
        #expect(Self.line(h, "you have not voted: v picks an option") != nil, "\(h.screen)")
        h.press(.character("v"))
        guard case .prompt(let prompt) = h.app.state.modal else {
            Issue.record("no prompt for the choice: \(h.screen)")
            return
        }
        #expect(prompt.title == "Vote on 'Venue 2027' · choices: Vilnius, Ljubljana, abstain")
        h.type("ljubljana: closer for most of us")
        h.press(.enter)
        #expect(h.app.state.message?.text.hasPrefix("Voted Ljubljana on 'Venue 2027'") == true)
        #expect(Self.line(h, "Ljubljana ", "█", " 1") != nil, "\(h.screen)")
        #expect(Self.line(h, "Vilnius ", " 0") != nil, "\(h.screen)")
        #expect(Self.line(h, "“closer for most of us”") != nil, "\(h.screen)")
        // yes is not a choice of a poll: the store says so on the message line.
        h.press(.character("y"))
        #expect(h.app.state.message?.kind == .error)
        #expect(h.app.state.message?.text.contains("'yes' is not a choice here") == true)
    }

    @Test func closingMakesADecisionInTheRegisterAndVotingAfterwardsIsRefusedInOneLine() throws {
        let h = try Self.harness()
        Self.addProposal(h, "Publish the annual report")
        h.press(.character("y"), .character("c"))
        guard case .prompt(let prompt) = h.app.state.modal else {
            Issue.record("no confirmation: \(h.screen)")
            return
        }
        #expect(prompt.title == "Close 'Publish the annual report' now? It would be: no quorum (1 of 2)")
        h.type("20261")
        h.press(.enter)
        #expect(h.app.state.message?.text.contains("is not a date") == true)
        for _ in 0..<5 { h.press(.backspace) }
        // Reviewed before today (the harness's 2026-11-23): due for review at once.
        h.type("2026-11-01")
        h.press(.enter)
        #expect(h.app.state.modal == nil)
        #expect(
            h.app.state.message?.text.hasPrefix("Closed 'Publish the annual report': no quorum (1 of 2)") == true,
            "\(h.app.state.message?.text ?? "")")
        var screen = h.screen
        #expect(Self.line(h, "Status: closed") != nil, "\(screen)")
        #expect(Self.line(h, "decision: Publish the annual report: no quorum (1 of 2) · review 2026-11-01") != nil)
        #expect(!screen.contains("Still needed"))

        // Voting on it now is refused, in one line on the message line.
        h.press(.character("n"))
        let message = try #require(h.app.state.message)
        #expect(message.kind == .error)
        #expect(message.text.hasPrefix("'Publish the annual report' closed at "), "\(message.text)")
        #expect(!message.text.contains("\n"))
        #expect(h.lines[h.height - 1].contains("'Publish the annual report' closed at"))

        // The register lists the decision, due for review, with its proposal.
        h.press(.character("r"))
        screen = h.screen
        #expect(screen.contains("Decisions register"), "\(screen)")
        #expect(Self.line(h, "due for review", "Publish the annual report: no quorum", "Publish the annual") != nil)
        #expect(Self.line(h, "State: due for review · review 2026-11-01") != nil, "\(screen)")
        #expect(Self.line(h, "Proposal: Publish the annual report") != nil, "\(screen)")

        // The Overview lists it as due for review.
        h.press(.character("0"))
        #expect(Self.line(h, "Decisions due for review (1)") != nil, "\(h.screen)")
        #expect(Self.line(h, "review 2026-11-01 · Publish the annual report: no quorum (1 of 2)") != nil)
    }

    @Test func aFollowUpTaskIsAddedFromTheRegister() throws {
        var decision = ""
        let h = try Self.harness { w in
            let proposal = try w.create(.proposal, [Fields.Proposal.title: .text("Adopt the glossary")])
            try w.cast(on: proposal, choice: "yes", now: Dates.nowUTC())
            decision = try w.close(proposal, now: Dates.nowUTC())
        }
        h.press(Self.decisions, .character("r"))
        #expect(h.screen.contains("Decisions register"))
        let row = try #require(
            (0..<h.app.state.list.total).first { h.app.state.list.row(at: $0)?.id == decision })
        h.press(.home)
        for _ in 0..<row { h.press(.down) }
        h.press(.character("a"))
        let form = try #require({ if case .form(let f) = h.app.state.modal { f } else { nil } }())
        #expect(form.title == "New task")
        let linked = try #require(form.fields.first { $0.field.name == Fields.Task.decision.name })
        #expect(linked.chosenID == decision && linked.input.text.hasPrefix("Adopt the glossary: adopted"))
        h.type("Translate the glossary")
        h.press(.control("s"))
        #expect(h.app.state.modal == nil, "\(h.screen)")
        let tasks = try h.store.read { try $0.records(where: Fields.Task.decision, is: decision) }
        #expect(tasks.map { $0[Fields.Task.title].text } == ["Translate the glossary"])
    }

    @Test func theOverviewListsAProposalAwaitingMyVoteUntilIVote() throws {
        let h = try Self.harness { w in
            try w.create(
                .proposal,
                ["title": .text("Join the Baltic network"), "closes": .text("2099-03-01T12:00:00Z")])
        }
        #expect(h.app.state.pane == .overview)
        #expect(Self.line(h, "Proposals awaiting my vote (1)") != nil, "\(h.screen)")
        #expect(Self.line(h, "closes 2099-03-01 12:00 · Join the Baltic network · consent") != nil, "\(h.screen)")
        #expect(Self.line(h, "Decisions due for review (0)") != nil)
        // Enter on it shows it in the Decisions pane, where y votes.
        while h.app.state.detail.selected.map({ h.app.state.detail.lines[$0].target?.kind }) != .proposal {
            h.press(.down)
        }
        h.press(.enter)
        #expect(h.app.state.pane == .decisions)
        h.press(.character("y"))
        h.press(.character("0"))
        #expect(Self.line(h, "Proposals awaiting my vote (0)") != nil, "\(h.screen)")
    }

    @Test func aProposalPutToAMeetingIsShownForTheRoomToVote() throws {
        let h = try Self.harness()
        h.press(.character("4"), .character("p"))
        guard case .form(let form) = h.app.state.modal else {
            Issue.record("no proposal form: \(h.screen)")
            return
        }
        #expect(form.title == "New proposal")
        #expect(form.fields.first { $0.field.name == "meeting" }?.text == "Quarterly meeting Q3")
        h.type("Extend the mentoring pilot")
        h.press(.control("s"))
        #expect(h.app.state.pane == .decisions)
        #expect(Self.line(h, "Meeting: Quarterly meeting Q3") != nil, "\(h.screen)")
        h.press(.character("b"))
        #expect(h.app.state.message?.text.hasPrefix("Voted abstain on 'Extend the mentoring pilot'") == true)
        #expect(Self.line(h, "abstain ", "█", " 1") != nil, "\(h.screen)")
    }

    @Test func withoutAPersonThePanesSayWhoToBecome() throws {
        let h = try Self.harness(bound: false) { w in
            try w.create(.proposal, ["title": .text("Rename the working area")])
        }
        h.press(Self.decisions)
        #expect(Self.line(h, "this replica speaks for no one: ncc whoami --person NAME") != nil, "\(h.screen)")
        h.press(.character("y"))
        #expect(h.app.state.message?.kind == .error)
        #expect(h.app.state.message?.text.contains("this replica speaks for no one yet") == true)
        h.press(.character("7"))
        #expect(Self.line(h, "Speaks for no one: ncc whoami --person NAME") != nil, "\(h.screen)")
    }

    @Test func theSyncPaneSaysWhomThisReplicaSpeaksFor() throws {
        let h = try Self.harness()
        h.press(.character("7"))
        #expect(Self.line(h, "Speaks for: Eglė Butkevičienė") != nil, "\(h.screen)")
    }

    @Test func hostileTextInATitleAndAReasonIsDrawnAsOneSafeLine() throws {
        let h = try Self.harness { w in
            let proposal = try w.create(
                .proposal, ["title": .text("Budget\u{1B}[2J plan"), "closes": .text("2099-01-01T10:00:00Z")])
            try w.cast(on: proposal, choice: "object", reason: "too\u{1B}[31m\ncostly", now: Dates.nowUTC())
        }
        h.press(Self.decisions)
        let screen = h.screen
        #expect(!screen.contains("\u{1B}"))
        #expect(Self.line(h, "Budget", "plan") != nil, "\(screen)")
        // The reason's line break is drawn as ↵, on the ballot's one line.
        #expect(Self.line(h, "“too", "↵ costly”") != nil, "\(screen)")
    }
}
