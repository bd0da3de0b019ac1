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
    /// Unless `matched`, no claims are built and every claim of the 835 is reported unmatched.
    public static func run(claims: Int, matched: Bool = true, mappings: String, workDirectory: String) throws
        -> Result
    {
        let (workspace, path) = try prepare(
            claims: claims, matched: matched, mappings: mappings, workDirectory: workDirectory)
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

    /// Writes the 835 (and, when `matched`, builds the claims it pays) and leaves a gateway in
    /// `workDirectory` that `dropgate --config workDirectory/dropgate.yaml ingest remittance.835.x12 --source
    /// bench-payer` can time as a whole process. Unmatched, the database holds no claims: every claim of the
    /// 835 is reported unmatched. Returns the 835's path.
    public static func prepare(claims: Int, matched: Bool, mappings: String, workDirectory: String) throws -> String {
        let (workspace, path) = try prepare(
            claims: claims, matched: matched, mappings: mappings, workDirectory: workDirectory)
        try workspace.writeConfiguration()
        return path
    }

    private static func prepare(
        claims: Int, matched: Bool, mappings: String, workDirectory: String
    ) throws -> (BenchWorkspace, String) {
        guard matched else {
            let workspace = try ClaimsBenchmark.emptyWorkspace(
                period: "day", mappings: mappings, workDirectory: workDirectory)
            return (workspace, try write835(claims: claims, billed: nil, workDirectory: workDirectory))
        }
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
        return (workspace, try write835(claims: claims, billed: { billed[$0] }, workDirectory: workDirectory))
    }

    private static func write835(
        claims: Int, billed: ((Int) -> RemittanceSample.BilledLine)?, workDirectory: String
    ) throws -> String {
        let path = workDirectory + "/remittance.835.x12"
        let writer = try AtomicFileWriter(path: path)
        try RemittanceSample.write835(
            claims: claims, payee: ClaimsBenchmark.billingNPI,
            patientControlNumber: { "DG" + ProfessionalClaimWriter.padded($0 + 1, 9) }, billed: billed
        ) { chunk in
            try chunk.withUnsafeBytes { try writer.write($0) }
        }
        try writer.commit()
        return path
    }
}
