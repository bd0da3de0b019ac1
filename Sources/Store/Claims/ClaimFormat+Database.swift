import Claims
import GRDB

/// Stored as its text (raw value): `837P` or `ndis`.
extension PayerProfile.ClaimFormat: DatabaseValueConvertible {}
