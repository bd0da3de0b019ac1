import Formats

extension RemittanceReader {
    /// One open 835 transaction set: the header being read, the claim and line being read, running sums.
    struct SetState: Sendable {
        let identity: RemittanceSetIdentity
        let position: Int
        var controlNumber: String { identity.setControl }
        private var builder = HeaderBuilder()
        private var header: RemittanceHeader?
        /// The claim being read, valid while `claimOpen`; its last line takes the line-level segments.
        private var claim = RemittanceClaim(
            position: 0, patientControlNumber: "", status: .processedAsPrimary, charge: .zero, paid: .zero)
        private var claimOpen = false
        private var claimCount = 0
        private var charge = Money.zero
        private var paid = Money.zero
        private var patientResponsibility = Money.zero
        private var providerAdjustments: [ProviderAdjustment] = []
        private var providerAdjustmentTotal = Money.zero

        init(identity: RemittanceSetIdentity, position: Int) {
            self.identity = identity
            self.position = position
        }

        /// Whether line-level segments (DTM, CAS, REF, AMT after an SVC) belong to the claim's last line.
        private var lineOpen: Bool { claimOpen && !claim.lines.isEmpty }

        /// The segment ids this reader acts on, packed (``Formats/X12Segment/idKey``): compared as integers.
        private enum ID {
            static let bpr = X12Segment.key("BPR")
            static let trn = X12Segment.key("TRN")
            static let n1 = X12Segment.key("N1")
            static let lx = X12Segment.key("LX")
            static let clp = X12Segment.key("CLP")
            static let cas = X12Segment.key("CAS")
            static let nm1 = X12Segment.key("NM1")
            static let svc = X12Segment.key("SVC")
            static let dtm = X12Segment.key("DTM")
            static let ref = X12Segment.key("REF")
            static let amt = X12Segment.key("AMT")
            static let mia = X12Segment.key("MIA")
            static let moa = X12Segment.key("MOA")
            static let lq = X12Segment.key("LQ")
            static let plb = X12Segment.key("PLB")
            static let se = X12Segment.key("SE")
        }

        mutating func read(_ segment: X12Segment, _ emit: (RemittanceEvent) throws -> Void) throws {
            switch segment.idKey {
            case ID.bpr, ID.trn, ID.n1:
                if header == nil { try builder.read(segment) }
            case ID.lx:
                try closeClaim(emit)
                try emitHeader(at: segment, emit)
            case ID.clp:
                try closeClaim(emit)
                try emitHeader(at: segment, emit)
                claim = try Self.claim(segment)
                claimOpen = true
            case ID.cas:
                let adjustments = try Self.adjustments(segment)
                if lineOpen {
                    claim.lines[claim.lines.count - 1].adjustments += adjustments
                } else if claimOpen {
                    claim.adjustments += adjustments
                } else {
                    throw segment.failure("CAS outside a claim (no CLP before it)")
                }
            case ID.nm1 where claimOpen && segment.hasQualifier("QC"):
                claim.patient = RemittancePatient(
                    lastName: segment.element(3), firstName: segment.element(4), middleName: segment.element(5),
                    idQualifier: segment.element(8), id: segment.element(9))
            case ID.svc:
                guard claimOpen else { throw segment.failure("SVC outside a claim (no CLP before it)") }
                claim.lines.append(try Self.line(segment))
            case ID.dtm where lineOpen:
                let date = segment.element(2)
                let last = claim.lines.count - 1
                switch segment.element(1) {
                case "472":
                    claim.lines[last].serviceFrom = date
                    claim.lines[last].serviceThrough = date
                case "150": claim.lines[last].serviceFrom = date
                case "151": claim.lines[last].serviceThrough = date
                default: break
                }
            case ID.ref where lineOpen && segment.hasQualifier("6R"):
                claim.lines[claim.lines.count - 1].controlNumber = segment.element(2)
            case ID.amt where lineOpen && segment.hasQualifier("B6"):
                claim.lines[claim.lines.count - 1].allowed = try segment.money(2)
            case ID.mia where claimOpen && !lineOpen:
                claim.remarks += Self.remarks(segment, at: [5, 20, 21, 22, 23])
            case ID.moa where claimOpen && !lineOpen:
                claim.remarks += Self.remarks(segment, at: [3, 4, 5, 6, 7])
            case ID.lq where lineOpen && segment.hasQualifier("HE"):
                claim.lines[claim.lines.count - 1].remarks.append(try segment.required(2))
            case ID.plb:
                try closeClaim(emit)
                try emitHeader(at: segment, emit)
                for adjustment in try Self.providerAdjustments(segment) {
                    providerAdjustments.append(adjustment)
                    providerAdjustmentTotal += adjustment.amount
                }
            case ID.se:
                try closeClaim(emit)
                try emitHeader(at: segment, emit)
                try closeSet(segment, emit)
            default: break
            }
        }

        private mutating func emitHeader(at segment: X12Segment, _ emit: (RemittanceEvent) throws -> Void) throws {
            guard header == nil else { return }
            let header = try builder.header(identity: identity, position: position, at: segment)
            self.header = header
            try emit(.header(header))
        }

        private mutating func closeClaim(_ emit: (RemittanceEvent) throws -> Void) throws {
            guard claimOpen else { return }
            claimOpen = false
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
