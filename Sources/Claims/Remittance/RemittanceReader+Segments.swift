import Formats

extension RemittanceReader.SetState {
    /// CLP (loop 2100).
    static func claim(_ segment: X12Segment) throws(X12Error) -> RemittanceClaim {
        let code = segment.element(2)
        guard let status = ClaimStatus(rawValue: code) else {
            throw segment.failure("CLP02 '\(code)' is not a claim status code")
        }
        return RemittanceClaim(
            position: segment.position, patientControlNumber: try segment.required(1), status: status,
            charge: try segment.money(3), paid: try segment.money(4),
            patientResponsibility: try segment.optionalMoney(5) ?? .zero, filingIndicator: segment.element(6),
            payerClaimControlNumber: segment.element(7), facilityCode: segment.element(8),
            frequency: segment.element(9))
    }

    /// CAS: the group, then up to six reason/amount/quantity triplets.
    static func adjustments(_ segment: X12Segment) throws(X12Error) -> [RemittanceAdjustment] {
        let code = segment.element(1)
        guard let group = AdjustmentGroup(rawValue: code) else {
            throw segment.failure("CAS01 '\(code)' is not a 5010 adjustment group (CO, PR, OA, PI)")
        }
        var adjustments: [RemittanceAdjustment] = []
        for index in stride(from: 2, through: 17, by: 3) {
            let reason = segment.element(index)
            if reason.isEmpty {
                if !segment.bytes(index + 1).isEmpty { throw segment.failure("\(segment.name(index)) is missing") }
                continue
            }
            adjustments.append(
                RemittanceAdjustment(
                    group: group, reason: reason, amount: try segment.money(index + 1),
                    quantity: segment.element(index + 2)))
        }
        if adjustments.isEmpty { throw segment.failure("CAS without a reason code and amount") }
        return adjustments
    }

    /// The remark codes in these elements of an MIA or MOA, skipping the empty ones.
    static func remarks(_ segment: X12Segment, at elements: [Int]) -> [String] {
        elements.compactMap { index in
            let code = segment.element(index)
            return code.isEmpty ? nil : code
        }
    }

    /// SVC (loop 2110).
    static func line(_ segment: X12Segment) throws(X12Error) -> RemittanceServiceLine {
        guard let adjudicated = procedure(segment, 1) else { throw segment.failure("SVC01 procedure is missing") }
        let units = segment.element(5)
        return RemittanceServiceLine(
            position: segment.position, procedure: adjudicated, charge: try segment.money(2),
            paid: try segment.money(3), revenueCode: segment.element(4), units: units.isEmpty ? "1" : units,
            originalProcedure: procedure(segment, 6), originalUnits: segment.element(7))
    }

    /// PLB: provider, fiscal period date, then up to six (reason:reference, amount) pairs.
    static func providerAdjustments(_ segment: X12Segment) throws(X12Error) -> [ProviderAdjustment] {
        let provider = try segment.required(1)
        let date = try segment.required(2)
        var adjustments: [ProviderAdjustment] = []
        for index in stride(from: 3, through: 13, by: 2) where !segment.bytes(index).isEmpty {
            let amount = try segment.money(index + 1)
            let reason = segment.component(index, 1)
            if reason.isEmpty { throw segment.failure("\(segment.name(index))-1 adjustment reason is missing") }
            adjustments.append(
                ProviderAdjustment(
                    position: segment.position, providerID: provider, fiscalPeriodDate: date, reason: reason,
                    reference: segment.component(index, 2), amount: amount))
        }
        if adjustments.isEmpty { throw segment.failure("PLB without an adjustment reason and amount") }
        return adjustments
    }

    private static func procedure(_ segment: X12Segment, _ index: Int) -> ServiceProcedure? {
        let components = segment.components(index)
        guard components.count >= 2, !components[1].isEmpty else { return nil }
        return ServiceProcedure(
            qualifier: components[0], code: components[1],
            modifiers: components.dropFirst(2).prefix(4).filter { !$0.isEmpty })
    }
}

extension X12Segment {
    /// Whether element 1 (the qualifier of NM1, REF, AMT, DTM…) is `qualifier`.
    func hasQualifier(_ qualifier: String) -> Bool {
        bytes(1).elementsEqual(qualifier.utf8)
    }
}
