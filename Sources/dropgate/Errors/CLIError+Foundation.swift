import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CLIError {
    /// `cannot read <path>: no such file or directory` for a Foundation file error.
    ///
    /// The reason comes from the underlying POSIX error when Foundation kept it, else from the error code.
    static func sentence(_ error: CocoaError) -> String {
        let path = error.filePath ?? error.url?.path
        let verb: String
        switch error.code.rawValue {
        case CocoaError.fileReadUnknown.rawValue...CocoaError.fileReadTooLarge.rawValue: verb = "read"
        case CocoaError.fileWriteUnknown.rawValue...CocoaError.fileWriteVolumeReadOnly.rawValue: verb = "write"
        default: verb = "use"
        }
        let subject = path.map { "cannot \(verb) \($0)" } ?? "cannot \(verb) a file"
        return "\(subject): \(reason(error))"
    }

    /// Why a Foundation file operation failed, in lower case.
    static func reason(_ error: CocoaError) -> String {
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(underlying.code))
        }
        switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return reason(errno: ENOENT)
        case .fileReadNoPermission, .fileWriteNoPermission: return reason(errno: EACCES)
        case .fileWriteOutOfSpace: return reason(errno: ENOSPC)
        case .fileWriteFileExists: return reason(errno: EEXIST)
        case .fileWriteVolumeReadOnly: return reason(errno: EROFS)
        case .fileReadTooLarge: return reason(errno: EFBIG)
        case .fileReadCorruptFile: return "the file is damaged or in an unexpected format"
        case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding:
            return "the text is not in the expected encoding"
        default: return "error \(error.code.rawValue)"
        }
    }

    /// The verb for a ``FileSystemError``'s operation: `read` for `open`, `opendir` and `stat`, `write` for
    /// `fsync`, `create` for `mkdir`, `remove` for `unlink`; other operations (`rename`, `write`, …) as they
    /// are.
    static func verb(_ operation: String) -> String {
        switch operation {
        case "open", "opendir", "stat": "read"
        case "fsync": "write"
        case "mkdir": "create"
        case "unlink": "remove"
        default: operation
        }
    }

    /// The C library's text for `errno`, starting in lower case (`no such file or directory`).
    static func reason(errno: Int32) -> String {
        let text = String(cString: strerror(errno))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
