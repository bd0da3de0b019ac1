extension Pattern {
    /// A deterministic automaton over byte classes, built from the program by subset construction.
    ///
    /// State 0 is dead (no match possible any more) and state 1 has matched; both absorb. Every other
    /// state is a set of program positions; the search restarts at every input position by adding the
    /// closure of instruction 0, which is how unanchored matching stays a single pass.
    struct Automaton: Sendable {
        /// Most states built before falling back to the Pike VM.
        static let defaultStateLimit = 2_000
        /// Most closure steps spent building, which bounds compile time for large programs.
        static let workLimit = 4_000_000
        static let dead: UInt16 = 0
        static let matched: UInt16 = 1

        /// Byte → class: bytes in the same class behave identically in every byte set of the program.
        private let classOf: [UInt8]
        private let classCount: Int
        /// `transitions[state * classCount + class]` → next state.
        private let transitions: [UInt16]
        /// Whether reaching the end of the input in each state means a match.
        private let acceptsAtEnd: [Bool]
        private let initial: Int

        /// Builds the automaton; `nil` when it would exceed `stateLimit` states or the work limit.
        init?(program: [Instruction], sets: [ByteSet], stateLimit: Int) {
            var classOf = [UInt8](repeating: 0, count: 256)
            var representatives: [UInt8] = []
            var classBySignature: [[Bool]: UInt8] = [:]
            for byte in UInt8.min...UInt8.max {
                let signature = sets.map { $0.contains(byte) }
                if let known = classBySignature[signature] {
                    classOf[Int(byte)] = known
                } else {
                    let id = UInt8(representatives.count)
                    classBySignature[signature] = id
                    representatives.append(byte)
                    classOf[Int(byte)] = id
                }
            }
            let built = program.withUnsafeBufferPointer { code in
                let memory = UnsafeMutablePointer<Int32>.allocate(capacity: 3 * code.count)
                defer { memory.deallocate() }
                memory.initialize(repeating: 0, count: 3 * code.count)
                var builder = Builder(
                    program: code, sets: sets, representatives: representatives, stateLimit: stateLimit,
                    set: StateSet(dense: memory, sparse: memory + code.count), stack: memory + 2 * code.count)
                return builder.build()
            }
            guard let built else { return nil }
            self.classOf = classOf
            classCount = representatives.count
            transitions = built.transitions
            acceptsAtEnd = built.acceptsAtEnd
            initial = Int(built.initial)
        }

        /// Whether any part of `bytes` matches: one table lookup per byte, stopping at dead or matched.
        func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            transitions.withUnsafeBufferPointer { table in
                classOf.withUnsafeBufferPointer { classes in
                    var state = initial
                    for byte in bytes {
                        if state <= Int(Self.matched) { break }
                        state = Int(table[state &* classCount &+ Int(classes[Int(byte)])])
                    }
                    return acceptsAtEnd[state]
                }
            }
        }
    }

    /// Subset construction over the program, one state per distinct set of consuming positions.
    private struct Builder {
        let program: UnsafeBufferPointer<Instruction>
        let sets: [ByteSet]
        let representatives: [UInt8]
        let stateLimit: Int
        var set: StateSet
        let stack: UnsafeMutablePointer<Int32>
        /// Per state: the `byteSet` and `assertEnd` positions it holds, sorted.
        private var kernels: [[Int32]] = [[], []]
        /// Per state: whether it is the initial state, where `^` holds.
        private var initialFlags: [Bool] = [false, false]
        private var ids: [[Int32]: UInt16] = [:]
        private var work = 0

        init(
            program: UnsafeBufferPointer<Instruction>, sets: [ByteSet], representatives: [UInt8], stateLimit: Int,
            set: StateSet, stack: UnsafeMutablePointer<Int32>
        ) {
            self.program = program
            self.sets = sets
            self.representatives = representatives
            self.stateLimit = min(stateLimit, Int(UInt16.max))
            self.set = set
            self.stack = stack
        }

        /// Explores every state reachable from the initial one; `nil` when a limit is hit first.
        mutating func build() -> (transitions: [UInt16], acceptsAtEnd: [Bool], initial: UInt16)? {
            close(from: 0, atStart: true, atEnd: false)
            guard let initial = state(initial: true) else { return nil }
            var transitions = [UInt16](repeating: Automaton.dead, count: representatives.count)
            transitions += [UInt16](repeating: Automaton.matched, count: representatives.count)
            var next = 2
            while next < kernels.count {
                let kernel = kernels[next]
                for byte in representatives {
                    set.removeAll()
                    for pc in kernel {
                        let instruction = program[Int(pc)]
                        if instruction.operation == .byteSet, sets[Int(instruction.a)].contains(byte) {
                            close(from: pc + 1, atStart: false, atEnd: false)
                        }
                    }
                    close(from: 0, atStart: false, atEnd: false)
                    guard work <= Automaton.workLimit, let target = state(initial: false) else { return nil }
                    transitions.append(target)
                }
                next += 1
            }
            let accepts = kernels.indices.map { acceptsAtEnd($0) }
            return (transitions, accepts, initial)
        }

        private mutating func close(from pc: Int32, atStart: Bool, atEnd: Bool) {
            Pattern.addClosure(from: pc, to: &set, stack: stack, program: program, atStart: atStart, atEnd: atEnd)
            work += set.count
        }

        /// The state for the current set, added when new; `nil` when over the state limit.
        private mutating func state(initial: Bool) -> UInt16? {
            var kernel: [Int32] = []
            for slot in 0..<set.count {
                let pc = set[slot]
                switch program[Int(pc)].operation {
                case .match: return Automaton.matched
                case .byteSet, .assertEnd: kernel.append(pc)
                case .split, .jump, .assertStart: break
                }
            }
            if kernel.isEmpty { return Automaton.dead }
            kernel.sort()
            if !initial, let known = ids[kernel] { return known }
            guard kernels.count < stateLimit else { return nil }
            let id = UInt16(kernels.count)
            kernels.append(kernel)
            initialFlags.append(initial)
            if !initial { ids[kernel] = id }
            return id
        }

        /// Whether the input may end in `state`: some `$` in it leads to `match`.
        private mutating func acceptsAtEnd(_ state: Int) -> Bool {
            if state == Int(Automaton.matched) { return true }
            set.removeAll()
            for pc in kernels[state] where program[Int(pc)].operation == .assertEnd {
                close(from: pc, atStart: initialFlags[state], atEnd: true)
            }
            return set.contains(Int32(program.count - 1))
        }
    }
}
