import Foundation

/// A bounded hand-off between one producing thread and one consuming thread.
///
/// The producer blocks while `capacity` items wait, so memory stays bounded whatever the file size. Either side
/// can stop the other: the producer by finishing (with an error or not), the consumer by cancelling.
final class BatchChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Runs `produce` on a new thread named `name`; the stream ends when it returns, or with the error it throws.
    func startProducer(name: String, _ produce: @escaping @Sendable () throws -> Void) {
        let thread = Thread {
            do {
                try produce()
                self.finish()
            } catch {
                self.finish(throwing: error)
            }
        }
        thread.name = name
        thread.start()
    }

    /// Hands an item over, waiting for room; `false` when the consumer has cancelled.
    func send(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Ends the stream; a non-nil error is rethrown to the consumer after the items already sent.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, `nil` at the end of the stream.
    ///
    /// - Throws: the producer's error, once every item sent before it has been received.
    func receive() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if !items.isEmpty {
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the producer to stop; waits until it has finished.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
