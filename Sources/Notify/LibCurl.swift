internal import CLibCurl

/// Process-wide libcurl state.
enum LibCurl {
    /// `curl_global_init`'s result, computed once per process on first use (Swift runs a static `let`'s initializer
    /// exactly once, thread-safely), before any easy handle exists. 0 on success.
    static let initialization: UInt32 = curl_global_init(Int(CURL_GLOBAL_ALL)).rawValue
}
