import Foundation

/// Refuses output folders whose replacement would destroy someone's work: the build
/// swaps the whole folder, so it must never be the site itself or hold it.
enum OutputFolderGuard {
    static func problem(output: URL, root: URL) -> String? {
        let out = output.resolvingSymlinksInPath().path
        let rootPath = root.resolvingSymlinksInPath().path
        if out == "/" || out == rootPath || rootPath.hasPrefix(out.hasSuffix("/") ? out : out + "/") {
            return "refusing to build into \(output.path): it holds the site's own files, and the build replaces the whole folder"
        }
        for protected in ["Content", "Templates", "Sources", ".git"] {
            let folder = root.appendingPathComponent(protected).resolvingSymlinksInPath().path
            if out == folder || out.hasPrefix(folder + "/") {
                return "refusing to build into \(output.path): it is inside \(protected)/"
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            return "\(output.path) exists and is not a folder"
        }
        return nil
    }
}
