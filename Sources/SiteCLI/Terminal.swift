import Foundation
import SiteBuild
import SiteModel

/// The only place that writes to the terminal.
enum Terminal {
    static func out(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Writes all of `text`, or as much as the reader takes: when it has gone (`hub serve |
    /// head`, after the server library has set SIGPIPE aside) the rest is dropped.
    /// `FileHandle.write` stops the program on that error instead.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Diagnostics on standard error, coloured when it is a terminal.
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let printer = DiagnosticPrinter(colours: isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        error(printer.format(diagnostics))
    }

    /// "1 error" / "3 warnings".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
