import Formats

extension X12Segment {
    /// Element `index` as an amount, `nil` when empty.
    ///
    /// - Throws: ``X12Error`` located at this segment when the element is not an X12 `R` amount with at most two
    ///   decimals.
    func optionalMoney(_ index: Int) throws(X12Error) -> Money? {
        let bytes = bytes(index)
        if bytes.isEmpty { return nil }
        guard let money = Money(x12: bytes) else {
            throw failure(
                "\(name(index)) '\(element(index))' is not an amount (digits, optional minus, at most two decimals)")
        }
        return money
    }

    /// Element `index` as an amount that must be present.
    ///
    /// - Throws: ``X12Error`` located at this segment when the element is empty or malformed.
    func money(_ index: Int) throws(X12Error) -> Money {
        guard let money = try optionalMoney(index) else { throw failure("\(name(index)) (an amount) is missing") }
        return money
    }

    /// Element `index` as text that must be present.
    ///
    /// - Throws: ``X12Error`` located at this segment when the element is empty.
    func required(_ index: Int) throws(X12Error) -> String {
        let text = element(index)
        if text.isEmpty { throw failure("\(name(index)) is missing") }
        return text
    }

    /// Element `index` as a whole number that must be present.
    ///
    /// - Throws: ``X12Error`` located at this segment when the element is empty or not a whole number.
    func count(_ index: Int) throws(X12Error) -> Int {
        guard let value = Int(element(index)), value >= 0 else {
            throw failure("\(name(index)) '\(element(index))' is not a count")
        }
        return value
    }

    /// An error located at this segment.
    func failure(_ message: String) -> X12Error {
        X12Error(segment: position, segmentID: id, message: message)
    }

    /// The X12 name of element `index` (`CLP03`).
    func name(_ index: Int) -> String {
        id + (index < 10 ? "0" : "") + String(index)
    }
}
