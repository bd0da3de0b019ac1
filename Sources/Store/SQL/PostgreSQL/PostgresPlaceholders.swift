import Synchronization

/// Rewrites SQLite placeholders to PostgreSQL's `$1`, `$2`, … outside string literals, quoted identifiers and
/// comments, so the repositories' statements run unchanged on both stores.
///
/// `?` takes the next value. `?N` (SQLite's numbered form, the same value used in several places) becomes
/// one `$k` per distinct `N`, numbered in order of first use, because PostgreSQL cannot type a parameter a
/// statement does not use: ``Rewritten/order`` says which of the caller's values each `$k` is.
enum PostgresPlaceholders {
    /// A statement in PostgreSQL's placeholders.
    struct Rewritten: Sendable {
        /// The statement.
        let sql: String
        /// For `?N` statements, the 0-based index of the caller's value each `$k` takes; `nil` when values are
        /// taken in order.
        let order: [Int]?

        /// The name it is prepared under on a connection: a hash of its text, the same in every process.
        var name: String {
            // FNV-1a, 64 bits.
            "dg_" + String(sql.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }, radix: 16)
        }

        /// The caller's values as the statement takes them.
        func arrange<Value>(_ values: [Value]) -> [Value] {
            order.map { $0.map { values[$0] } } ?? values
        }
    }

    /// The statement with numbered placeholders, and the order of its values (rewritten once per process).
    static func rewrite(_ sql: String) -> Rewritten {
        if let cached = cache.withLock({ $0[sql] }) { return cached }
        let rewritten = rewriting(sql)
        cache.withLock { $0[sql] = rewritten }
        return rewritten
    }

    /// Statements rewritten so far; the repositories' statements are a bounded set.
    private static let cache = Mutex<[String: Rewritten]>([:])

    private static func rewriting(_ sql: String) -> Rewritten {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var next = 0
        var explicit: [Int: Int] = [:]
        var order: [Int] = []
        var quote: Character?
        var lineComment = false
        var previous: Character = " "
        var characters = sql.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            defer { previous = character }
            if lineComment {
                if character == "\n" { lineComment = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-" && previous == "-" {
                lineComment = true
            } else if character == "?" {
                var digits = ""
                while let digit = pending, digit.isASCII, digit.isNumber {
                    digits.append(digit)
                    pending = characters.next()
                }
                if let number = Int(digits) {
                    let index = number - 1
                    if explicit[index] == nil {
                        order.append(index)
                        explicit[index] = order.count
                    }
                    output += "$\(explicit[index] ?? 0)"
                } else {
                    next += 1
                    output += "$\(next)"
                }
                continue
            }
            output.append(character)
        }
        return Rewritten(sql: output, order: order.isEmpty ? nil : order)
    }
}
