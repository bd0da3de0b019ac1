import Store

extension Intake {
    /// Takes a source's intake lock (``Ledger/lock(_:wait:)``), held while its files are listed,
    /// staged, registered and swept.
    ///
    /// Several processes over one configuration (the daemon, `run --once`, `ingest`, other gateways sharing a
    /// PostgreSQL database) then never stage the same drop twice, nor sweep a copy another process has staged
    /// but not yet registered.
    ///
    /// - Parameters:
    ///   - source: the source id.
    ///   - wait: wait for another process's lock (`ingest`) rather than give up (a pass, which moves on).
    /// - Returns: the held lock, or `nil` when another process holds it and `wait` is false.
    func lock(source: String, wait: Bool) throws -> (any HeldLock)? {
        try ledger.lock(.intake(source: source), wait: wait)
    }
}
