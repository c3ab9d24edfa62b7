import Foundation
import NCCApp
import NCCModel
import NCCStore
import Screen
import Testing

/// A member can read every field: long text wraps in the detail, the detail scrolls to its end,
/// a zoom gives the list or the detail the whole screen, and the minutes' dialogs save on Enter.
@Suite struct ReadingTests {
    static let sizes = [(80, 24), (120, 40), (200, 50)]

    /// Texts of the given length whose last word is unique, so "on screen" means all of it was.
    static func text(_ length: Int, last: String) -> String {
        let words = ["social", "innovation", "centres", "shared", "their", "practice", "with", "peers", "across"]
        var text = ""
        var i = 0
        while text.count < length - last.count - 1 {
            text += (text.isEmpty ? "" : " ") + words[i % words.count]
            i += 1
        }
        return text + " " + last
    }

    static let minutes = text(600, last: "minuteszenith")
    static let decision = text(300, last: "decisionzenith")
    static let bio = text(400, last: "biozenith")

    static func harness(_ width: Int, _ height: Int) throws -> Harness {
        try Harness(width: width, height: height) { w in
            let person = try w.create(.person, ["name": .text("Eglė Butkevičienė")])
            try w.create(
                .expert,
                ["person": .text(person), "languages": .list(["lt"]), "bio": .text(ReadingTests.bio)])
            let meeting = try w.create(
                .meeting,
                [
                    "title": .text("Quarterly Q3"), "start": .text("2026-09-17T09:00:00Z"),
                    "minutes": .text(ReadingTests.minutes),
                ])
            try w.create(.decision, ["meeting": .text(meeting), "text": .text(ReadingTests.decision)])
        }
    }

    /// The detail's text on screen, row by row (the detail's own rectangle of the buffer).
    static func detail(_ h: Harness) -> [String] {
        let area = h.app.layout.detail
        let buffer = h.buffer
        return (area.y..<area.maxY).map { y in
            (area.x..<area.maxX).map { buffer[$0, y].text }.joined()
        }
    }

    /// Presses `key` until `word` is in the detail (at most `limit` times); true when it came.
    static func scroll(_ h: Harness, to word: String, with key: Key = .character("j"), limit: Int = 60) -> Bool {
        for _ in 0...limit {
            if detail(h).joined(separator: "\n").contains(word) { return true }
            h.press(key)
        }
        return false
    }

    /// The meeting's detail, down to its decision's line (a link), and Enter on it.
    static func openTheDecision(_ h: Harness) {
        h.press(.character("4"), .tab)
        for _ in 0..<40
        where h.app.state.detail.selected.map({ h.app.state.detail.lines[$0].target?.kind }) != .decision {
            h.press(.character("j"))
        }
        h.press(.enter)
    }

    static func expectNoCutLines(_ h: Harness, _ sourceLocation: SourceLocation = #_sourceLocation) {
        for line in detail(h) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(
                !trimmed.hasSuffix("…"), "a detail line is cut where it could wrap: \(line)",
                sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: sizes)
    func theLastWordOfLongMinutesIsReachable(_ size: (Int, Int)) throws {
        let h = try Self.harness(size.0, size.1)
        h.press(.character("4"))
        #expect(Self.detail(h).joined().contains("Minutes"))
        h.press(.tab)
        #expect(Self.scroll(h, to: "minuteszenith"), "\(h.screen)")
        Self.expectNoCutLines(h)
    }

    @Test(arguments: sizes)
    func theLastWordOfALongDecisionIsReachable(_ size: (Int, Int)) throws {
        let h = try Self.harness(size.0, size.1)
        Self.openTheDecision(h)
        #expect(h.app.state.detail.stack.last?.kind == .decision, "\(h.screen)")
        #expect(Self.scroll(h, to: "decisionzenith"), "\(h.screen)")
        Self.expectNoCutLines(h)
    }

    @Test(arguments: sizes)
    func theLastWordOfALongBioIsReachable(_ size: (Int, Int)) throws {
        let h = try Self.harness(size.0, size.1)
        h.press(.character("2"))
        #expect(h.screen.contains("Eglė Butkevičienė"))
        h.press(.tab)
        #expect(Self.scroll(h, to: "biozenith"), "\(h.screen)")
        Self.expectNoCutLines(h)
    }

    @Test func aScrolledDetailSaysThereIsMoreAboveAndBelow() throws {
        let h = try Self.harness(80, 24)
        h.press(.character("4"), .tab)
        let area = h.app.layout.detail
        #expect(h.buffer[area.maxX - 1, area.maxY - 1].text == "▼", "more below: \(h.screen)")
        #expect(h.buffer[area.maxX - 1, area.y].text != "▲", "nothing above yet")
        h.press(.character("G"))
        #expect(h.buffer[area.maxX - 1, area.y].text == "▲", "more above: \(h.screen)")
        #expect(h.buffer[area.maxX - 1, area.maxY - 1].text != "▼", "the end is in view")
        h.press(.character("g"))
        #expect(h.app.state.detail.scroll == 0)
    }

    @Test func aDecisionIsSavedOnEnterSoTheNextCanBeTypedAtOnce() throws {
        let h = try Harness()
        h.press(.character("4"), .character("D"))
        #expect(h.screen.contains("Enter/Ctrl-S save"), "the hint says what Enter does: \(h.screen)")
        h.type("Adopt the coastal mapping pilot")
        h.press(.enter)
        #expect(h.app.state.message?.text == "Decision saved")
        h.press(.character("D"))
        h.type("Meet in Riga")
        h.press(.enter)
        let texts = try h.store.read { try $0.list(.decision, limit: 10) }.compactMap { $0[Fields.Decision.text].text }
        #expect(Set(texts) == ["Adopt the coastal mapping pilot", "Meet in Riga"])
    }

    @Test func plusZoomsToTheListThenTheDetailThenBoth() throws {
        let h = try Harness()
        h.press(.character("3"))
        #expect(h.lines[2].contains("│"), "split: the detail is beside the list")
        h.press(.character("+"))
        #expect(!h.lines[2].contains("│") && h.lines[2].hasPrefix("Status"), "the list alone: \(h.lines[2])")
        #expect(h.app.state.region == .list)
        h.press(.character("+"))
        #expect(h.app.state.region == .detail)
        #expect(!h.screen.contains("Status  Due"), "the detail alone: \(h.screen)")
        #expect(h.screen.contains("Map the coastal ecosystem") || h.screen.contains("Draft the impact guide"))
        h.press(.character("+"))
        #expect(h.lines[2].contains("│"), "split again")
        // Each pane keeps its own zoom.
        h.press(.character("+"), .character("4"))
        #expect(h.lines[2].contains("│"), "the Meetings pane is still split: \(h.lines[2])")
        h.press(.character("3"))
        #expect(!h.lines[2].contains("│"), "the Tasks pane is still zoomed to its list")
    }

    @Test func onANarrowScreenEnterGivesTheDetailTheWholeScreenAndEscComesBack() throws {
        let h = try Harness(width: 80, height: 24)
        h.press(.character("3"))
        #expect(h.screen.contains("Status  Due") && h.screen.contains("────"))
        h.press(.enter)
        #expect(h.app.state.region == .detail)
        #expect(!h.screen.contains("Status  Due") && !h.screen.contains("────"), "detail alone: \(h.screen)")
        h.press(.escape)
        #expect(h.app.state.region == .list)
        #expect(h.screen.contains("Status  Due") && h.screen.contains("────"), "back to the list: \(h.screen)")
    }

    @Test func internalFieldsAreNotShownAndTheIdEndsTheDetail() throws {
        let h = try Self.harness(120, 40)
        Self.openTheDecision(h)
        let lines = h.app.state.detail.lines.map(\.text)
        #expect(!lines.contains { $0.hasPrefix("Position") }, "\(lines)")
        let id = try #require(h.app.state.detail.stack.last?.id)
        #expect(lines.last == "id \(id)")
    }

    @Test func theColumnThatNamesARecordGetsAtLeastTwoFifthsOfTheList() throws {
        let h = try Harness()
        h.press(.character("3"))
        let list = h.app.layout.list
        let header = h.lines[2]
        let title = try #require(header.range(of: "Title"))
        let start = header.distance(from: header.startIndex, to: title.lowerBound)
        #expect(list.width - start >= list.width * 2 / 5, "\(header)")
    }
}
