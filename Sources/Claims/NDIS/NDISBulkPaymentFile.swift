import Values

/// The NDIS bulk payment request CSV (myplace provider portal): rules, file name and writer (formats.md §6).
///
/// The file is the mandatory header row of the sixteen ``NDISColumn`` names, then one row per
/// ``NDISPaymentRequest``; lines end in CRLF and a field is quoted (RFC 4180) only when it holds a comma,
/// a quote, CR or LF.
public enum NDISBulkPaymentFile {
    /// The longest accepted file name, `.csv` included.
    public static let maxFileNameLength = 20

    /// Every rule the rows break, in row order, then column order.
    ///
    /// - Parameter requests: The rows; violations number them from 1.
    /// - Returns: Every violation, empty when the rows may be written.
    public static func validate(_ requests: [NDISPaymentRequest]) -> [NDISViolation] {
        var violations: [NDISViolation] = []
        for (index, request) in requests.enumerated() {
            func fail(_ column: NDISColumn, _ rule: NDISRule, _ message: String) {
                violations.append(NDISViolation(row: index + 1, column: column, rule: rule, message: message))
            }
            if request.registrationNumber.isEmpty || !isDigits(request.registrationNumber) {
                fail(.registrationNumber, .registrationNumber, "must be digits only")
            }
            if request.ndisNumber.utf8.count != 9 || !isDigits(request.ndisNumber) {
                fail(.ndisNumber, .ndisNumber, "must be 9 digits")
            }
            if request.deliveredTo < request.deliveredFrom {
                fail(.supportsDeliveredTo, .datesOrder, "is before SupportsDeliveredFrom")
            }
            if request.supportNumber.isEmpty
                || !request.supportNumber.utf8.allSatisfy({ isAlphanumeric($0) || $0 == 95 })
            {
                fail(.supportNumber, .supportNumber, "must be a support item number (letters, digits, _)")
            }
            let referenceCharacters = request.claimReference.utf8.allSatisfy {
                isAlphanumeric($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            }
            if request.claimReference.utf8.count > 50 || !referenceCharacters {
                fail(.claimReference, .claimReference, "at most 50 letters, digits, /, _ or -")
            }
            if request.quantity.isEmpty == request.hours.isEmpty {
                fail(.quantity, .quantityOrHours, "give either Quantity or Hours")
            }
            if !request.quantity.isEmpty, !isQuantity(request.quantity) {
                fail(.quantity, .quantityFormat, "must be NNNNN or NNN.NN")
            }
            if !request.hours.isEmpty, !isQuantity(request.hours) {
                fail(.hours, .hoursFormat, "must be NNNNN or NNN.NN")
            }
            if request.unitPrice < .zero || request.unitPrice > Money(cents: 999_999_999) {
                fail(.unitPrice, .unitPrice, "must be from 0.00 to 9999999.99")
            }
            if (request.claimType == .cancellation) != (request.cancellationReason != nil) {
                let message =
                    request.claimType == .cancellation
                    ? "is required when ClaimType is CANC" : "is only allowed when ClaimType is CANC"
                fail(.cancellationReason, .cancellationReason, message)
            }
            if !request.abn.isEmpty, request.abn.utf8.count != 11 || !isDigits(request.abn) {
                fail(.abn, .abn, "must be 11 digits")
            }
        }
        return violations
    }

    /// The rules a file name breaks (at most 20 characters including `.csv`; the `.csv` extension in any case).
    public static func fileNameProblems(_ name: String) -> [NDISRule] {
        var problems: [NDISRule] = []
        if name.count > maxFileNameLength { problems.append(.fileNameLength) }
        if name.count <= 4 || name.suffix(4).lowercased() != ".csv" { problems.append(.fileNameExtension) }
        return problems
    }

    /// A compliant file name for a batch, the same for the same batch: `BPR` + at least 6 digits + `.csv`.
    ///
    /// `BPR000042.csv`; the largest batch number gives `BPR4294967295.csv`, 17 characters.
    public static func fileName(batch: UInt32) -> String {
        let digits = String(batch)
        return "BPR" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".csv"
    }

    /// The file's bytes: header row, then one row per request, CRLF line ends.
    ///
    /// - Parameters:
    ///   - requests: The rows, already validated.
    ///   - dateStyle: How dates are written; `yyyy/mm/dd` by default, per NDIS advice (one vendor documents
    ///     `dd/mm/yyyy`: see ``NDISDateStyle``).
    public static func write(_ requests: [NDISPaymentRequest], dateStyle: NDISDateStyle = .yearMonthDay) -> [UInt8] {
        var bytes: [UInt8] = []
        append(NDISColumn.allCases.map(\.header), to: &bytes)
        for request in requests {
            append(fields(of: request, dateStyle: dateStyle), to: &bytes)
        }
        return bytes
    }

    /// The sixteen fields of a row, in column order.
    static func fields(of request: NDISPaymentRequest, dateStyle: NDISDateStyle) -> [String] {
        [
            request.registrationNumber, request.ndisNumber, text(request.deliveredFrom, dateStyle),
            text(request.deliveredTo, dateStyle), request.supportNumber, request.claimReference, request.quantity,
            request.hours, request.unitPrice.description, request.gstCode.rawValue, "", "", "",
            request.claimType.rawValue, request.cancellationReason?.rawValue ?? "", request.abn,
        ]
    }

    private static func append(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let quote = UInt8(ascii: "\"")
            let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 10 || $0 == 13 }
            if needsQuotes { bytes.append(quote) }
            for byte in field.utf8 {
                if byte == quote { bytes.append(quote) }
                bytes.append(byte)
            }
            if needsQuotes { bytes.append(quote) }
        }
        bytes += [13, 10]
    }

    private static func text(_ day: Day, _ style: NDISDateStyle) -> String {
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
        let year = String(repeating: "0", count: max(0, 4 - String(day.year).count)) + String(day.year)
        switch style {
        case .yearMonthDay: return year + "/" + two(day.month) + "/" + two(day.day)
        case .dayMonthYear: return two(day.day) + "/" + two(day.month) + "/" + year
        }
    }

    /// `NNNNN` (1-5 digits) or `NNN.NN` (1-3 digits, a point, 1-2 digits).
    private static func isQuantity(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return (1...5).contains(parts[0].utf8.count) && isDigits(parts[0])
        case 2:
            return (1...3).contains(parts[0].utf8.count) && (1...2).contains(parts[1].utf8.count)
                && isDigits(parts[0]) && isDigits(parts[1])
        default: return false
        }
    }

    private static func isDigits(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { (48...57).contains($0) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }
}
