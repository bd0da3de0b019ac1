/// The element tables of the transactions DropGate reads, generated from pyx12's maps by
/// `scripts/generate-element-rules` (one file per transaction: `RemittanceElementRules.swift`,
/// `AcknowledgmentElementRules.swift`, `InterchangeAcknowledgmentElementRules.swift`).
public enum X12ElementRules {}
