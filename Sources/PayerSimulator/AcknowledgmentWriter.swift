import Formats

/// Writes the simulator's 999 (005010X231A1) and TA1 interchanges.
enum AcknowledgmentWriter {
    /// A 999 acknowledging `batch`'s group: one AK2/IK5 per set, AK9 counting the accepted sets.
    ///
    /// A rejected set gets an IK3 on its first SV1 (loop 2400, code `8`: element errors), an IK4 on SV101-2
    /// (data element 234, code `7`: invalid code value) and `IK5*R*5`. AK901 is `A` when every set is
    /// accepted, `R` when none is, else `P` (005010X231A1 loops 2000, 2100, 2110). With `withTA1`, a TA1
    /// accepting the batch's interchange follows the GE.
    static func ack999(
        _ batch: SubmittedBatch, rejecting rejected: Set<String>, envelope: X12Envelope, withTA1: Bool = false
    ) -> [UInt8] {
        var writer = X12Writer()
        writer.raw(envelope.isa)
        let group = String(envelope.controlNumber)
        writer.segment(
            "GS", "FA", envelope.groupSender, envelope.groupReceiver, envelope.date.ccyymmdd, envelope.time,
            group, "X", "005010X231A1")
        writer.startCounting()
        writer.segment("ST", "999", "0001", "005010X231A1")
        writer.segment("AK1", "HC", batch.groupControlNumber, "005010X222A1")
        var accepted = 0
        for set in batch.transactionSets {
            writer.segment("AK2", "837", set.controlNumber, "005010X222A1")
            if rejected.contains(set.controlNumber) {
                if let line = set.claims.first?.lines.first {
                    writer.segment("IK3", "SV1", String(line.sv1Position), "2400", "8")
                    writer.segment("IK4", writer.composite("1", "2"), "234", "7", line.procedure)
                }
                writer.segment("IK5", "R", "5")
            } else {
                accepted += 1
                writer.segment("IK5", "A")
            }
        }
        let received = batch.transactionSets.count
        let status = accepted == received ? "A" : accepted == 0 ? "R" : "P"
        let included = batch.declaredSetCount > 0 ? batch.declaredSetCount : received
        writer.segment("AK9", status, String(included), String(received), String(accepted))
        writer.segment("SE", String(writer.counted + 1), "0001")
        writer.segment("GE", "1", group)
        if withTA1 { writer.segment("TA1", ta1Elements(batch)) }
        writer.segment("IEA", "1", envelope.control9)
        return writer.bytes
    }

    /// TA101-TA105 accepting the batch's interchange.
    private static func ta1Elements(_ batch: SubmittedBatch) -> [String] {
        [batch.interchangeControlNumber, batch.interchangeDate, batch.interchangeTime, "A", "000"]
    }

    /// A TA1 accepting `batch`'s interchange (TA104 `A`, TA105 `000`: no error), in an interchange of its own.
    static func ta1(_ batch: SubmittedBatch, envelope: X12Envelope) -> [UInt8] {
        var writer = X12Writer()
        writer.raw(envelope.isa)
        writer.segment("TA1", ta1Elements(batch))
        writer.segment("IEA", "0", envelope.control9)
        return writer.bytes
    }
}
