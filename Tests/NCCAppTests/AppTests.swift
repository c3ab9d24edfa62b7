import Foundation
import NCCApp
import NCCModel
import NCCStore
import Screen
import Testing

/// The app driven headless by keys, checked by the text on its screen.
@Suite struct AppTests {
    @Test func theDirectoryListsCentresByCountryWithTheirConsortia() throws {
        let h = try Harness()
        h.press(.character("1"))
        #expect(h.lines[0].contains("1 Directory") && h.lines[0].contains("7 Sync"))
        #expect(h.screen.contains("LT Lithuania"))
        #expect(h.screen.contains("NCC Lithuania") && h.screen.contains("PEnCIL"))
        // The detail of the selected centre shows its partners and contacts.
        #expect(h.screen.contains("Europos socialinio fondo agentūra"))
        #expect(h.screen.contains("Eglė Butkevičienė"))
        #expect(h.lines[h.height - 2].contains("? help"), "the footer lists the keys")
    }

    @Test func filteringTheDirectoryWithButkFindsButkeviciene() throws {
        let h = try Harness()
        h.press(.character("1"))
        h.press(.character("/"))
        h.type("butk")
        let list = h.lines.prefix(10).joined(separator: "\n")
        #expect(list.contains("Eglė Butkevičienė"), "\(h.screen)")
        #expect(!list.contains("NCC Slovenia"))
        #expect(h.lines.last?.hasPrefix("/butk") == true)
        h.press(.escape)
        #expect(h.screen.contains("NCC Slovenia"), "Esc clears the filter")
    }

    @Test func addingATaskThroughTheForm() throws {
        let h = try Harness()
        h.press(.character("3"), .character("a"))
        #expect(h.screen.contains("New task"))
        h.type("Prepare the Riga workshop")
        h.press(.tab, .tab)  // past the status, to the due date
        h.type("2026-12-10")
        h.press(.tab)
        h.type("ziga")
        #expect(h.screen.contains("Žiga Novak"), "the owner picker finds Žiga by typing ziga")
        let lines = h.screen.split(separator: "\n")
        let ownerField = lines.firstIndex { $0.contains("Owner") && $0.contains("ziga") } ?? 0
        let choiceLine = lines[ownerField + 1]  // the dropdown's first line
        let besideChoice = choiceLine.split(separator: "Žiga Novak").last?.prefix { $0 != "│" } ?? ""
        let onlySpaces = besideChoice.allSatisfy { $0 == " " }
        #expect(onlySpaces, "the open dropdown hides the field's hint, not half of it: \(choiceLine)")
        h.press(.enter)  // takes the choice
        h.press(.control("s"))
        #expect(!h.screen.contains("New task"), "the form closed: \(h.screen)")
        #expect(h.screen.contains("Prepare the Riga workshop"))
        let saved = try h.store.read { r in try r.search("riga workshop", kinds: [.task]) }
        let task = try #require(try h.store.read { try $0.record(.task, id: saved[0].id) })
        #expect(task["due"] == .text("2026-12-10"))
        let owner = try h.store.read { try $0.title(.person, id: task["owner"].text ?? "") }
        #expect(owner == "Žiga Novak")
    }

    @Test func tabGoesRoundTheFormAndTheArrowsStopAtItsEnds() throws {
        let h = try Harness()
        h.press(.character("3"), .character("a"))
        func focused() -> Int? { if case .form(let form) = h.app.state.modal { form.focused } else { nil } }
        let last = try #require(
            { if case .form(let form) = h.app.state.modal { form.fields.count - 1 } else { nil } }())
        h.press(.up)
        #expect(focused() == 0, "↑ stops at the first field")
        h.press(.backTab)
        #expect(focused() == last, "S-Tab goes round to the last")
        h.press(.tab)
        #expect(focused() == 0, "Tab goes round to the first")
        for _ in 0..<last { h.press(.down) }
        #expect(focused() == last, "↓ goes down field by field")
        h.press(.down)
        #expect(focused() == last, "the last field, a text area, takes ↓ itself: the focus stays")
    }

    @Test func anImpossibleDateIsShownAtItsFieldAndNothingIsSaved() throws {
        let h = try Harness()
        let before = try h.store.read { try $0.count(.task) }
        h.press(.character("3"), .character("a"))
        h.type("A task with a bad date")
        h.press(.tab, .tab)
        h.type("2026-13-40")
        h.press(.control("s"))
        #expect(h.screen.contains("New task"), "the form stays open")
        #expect(h.screen.contains("'2026-13-40' is not a valid date"), "\(h.screen)")
        #expect(try h.store.read { try $0.count(.task) } == before)
        h.press(.escape)
        #expect(h.screen.contains("Discard the changes"))
        h.press(.character("y"))
        #expect(!h.screen.contains("New task"))
    }

    @Test func resizingLaysOutAgainAndTooSmallShowsANotice() throws {
        let h = try Harness(width: 80, height: 24)
        h.press(.character("1"))
        #expect(h.lines.count == 24 && h.lines[0].contains("1 Directory"))
        h.resize(200, 60)
        #expect(h.lines.count == 60)
        #expect(h.lines[0].contains("7 Sync"))
        #expect(h.lines[2].contains("Country") && h.lines[2].contains("Status"))
        h.resize(50, 12)
        #expect(h.screen.contains("Terminal too small"))
        h.press(.character("3"))
        #expect(h.screen.contains("Terminal too small"), "keys other than q wait for a usable size")
        h.resize(100, 30)
        #expect(h.screen.contains("NCC Lithuania"))
    }

    /// On a narrow screen names and titles give way first: a date or a status cut short says nothing.
    @Test func narrowScreensKeepDatesAndStatusesWhole() throws {
        let h = try Harness(width: 100, height: 30)
        h.press(.character("3"))
        let row = try #require(h.lines.first { $0.hasPrefix("doing") }, "\(h.screen)")
        #expect(row.hasPrefix("doing   2026-10-01 "), "\(row)")
        h.press(.character("4"))
        #expect(h.lines.contains { $0.hasPrefix("2026-09-17 ") }, "\(h.screen)")
    }

    @Test func escapeSequencesAndCarriageReturnsInDataRenderAsPlaceholders() throws {
        let h = try Harness { w in
            try w.create(
                .centre,
                [
                    "name": .text("Evil\u{1B}]0;owned\u{07} centre"), "country": .text("SI"),
                    "description": .text("Overwrite\rX\u{1B}[2J"),
                ])
        }
        h.press(.character("1"))
        let buffer = h.buffer
        #expect(buffer.text.contains("Evil␛]0;owned␇ centre"), "\(buffer.text)")
        #expect(buffer.text.contains("Overwrite␍X␛[2J"), "\(buffer.text)")
        #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
    }

    @Test func tasksSortFilterAndCycleStatus() throws {
        let h = try Harness()
        h.press(.character("3"))
        #expect(h.screen.contains("Map the coastal ecosystem"))
        h.press(.character("O"))
        #expect(
            h.screen.contains("Map the coastal ecosystem") && !h.screen.contains("Draft the impact guide"),
            "only overdue")
        h.press(.character(" "))
        #expect(h.screen.contains("is now blocked"))
        h.press(.character("c"), .character("S"))
        #expect(h.screen.contains("only status todo"))
        #expect(h.screen.contains("Draft the impact guide") && !h.screen.contains("Map the coastal"))
    }

    @Test func minuteTakingSavesEachEntryAtOnce() throws {
        let h = try Harness()
        h.press(.character("4"), .character("n"))
        h.type("The host presented the Lithuanian NCC.")
        h.press(.enter)
        h.press(.character("D"))
        h.type("Adopt the impact guide outline")
        h.press(.control("s"))
        h.press(.character("A"))
        h.type("Circulate the outline")
        h.press(.tab)
        h.type("egle")
        h.press(.enter, .tab)
        h.type("2026-12-01")
        h.press(.control("s"))
        let meeting = try #require(try h.store.read { try $0.list(.meeting, limit: 1).first })
        #expect(meeting["minutes"].text == "Welcome by the host.\nThe host presented the Lithuanian NCC.")
        #expect(try h.store.read { try $0.count(.decision) } == 1)
        let item = try #require(try h.store.read { try $0.list(.actionItem, limit: 1).first })
        let task = try #require(try h.store.read { try $0.record(.task, id: item["task"].text ?? "") })
        #expect(task["title"] == .text("Circulate the outline"))
        #expect(task["origin"] == .text(item.id))
        #expect(h.screen.contains("→ Circulate the outline · Eglė Butkevičienė"))
    }

    /// Minutes written in $EDITOR at an event are never thrown away: when they cannot be saved
    /// (here the meeting was deleted by an import meanwhile), the file stays and the message names it.
    @Test func minutesThatCannotBeSavedStayInTheirFile() throws {
        let h = try Harness()
        h.press(.character("4"))
        guard case .editExternally(let file) = h.app.handle(.key(.character("E"))) else {
            Issue.record("E did not open the editor")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("Welcome by the host.\nŽiga Novak presented the coastal map.\n".utf8).write(
            to: URL(fileURLWithPath: file))
        let meeting = try #require(try h.store.read { try $0.list(.meeting, limit: 1).first })
        try h.store.write { try $0.delete(.meeting, id: meeting.id) }

        h.app.finishEditing(succeeded: true)
        #expect(h.app.state.message?.kind == .error)
        #expect(h.app.state.message?.text.contains(file) == true, "\(String(describing: h.app.state.message))")
        #expect(
            FileManager.default.contents(atPath: file)
                == Data("Welcome by the host.\nŽiga Novak presented the coastal map.\n".utf8))

        // Saved minutes leave no file behind.
        try h.store.write { w in try Harness.sampleData(w) }
        _ = h.app.handle(.tick)  // the app notices the new meeting as it would within a second
        guard case .editExternally(let second) = h.app.handle(.key(.character("E"))) else {
            Issue.record("E did not open the editor")
            return
        }
        try Data("Saved this time.".utf8).write(to: URL(fileURLWithPath: second))
        h.app.finishEditing(succeeded: true)
        #expect(h.app.state.message?.text == "Saved the minutes")
        #expect(!FileManager.default.fileExists(atPath: second))
    }

    @Test func helpAndFooterComeFromTheSameTable() throws {
        let h = try Harness()
        h.press(.character("3"), .character("?"))
        for binding in ActionTable.bindings(in: .tasks) {
            #expect(h.screen.contains(binding.help), "\(binding.action)")
        }
        h.press(.character("x"))
        #expect(!h.screen.contains("Keys: Tasks"))
    }

    @Test func thePaletteJumpsToAnyRecord() throws {
        let h = try Harness()
        h.press(.character(":"))
        h.type("quarterly")
        h.press(.enter)
        #expect(h.lines[0].contains("4 Meetings"))
        #expect(h.screen.contains("Welcome by the host."))
    }

    @Test func anEmptyDatabaseOpensOnTheWelcomeScreen() throws {
        let h = try Harness { _ in }
        #expect(h.screen.contains("This database is empty"))
        h.press(.character("d"))
        #expect(h.screen.contains("Loaded sample data"))
        h.press(.character("1"))
        #expect(h.screen.contains("NCC Lithuania"))
    }

    @Test func escNeverQuitsAndQDoes() throws {
        let h = try Harness()
        for _ in 0..<5 { #expect(h.app.handle(.key(.escape)) == .none) }
        #expect(h.app.handle(.key(.character("q"))) == .quit)
    }
}

@Suite struct LiveChangeTests {
    @Test func aChangeByAnotherConnectionShowsOnTheNextTick() throws {
        let h = try Harness()
        h.press(.character("1"))
        #expect(!h.screen.contains("NCC Malta"))
        // Another process: its own store on the same file, as `ncc import-csv` would be.
        let other = try Store.open(path: h.store.path)
        _ = try other.write { try $0.create(.centre, ["name": .text("NCC Malta"), "country": .text("MT")]) }
        h.app.handle(.tick)
        #expect(h.screen.contains("NCC Malta"))
    }
}

@Suite struct MouseTests {
    @Test func aClickSelectsARowAndTheWheelScrolls() throws {
        let h = try Harness()
        h.press(.character("1"))
        #expect(h.app.state.list.selected == 0)
        // Row 0 is the tab bar, 1 the list title, 2 the column titles: row 4 is the second centre.
        h.app.handle(.mouse(MouseEvent(button: .left, x: 5, y: 4)))
        #expect(h.app.state.list.selected == 1)
        #expect(h.app.state.region == .list)
        h.app.handle(.mouse(MouseEvent(button: .wheelUp, x: 5, y: 4)))
        #expect(h.app.state.list.selected == 0)
        // A click on a tab switches panes.
        let tasksTab = try #require(h.lines[0].range(of: "3 Tasks"))
        h.app.handle(
            .mouse(
                MouseEvent(
                    button: .left, x: h.lines[0].distance(from: h.lines[0].startIndex, to: tasksTab.lowerBound), y: 0)))
        #expect(h.lines[0].contains("3 Tasks") && h.screen.contains("Tasks · sorted by due"))
        #expect(h.app.handle(.key(.character("M"))) == .setMouse(false), "M hands mouse capture back to the terminal")
    }
}

@Suite struct ExpertsPaneTests {
    @Test func aNeedShowsItsRankedExpertsAndAnEngagementGoesFromProposedToDoneWithFeedback() throws {
        let h = try Harness()
        h.press(.character("2"), .character("n"))
        #expect(h.screen.contains("Impact measurement framework"))
        #expect(h.screen.contains("Experts for this need"))
        #expect(
            h.screen.contains("Eglė Butkevičienė"), "SROI and outcome indicators cover impact measurement: \(h.screen)")
        // Tab to the detail: the first openable line is the best expert; its full explanation opens under it.
        h.press(.tab)
        #expect(h.screen.contains("topics +"), "the selected match shows every factor")
        h.press(.enter)
        #expect(h.screen.contains("Propose Eglė Butkevičienė"))
        h.press(.character("y"))
        #expect(h.screen.contains("[proposed] Eglė Butkevičienė"))
        // The engagement line is selectable: s moves it on.
        h.press(.home)
        h.press(.character("s"))
        #expect(h.screen.contains("[agreed] Eglė Butkevičienė"), "\(h.screen)")
        h.press(.character("s"))
        #expect(h.screen.contains("how did it go?"))
        h.type("4")
        h.press(.control("s"))
        #expect(h.screen.contains("[done] Eglė Butkevičienė · feedback 4/5"), "\(h.screen)")
    }

    @Test func theLanguageFilterCanBeSwitchedOff() throws {
        let h = try Harness { w in
            try Harness.sampleData(w)
            let person = try w.create(.person, ["name": .text("Nuria García")])
            try w.create(
                .expert,
                [
                    "person": .text(person), "languages": .list(["es"]), "topics": .list(["impact measurement"]),
                    "availability_days": .int(5),
                ])
        }
        h.press(.character("2"), .character("n"))
        #expect(!h.screen.contains("Nuria García"), "the need asks for Lithuanian")
        h.press(.character("L"))
        #expect(h.screen.contains("Nuria García"))
        #expect(h.screen.contains("speaks none of lt"))
        #expect(h.screen.contains("(off: language)"))
    }
}
