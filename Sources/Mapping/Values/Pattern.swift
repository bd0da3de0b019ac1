/// A regular expression compiled once for fast, non-backtracking matching over UTF-8 bytes.
///
/// Supported syntax: literals; `.`; the escapes `\d \D \w \W \s \S`, `\t \n \r` and any escaped ASCII
/// punctuation (`\. \- \( \\` …); character classes such as `[a-z0-9_]` and `[^,]`, which may contain
/// `\d`-style escapes; the greedy quantifiers `* + ? {n} {n,} {n,m}` (counts up to 1000); groups `( … )`
/// and `(?: … )`; alternation `|`; and the anchors `^` and `$`, which match only at the start and the end
/// of the whole input. Backreferences, lookaround, lazy or possessive quantifiers, word boundaries,
/// inline flags, POSIX and Unicode classes are rejected with a ``PatternError``.
///
/// Matching has search semantics: `matches(_:)` is true when any part of the input matches, so anchor
/// with `^…$` to test the whole value.
///
/// Matching is byte-wise: a non-ASCII character in the pattern matches its UTF-8 bytes in sequence (and a
/// quantifier after it repeats the whole character), while `.`, `\D`, `\W`, `\S` and negated classes
/// match exactly one byte, so `^.{3}$` means three bytes, not three characters. Non-ASCII characters
/// inside classes are rejected; write an alternation such as `(é|è)` instead. `\w` and `\s` are ASCII.
///
/// The pattern compiles to a deterministic automaton over byte classes (one table lookup per input byte,
/// no allocation); when that automaton would exceed its size limit, matching falls back to a Pike VM
/// over the compiled program. Both take time linear in the input, so patterns such as `(a+)+b` cannot
/// backtrack catastrophically.
public struct Pattern: Sendable, CustomStringConvertible {
    /// The source text of the pattern.
    ///
    /// Used in messages such as "does not match the pattern ^[0-9]{1,12}$".
    public let description: String
    /// Compiled program; its last instruction is the only `match`.
    let program: [Instruction]
    /// Byte sets referenced by `byteSet` instructions.
    let sets: [ByteSet]
    /// Deterministic automaton, absent when it would be too large.
    let automaton: Automaton?

    /// Compiles a pattern.
    ///
    /// - Parameter source: The regular expression.
    /// - Throws: ``PatternError`` naming the offset and the unsupported or malformed construct.
    public init(_ source: String) throws(PatternError) {
        try self.init(source, stateLimit: Automaton.defaultStateLimit)
    }

    /// Compiles a pattern with a cap on automaton states; `0` forces the Pike VM for all but trivial patterns.
    init(_ source: String, stateLimit: Int) throws(PatternError) {
        var parser = Parser(source)
        let tree = try parser.parse()
        var compiler = Compiler()
        try compiler.compile(tree)
        description = source
        program = compiler.program
        sets = compiler.sets
        automaton = Automaton(program: compiler.program, sets: compiler.sets, stateLimit: stateLimit)
    }

    /// Whether any part of the bytes matches.
    ///
    /// `^` and `$` anchor to the start and end of the whole buffer. The automaton does not allocate; the
    /// Pike VM fallback needs a temporary buffer of 20 bytes per program instruction.
    ///
    /// - Parameter bytes: UTF-8 text, typically one field.
    /// - Returns: `true` when some substring (possibly empty) matches.
    public func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let automaton { return automaton.matches(bytes) }
        return simulate(bytes)
    }

    /// Whether any part of the string's UTF-8 bytes matches.
    ///
    /// - Parameter string: The text to search.
    /// - Returns: `true` when some substring (possibly empty) matches.
    public func matches(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { matches($0) }
    }
}
