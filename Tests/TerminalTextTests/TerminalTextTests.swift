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
