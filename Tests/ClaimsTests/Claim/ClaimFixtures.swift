import Claims
import Mapping
import Values

/// Profiles, services and claims for the claim tests.
enum ClaimFixtures {
    static let profileYAML = """
        payer: test-payer
        name: Test Medicaid
        format: 837P
        payer_id: TESTPAYER
        districts: [lincoln-usd]
        envelope:
          sender_qualifier: ZZ
          sender_id: LINCOLNUSD
          receiver_qualifier: ZZ
          receiver_id: TESTRECEIVER
          application_sender: LINCOLNUSD
          application_receiver: TESTRECEIVER
          usage: T
        submitter: { name: Lincoln USD, id: LINCOLNUSD, contact: Billing, phone: "9165550142" }
        receiver: { name: Test Medicaid, id: TESTRECEIVER }
        billing_provider:
          name: Lincoln Unified School District
          npi: "1467389254"
          tax_id: "94-6001234"
          taxonomy: 251300000X
          address: { street: 2000 Lincoln Ave, city: Lincoln, state: CA, zip: "95648-1234" }
        claim_filing_code: MC
        eligible_plans: ["HP*"]
        requires_consent: true
        place_of_service: "03"
        max_lines_per_claim: 3
        max_claims_per_set: 4
        billing_period: month
        filing_limit: { days_after_service: 365 }
        fee_schedule:
          "92507": { rate: "52.00", modifiers: [GN] }
          "T1002": { rate: "15.75", unit: 15 minutes }
          "0591T": { rate: "66.24", verified: true }
        """

    static func profile(_ yaml: String = profileYAML) throws(DefinitionError) -> PayerProfile {
        try PayerProfile.decode(yaml: yaml, file: "test-payer.yaml")
    }

    static let today = Day(year: 2026, month: 11, day: 22)!

    static func day(_ text: String) -> Day { Day(iso: text)! }

    static func student(_ id: String = "40100", address: Bool = true) -> Subscriber {
        Subscriber(
            memberID: "", lastName: "Peña", firstName: "Ana", birthdate: day("2010-01-01"), sex: "F",
            address: address ? PostalAddress(street: "12 Oak St", city: "Lincoln", state: "CA", zip: "956481000") : nil)
    }

    static func service(
        student studentID: String = "40100", date: String = "2026-10-05", start: String = "08:00",
        code: String = "92507", npi: String = "1234567893", modifiers: [String] = ["GN"], units: Int = 1,
        diagnoses: [String] = ["F80.2"], consent: Bool = true, subscriber: Subscriber? = student(),
        spans: [EligibilitySpan] = [
            EligibilitySpan(memberID: "M1", start: day("2026-07-01"), end: nil, planCode: "HPSM01")
        ]
    ) -> BillableService {
        BillableService(
            key: ServiceKey(
                district: "lincoln-usd", studentID: studentID, date: day(date), startTime: start, renderingNPI: npi,
                billingCode: code),
            modifiers: modifiers, units: units, placeOfService: "03", renderingName: "Rivera, Ana (SLP)",
            diagnoses: diagnoses, consent: consent, student: subscriber, eligibility: spans)
    }

    /// Screens and assembles services into claims, numbering them DG1, DG2 …
    static func claims(_ services: [BillableService], profile: PayerProfile) throws -> [Claim] {
        var assembler = ClaimAssembler(profile: profile)
        var claims: [Claim] = []
        let screen = ServiceScreen(profile: profile, today: today)
        for service in services {
            guard case .success(let accepted) = screen.screen(service) else { continue }
            assembler.add(service, accepted: accepted) { claims.append($0) }
        }
        assembler.finish { claims.append($0) }
        for index in claims.indices { claims[index].patientControlNumber = "DG\(index + 1)" }
        return claims
    }
}
