import Claims
import Foundation
import Gateway
import PayerSimulator
import Store
import Transport
import Values

/// Measures an 835 of many claims through the gateway: parse, envelope and balance checks, matching every
/// claim to the claim sent, updating claims and lines, and writing the reconciliation reports.
public enum RemittanceBenchmark {
    /// What one run measured.
    public struct Result: Sendable, Codable {
        /// Claims in the 835.
        public var claims: Int
        /// Claims matched to claims sent.
        public var matched: Int
        /// Size of the 835.
        public var bytes: Int64
        /// Seconds for the 835 job alone.
        public var seconds: Double
        /// Megabytes (10^6) per second.
        public var megabytesPerSecond: Double
        /// Peak resident set size before the 835 job, MiB.
        public var peakRSSBeforeMiB: Double
        /// Peak resident set size of the process, MiB.
        public var peakRSSMiB: Double
    }

    /// Builds `claims` claims (one service each), generates a balanced 835 paying them, and times its job.
    public static func run(claims: Int, mappings: String, workDirectory: String) throws -> Result {
        let workspace = try ClaimsBenchmark.prepare(
            services: claims, period: "day", mappings: mappings, workDirectory: workDirectory)
        let built = try workspace.gateway.buildClaims(payer: "bench")
        guard built.claims == claims else {
            throw GatewayError(.inconsistent, "bench: built \(built.claims) claims, expected \(claims)")
        }
        // The payer answers the claims really sent: each CLP names a claim with its charge and its billed line.
        let billed = try (1...Int64(claims)).map { id in
            guard let line = try workspace.gateway.claim(id: id)?.lines.first else {
                throw GatewayError(.inconsistent, "bench: claim \(id) has no line")
            }
            return RemittanceSample.BilledLine(code: line.code, modifiers: line.modifiers, charge: line.charge)
        }
        let path = workDirectory + "/remittance.835.x12"
        let writer = try AtomicFileWriter(path: path)
        try RemittanceSample.write835(
            claims: claims, payee: ClaimsBenchmark.billingNPI,
            patientControlNumber: { "DG" + ProfessionalClaimWriter.padded($0 + 1, 9) }, billed: { billed[$0] }
        ) { chunk in
            try chunk.withUnsafeBytes { try writer.write($0) }
        }
        try writer.commit()
        let before = BenchWorkspace.peakRSSMiB()
        let (job, seconds) = try workspace.timedIngest(path, source: BenchWorkspace.payerInbox)
        guard job.state == .done else {
            throw GatewayError(.inconsistent, "bench: the 835 job ended \(job.state.rawValue): \(job.lastError ?? "")")
        }
        return Result(
            claims: job.rowsRead, matched: job.inserted, bytes: job.size, seconds: seconds,
            megabytesPerSecond: Double(job.size) / 1e6 / seconds, peakRSSBeforeMiB: before,
            peakRSSMiB: BenchWorkspace.peakRSSMiB())
    }
}
