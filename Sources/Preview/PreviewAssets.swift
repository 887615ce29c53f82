/// The preview's own files, served under `/_hub/` and never written by `hub build`.
/// External files rather than inline code: pages carry a strict Content-Security-Policy.
enum PreviewAssets {
    static let scriptPath = "/_hub/live-reload.js"
    static let stylesheetPath = "/_hub/overlay.css"
    static let eventsPath = "/_hub/events"
    static let reportPath = "/_hub/report"

    /// A bare page for when the site has none to show (the first build failed) and for
    /// the report: it carries the overlay's stylesheet and the live-reload script.
    static func standalonePage(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) – hub serve</title>
        <link rel="stylesheet" href="\(stylesheetPath)">
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// Reloads the page when a rebuild finishes (the server then shows the new page, or the
    /// error overlay). After a reconnect, a changed version means a rebuild was missed.
    static let script = """
        // RecoveryHub preview: reload when the site is rebuilt. Served only by `hub serve`.
        (function () {
          if (!window.EventSource) return;
          var version = null;
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("hello", function (event) {
            if (version !== null && version !== event.data) location.reload();
            version = event.data;
          });
          source.addEventListener("reload", function () { location.reload(); });
        })();

        """

    /// The error overlay: high contrast (WCAG AA in light and dark schemes), readable at
    /// 400 % zoom, above the page but scrollable, and leaving the page usable below it.
    static let stylesheet = """
        .hub-overlay { position: fixed; inset: 0 0 auto 0; max-height: 70vh; overflow: auto; z-index: 2147483647;
          margin: 0; padding: 1rem 1.25rem; background: #fff; color: #1a1a1a; border-bottom: 0.375rem solid #b3261e;
          box-shadow: 0 0.25rem 1rem rgba(0, 0, 0, 0.35); font: 1rem/1.5 system-ui, sans-serif; }
        .hub-overlay:focus { outline: 0.1875rem solid #1d4ed8; outline-offset: -0.1875rem; }
        .hub-overlay h2 { margin: 0 0 0.5rem; font-size: 1.25rem; color: #8c1d18; }
        .hub-overlay ol { margin: 0.5rem 0 0; padding-left: 1.5rem; }
        .hub-overlay li { margin: 0 0 1rem; }
        .hub-overlay__where { font-family: ui-monospace, monospace; font-weight: 700; overflow-wrap: anywhere; }
        .hub-overlay__severity--error { color: #8c1d18; }
        .hub-overlay__severity--warning { color: #6b3d00; }
        .hub-overlay pre { margin: 0.25rem 0; padding: 0.5rem; overflow-x: auto; background: #f3f3f3; color: #1a1a1a;
          border: 1px solid #767676; font: 0.9375rem/1.4 ui-monospace, monospace; white-space: pre; }
        @media (prefers-color-scheme: dark) {
          .hub-overlay { background: #1e1e1e; color: #f2f2f2; border-bottom-color: #ff8a80; }
          .hub-overlay h2, .hub-overlay__severity--error { color: #ffb4ab; }
          .hub-overlay__severity--warning { color: #ffd180; }
          .hub-overlay pre { background: #2b2b2b; color: #f2f2f2; border-color: #9e9e9e; }
        }
        @media print { .hub-overlay { display: none; } }

        """
}
