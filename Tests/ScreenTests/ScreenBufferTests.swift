import Testing

@testable import Screen

@Suite struct ScreenBufferTests {
    @Test func wideAndCombiningCharactersKeepColumnsAligned() {
        var buffer = ScreenBuffer(width: 12, height: 2)
        #expect(buffer.put("Eglė 日本", x: 0, y: 0) == 9)
        buffer.put("e\u{301}x", x: 0, y: 1)
        #expect(buffer.line(0) == "Eglė 日本")
        #expect(buffer[6, 0].isContinuation)
        #expect(buffer.line(1) == "e\u{301}x")
        #expect(buffer[1, 1].text == "x", "the combining accent joins the e's cell")
    }

    @Test func textIsClippedToItsWidthWithAnEllipsisAndSanitised() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        buffer.put("Butkevičienė Eglė", x: 1, y: 0, maxWidth: 6)
        #expect(buffer.line(0) == " Butke…")
        var evil = ScreenBuffer(width: 20, height: 1)
        evil.put("a\u{1B}[2Jb\rc", x: 0, y: 0)
        #expect(evil.line(0) == "a␛[2Jb␍c")
    }

    @Test func aWideCharacterNeverStraddlesTheEdge() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        buffer.put("ab日本", x: 0, y: 0, maxWidth: 5)
        #expect(buffer.line(0) == "ab日…" || buffer.line(0) == "ab…")
        #expect(!buffer[4, 0].isContinuation)
    }

    @Test func changesAreOnlyTheCellsThatDiffer() {
        var a = ScreenBuffer(width: 20, height: 3)
        a.put("Tasks", x: 0, y: 0)
        var b = a
        b.put("X", x: 3, y: 1)
        let runs = b.changes(since: a)
        #expect(runs.count == 1)
        #expect(runs[0].x == 3 && runs[0].y == 1 && runs[0].cells.count == 1)
        #expect(a.changes(since: nil).count == 3, "a first frame writes every row")
        #expect(b.changes(since: b).isEmpty)
    }
}
