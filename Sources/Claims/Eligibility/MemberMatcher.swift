import Foundation

/// Matches payer members to a district's students: by CIN where the student carries one, else by last
/// name, first name and birth date compared after normalisation (case, accents, hyphens, spaces, apostrophes).
///
/// Pure: built from the students, asked about one member at a time.
public struct MemberMatcher: Sendable {
    /// How a member matched.
    public enum Match: Sendable, Equatable {
        /// One student, and how.
        case matched(studentID: String, by: MatchMethod)
        /// Several students fit equally.
        case ambiguous(candidates: [String])
        /// No student fits; why.
        case unmatched(reason: String)
    }

    private var byCIN: [String: [PersonIdentity]] = [:]
    private var byNameAndBirthdate: [String: [PersonIdentity]] = [:]

    /// Indexes a district's students by CIN and by folded name and birth date.
    public init(students: [PersonIdentity]) {
        for student in students {
            if let cin = student.cin, !cin.isEmpty { byCIN[cin, default: []].append(student) }
            if let key = Self.key(last: student.lastName, first: student.firstName, birthdate: student.birthdate) {
                byNameAndBirthdate[key, default: []].append(student)
            }
        }
    }

    /// Matches one payer member to the students.
    public func match(_ member: PersonIdentity) -> Match {
        if let cin = member.cin, !cin.isEmpty, let students = byCIN[cin] {
            if students.count == 1 { return .matched(studentID: students[0].id, by: .cin) }
            return .ambiguous(candidates: students.map(\.id).sorted())
        }
        guard let key = Self.key(last: member.lastName, first: member.firstName, birthdate: member.birthdate) else {
            return .unmatched(reason: "no student carries this CIN and the member has no full name and birth date")
        }
        let candidates = byNameAndBirthdate[key] ?? []
        // A student whose own CIN differs from the member's is a different person with the same name.
        let compatible = candidates.filter { student in
            guard let memberCIN = member.cin, !memberCIN.isEmpty, let studentCIN = student.cin, !studentCIN.isEmpty
            else { return true }
            return memberCIN == studentCIN
        }
        switch compatible.count {
        case 1: return .matched(studentID: compatible[0].id, by: .nameBirthdate)
        case 0 where !candidates.isEmpty:
            return .unmatched(
                reason:
                    "name and birth date match student \(candidates.map(\.id).sorted().joined(separator: ", ")), whose CIN differs"
            )
        case 0: return .unmatched(reason: "no student has this CIN, or this name and birth date")
        default: return .ambiguous(candidates: compatible.map(\.id).sorted())
        }
    }

    /// `last|first|birthdate` with names folded, or `nil` when a part is missing.
    static func key(last: String?, first: String?, birthdate: String?) -> String? {
        guard let last = last.map(normalise), let first = first.map(normalise), let birthdate,
            !last.isEmpty, !first.isEmpty, !birthdate.isEmpty
        else { return nil }
        return last + "|" + first + "|" + birthdate
    }

    /// Lowercased, accents removed, letters and digits only: `O'Brien-Núñez` → `obriennunez`.
    static func normalise(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // Fast path for ASCII names: keep letters and digits, lowercased.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for byte in name.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                default: continue
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
            .lowercased()
    }
}
