/// The text encodings the gateway reads files in.
///
/// The raw values are the WHATWG encoding labels, as stored in the job ledger and written in receipts.
public enum TextEncoding: String, Sendable, Codable {
    /// UTF-8, the expected encoding.
    ///
    /// Chosen when the whole file is well-formed UTF-8 (see ``UTF8Validator``).
    case utf8 = "utf-8"

    /// Windows-1252, the fallback for files that are not UTF-8.
    ///
    /// Every byte sequence decodes; see ``Windows1252``.
    case windows1252 = "windows-1252"

    /// UTF-16 little-endian, recognised by its byte order mark `FF FE` (Excel's "Unicode text").
    ///
    /// Transcoded to UTF-8 as it streams; see ``UTF16Transcoder``.
    case utf16LittleEndian = "utf-16le"

    /// UTF-16 big-endian, recognised by its byte order mark `FE FF`.
    case utf16BigEndian = "utf-16be"
}
