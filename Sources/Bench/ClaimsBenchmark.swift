import Foundation
import Gateway
import Mapping
import Store
import Transport
import Values

/// Measures a claim build: unbilled services screened, priced, grouped, recorded and written as an 837P.
public enum ClaimsBenchmark {
    /// What one run measured.
    public struct Result: Sendable, Codable {
        /// Services loaded and billed.
        public var services: Int
        /// Claims built.
        public var claims: Int
        /// Size of the 837P file.
        public var bytes: Int64
        /// Seconds for the build alone (select, screen, group, record, write, verify).
        public var seconds: Double
        /// Services per second.
        public var servicesPerSecond: Double
        /// Peak resident set size of the process before the build (after loading the services), MiB.
        public var peakRSSBeforeMiB: Double
        /// Peak resident set size of the process, MiB.
        public var peakRSSMiB: Double
    }

    /// The bench payer's billing provider NPI (the 835's payee).
    static let billingNPI = "1467389254"

    static func profile(period: String) -> String {
        """
        payer: bench
        name: Bench Medicaid
        format: 837P
        payer_id: BENCHPAYER
        districts: [\(BenchWorkspace.source)]
        envelope: { sender_qualifier: ZZ, sender_id: DROPGATE, receiver_qualifier: ZZ, receiver_id: PAYERSID,
                    application_sender: DROPGATE, application_receiver: PAYERSID, usage: T }
        submitter: { name: Bench USD, id: BENCHUSD, contact: Billing, phone: "9165550142" }
        receiver: { name: Bench Medicaid, id: BENCHPAYER }
        billing_provider:
          name: Bench Unified School District
          npi: "\(billingNPI)"
          tax_id: "946001234"
          taxonomy: 251300000X
          address: { street: 1 Bench St, city: Lincoln, state: CA, zip: "956481234" }
        claim_filing_code: MC
        eligible_plans: ["*"]
        requires_consent: true
        place_of_service: "03"
        billing_period: \(period)
        filing_limit: { days_after_service: 365 }
        fee_schedule:
          "92507": { rate: "52.00", modifiers: [GN] }
          "T1002": { rate: "15.75" }
        """
    }

    /// Generates a roster, a member batch and `services` services under `workDirectory`, loads them, then
    /// times one claim build.
    public static func run(services: Int, mappings: String, workDirectory: String) throws -> Result {
        let workspace = try prepare(
            services: services, period: "month", mappings: mappings, workDirectory: workDirectory)
        let before = BenchWorkspace.peakRSSMiB()
        let start = ContinuousClock.now
        let summary = try workspace.gateway.buildClaims(payer: "bench")
        let seconds = BenchWorkspace.seconds(since: start)
        let bytes = summary.file.flatMap { try? FileSystem.status($0).size } ?? 0
        return Result(
            services: summary.servicesBilled, claims: summary.claims, bytes: bytes, seconds: seconds,
            servicesPerSecond: Double(summary.servicesBilled) / seconds, peakRSSBeforeMiB: before,
            peakRSSMiB: BenchWorkspace.peakRSSMiB())
    }

    /// Loads the generated services and leaves a gateway in `workDirectory` that `dropgate --config
    /// workDirectory/dropgate.yaml claims build --payer bench` can time as a whole process.
    public static func prepare(services: Int, mappings: String, workDirectory: String) throws {
        try prepare(services: services, period: "month", mappings: mappings, workDirectory: workDirectory)
            .writeConfiguration()
    }

    /// A bench workspace with the `bench` payer (claims grouped by `period`) and the generated files loaded.
    static func prepare(services: Int, period: String, mappings: String, workDirectory: String) throws -> BenchWorkspace
    {
        let workspace = try emptyWorkspace(period: period, mappings: mappings, workDirectory: workDirectory)
        let students = max(1, services / 20)
        let today = Day.today()
        try write(workDirectory + "/students.csv") { emit in
            emit("Student ID,School,Last Name,First Name,Birthdate,Grade,Sex,Address,City,State,Zip Code\n")
            for index in 0..<students {
                emit(
                    "\(900_000 + index),1,Student\(index),Bench,01/02/2012,5,F,\(index) Oak St,Lincoln,CA,95648-1234\n")
            }
        }
        try write(workDirectory + "/member_batch.csv") { emit in
            emit(
                "MemberId,CIN,LastName,FirstName,DateOfBirth,EligibilityStart,EligibilityEnd,AidCode,PlanCode,CountyCode\n"
            )
            for index in 0..<students {
                emit("B\(index),,Student\(index),Bench,2012-01-02,\(today.adding(days: -200)),,1X,BENCH01,41\n")
            }
        }
        try write(workDirectory + "/spi_services.csv") { emit in
            emit(
                "Student ID,Service Date,Start Time,End Time,Minutes,Billing Code,Modifiers,Units,Place of Service,Rendering NPI,Rendering Name,Diagnosis Codes,Group or Individual,Parental Consent\n"
            )
            for index in 0..<services {
                let student = 900_000 + index % students
                let date = today.adding(days: -(1 + (index / students) * 2))
                let usDate = "\(pad(date.month))/\(pad(date.day))/\(date.year)"
                emit("\(student),\(usDate),08:00,08:30,30,92507,GN,1,03,1234567893,\"Rivera, Ana\",F80.2;F41.1,I,Y\n")
            }
        }
        for name in ["students.csv", "member_batch.csv", "spi_services.csv"] {
            let (job, _) = try workspace.timedIngest(workDirectory + "/" + name)
            guard job.rejected == 0 else {
                throw GatewayError(.inconsistent, "bench: \(job.rejected) generated rows of \(name) were rejected")
            }
        }
        return workspace
    }

    /// A bench workspace with the shipped mappings and the `bench` payer's profile, and no data.
    static func emptyWorkspace(period: String, mappings: String, workDirectory: String) throws -> BenchWorkspace {
        let folder = workDirectory + "/Mappings"
        try FileSystem.makeDirectories(folder + "/payers")
        for file in try FileManager.default.contentsOfDirectory(atPath: mappings) where file.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: mappings + "/" + file, toPath: folder + "/" + file)
        }
        try AtomicFileWriter.write(profile(period: period), to: folder + "/payers/bench.yaml")
        return try BenchWorkspace(folder: workDirectory, mappings: folder)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// Streams generated text to a file in 1 MiB pieces.
    private static func write(_ path: String, _ body: ((String) -> Void) -> Void) throws {
        let writer = try AtomicFileWriter(path: path)
        var buffer = ""
        var failure: (any Error)?
        body { text in
            buffer += text
            if buffer.utf8.count >= 1 << 20 {
                do { try writer.write(buffer) } catch { failure = error }
                buffer = ""
            }
        }
        if let failure { throw failure }
        try writer.write(buffer)
        try writer.commit()
    }
}
