import Foundation
import PyX12Support
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

extension PyX12Tests {
    /// pyx12 4.0.0's known false error (x12.md §6): a second PLB segment, although PLB may repeat. The
    /// simulator writes one PLB per set for this reason; if this test fails, pyx12 changed.
    @Test func aSecondPLBIsAKnownFalseError() throws {
        var text = String(decoding: try Fixture.bytes("seed7-reject-0002.835.x12"), as: UTF8.self)
        let plb = "PLB*1234567893*20251231*L6:LUSD-0001*-0.17~\n"
        text = text.replacingOccurrences(of: plb, with: plb + "PLB*1234567893*20251231*L6:LUSD-0002*-0.01~\n")
        text = text.replacingOccurrences(of: "BPR*C*254.87*", with: "BPR*C*254.88*")
        text = text.replacingOccurrences(of: "SE*54*0001~", with: "SE*55*0001~")
        let result = try PyX12.validate(Array(text.utf8), name: "two-plb.835")
        #expect(result.verdict == "Failure")
        #expect(result.errors.count == 1 && result.errors[0].contains("Loop FOOTER exceeded max count"))
    }
}
