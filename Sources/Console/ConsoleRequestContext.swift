import Hummingbird
import NIOCore

/// The request context of the console's routes: Hummingbird's core context and the client's address, which the
/// login throttle counts failures by.
public struct ConsoleRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or `unknown` (the router tests have no socket).
    public let clientAddress: String

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
