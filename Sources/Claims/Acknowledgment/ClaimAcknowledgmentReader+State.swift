import Formats

extension ClaimAcknowledgmentReader {
    /// One open 277 transaction set: the current HL level and the claim or level statuses being gathered.
    struct State: Sendable {
        let controlNumber: String
        let position: Int
        /// HL03 of the current level (`20`, `21`, `19`, `PT`).
        private var levelCode = ""
        private var level: AcknowledgmentLevelStatus?
        private var claim: AcknowledgedClaim?
        /// Inside a 2220D service line of the current claim.
        private var inLine = false

        init(controlNumber: String, position: Int) {
            self.controlNumber = controlNumber
            self.position = position
        }

        mutating func read(_ segment: X12Segment, _ emit: (ClaimAcknowledgmentEvent) throws -> Void) throws {
            switch segment.id {
            case "HL":
                try close(emit)
                levelCode = try segment.required(3)
                level = Self.level(code: levelCode).map {
                    AcknowledgmentLevelStatus(
                        level: $0, position: segment.position, identifier: "", trace: "", statuses: [])
                }
            case "NM1":
                level?.identifier = segment.element(9)
            case "TRN":
                try read(trn: segment, emit)
            case "STC":
                let status = try Self.status(segment)
                if claim != nil {
                    if inLine { claim?.lineStatuses.append(status) } else { claim?.statuses.append(status) }
                } else if level != nil {
                    level?.statuses.append(status)
                } else if levelCode == "PT" {
                    throw segment.failure("STC at the patient level before the claim's TRN")
                }
            case "REF":
                if claim != nil, !inLine, segment.element(1) == "1K" { claim?.payerClaimNumber = segment.element(2) }
            case "DTP":
                if claim != nil, !inLine, segment.element(1) == "472" { claim?.serviceDates = segment.element(3) }
            case "SVC":
                guard claim != nil else { throw segment.failure("SVC outside a claim (loop 2200D)") }
                inLine = true
            default: break
            }
        }

        private mutating func read(trn segment: X12Segment, _ emit: (ClaimAcknowledgmentEvent) throws -> Void) throws {
            let trace = try segment.required(2)
            if levelCode == "PT" {
                try closeClaim(emit)
                claim = AcknowledgedClaim(position: segment.position, patientControlNumber: trace, statuses: [])
                inLine = false
            } else {
                level?.trace = trace
            }
        }

        /// Emits the open claim (which must have a status) and the open level (when it has statuses).
        mutating func close(_ emit: (ClaimAcknowledgmentEvent) throws -> Void) throws {
            try closeClaim(emit)
            if let level, !level.statuses.isEmpty { try emit(.level(level)) }
            level = nil
        }

        private mutating func closeClaim(_ emit: (ClaimAcknowledgmentEvent) throws -> Void) throws {
            guard let claim else { return }
            self.claim = nil
            inLine = false
            guard !claim.statuses.isEmpty else {
                throw X12Error(
                    segment: claim.position, segmentID: "TRN",
                    message: "claim \(claim.patientControlNumber) (loop 2200D) has no STC status")
            }
            try emit(.claim(claim))
        }

        private static func level(code: String) -> AcknowledgmentLevelStatus.Level? {
            switch code {
            case "21": .informationReceiver
            case "19": .billingProvider
            default: nil
            }
        }

        /// STC: STC01 category, status and entity; STC02 date; STC03 action; STC04 amount; STC12 text.
        static func status(_ segment: X12Segment) throws(X12Error) -> ClaimStatusInformation {
            let category = segment.component(1, 1)
            let status = segment.component(1, 2)
            guard !category.isEmpty else { throw segment.failure("STC01-1 (the status category code) is missing") }
            guard !status.isEmpty else { throw segment.failure("STC01-2 (the claim status code) is missing") }
            return ClaimStatusInformation(
                position: segment.position, category: category, status: status, entity: segment.component(1, 3),
                date: segment.element(2), action: segment.element(3), charge: try segment.optionalMoney(4),
                message: segment.element(12))
        }
    }
}
