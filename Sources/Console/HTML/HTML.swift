/// HTML text built from escaped values: every value reaches a page through an interpolation in an `HTML` literal,
/// so none can open a tag or close an attribute.
///
/// A dozen lines of our own instead of a template engine: the pages are few and built in code, and the one rule
/// that matters (escape every value) is easier to see here than in templates.
public struct HTML: Sendable, Equatable, CustomStringConvertible {
    /// The markup.
    public private(set) var description: String

    /// Markup written by the console itself (tags, never values).
    init(markup: String) { description = markup }

    /// Appends markup (a literal's values escaped by its interpolation; a `String` is never taken as markup).
    static func += (lhs: inout HTML, rhs: HTML) { lhs.description += rhs.description }

    /// `& < > " '` replaced by entities, for text and for quoted attribute values.
    public static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}

extension HTML: ExpressibleByStringInterpolation {
    /// Markup with interpolated values: literal parts are markup, `\(value)` parts are escaped, `\(html)` parts
    /// are appended as they are.
    public init(stringInterpolation: Interpolation) { description = stringInterpolation.text }

    /// Literal markup.
    public init(stringLiteral value: String) { description = value }

    /// Builds ``HTML`` from a literal with escaped values.
    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity) }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// A value, escaped.
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }

        /// A number.
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }

        /// A number.
        public mutating func appendInterpolation(_ value: Int64) { text += String(value) }

        /// Markup built elsewhere.
        public mutating func appendInterpolation(_ html: HTML) { text += html.description }
    }
}
