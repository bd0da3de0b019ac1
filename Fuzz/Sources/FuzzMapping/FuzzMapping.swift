import Claims
import Foundation
import FuzzSupport
import Mapping
import XMLRecords

/// Mapping YAML: what `dropgate mappings check` does with one file, without the database: decode (as a mapping
/// and as a payer profile), the cross-file lint, compilation, and the XML layout of an XML mapping.
@main
enum FuzzMapping {
    static func main() {
        exit(FuzzDriver.run(fuzz))
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    if let definition = try? MappingDefinition.decode(yaml: text, file: "fuzz.yaml") {
        _ = MappingLint.crossFileIssues([definition, definition])
        let compiled = CompiledMapping(definition)
        _ = compiled.delimiter
        if let layout = compiled.xmlLayout {
            _ = try? XMLRecordLayout(recordPath: layout.recordPath, fieldPaths: layout.fieldPaths)
        }
    }
    _ = try? PayerProfile.decode(yaml: text, file: "fuzz.yaml")
    return 0
}
