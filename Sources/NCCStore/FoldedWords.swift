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

    /// How many of the query words begin one of these words.
    func matches(_ query: [String]) -> Int {
        query.filter { word in words.contains { $0.folded.hasPrefix(word) } }.count
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
