import TerminalText
import Testing

@Suite struct SanitizerTests {
    @Test func escapeSequencesAndControlsBecomeVisiblePlaceholders() {
        let hostile = "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J name\r\u{7F}\u{9B}31m"
        let clean = Sanitizer.clean(hostile)
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(clean == "Evil␛]0;pwned␇␛[2J name␍␡\u{FFFD}31m")
    }

    @Test func ordinaryTextIsUntouchedAndNewlinesCanBeKept() {
        #expect(Sanitizer.clean("Eglė Butkevičienė, Ελληνικά") == "Eglė Butkevičienė, Ελληνικά")
        #expect(Sanitizer.clean("a\nb\tc", keepNewlines: true) == "a\nb    c")
        #expect(Sanitizer.clean("a\nb") == "a␊b")
    }

    @Test func bidirectionalOverridesCannotReorderALine() {
        #expect(Sanitizer.clean("abc\u{202E}def\u{2066}") == "abc\u{FFFD}def\u{FFFD}")
    }
}

@Suite struct DisplayWidthTests {
    @Test func widthsOfLatinCombiningWideAndEmoji() {
        #expect(DisplayWidth.of("Žiga") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1, "a combining accent takes no column")
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("Ελληνικά") == 8)
    }

    @Test func truncationCountsColumnsNotCharacters() {
        #expect(DisplayWidth.truncate("Eglė Butkevičienė", to: 8) == "Eglė Bu…")
        #expect(DisplayWidth.truncate("日本語テキスト", to: 6) == "日本…", "a wide character is never cut in half")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.fit("日本", to: 6) == "日本  ")
        #expect(DisplayWidth.of(DisplayWidth.fit("Ελληνικά κείμενο", to: 7)) == 7)
    }
}

@Suite struct WrappingTests {
    @Test func wrapsAtSpacesWithinTheWidth() {
        let rows = Wrapping.wrap("Adopt the four strategic working areas of the action plan", width: 20)
        #expect(rows == ["Adopt the four", "strategic working", "areas of the action", "plan"])
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 20 })
    }

    @Test func aShortTextIsOneRowAsItIs() {
        #expect(Wrapping.wrap("  Eglė Butkevičienė", width: 40) == ["  Eglė Butkevičienė"])
    }

    @Test func continuationRowsKeepTheIndent() {
        let rows = Wrapping.wrap("  Discussed the theory of change and the core indicators", width: 24, indent: 2)
        #expect(rows == ["  Discussed the theory", "  of change and the core", "  indicators"])
    }

    @Test func aWordLongerThanTheRowBreaksByCharacters() {
        let rows = Wrapping.wrap("see https://example.eu/a-very-long-path", width: 12)
        // It starts a row of its own, then breaks where the row is full.
        #expect(rows == ["see", "https://exam", "ple.eu/a-ver", "y-long-path"])
    }

    @Test func wideAndCombiningCharactersAreMeasuredAsDrawn() {
        // Each CJK character takes two columns; a combining mark none.
        let rows = Wrapping.wrap("社会创新 能力中心 Ελληνικά", width: 9)
        #expect(rows == ["社会创新", "能力中心", "Ελληνικά"])
        let combining = "e\u{301}e\u{301}e\u{301} e\u{301}e\u{301}"
        #expect(Wrapping.wrap(combining, width: 3) == ["e\u{301}e\u{301}e\u{301}", "e\u{301}e\u{301}"])
        #expect(Wrapping.wrap("能力中心", width: 3) == ["能", "力", "中", "心"])
    }

    @Test func controlCharactersAreMadeSafeBeforeMeasuring() {
        let rows = Wrapping.wrap("a\u{1b}[31mred b", width: 80)
        #expect(rows.count == 1 && !rows[0].contains("\u{1b}"))
    }
}
