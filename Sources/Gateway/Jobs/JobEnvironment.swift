import Claims
import Logging
import Mapping
import Store
import Values

/// What the job runner and its handlers share: configuration, mappings, profiles, the ledger and the outbox.
struct JobEnvironment: Sendable {
    let config: GatewayConfig
    let ledger: Ledger
    /// This process's lease on the jobs it works on.
    let lease: JobLease
    let mappings: MappingSet
    let tables: [String: DomainTable]
    let layout: OutboxLayout
    let payers: [PayerProfile]
    /// The keys archived files are encrypted and decrypted with.
    let archiveKeys: ArchiveKeys
    let logger: Logger
    let today: @Sendable () -> Day
    /// Where jobs show their progress while they run.
    let inFlight: WorkInFlight
}
