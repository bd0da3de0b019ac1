import Foundation
import Testing

@Suite struct PyX12Tests {
    @Test func reportsErrorsAndAFailureVerdict() throws {
        var text = String(decoding: try Fixture.bytes("two-sets.837p.x12"), as: UTF8.self)
        text = text.replacingOccurrences(of: "SV1*HC:T1013*31.2*UN*2***1~", with: "SV1*HC:T1013*31.2*UN*2***1*~")
        text = text.replacingOccurrences(of: "N4*RIVERSIDE*CA*92504~", with: "N4*RIVERSIDE*XX*92504~")
        let result = try PyX12.validate(Array(text.utf8), name: "broken.837")
        #expect(result.verdict == "Failure")
        #expect(result.errors.count == 2)
        #expect(result.errors.contains { $0.contains("trailing element terminators") })
        #expect(result.errors.contains { $0.contains("(XX) is not a valid code") })
    }
}
