internal import CLibXML2

extension XMLRecordReader {
    /// libxml2's read callback: fills its buffer through the ``XMLInputContext`` passed as `context`.
    static let readCallback: xmlInputReadCallback = { context, buffer, length in
        guard let context, let buffer, length > 0 else {
            return 0
        }
        let input = Unmanaged<XMLInputContext>.fromOpaque(context).takeUnretainedValue()
        return Int32(input.fill(UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
    }

    /// libxml2's structured error handler: hands the error to the ``XMLInputContext`` passed as `context`.
    static let errorCallback: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else {
            return
        }
        Unmanaged<XMLInputContext>.fromOpaque(context).takeUnretainedValue().report(error.pointee)
    }
}
