/// An interchange that is not applied as a whole: not something payers send us (an 837, or no recognisable
/// transaction), not from this payer, or not paying this payer's billing provider.
struct UnsupportedInterchange: Error {
    var rule = "x12-unsupported"
    var message: String
    /// Position of the segment at fault (1: the interchange as a whole).
    var segment = 1
}
