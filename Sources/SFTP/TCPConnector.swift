#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens a TCP connection with a time limit (POSIX `connect` on a non-blocking socket, then `poll`).
enum TCPConnector {
    /// Connects to the first reachable address of `host`, returning a blocking socket.
    ///
    /// - Throws: ``SFTPError`` `connectRefused`, `connectTimedOut` or `connectFailed` (unknown host, unreachable).
    static func connect(host: String, port: Int, timeoutSeconds: Int, endpoint: String) throws(SFTPError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            let reason = String(cString: gai_strerror(resolved))
            throw SFTPError(.connectFailed, operation: "resolve", endpoint: endpoint, detail: reason)
        }
        defer { freeaddrinfo(list) }
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        var lastError = SFTPError(.connectFailed, operation: "connect", endpoint: endpoint)
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let address = current {
            do {
                return try attempt(address.pointee, deadline: deadline, endpoint: endpoint)
            } catch {
                lastError = error
            }
            current = address.pointee.ai_next
        }
        throw lastError
    }

    private static func attempt(_ address: addrinfo, deadline: ContinuousClock.Instant, endpoint: String)
        throws(SFTPError) -> Int32
    {
        let descriptor = socket(address.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw failure(errno, endpoint: endpoint) }
        var connected = false
        defer { if !connected { close(descriptor) } }
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        if Glibc.connect(descriptor, address.ai_addr, address.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else { throw failure(errno, endpoint: endpoint) }
            try wait(descriptor, deadline: deadline, endpoint: endpoint)
            var problem: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &problem, &length)
            guard problem == 0 else { throw failure(problem, endpoint: endpoint) }
        }
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        connected = true
        return descriptor
    }

    private static func wait(_ descriptor: Int32, deadline: ContinuousClock.Instant, endpoint: String) throws(SFTPError)
    {
        while true {
            let remaining = (deadline - .now) / .milliseconds(1)
            guard remaining >= 1 else {
                throw SFTPError(.connectTimedOut, operation: "connect", endpoint: endpoint)
            }
            var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&request, 1, Int32(min(remaining, 86_400_000)))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw failure(errno, endpoint: endpoint) }
        }
    }

    private static func failure(_ code: Int32, endpoint: String) -> SFTPError {
        let kind: SFTPError.Code =
            switch code {
            case ECONNREFUSED: .connectRefused
            case ETIMEDOUT: .connectTimedOut
            default: .connectFailed
            }
        return SFTPError(kind, operation: "connect", endpoint: endpoint, detail: String(cString: strerror(code)))
    }
}
