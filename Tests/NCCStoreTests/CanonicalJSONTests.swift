import Foundation
import NCCModel
import Testing

/// Lists and stamp maps are read on every list row through a fast path; whatever it is given,
/// it must agree with Foundation's JSON decoder.
@Suite struct CanonicalJSONTests {
    static let lists: [[String]] = [
        [], [""], ["lt", "el", "en"], ["social finance", "Žiga’s \"quoted\" topic"],
        ["back\\slash", "tab\there", "\u{7}bell"],
        ["Ελληνικά", "😀", "a,b", "x]y", "k\":\"v"],
    ]

    @Test func listsReadBackAsWritten() throws {
        for list in Self.lists {
            let text = CanonicalJSON.encode(list)
            #expect(CanonicalJSON.decodeList(text) == list, "\(text)")
            #expect(CanonicalJSON.decodeList(text) == (try JSONDecoder().decode([String].self, from: Data(text.utf8))))
        }
    }

    @Test func stringMapsReadBackAsWritten() throws {
        let maps: [[String: String]] = [
            [:], ["name": "01HX-1 a"], ["a": "", "b": "x\"y", "ž": "Ελ"], ["k,": ":v", "x}": "{y"],
        ]
        for map in maps {
            let text = CanonicalJSON.encode(map)
            #expect(CanonicalJSON.decodeStrings(text) == map, "\(text)")
        }
    }

    @Test(arguments: [
        "", "[", "]", "[\"a\"", "[\"a\",]", "[\"a\" ]", "[1]", "[\"a\"]x", "{\"k\"}", "{\"k\":1}",
        "{\"k\",\"v\"}", "{\"k\":\"v\",\"k\":\"w\"}", "[\"a\":\"b\"]", " [\"a\"]", "{\"a\":\"b\"", "[\"\\u00e9\"]",
    ])
    func oddTextReadsAsTheFullDecoderReadsIt(_ text: String) {
        let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8))
        #expect(CanonicalJSON.decodeList(text) == (list ?? []), "\(text)")
        let map = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(CanonicalJSON.decodeStrings(text) == (map ?? [:]), "\(text)")
    }
}
