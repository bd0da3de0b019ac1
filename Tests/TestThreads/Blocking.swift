import Foundation
import Synchronization
import Testing

/// Runs each test of a suite on a thread of its own, at most as many at a time as the machine has cores.
///
/// Swift Testing calls synchronous tests on the cooperative pool, which has one thread per core: two tests
/// that wait on processes, servers or sleeps for minutes would stall every `async` test on a 2-core machine,
/// and the console's background tasks with them. Mark suites whose tests block `@Suite(.blocking)`; the
/// tests waiting for a turn hold no thread.
public struct Blocking: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    static let turns = Turns(count: max(2, ProcessInfo.processInfo.activeProcessorCount))

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        try await onOwnThread(name: "test \(test.name)", function)
    }
}

extension Trait where Self == Blocking {
    /// Runs the suite's tests on threads of their own, outside the cooperative pool (see ``Blocking``).
    public static var blocking: Self { Self() }
}

/// Runs `body` on a new thread once a turn is free (see ``Blocking``), and returns its result.
public func onOwnThread<Value: Sendable>(
    name: String, _ body: @Sendable () async throws -> Value
) async throws -> Value {
    await Blocking.turns.take()
    defer { Blocking.turns.give() }
    let executor = ThreadExecutor(name: name)
    defer { executor.finish() }
    return try await withTaskExecutorPreference(executor) { try await body() }
}

/// A counting semaphore whose waiters suspend instead of blocking, admitted in arrival order.
final class Turns: Sendable {
    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state: Mutex<State>

    init(count: Int) { state = Mutex(State(free: count)) }

    func take() async {
        await withCheckedContinuation { continuation in
            let admitted = state.withLock { state in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    func give() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
