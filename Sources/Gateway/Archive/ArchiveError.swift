import Values

/// A failure reading or writing an encrypted archive file, or loading its keys.
public typealias ArchiveError = CodedError<ArchiveErrorCode>

/// What kind of ``ArchiveError``.
public enum ArchiveErrorCode: Sendable, Equatable {
    /// A key file is missing, unsafe (readable by others) or not a 32-byte key.
    case keyFile
    /// The file was encrypted with a key no configured key file holds.
    case unknownKey
    /// The file's header is not one this version writes, or a chunk fails authentication: tampered,
    /// truncated, reordered or corrupted.
    case corrupt
}
