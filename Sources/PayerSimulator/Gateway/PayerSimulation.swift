import Claims
import Foundation
import Gateway
import Store
import Transport
import Values

/// The test payer: answers one of our 837P batches with a 999, an 835 and, when asked, a 277CA and a TA1,
/// dropped into the payer's inbox as a real payer would (``PayerSimulator`` decides the outcomes; this writes the
/// files).
///
/// The payer remembers what it answered (`payer-simulator/<payer>.answers` beside the database: batch, seed and
/// options, one line each) and replays those answers to know what it paid under each payer claim number, so that
/// the reversal of a later replacement or void mirrors the payment actually made.
struct PayerSimulation {
    let gateway: Gateway

    /// What the simulator is asked to do with one batch.
    struct Request: Equatable {
        var batchID: Int64
        var seed: UInt64
        var rejectSets: Set<String>
        var claimAcknowledgment: Bool
        var rejectClaims: Set<String>

        /// One line of the answers file: tab-separated fields, sets and claims comma-separated.
        var line: String {
            [
                String(batchID), String(seed), rejectSets.sorted().joined(separator: ","),
                claimAcknowledgment ? "277" : "-", rejectClaims.sorted().joined(separator: ","),
            ].joined(separator: "\t")
        }

        init(
            batchID: Int64, seed: UInt64, rejectSets: Set<String>, claimAcknowledgment: Bool, rejectClaims: Set<String>
        ) {
            self.batchID = batchID
            self.seed = seed
            self.rejectSets = rejectSets
            self.claimAcknowledgment = claimAcknowledgment
            self.rejectClaims = rejectClaims
        }

        init?(line: String) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, let batchID = Int64(fields[0]), let seed = UInt64(fields[1]) else { return nil }
            func set(_ text: String) -> Set<String> { Set(text.split(separator: ",").map(String.init)) }
            self.init(
                batchID: batchID, seed: seed, rejectSets: set(fields[2]), claimAcknowledgment: fields[3] == "277",
                rejectClaims: set(fields[4]))
        }
    }

    /// Writes the answer to a batch (default: the payer's newest 837P batch) and returns the files written.
    func respond(
        payer: String, batchID: Int64?, rejectSets: Set<String>, ta1: Bool, claimAcknowledgment: Bool,
        rejectClaims: Set<String>, seed: UInt64
    ) throws -> [String] {
        guard gateway.payers.contains(where: { $0.id == payer }) else {
            throw GatewayError(.notFound, "unknown payer '\(payer)'")
        }
        guard let inbox = gateway.config.sources.first(where: { $0.payer == payer && $0.remote == nil }) else {
            throw GatewayError(
                .invalidConfiguration, "no local source has `payer: \(payer)`: the simulated answers need an inbox")
        }
        let batch = try self.batch(payer: payer, id: batchID)
        let request = Request(
            batchID: batch.id, seed: seed, rejectSets: rejectSets, claimAcknowledgment: claimAcknowledgment,
            rejectClaims: rejectClaims)
        let memory = answersPath(payer: payer)
        let prepared = try answer(request, batch: batch, priorPayments: try priorPayments(payer: payer, memory: memory))
        var options = prepared.options
        options.ta1 = ta1 ? .withAcknowledgment : .never
        let answer = try PayerSimulator(seed: seed).respond(to: prepared.bytes, options: options)
        try FileSystem.makeDirectories(inbox.path)
        var written: [String] = []
        let stem = inbox.path + "/\(payer)-\(ProfessionalClaimWriter.padded(Int(batch.interchangeControl), 9))"
        for (suffix, content) in [
            ("ta1", answer.ta1), ("999", answer.acknowledgment999), ("277", answer.claimAcknowledgment277),
            ("835", answer.remittance835),
        ] {
            guard let content else { continue }
            let path = "\(stem).\(suffix).x12"
            try AtomicFileWriter.write(String(decoding: content, as: UTF8.self), to: path)
            written.append(path)
        }
        let earlier = (try? String(contentsOfFile: memory, encoding: .utf8)) ?? ""
        try FileSystem.makeDirectories(FileSystem.directory(of: memory))
        try AtomicFileWriter.write(earlier + request.line + "\n", to: memory)
        return written
    }

    private func batch(payer: String, id: Int64?) throws -> ClaimBatchRecord {
        let batch: ClaimBatchRecord
        if let id {
            guard let found = try gateway.claimBatch(id: id), found.payer == payer else {
                throw GatewayError(.notFound, "payer \(payer) has no batch \(id)")
            }
            batch = found
        } else {
            let batches = try gateway.claimBatches(payer: payer, limit: 1000)
            guard let newest = batches.first(where: { $0.format == .x12_837P }) else {
                throw GatewayError(.notFound, "payer \(payer) has no 837P batch to answer")
            }
            batch = newest
        }
        guard batch.format == .x12_837P, batch.state != .writing else {
            throw GatewayError(.invalidInput, "batch \(batch.id) is not a written 837P batch")
        }
        return batch
    }

    /// The batch's bytes and the options the simulator answers it with (control numbers from the batch id).
    private func answer(_ request: Request, batch: ClaimBatchRecord, priorPayments: [String: ClaimOutcome]) throws
        -> (bytes: [UInt8], options: SimulationOptions)
    {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: batch.file)))
        let base = 500_000_000 + Int(batch.id) * 3
        var options = SimulationOptions(
            acknowledgmentControlNumber: base, remittanceControlNumber: base + 1, ta1ControlNumber: base + 2,
            ta1: .never, rejectedSets: request.rejectSets)
        options.claimAcknowledgment = request.claimAcknowledgment
        options.claimAcknowledgmentControlNumber = 700_000_000 + Int(batch.id)
        options.rejectedClaims = request.rejectClaims
        options.priorPayments = priorPayments
        return (bytes, options)
    }

    /// What the payer paid under each claim number, replaying its earlier answers in order.
    private func priorPayments(payer: String, memory: String) throws -> [String: ClaimOutcome] {
        guard let text = try? String(contentsOfFile: memory, encoding: .utf8) else { return [:] }
        var payments: [String: ClaimOutcome] = [:]
        for line in text.split(separator: "\n") {
            guard let request = Request(line: String(line)),
                let batch = try gateway.claimBatch(id: request.batchID), batch.payer == payer,
                FileManager.default.fileExists(atPath: batch.file)
            else { continue }
            let (bytes, options) = try answer(request, batch: batch, priorPayments: payments)
            let response = try PayerSimulator(seed: request.seed).respond(to: bytes, options: options)
            for outcome in response.outcomes where outcome.kind != .reversal {
                payments[outcome.payerClaimControlNumber] = outcome
            }
        }
        return payments
    }

    /// `payer-simulator/<payer>.answers` in the database's folder.
    private func answersPath(payer: String) -> String {
        FileSystem.directory(of: gateway.config.paths.database) + "/payer-simulator/\(payer).answers"
    }
}
