/// The security policy every page carries, in one place: the same Content-Security-Policy
/// goes into each page's `<meta>` tag (`{{csp}}`) and, with the headers a meta tag cannot
/// set, into `Public/_headers` for hosts that read it (Netlify, Cloudflare Pages).
enum SecurityHeaders {
    /// Everything from the site's own origin only: no inline scripts or styles, no third
    /// parties. `data:` images let CSS use small inline SVGs; JSON-LD data blocks are not
    /// scripts, so the policy does not apply to them.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

    /// `frame-ancestors` only works as a header, not in a meta tag.
    static let headerPolicy = contentSecurityPolicy + "; frame-ancestors 'none'"

    /// Header name and value, in the order written.
    static let headers: [(String, String)] = [
        ("Content-Security-Policy", headerPolicy),
        // A page's address (`/self-harm-support/`) is itself sensitive: never send it on.
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()"),
    ]

    /// The output file name: reserved, so no alias can replace it.
    static let fileName = "_headers"

    /// `Public/_headers`: every path gets the headers.
    static var headersFile: String {
        "/*\n" + headers.map { "  \($0.0): \($0.1)\n" }.joined()
    }
}
