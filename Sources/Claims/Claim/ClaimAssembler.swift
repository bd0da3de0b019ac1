import Values

/// Groups screened services into claims: one per student, member, rendering provider, place of service and
/// billing period, split when a claim reaches the line limit or twelve diagnosis codes.
///
/// Services must arrive ordered by district, student, rendering NPI and date so a group is complete when the
/// next one starts: memory holds one claim, whatever the number of services.
public struct ClaimAssembler: Sendable {
    private let profile: PayerProfile
    private var current: Claim?
    private var currentKey: GroupKey?

    /// Creates an assembler for a payer.
    public init(profile: PayerProfile) {
        self.profile = profile
    }

    private struct GroupKey: Hashable {
        var district: String
        var studentID: String
        var memberID: String
        var renderingNPI: String
        var placeOfService: String
        var period: Int
    }

    /// The most diagnosis codes one claim carries (HI).
    public static let maxDiagnoses = 12
    /// The most diagnosis pointers one line carries (SV107).
    public static let maxPointers = 4

    /// Adds a screened service; `emit` receives each claim that is complete (its patient control number empty:
    /// the store assigns it).
    public mutating func add(
        _ service: BillableService, accepted: ServiceScreen.Accepted, emit: (Claim) throws -> Void
    ) rethrows {
        let placeOfService = profile.format == .x12_837P ? profile.placeOfService : (service.placeOfService ?? "")
        let key = GroupKey(
            district: service.key.district, studentID: service.key.studentID, memberID: accepted.memberID,
            renderingNPI: service.key.renderingNPI, placeOfService: placeOfService,
            period: profile.billingPeriod == .month
                ? service.key.date.year * 12 + service.key.date.month : service.key.date.daysSinceEpoch)
        let codes = Self.normalised(service.diagnoses).prefix(Self.maxPointers)
        if var claim = current, key == currentKey {
            let added = codes.filter { !claim.diagnoses.contains($0) }
            if claim.lines.count < profile.maxLinesPerClaim, claim.diagnoses.count + added.count <= Self.maxDiagnoses {
                claim.diagnoses += added
                claim.lines.append(line(service, accepted, codes: Array(codes), diagnoses: claim.diagnoses))
                current = claim
                return
            }
        }
        try finish(emit: emit)
        var subscriber =
            service.student
            ?? Subscriber(
                memberID: "", lastName: "", firstName: "", birthdate: nil, sex: "U", address: nil)
        subscriber.memberID = accepted.memberID
        let diagnoses = Array(codes)
        current = Claim(
            patientControlNumber: "", frequency: .original, payerClaimNumber: nil, subscriber: subscriber,
            renderingNPI: service.key.renderingNPI, renderingName: service.renderingName, diagnoses: diagnoses,
            placeOfService: placeOfService, lines: [line(service, accepted, codes: diagnoses, diagnoses: diagnoses)])
        currentKey = key
    }

    /// Emits the claim in progress, if any.
    public mutating func finish(emit: (Claim) throws -> Void) rethrows {
        if let claim = current { try emit(claim) }
        current = nil
        currentKey = nil
    }

    private func line(
        _ service: BillableService, _ accepted: ServiceScreen.Accepted, codes: [String], diagnoses: [String]
    ) -> ClaimLine {
        let pointers = codes.compactMap { code in diagnoses.firstIndex(of: code).map { $0 + 1 } }
        return ClaimLine(
            service: service.key, code: accepted.entry.code, modifiers: Array(service.modifiers.prefix(4)),
            units: service.units, charge: accepted.charge, pointers: pointers)
    }

    /// ICD-10 codes as X12 wants them: upper case, without the dot, each once, in the order given.
    public static func normalised(_ codes: [String]) -> [String] {
        var seen: [String] = []
        for code in codes {
            let cleaned = String(code.uppercased().filter { $0 != "." && $0 != " " })
            if !cleaned.isEmpty, !seen.contains(cleaned) { seen.append(cleaned) }
        }
        return seen
    }
}
