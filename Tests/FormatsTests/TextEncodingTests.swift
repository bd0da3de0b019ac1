import Foundation
import Testing

@testable import Formats

@Suite struct TextEncodingTests {
    @Test func rawValuesAreEncodingLabels() {
        #expect(TextEncoding.utf8.rawValue == "utf-8")
        #expect(TextEncoding.windows1252.rawValue == "windows-1252")
        #expect(TextEncoding(rawValue: "windows-1252") == .windows1252)
        #expect(TextEncoding(rawValue: "latin1") == nil)
    }

    @Test func codesAsItsLabel() throws {
        let data = try JSONEncoder().encode([TextEncoding.windows1252])
        #expect(String(decoding: data, as: UTF8.self) == "[\"windows-1252\"]")
        #expect(try JSONDecoder().decode([TextEncoding].self, from: data) == [.windows1252])
    }
}
