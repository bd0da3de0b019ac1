/// "Gain from the year's first diagnostic, and progress toward growth targets" — computed by the store after
/// a file's rows are loaded, for every group (the ``SequenceDefinition``'s partition) the file touched.
///
/// Within a group ordered by the sequence's order, each row's gain is its score minus the baseline row's
/// score, and each target's progress is `gain × 100 / measure`, a whole percent rounded half away from zero
/// (empty when the measure is empty or zero).
public struct GrowthDefinition: Sendable, Equatable {
    /// Which row of a group the gain is measured from.
    public enum Baseline: String, Sendable, CaseIterable {
        /// The first row of the group in the sequence's order (the year's first diagnostic).
        case firstOfYear = "first_of_year"
    }

    /// A growth target: the field carrying the measure and the column receiving the progress.
    public struct Target: Sendable, Equatable {
        /// Field carrying the target growth (scale score points); the row's own, else the baseline's.
        public var measure: String
        /// Column receiving the percent progress.
        public var progress: String

        /// Creates a target.
        public init(measure: String, progress: String) {
            self.measure = measure
            self.progress = progress
        }
    }

    /// Which row is the baseline.
    public var baseline: Baseline
    /// Field carrying the score.
    public var score: String
    /// Column receiving the gain.
    public var gain: String
    /// Targets (typical and stretch growth), each optional.
    public var targets: [Target]
    /// Line of the `growth` key, for issues found against the target table.
    public var line: Int

    /// Creates a growth definition.
    public init(baseline: Baseline, score: String, gain: String, targets: [Target], line: Int = 0) {
        self.baseline = baseline
        self.score = score
        self.gain = gain
        self.targets = targets
        self.line = line
    }

    /// Every column the step writes.
    public var columns: [String] { [gain] + targets.map(\.progress) }
}
