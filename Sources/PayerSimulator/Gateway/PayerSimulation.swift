import Claims
import Foundation
import Gateway
import Store
import Transport
import Values

/// The test payer: answers one of our 837P batches with a 999 and an 835 dropped into the payer's inbox, as
/// a real payer would (``PayerSimulator`` decides the outcomes; this writes the files).
struct PayerSimulation {
    let gateway: Gateway

    /// Writes the answer to a batch (default: the payer's newest 837P batch) and returns the files written.
    func respond(payer: String, batchID: Int64?, rejectSets: Set<String>, ta1: Bool, seed: UInt64) throws -> [String] {
        guard gateway.payers.contains(where: { $0.id == payer }) else {
            throw GatewayError(.notFound, "unknown payer '\(payer)'")
        }
        guard let inbox = gateway.config.sources.first(where: { $0.payer == payer && $0.remote == nil }) else {
            throw GatewayError(
                .invalidConfiguration, "no local source has `payer: \(payer)`: the simulated answers need an inbox")
        }
        let batch: ClaimBatchRecord
        if let batchID {
            guard let found = try gateway.claimBatch(id: batchID), found.payer == payer else {
                throw GatewayError(.notFound, "payer \(payer) has no batch \(batchID)")
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
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: batch.file)))
        let base = 500_000_000 + Int(batch.id) * 3
        let options = SimulationOptions(
            acknowledgmentControlNumber: base, remittanceControlNumber: base + 1, ta1ControlNumber: base + 2,
            ta1: ta1 ? .always : .never, rejectedSets: rejectSets)
        let response = try PayerSimulator(seed: seed).respond(to: bytes, options: options)
        try FileSystem.makeDirectories(inbox.path)
        var written: [String] = []
        let stem = inbox.path + "/\(payer)-\(ProfessionalClaimWriter.padded(Int(batch.interchangeControl), 9))"
        for (suffix, content) in [
            ("ta1", response.ta1), ("999", response.acknowledgment999), ("835", response.remittance835),
        ] {
            guard let content else { continue }
            let path = "\(stem).\(suffix).x12"
            try AtomicFileWriter.write(String(decoding: content, as: UTF8.self), to: path)
            written.append(path)
        }
        return written
    }
}
