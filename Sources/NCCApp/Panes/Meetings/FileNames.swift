import Foundation

/// Names for the files the app writes for people.
enum FileNames {
    /// A file name from a title: lower case ASCII letters and digits, words joined by hyphens
    /// ("Quarterly meeting Q3 (Vilnius)" → "quarterly-meeting-q3-vilnius"); accents are dropped.
    static func slug(_ title: String, fallback: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let slug = String(words.joined(separator: "-").prefix(80))
        return slug.isEmpty ? fallback : slug.hasSuffix("-") ? String(slug.dropLast()) : slug
    }
}
