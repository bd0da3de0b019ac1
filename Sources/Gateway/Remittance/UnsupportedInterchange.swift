/// An interchange that is not applied as a whole: not something payers send us (an 837, or no recognisable
/// transaction), or a remittance already applied.
struct UnsupportedInterchange: Error {
    var rule = "x12-unsupported"
    var message: String
}
