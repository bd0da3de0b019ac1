import Formats

extension RemittanceReader {
    /// One open 835 transaction set: the header being read, the claim and line being read, running sums.
    struct SetState: Sendable {
        let controlNumber: String
        let position: Int
        private var builder = HeaderBuilder()
        private var header: RemittanceHeader?
        private var claim: RemittanceClaim?
        private var line: RemittanceServiceLine?
        private var claimCount = 0
        private var charge = Money.zero
        private var paid = Money.zero
        private var patientResponsibility = Money.zero
        private var providerAdjustments: [ProviderAdjustment] = []
        private var providerAdjustmentTotal = Money.zero

        init(controlNumber: String, position: Int) {
            self.controlNumber = controlNumber
            self.position = position
        }

        mutating func read(_ segment: X12Segment, _ emit: (RemittanceEvent) throws -> Void) throws {
            switch segment.id {
            case "BPR", "TRN", "N1":
                if header == nil { try builder.read(segment) }
            case "LX":
                try closeClaim(emit)
                try emitHeader(at: segment, emit)
            case "CLP":
                try closeClaim(emit)
                try emitHeader(at: segment, emit)
                claim = try Self.claim(segment)
            case "CAS":
                let adjustments = try Self.adjustments(segment)
                if line != nil {
                    line?.adjustments += adjustments
                } else if claim != nil {
                    claim?.adjustments += adjustments
                } else {
                    throw segment.failure("CAS outside a claim (no CLP before it)")
                }
            case "NM1" where segment.hasQualifier("QC"):
                claim?.patient = RemittancePatient(
                    lastName: segment.element(3), firstName: segment.element(4), middleName: segment.element(5),
                    idQualifier: segment.element(8), id: segment.element(9))
            case "SVC":
                guard claim != nil else { throw segment.failure("SVC outside a claim (no CLP before it)") }
                closeLine()
                line = try Self.line(segment)
            case "DTM" where line != nil:
                let date = segment.element(2)
                switch segment.element(1) {
                case "472":
                    line?.serviceFrom = date
                    line?.serviceThrough = date
                case "150": line?.serviceFrom = date
                case "151": line?.serviceThrough = date
                default: break
                }
            case "REF" where line != nil && segment.hasQualifier("6R"):
                line?.controlNumber = segment.element(2)
            case "AMT" where line != nil && segment.hasQualifier("B6"):
                line?.allowed = try segment.money(2)
            case "PLB":
                try closeClaim(emit)
                try emitHeader(at: segment, emit)
                for adjustment in try Self.providerAdjustments(segment) {
                    providerAdjustments.append(adjustment)
                    providerAdjustmentTotal += adjustment.amount
                }
            case "SE":
                try closeClaim(emit)
                try emitHeader(at: segment, emit)
                try closeSet(segment, emit)
            default: break
            }
        }

        private mutating func emitHeader(at segment: X12Segment, _ emit: (RemittanceEvent) throws -> Void) throws {
            guard header == nil else { return }
            let header = try builder.header(controlNumber: controlNumber, position: position, at: segment)
            self.header = header
            try emit(.header(header))
        }

        private mutating func closeLine() {
            if let line { claim?.lines.append(line) }
            line = nil
        }

        private mutating func closeClaim(_ emit: (RemittanceEvent) throws -> Void) throws {
            closeLine()
            guard let claim else { return }
            self.claim = nil
            claimCount += 1
            charge += claim.charge
            paid += claim.paid
            patientResponsibility += claim.patientResponsibility
            try emit(.claim(claim))
            for issue in RemittanceBalance.check(claim) { try emit(.issue(issue)) }
        }

        private mutating func closeSet(_ segment: X12Segment, _ emit: (RemittanceEvent) throws -> Void) throws {
            guard let header else { return }
            let totals = RemittanceTotals(
                controlNumber: controlNumber, position: segment.position, claimCount: claimCount, charge: charge,
                paid: paid, patientResponsibility: patientResponsibility, providerAdjustments: providerAdjustments,
                providerAdjustmentTotal: providerAdjustmentTotal, payment: header.signedPayment)
            for issue in RemittanceBalance.check(header, totals) { try emit(.issue(issue)) }
            try emit(.totals(totals))
        }
    }
}
