/// One parsed field path of an ``XMLRecordLayout``: nested element names, then optionally an attribute.
///
/// No elements and no attribute stand for the record element's own text (`.`).
struct XMLFieldPath: Sendable, Equatable {
    /// The local names of the elements from the record element down, not including the record element.
    var elements: [String]

    /// The local name of the attribute of the last element (or of the record element), if the field is one.
    var attribute: String?
}
