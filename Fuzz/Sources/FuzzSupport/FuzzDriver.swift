/// libFuzzer's entry point for programs with their own `main` (compiler-rt's FuzzerInterface.h).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process arguments.
///
/// SwiftPM links an executable target with `main` defined as the target's own entry point, so libFuzzer's
/// `main` never runs: each target's `@main` calls this instead, handing over its `LLVMFuzzerTestOneInput`.
public enum FuzzDriver {
    /// Runs libFuzzer with `CommandLine`'s arguments and `testOneInput`; returns libFuzzer's exit code.
    public static func run(_ testOneInput: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }
}

/// Fuzz input as a document plus a chunk size (1…31) derived from its length, so that the same document also
/// exercises a streaming reader's chunk boundaries while corpus files and crash artifacts stay plain documents.
public struct FuzzInput {
    /// The document.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The chunk size to feed the reader with.
    public let chunkSize: Int

    /// Wraps libFuzzer's input.
    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = UnsafeBufferPointer(start: data, count: size)
        chunkSize = 1 + (size * 7) % 31
    }

    /// Calls `body` with each chunk of `chunkSize` bytes in order.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            try body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            start = end
        }
    }

    /// The document as a string, invalid UTF-8 repaired (what the YAML loaders are handed).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Stops the run: a reader broke a property the fuzz target checks (libFuzzer records the input as a crash).
public func fuzzFinding(_ message: String) -> Never {
    fatalError("fuzz finding: \(message)")
}
