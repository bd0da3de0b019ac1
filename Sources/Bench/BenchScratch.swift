import Foundation

/// The scratch folder a benchmark run generates its data into.
public enum BenchScratch {
    /// Creates a new, empty folder under the temporary folder and makes `mappings` absolute.
    ///
    /// - Parameter mappings: the mappings folder, absolute or relative to the current directory.
    /// - Returns: the new folder (the caller removes it) and the absolute mappings folder.
    public static func create(mappings: String) throws -> (work: String, mappings: String) {
        let absolute = absolute(mappings)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        return (work, absolute)
    }

    /// `path` made absolute against the current directory.
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
