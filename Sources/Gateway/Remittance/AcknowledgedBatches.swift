/// The batches whose claims a 277CA answered, with how many claims it accepted and rejected in each, so that
/// each batch's state is settled once at the end of the job.
struct AcknowledgedBatches {
    private(set) var tallies: [Int64: (accepted: Int, rejected: Int)] = [:]

    /// Counts one claim of `batchID`.
    mutating func count(batchID: Int64, accepted: Bool) {
        var tally = tallies[batchID] ?? (0, 0)
        if accepted { tally.accepted += 1 } else { tally.rejected += 1 }
        tallies[batchID] = tally
    }
}
