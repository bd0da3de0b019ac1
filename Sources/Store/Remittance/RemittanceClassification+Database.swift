import Claims
import GRDB

/// Stored as its text (raw value).
extension RemittanceClassification: DatabaseValueConvertible {}
