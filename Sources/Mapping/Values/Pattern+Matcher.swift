extension Pattern {
    /// A set of program counters with constant-time insert, lookup and clear, over caller-provided memory.
    ///
    /// Both buffers hold one slot per instruction and must be initialised (any values) before use.
    struct StateSet {
        private let dense: UnsafeMutablePointer<Int32>
        private let sparse: UnsafeMutablePointer<Int32>
        /// Number of members.
        private(set) var count = 0

        /// A set over `dense` and `sparse`, each with one slot per instruction.
        init(dense: UnsafeMutablePointer<Int32>, sparse: UnsafeMutablePointer<Int32>) {
            self.dense = dense
            self.sparse = sparse
        }

        /// The member at `slot`, in insertion order.
        subscript(slot: Int) -> Int32 { dense[slot] }

        /// Whether `pc` is a member.
        func contains(_ pc: Int32) -> Bool {
            let slot = Int(sparse[Int(pc)])
            return slot >= 0 && slot < count && dense[slot] == pc
        }

        /// Adds `pc`; `false` when it was already a member.
        mutating func insert(_ pc: Int32) -> Bool {
            if contains(pc) { return false }
            dense[count] = pc
            sparse[Int(pc)] = Int32(count)
            count += 1
            return true
        }

        /// Removes every member.
        mutating func removeAll() {
            count = 0
        }
    }

    /// Adds `pc` and every instruction reachable from it without consuming a byte.
    ///
    /// `assertStart` and `assertEnd` are passed only when `atStart` and `atEnd` say so; they are added to
    /// the set either way. `stack` needs one slot per instruction, since each is pushed at most once.
    static func addClosure(
        from pc: Int32, to set: inout StateSet, stack: UnsafeMutablePointer<Int32>,
        program: UnsafeBufferPointer<Instruction>, atStart: Bool, atEnd: Bool
    ) {
        guard set.insert(pc) else { return }
        stack[0] = pc
        var top = 1
        while top > 0 {
            top -= 1
            let current = stack[top]
            let instruction = program[Int(current)]
            var first: Int32 = -1
            var second: Int32 = -1
            switch instruction.operation {
            case .jump: first = instruction.a
            case .split: (first, second) = (instruction.a, instruction.b)
            case .assertStart where atStart, .assertEnd where atEnd: first = current + 1
            case .byteSet, .match, .assertStart, .assertEnd: break
            }
            if first >= 0, set.insert(first) {
                stack[top] = first
                top += 1
            }
            if second >= 0, set.insert(second) {
                stack[top] = second
                top += 1
            }
        }
    }

    /// Runs the program as a Pike VM: all threads advance in lockstep, one input byte at a time.
    ///
    /// Time is O(input × program) and the only memory is a stack-friendly temporary allocation, which
    /// makes this the fallback for patterns whose automaton would be too large.
    func simulate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let size = program.count
        let matchPC = Int32(size - 1)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 5 * size) { memory in
            guard let base = memory.baseAddress else { return false }
            memory.initialize(repeating: 0)
            var current = StateSet(dense: base, sparse: base + size)
            var next = StateSet(dense: base + 2 * size, sparse: base + 3 * size)
            let stack = base + 4 * size
            return program.withUnsafeBufferPointer { code in
                Self.addClosure(
                    from: 0, to: &current, stack: stack, program: code, atStart: true, atEnd: bytes.isEmpty)
                for (position, byte) in bytes.enumerated() {
                    if current.contains(matchPC) { return true }
                    let atEnd = position + 1 == bytes.count
                    next.removeAll()
                    for slot in 0..<current.count {
                        let pc = current[slot]
                        let instruction = code[Int(pc)]
                        if instruction.operation == .byteSet, sets[Int(instruction.a)].contains(byte) {
                            Self.addClosure(
                                from: pc + 1, to: &next, stack: stack, program: code, atStart: false, atEnd: atEnd)
                        }
                    }
                    Self.addClosure(from: 0, to: &next, stack: stack, program: code, atStart: false, atEnd: atEnd)
                    swap(&current, &next)
                }
                return current.contains(matchPC)
            }
        }
    }
}
