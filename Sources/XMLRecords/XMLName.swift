internal import CLibXML2

/// Helpers for the NUL-terminated UTF-8 strings libxml2 hands out.
enum XMLName {
    /// The local part of the name at `name`: what follows its last colon, or all of it.
    ///
    /// libxml2 already gives local names for namespaced elements and attributes, but keeps the prefix of one whose
    /// prefix is not declared; this drops it too. The bytes belong to libxml2 and live as long as the node.
    static func local(_ name: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = 0
        while name[end] != 0 {
            if name[end] == UInt8(ascii: ":") {
                start = end + 1
            }
            end += 1
        }
        return UnsafeBufferPointer(start: name + start, count: end - start)
    }

    /// The bytes of the NUL-terminated string at `text`, without the NUL.
    static func bytes(_ text: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text)))
    }

    /// The NUL-terminated UTF-8 string at `text` as a `String`.
    static func string(_ text: UnsafePointer<xmlChar>) -> String {
        String(decoding: bytes(text), as: UTF8.self)
    }
}
