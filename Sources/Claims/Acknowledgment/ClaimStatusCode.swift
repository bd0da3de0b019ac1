/// The health care claim status category codes (external code list 507) and claim status codes (list 508) a
/// 277CA (005010X214) carries in STC01, with their meaning in short.
///
/// Only the codes payers commonly send in a claim acknowledgment are listed; ``description(status:)`` and
/// ``description(category:)`` say "unknown" for the rest rather than dropping them.
public enum ClaimStatusCode {
    /// What a category code says about the claim.
    public enum Verdict: String, Sendable, Equatable {
        /// Received or accepted into adjudication (`A0`, `A1`, `A2`, `A5`).
        case accepted
        /// Returned before adjudication (`A3`, `A4`, `A6`, `A7`, `A8`): it must be corrected and sent again.
        case rejected
        /// A category this table does not know: recorded, the claim left as it is.
        case unknown
    }

    /// The verdict of a category code.
    public static func verdict(category: String) -> Verdict {
        categories[category]?.verdict ?? .unknown
    }

    /// A category code in words, or `unknown category` when it is not in the table.
    public static func description(category: String) -> String {
        categories[category]?.text ?? "unknown category"
    }

    /// A claim status code in words, or `unknown status code` when it is not in the table.
    public static func description(status: String) -> String {
        statuses[status] ?? "unknown status code"
    }

    private static let categories: [String: (verdict: Verdict, text: String)] = [
        "A0": (.accepted, "acknowledgement: forwarded"),
        "A1": (.accepted, "acknowledgement: receipt"),
        "A2": (.accepted, "acknowledgement: accepted into the adjudication system"),
        "A3": (.rejected, "acknowledgement: returned as unprocessable claim"),
        "A4": (.rejected, "acknowledgement: not found"),
        "A5": (.accepted, "acknowledgement: split claim"),
        "A6": (.rejected, "acknowledgement: rejected for missing information"),
        "A7": (.rejected, "acknowledgement: rejected for invalid information"),
        "A8": (.rejected, "acknowledgement: rejected for relational field in error"),
    ]

    private static let statuses: [String: String] = [
        "0": "cannot provide further status electronically",
        "1": "for more detailed information, see remittance advice",
        "3": "claim has been adjudicated and is awaiting payment cycle",
        "16": "claim/encounter has been forwarded to entity",
        "19": "entity acknowledges receipt of claim/encounter",
        "20": "accepted for processing",
        "21": "missing or invalid information",
        "29": "subscriber and policy number/contract number mismatched",
        "33": "subscriber and subscriber id not found",
        "35": "claim/encounter not found",
        "96": "no agreement with entity",
        "97": "patient eligibility not found with entity",
        "116": "claim submitted to incorrect payer",
        "128": "entity's tax id",
        "145": "entity's primary identifier",
        "153": "entity's id number",
        "158": "entity's date of birth",
        "164": "entity's contract/member number",
        "178": "submitted charges",
        "187": "date(s) of service",
        "400": "claim is out of balance",
        "454": "procedure code for services rendered",
        "562": "entity's National Provider Identifier (NPI)",
    ]
}
