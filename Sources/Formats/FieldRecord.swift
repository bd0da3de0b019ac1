/// A record whose fields can be read as raw UTF-8 bytes by position.
///
/// Validators are generic over this so that CSV and other record readers feed them without copying.
public protocol FieldRecord: ~Copyable {
    /// Number of fields in the record.
    var count: Int { get }
    /// Calls `body` with the bytes of the field at `index` (`0..<count`).
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
}
