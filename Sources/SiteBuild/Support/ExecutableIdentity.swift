import Foundation

/// Which build of `hub` is running: part of every page's fingerprint, so a page kept from
/// an earlier build is never reused by a program that might render it differently (a new
/// release, or a developer's rebuild with the same version number).
enum ExecutableIdentity {
    /// The running executable's file identity; where it cannot be read, a value unique to
    /// this process, so pages are reused only within it.
    static let fingerprint: Fingerprint = {
        let identity = FileIdentity(path: "/proc/self/exe", followingLinks: true)
        return Fingerprint { hasher in
            if let identity {
                for word in [identity.device, identity.inode, identity.size, identity.modifiedSeconds, identity.modifiedNanoseconds] {
                    hasher.combine(word)
                }
            } else {
                hasher.combine(UUID().uuidString)
            }
        }
    }()
}
