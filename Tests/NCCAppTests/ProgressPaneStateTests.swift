import NCCApp
import NCCModel
import Screen
import Testing

/// The Progress pane keeps its state (`AppState.progress`) rather than reading it back from its
/// lines: the objectives open survive another view, a click is followed as a move is, and the
/// line highlighted is the one the detail is about after the database changed under it.
extension ProgressPaneTests {
    /// The selected line, and whether it is the one the detail is about (marked ›).
    static func selected(_ h: Harness) -> (line: DetailLine, isSubject: Bool)? {
        let detail = h.app.state.detail
        guard let index = detail.selected, detail.lines.indices.contains(index) else { return nil }
        let line = detail.lines[index]
        return (line, line.text.first == "›" && line.target == h.app.state.progress.subject)
    }

    @Test func theObjectivesOpenStayOpenWhileAnotherViewIsShown() throws {
        let h = try Self.harness(width: 200, height: 60)
        h.press(Self.progress, .enter)
        let days = "9 days (2026-06-30) from 2 of 3 centres"
        #expect(Self.line(h, days) != nil, "\(h.screen)")
        h.press(.character("s"))
        #expect(Self.line(h, "Each centre's latest round") != nil, "\(h.screen)")
        #expect(h.app.state.progress.mode == .assessment)
        h.press(.character("s"))
        #expect(Self.line(h, " › ▾ Train the actors") != nil, "still open, from the first line: \(h.screen)")
        #expect(Self.line(h, days) != nil, "\(h.screen)")
        // Through the peer groups and back with Esc as well.
        h.press(.character("g"), .escape, .escape)
        #expect(Self.line(h, "▾ Train the actors") != nil && Self.line(h, days) != nil, "\(h.screen)")
        #expect(Self.selected(h)?.isSubject == true)
    }

    @Test func aClickOnALineOfTheTreeShowsItsDetailAsAMoveDoes() throws {
        let h = try Self.harness(width: 200, height: 60)
        h.press(Self.progress, .enter)
        #expect(Self.line(h, "Baseline 0 → target 300 people") == nil, "the objective's detail first")
        let row = try #require(h.lines.firstIndex { $0.contains("People trained") && $0.contains(" 57% ↑ ⚠") })
        let x = try #require(Self.column(of: "People trained", in: h.lines[row]))
        h.app.handle(.mouse(MouseEvent(button: .left, x: x, y: row)))
        #expect(Self.line(h, "›     People trained") != nil, "\(h.screen)")
        #expect(Self.line(h, "Baseline 0 → target 300 people · due 2026-12-31 · ↑ good") != nil, "\(h.screen)")
        let selected = try #require(Self.selected(h))
        #expect(selected.line.target?.kind == .indicator && selected.isSubject, "\(selected)")
        // A click on the objective again: its detail comes back, the indicator's goes.
        let objective = try #require(h.lines.firstIndex { $0.contains("▾ Train the actors") })
        let at = try #require(Self.column(of: "Train the actors", in: h.lines[objective]))
        h.app.handle(.mouse(MouseEvent(button: .left, x: at, y: objective)))
        #expect(Self.line(h, " › ▾ Train the actors") != nil, "\(h.screen)")
        #expect(Self.line(h, "Baseline 0 → target 300 people") == nil, "\(h.screen)")
        #expect(Self.selected(h)?.isSubject == true)
    }

    @Test func afterADeleteTheLineHighlightedIsTheOneTheDetailIsAbout() throws {
        let h = try Self.harness(width: 200, height: 60)
        // A disputed value deleted from the detail: the indicator stays its subject, and selected.
        h.press(Self.progress, .enter, .down, .down, .tab)
        #expect(Self.selected(h)?.line.target?.kind == .measurement)
        h.press(.character("d"), .character("y"))
        #expect(Self.line(h, "Disputed values") == nil, "\(h.screen)")
        var selected = try #require(Self.selected(h))
        #expect(selected.isSubject && selected.line.target?.kind == .indicator, "\(selected)")
        #expect(Self.line(h, "›     People trained") != nil, "\(h.screen)")
        // The subject deleted: the line now in its place is both selected and the detail's.
        h.press(.character("d"), .character("y"))
        #expect(h.app.state.message?.text == "Deleted indicator 'People trained'")
        #expect(Self.line(h, "People trained", "%") == nil, "\(h.screen)")
        selected = try #require(Self.selected(h))
        #expect(selected.isSubject, "\(selected)")
        #expect(selected.line.target?.kind == .objective, "the next objective took its place: \(h.screen)")
        #expect(Self.line(h, " › ▸ Nacionalinių") != nil, "\(h.screen)")
        #expect(Self.line(h, "veiklos planas") != nil, "its detail, its title whole: \(h.screen)")
    }
}

/// On a screen too narrow for the detail beside the tree, Enter gives an indicator's detail the
/// whole screen (as other panes do a record's) and Esc comes back to the tree on the same line.
extension ProgressPaneTests {
    @Test func onANarrowScreenEnterShowsAnIndicatorsDetailAloneAndEscComesBack() throws {
        let h = try Self.harness(width: 80, height: 24)
        h.press(Self.progress, .enter)
        // Down to the first indicator, whatever lies between.
        while Self.selected(h)?.line.target?.kind != .indicator { h.press(.down) }
        let indicator = try #require(Self.selected(h)?.line)
        #expect(!h.screen.contains("History of the whole group"), "the detail is below the tree: \(h.screen)")
        h.press(.enter)
        #expect(h.app.state.progress.detailAlone)
        #expect(h.lines.first { $0.contains("Esc: back to the list") } != nil, "\(h.screen)")
        #expect(h.screen.contains("Objective: Train the actors"), "\(h.screen)")
        #expect(h.screen.contains("History of the whole group"), "\(h.screen)")
        #expect(!h.screen.contains("▾ Train the actors"), "the tree is not drawn: \(h.screen)")
        h.press(.escape)
        #expect(!h.app.state.progress.detailAlone)
        #expect(h.screen.contains("▾ Train the actors"), "\(h.screen)")
        let back = try #require(Self.selected(h))
        #expect(back.line.target == indicator.target && back.isSubject, "\(back)")
    }
}
