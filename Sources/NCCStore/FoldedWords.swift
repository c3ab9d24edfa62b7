import Foundation
import NCCModel

/// The words of a text as a search sees them: letters and digits, case and diacritics folded
/// (`Kühne` is `kuhne`, `Ελένη` is `ελενη`), each with where it stands in the text.
struct FoldedWords {
    let text: String
    let words: [(range: Range<String.Index>, folded: String)]

    init(_ text: String) {
        self.text = text
        var words: [(Range<String.Index>, String)] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isLetter || character.isNumber {
                if start == nil { start = index }
            } else if let begun = start {
                words.append((begun..<index, Folding.key(String(text[begun..<index]))))
                start = nil
            }
            index = text.index(after: index)
        }
        if let begun = start { words.append((begun..<text.endIndex, Folding.key(String(text[begun...])))) }
        self.words = words
    }

    /// How many of the query words (folded) begin a word of `text`. A search as you type scores
    /// 2,000 titles per keystroke, so this folds the text once and compares bytes, where the
    /// words and snippets above fold word by word.
    static func matches(_ query: [String], in text: String) -> Int {
        var folded = Folding.key(text)
        return folded.withUTF8 { bytes in
            query.filter { word in
                var word = word
                return word.withUTF8 { w in
                    guard !w.isEmpty, w.count <= bytes.count else { return false }
                    for start in 0...(bytes.count - w.count) where start == 0 || Self.separates(bytes[start - 1]) {
                        if memcmp(bytes.baseAddress! + start, w.baseAddress!, w.count) == 0 { return true }
                    }
                    return false
                }
            }.count
        }
    }

    /// A byte before a word: ASCII that is neither a letter nor a digit (any byte of a non-ASCII
    /// character counts as part of a word).
    private static func separates(_ byte: UInt8) -> Bool {
        byte < 0x80 && !(byte >= 0x30 && byte <= 0x39) && !(byte >= 0x61 && byte <= 0x7A)
            && !(byte >= 0x41 && byte <= 0x5A)
    }

    /// About `length` words around the first that a query word begins, the matched ones between
    /// `mark`s, with "…" where text was cut; nil when no word matches.
    func snippet(_ query: [String], mark: (String, String), length: Int = 10) -> String? {
        let hit = { (i: Int) in query.contains { self.words[i].folded.hasPrefix($0) } }
        guard let first = words.indices.first(where: hit) else { return nil }
        let start = max(0, min(first - 2, words.count - length))
        let end = min(words.count, start + length)
        var out = start > 0 ? "…" : ""
        var at = start > 0 ? words[start].range.lowerBound : text.startIndex
        for i in start..<end {
            let range = words[i].range
            out += text[at..<range.lowerBound]
            out += hit(i) ? mark.0 + text[range] + mark.1 : String(text[range])
            at = range.upperBound
        }
        out += end < words.count ? "…" : text[at...]
        return out
    }
}
