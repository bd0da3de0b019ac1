/// Remittance advice remark codes (RARC: MIA, MOA and LQ*HE) with a short description, for people reading a
/// claim's history.
///
/// Abridged: the remarks 835s for school-based services carry most often, paraphrased. A code not in this table
/// is shown as it is, marked as not described here (X12 maintains the full list and changes it three times a
/// year). `Alert:` remarks inform and change nothing in the payment.
public enum RemarkCode {
    /// The description of a remark code, or `nil` when this table does not have it.
    public static func description(of code: String) -> String? { descriptions[code] }

    private static let descriptions: [String: String] = [
        "M15": "Separately billed services were bundled as parts of the same procedure; no separate payment.",
        "M20": "The HCPCS code is missing, incomplete or invalid.",
        "M51": "A procedure code is missing, incomplete or invalid.",
        "M62": "The treatment authorization code is missing, incomplete or invalid.",
        "M76": "The diagnosis code is missing, incomplete or invalid.",
        "M80": "Not covered when performed on the same date or session as a service already processed.",
        "M86": "Denied: a payment was already made for the same or a similar procedure within a set period.",
        "MA04": "Secondary payment needs the primary payer's identity or payment information.",
        "MA07": "The claim was also forwarded to the patient's supplemental insurer (alert).",
        "MA18": "The claim information was also sent to the patient's supplemental insurer (alert).",
        "MA61": "The patient's identifier (Social Security or health insurance claim number) is missing or invalid.",
        "MA130":
            "The claim is incomplete or invalid and unprocessable, with no appeal rights: send a new, corrected claim.",
        "N4": "The prior insurance carrier's explanation of benefits is missing, incomplete or invalid.",
        "N20": "Not payable with another service rendered on the same date.",
        "N30": "The patient is not eligible for this service.",
        "N54": "The claim does not agree with the services pre-certified or authorized.",
        "N56": "The procedure code is not correct or valid for the services or the date of service billed.",
        "N95": "This provider type or specialty may not bill this service.",
        "N130": "See the plan's benefit documents for the restrictions on this service.",
        "N179": "More information was requested from the member; the charges will be reconsidered when it comes.",
        "N211": "This decision cannot be appealed (alert).",
        "N286": "The referring provider's primary identifier is missing, incomplete or invalid.",
        "N290": "The rendering provider's primary identifier is missing, incomplete or invalid.",
        "N362": "The days or units of service exceed the payer's accepted maximum.",
        "N381": "See the contract for the restrictions, billing or payment rules for these charges.",
        "N418": "Misrouted claim: see the payer's claim submission instructions.",
        "N657": "Bill these services with the appropriate code.",
    ]
}
