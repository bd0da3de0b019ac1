import Foundation
import PackagePlugin

/// Writes `BuildRevision.swift` into the target before each build: the package's git revision (`git rev-parse
/// --short=12 HEAD`), or `unknown` when the package folder is not the top of a git checkout (a tarball) or git is
/// missing.
///
/// The file is rewritten only when the revision changed, so a build at the same commit recompiles nothing.
@main
struct RevisionStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let script = """
            mkdir -p "$2" || exit 1
            revision=unknown
            # Only the package's own checkout: a tarball unpacked inside another repository is not it.
            if [ "$(git -C "$1" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$1" && pwd -P)" ]; then
                revision=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) || revision=unknown
            fi
            text="/// The git revision this binary was built from, or unknown outside a git checkout (RevisionStamp).
            let buildRevision = \\"$revision\\""
            if [ "$(cat "$2/BuildRevision.swift" 2>/dev/null)" != "$text" ]; then
                printf '%s\\n' "$text" > "$2/BuildRevision.swift"
            fi
            """
        return [
            .prebuildCommand(
                displayName: "Stamping the git revision into \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "revision-stamp", context.package.directoryURL.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
