/// Standard base64 (RFC 4648 §4), for OpenSSH fingerprints and key files. Kept local so the SFTP target needs no
/// Foundation.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes without `=` padding, as OpenSSH prints `SHA256:` fingerprints.
    static func encodeUnpadded(_ bytes: UnsafeRawBufferPointer) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = UInt32(bytes[index]) << 16
            let second = remaining > 1 ? UInt32(bytes[index + 1]) << 8 : 0
            let third = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = first | second | third
            let characters = min(remaining, 3) + 1
            for position in 0..<characters {
                output.append(alphabet[Int((group >> (18 - 6 * UInt32(position))) & 0x3f)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base64, skipping whitespace and stopping at `=`; `nil` on any other character.
    static func decode<Text: Sequence<UInt8>>(_ text: Text) -> [UInt8]? {
        var output: [UInt8] = []
        var group: UInt32 = 0
        var bits = 0
        for character in text {
            if character == UInt8(ascii: "=") { break }
            if character == UInt8(ascii: "\n") || character == UInt8(ascii: "\r") || character == UInt8(ascii: " ") {
                continue
            }
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            group = (group << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((group >> UInt32(bits)) & 0xff))
            }
        }
        return output
    }
}
