import Foundation

/// Adds the preview's parts to an HTML page as it is served: the live-reload script
/// (same-origin, deferred) and, while a rebuild has problems, the overlay's stylesheet
/// and panel. Built pages are never changed; `hub build` output has none of this.
enum PageDecorator {
    static func decorate(_ page: Data, overlay: String?) -> Data {
        var html = String(decoding: page, as: UTF8.self)
        var head = "<script src=\"\(PreviewAssets.scriptPath)\" defer></script>\n"
        if overlay != nil { head += "<link rel=\"stylesheet\" href=\"\(PreviewAssets.stylesheetPath)\">\n" }
        if let end = html.range(of: "</head>", options: .caseInsensitive) {
            html.insert(contentsOf: head, at: end.lowerBound)
        } else {
            html = head + html
        }
        if let overlay {
            // First thing in the body, so keyboard and screen-reader users meet it first.
            if let body = html.range(of: "<body", options: .caseInsensitive),
               let close = html[body.upperBound...].firstIndex(of: ">") {
                html.insert(contentsOf: "\n" + overlay, at: html.index(after: close))
            } else {
                html = overlay + html
            }
        }
        return Data(html.utf8)
    }
}
