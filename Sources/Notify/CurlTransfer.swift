internal import CLibCurl

/// One libcurl easy handle for one request; every libcurl return code becomes a ``NotifyError`` here.
///
/// Blocking: `perform` returns when the transfer ends or its time-out passes. Signals are off (`NOSIGNAL`), so it
/// may run on any thread.
final class CurlTransfer {
    private let handle: UnsafeMutableRawPointer
    private let operation: String
    private let endpoint: String
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

    /// Opens a handle for `url`, restricted to `protocols` (`http,https` or `smtp,smtps`), with a time-out.
    ///
    /// - Throws: ``NotifyError`` when libcurl cannot start.
    init(url: String, protocols: String, operation: String, timeout: Double) throws(NotifyError) {
        self.operation = operation
        endpoint = Endpoint.display(url)
        guard LibCurl.initialization == 0, let handle = curl_easy_init() else {
            throw NotifyError(
                .transfer(code: LibCurl.initialization), operation: operation, endpoint: Endpoint.display(url),
                detail: "libcurl could not be initialised")
        }
        self.handle = handle
        try check(dropgate_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, &errorBuffer))
        try set(CURLOPT_URL, url)
        try set(CURLOPT_PROTOCOLS_STR, protocols)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        try set(CURLOPT_CONNECTTIMEOUT_MS, Int(timeout * 1000))
        try check(dropgate_curl_set_callback(handle, CURLOPT_WRITEFUNCTION, Self.discard))
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
    }

    /// Sets a numeric option.
    func set(_ option: CURLoption, _ value: Int) throws(NotifyError) {
        try check(dropgate_curl_set_long(handle, option, value))
    }

    /// Sets a text option (libcurl copies it).
    func set(_ option: CURLoption, _ value: String) throws(NotifyError) {
        try check(dropgate_curl_set_string(handle, option, value))
    }

    /// Sets a list option (headers, recipients); the list lives as long as this transfer.
    func set(_ option: CURLoption, list items: [String]) throws(NotifyError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for item in items {
            guard !item.utf8.contains(where: { $0 == 13 || $0 == 10 }) else {
                throw NotifyError(
                    .invalidRequest, operation: operation, endpoint: endpoint, detail: "a line break in a header")
            }
            guard let longer = curl_slist_append(list, item) else {
                if let list { curl_slist_free_all(list) }
                throw NotifyError(.invalidRequest, operation: operation, endpoint: endpoint, detail: "out of memory")
            }
            list = longer
        }
        guard let list else { return }
        lists.append(list)
        try check(dropgate_curl_set_list(handle, option, list))
    }

    /// Sets `body` as the POST body (libcurl copies it).
    func setPostBody(_ body: [UInt8]) throws(NotifyError) {
        try set(CURLOPT_POSTFIELDSIZE, body.count)
        var copy = body
        try check(
            copy.withUnsafeMutableBytes { dropgate_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) })
    }

    /// Runs the transfer, reading an upload (a mail) from `upload` when given.
    ///
    /// - Returns: the response code (HTTP status, or the last SMTP reply code).
    /// - Throws: ``NotifyError`` with libcurl's error text.
    func perform(upload: [UInt8]? = nil) throws(NotifyError) -> Int {
        let source = upload.map(UploadSource.init)
        if let source {
            try set(CURLOPT_UPLOAD, 1)
            try check(dropgate_curl_set_callback(handle, CURLOPT_READFUNCTION, Self.read))
            try check(dropgate_curl_set_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque()))
        }
        let result = withExtendedLifetime(source) { curl_easy_perform(handle) }
        try check(result)
        var code = 0
        try check(dropgate_curl_response_code(handle, &code))
        return code
    }

    private func check(_ code: CURLcode) throws(NotifyError) {
        guard code != CURLE_OK else { return }
        let buffered = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let detail = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
        throw NotifyError(.transfer(code: code.rawValue), operation: operation, endpoint: endpoint, detail: detail)
    }

    /// Bytes handed to libcurl's read callback, with how far it has read.
    private final class UploadSource {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    /// The response body is never kept: it is not ours to log.
    private static let discard: dropgate_curl_data_callback = { _, size, count, _ in size * count }

    private static let read: dropgate_curl_data_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let source = Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue()
        let length = min(size * count, source.bytes.count - source.offset)
        source.bytes.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, length > 0 else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + source.offset, byteCount: length)
        }
        source.offset += length
        return length
    }
}
