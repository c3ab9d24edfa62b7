import Crypto

/// Name-based ids: the same name always gives the same UUID, so importing the same event twice
/// finds the meeting the first import made.
public enum NameUUID {
    /// The first 16 bytes of SHA-256 of the name's UTF-8, with the version 5 and RFC 9562 variant
    /// bits set (version 5 proper is SHA-1 in a namespace; the shape and the idea are the same).
    public static func make(_ name: String) -> String {
        var bytes = Array(SHA256.hash(data: Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = ""
        text.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text += "-" }
            text += String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
        }
        return text
    }

    /// Whether text is a UUID in its usual spelling (8-4-4-4-12 hexadecimal digits).
    public static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if b != UInt8(ascii: "-") { return false }
            } else if !((48...57).contains(b) || (97...102).contains(b) || (65...70).contains(b)) {
                return false
            }
        }
        return true
    }

    private static let hex = Array("0123456789abcdef")
}
