extension Pattern {
    /// One step of the compiled program; execution continues at the next index unless it jumps.
    struct Instruction: Sendable {
        /// The operation.
        enum Operation: UInt8, Sendable {
            /// Consume one byte in `sets[a]`.
            case byteSet
            /// Continue at both `a` and `b`.
            case split
            /// Continue at `a`.
            case jump
            /// Continue only at the start of the input.
            case assertStart
            /// Continue only at the end of the input.
            case assertEnd
            /// The pattern matched.
            case match
        }

        /// What the step does.
        var operation: Operation
        /// Set index for `byteSet`, first target for `split`, target for `jump`.
        var a: Int32 = 0
        /// Second target for `split`.
        var b: Int32 = 0
    }

    /// Compiles a syntax tree to a Thompson-style program whose last instruction is the only `match`.
    ///
    /// Counted repetition is expanded: `x{2,4}` becomes `x x (x (x)?)?`, so the program size is bounded by
    /// ``instructionLimit`` to keep compilation and matching cheap.
    struct Compiler {
        /// Largest program accepted, after expanding counted repetition.
        static let instructionLimit = 10_000

        /// The compiled program.
        private(set) var program: [Instruction] = []
        /// Distinct byte sets, indexed by `byteSet` instructions.
        private(set) var sets: [ByteSet] = []
        private var setIndices: [ByteSet: Int32] = [:]

        /// Compiles `tree` and appends the final `match`.
        mutating func compile(_ tree: Node) throws(PatternError) {
            try emit(tree)
            try append(Instruction(operation: .match))
        }

        private mutating func emit(_ node: Node) throws(PatternError) {
            switch node {
            case .bytes(let set):
                try append(Instruction(operation: .byteSet, a: index(of: set)))
            case .start:
                try append(Instruction(operation: .assertStart))
            case .end:
                try append(Instruction(operation: .assertEnd))
            case .concat(let items):
                for item in items { try emit(item) }
            case .alternation(let branches):
                try emitAlternation(branches)
            case .repetition(let body, let min, let max):
                for _ in 0..<min { try emit(body) }
                if let max {
                    try emitOptionals(body, count: max - min)
                } else {
                    try emitStar(body)
                }
            }
        }

        /// `a|b|c` → `split(a, split(b, c))`, each branch jumping to the end.
        private mutating func emitAlternation(_ branches: [Node]) throws(PatternError) {
            var jumps: [Int] = []
            for branch in branches.dropLast() {
                let split = program.count
                try append(Instruction(operation: .split))
                try emit(branch)
                jumps.append(program.count)
                try append(Instruction(operation: .jump))
                program[split].a = Int32(split + 1)
                program[split].b = Int32(program.count)
            }
            if let last = branches.last { try emit(last) }
            for jump in jumps { program[jump].a = Int32(program.count) }
        }

        /// `count` nested optional copies: skipping one skips all that follow it.
        private mutating func emitOptionals(_ body: Node, count: Int) throws(PatternError) {
            var splits: [Int] = []
            for _ in 0..<count {
                splits.append(program.count)
                try append(Instruction(operation: .split))
                try emit(body)
            }
            for split in splits {
                program[split].a = Int32(split + 1)
                program[split].b = Int32(program.count)
            }
        }

        /// `x*` → `L: split(body, out); body; jump L`.
        private mutating func emitStar(_ body: Node) throws(PatternError) {
            let loop = program.count
            try append(Instruction(operation: .split))
            try emit(body)
            try append(Instruction(operation: .jump, a: Int32(loop)))
            program[loop].a = Int32(loop + 1)
            program[loop].b = Int32(program.count)
        }

        private mutating func index(of set: ByteSet) -> Int32 {
            if let index = setIndices[set] { return index }
            let index = Int32(sets.count)
            sets.append(set)
            setIndices[set] = index
            return index
        }

        private mutating func append(_ instruction: Instruction) throws(PatternError) {
            guard program.count < Self.instructionLimit else {
                throw PatternError(
                    offset: 0,
                    message:
                        "the pattern is too large after expanding repetitions (limit \(Self.instructionLimit) steps)")
            }
            program.append(instruction)
        }
    }
}
