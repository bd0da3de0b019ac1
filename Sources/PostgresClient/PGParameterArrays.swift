import CLibPQ

/// The parallel C arrays `PQexecParams` and `PQexecPrepared` take, built over one contiguous byte buffer.
struct PGParameterArrays {
    private var storage: [UInt8] = []
    private var offsets: [Int?] = []
    private(set) var types: [Oid] = []
    private(set) var lengths: [Int32] = []
    private(set) var formats: [Int32] = []

    /// Lays out `parameters`.
    ///
    /// - Throws: ``PGError`` when a text parameter contains a NUL byte (libpq would cut it there without a word).
    init(_ parameters: [PGParameter?], sql: String) throws {
        for (index, parameter) in parameters.enumerated() {
            switch parameter {
            case nil:
                offsets.append(nil)
                types.append(0)
                lengths.append(0)
                formats.append(0)
            case .text(let text):
                let utf8 = text.utf8
                guard !utf8.contains(0) else {
                    throw PGError(.other, message: "text parameter $\(index + 1) contains a NUL byte", sql: sql)
                }
                offsets.append(storage.count)
                storage.append(contentsOf: utf8)
                storage.append(0)
                types.append(0)
                lengths.append(0)
                formats.append(0)
            case .bytes(let bytes):
                offsets.append(storage.count)
                storage.append(contentsOf: bytes)
                types.append(17)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            }
        }
        // Never empty, so an empty `bytea` still gets a non-NULL pointer (a NULL pointer means SQL NULL).
        storage.append(0)
    }

    /// The number of parameters.
    var count: Int32 { Int32(offsets.count) }

    /// Calls `body` with the value pointers (nil for SQL NULL), valid only inside `body`.
    func withValues<Result>(_ body: ([UnsafePointer<CChar>?]) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { bytes in
            let values = offsets.map { offset in
                offset.flatMap { bytes.baseAddress?.advanced(by: $0).assumingMemoryBound(to: CChar.self) }
            }
            return try body(values)
        }
    }
}
