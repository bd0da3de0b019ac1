/// The GST code of a support (column 10, GSTCode).
public enum NDISGSTCode: String, Sendable, CaseIterable, Equatable {
    /// Taxable: 10 % GST.
    case taxable = "P1"
    /// GST-free.
    case gstFree = "P2"
    /// Out of scope of GST.
    case outOfScope = "P5"
}
