/// Claim adjustment reason codes (CARC, CAS02 …) with a short description, for people reading a claim's history.
///
/// The codes 835s from school-based Medi-Cal and managed-care payers use most, abridged from the X12 code list;
/// a code not in this table is shown as it is, marked as not described here (the list changes three times a
/// year and its full text is maintained by X12).
public enum AdjustmentReason {
    /// The description of a CARC, or `nil` when this table does not have it.
    public static func description(of code: String) -> String? { descriptions[code] }

    /// The description of a CAS01 group code.
    public static func describe(group: AdjustmentGroup) -> String {
        switch group {
        case .contractualObligation: "contractual obligation (provider write-off)"
        case .patientResponsibility: "patient responsibility"
        case .otherAdjustment: "other adjustment"
        case .payerInitiatedReduction: "payer-initiated reduction"
        }
    }

    private static let descriptions: [String: String] = [
        "1": "Deductible amount.",
        "2": "Coinsurance amount.",
        "3": "Co-payment amount.",
        "4": "The procedure code is inconsistent with the modifier used.",
        "5": "The procedure code or type of bill is inconsistent with the place of service.",
        "6": "The procedure or revenue code is inconsistent with the patient's age.",
        "8": "The procedure code is inconsistent with the provider type or specialty (taxonomy).",
        "11": "The diagnosis is inconsistent with the procedure.",
        "15": "The authorization number is missing, invalid, or does not apply to the billed services or provider.",
        "16": "Claim or service lacks information or has submission or billing error(s).",
        "18": "Exact duplicate claim or service.",
        "22": "This care may be covered by another payer per coordination of benefits.",
        "23": "The impact of prior payer(s) adjudication, including payments and adjustments.",
        "24": "Charges are covered under a capitation agreement or managed care plan.",
        "26": "Expenses incurred prior to coverage.",
        "27": "Expenses incurred after coverage terminated.",
        "29": "The time limit for filing has expired.",
        "31": "Patient cannot be identified as our insured.",
        "45": "Charge exceeds fee schedule, maximum allowable, or contracted or legislated fee arrangement.",
        "50": "Non-covered services because this is not deemed a medical necessity by the payer.",
        "96": "Non-covered charge(s).",
        "97":
            "The benefit for this service is included in the payment or allowance for another service already adjudicated.",
        "109": "Claim or service not covered by this payer or contractor; send it to the correct payer or contractor.",
        "119": "Benefit maximum for this time period or occurrence has been reached.",
        "125": "Submission or billing error(s).",
        "140": "Patient or insured health identification number and name do not match.",
        "151": "The information submitted does not support this many or this frequency of services.",
        "170": "Payment is denied when performed or billed by this type of provider.",
        "181": "Procedure code was invalid on the date of service.",
        "185": "The rendering provider is not eligible to perform the service billed.",
        "197": "Precertification, notification, authorization or pre-treatment absent.",
        "198": "Precertification, notification, authorization or pre-treatment exceeded.",
        "204": "This service, equipment or drug is not covered under the patient's current benefit plan.",
        "206": "National Provider Identifier missing.",
        "207": "National Provider Identifier invalid format.",
        "208": "National Provider Identifier not matching.",
        "226":
            "Information requested from the billing or rendering provider was not provided, or not in time, or was incomplete.",
        "242": "Services not provided by network or primary care providers.",
        "252": "An attachment or other documentation is required to adjudicate this claim or service.",
        "253": "Sequestration: reduction in federal payment.",
        "A1": "Claim or service denied.",
        "B7":
            "This provider was not certified or eligible to be paid for this procedure or service on this date of service.",
        "B13": "Previously paid: payment for this claim or service may have been provided in a previous payment.",
    ]
}
