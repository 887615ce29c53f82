import Foundation
import SiteModel

/// The content register for editors (`hub check --report FILE.html`, and `/_hub/report` in
/// the preview): one self-contained page listing every article's owner, reviewers, review
/// dates (status in words as well as colour), reading age, sources and findings.
///
/// It is one file with no external assets, so it can be mailed or archived; its small style
/// and sort script are therefore inline. The table reads and works without the script,
/// sorted by next review; the script only adds sortable column headers.
public enum ContentRegister {
    public static func html(_ report: CheckReport) -> String {
        let articles = report.documents.filter { $0.kind == .article }
            .sorted { ($0.nextReview ?? .distantPast, $0.path) < ($1.nextReview ?? .distantPast, $1.path) }
        let title = "Content register" + (report.siteTitle.isEmpty ? "" : " – \(escape(report.siteTitle))")
        var rows = ""
        for record in articles {
            let grade = record.readability?.fleschKincaidGrade
            let status = ContentRegister.status(record)
            rows += """
                <tr>
                <th scope="row"><span class="title">\(escape(record.title))</span><br><code>\(escape(record.path))</code></th>
                <td>\(escape(record.owner))</td>
                <td>\(record.reviewers.isEmpty ? "<span class=\"bad\">None</span>" : record.reviewers.map { "\(escape($0.name)) (\(escape($0.kind.rawValue)))" }.joined(separator: "<br>"))</td>
                <td data-sort="\(record.lastReviewed?.iso ?? "")">\(record.lastReviewed?.iso ?? "–")</td>
                <td data-sort="\(record.nextReview?.iso ?? "")" class="\(status.css)"><span class="badge">\(status.label)</span> \(record.nextReview?.iso ?? "")</td>
                <td data-sort="\(grade.map { String(format: "%08.2f", $0 + 100) } ?? "")">\(grade.map { "grade \(ReadabilityCheck.rounded($0)), age \(ReadabilityCheck.readingAge($0))" } ?? "–")</td>
                <td data-sort="\(String(format: "%06d", record.sources))">\(record.sources)</td>
                <td data-sort="\(String(format: "%06d%06d%06d", record.errors, record.warnings, record.info))">\(counts(record))</td>
                </tr>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>
            body { font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 1.5rem; }
            table { border-collapse: collapse; width: 100%; }
            caption { text-align: left; font-weight: bold; padding: .5rem 0; }
            th, td { border: 1px solid #6b6b6b; padding: .4rem .5rem; text-align: left; vertical-align: top; }
            thead th { background: #eef0f2; }
            thead button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; color: #0b3d91; }
            thead button:focus-visible { outline: 3px solid #1d70b8; outline-offset: 2px; }
            .title { font-weight: bold; }
            .badge { display: inline-block; padding: 0 .4rem; border: 2px solid currentColor; border-radius: .3rem; font-weight: bold; }
            .overdue { color: #8b0000; } .due { color: #6a4a00; } .current { color: #0b5a2a; } .bad { color: #8b0000; font-weight: bold; }
            </style>
            </head>
            <body>
            <main>
            <h1>\(title)</h1>
            <p>Checked as of \(report.today.iso): \(articles.count) articles, \(report.count(.error)) errors, \(report.count(.warning)) warnings, \(report.count(.info)) suggestions.
            Review status is written in words as well as shown in colour. Reading age is the Flesch–Kincaid grade plus 5; the aim is 11 or under.</p>
            <table id="register">
            <caption>Articles, soonest review first</caption>
            <thead>
            <tr><th scope="col">Article</th><th scope="col">Owner</th><th scope="col">Reviewers</th><th scope="col">Last reviewed</th><th scope="col" aria-sort="ascending">Next review</th><th scope="col">Reading level</th><th scope="col">Sources</th><th scope="col">Findings</th></tr>
            </thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </main>
            <script>
            (function () {
              var table = document.getElementById('register');
              var heads = table.tHead.rows[0].cells;
              Array.prototype.forEach.call(heads, function (th, column) {
                var button = document.createElement('button');
                button.type = 'button';
                button.textContent = th.textContent;
                th.textContent = '';
                th.appendChild(button);
                button.addEventListener('click', function () {
                  var ascending = th.getAttribute('aria-sort') !== 'ascending';
                  Array.prototype.forEach.call(heads, function (other) { other.removeAttribute('aria-sort'); });
                  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  rows.sort(function (a, b) {
                    var x = a.cells[column].getAttribute('data-sort') || a.cells[column].textContent;
                    var y = b.cells[column].getAttribute('data-sort') || b.cells[column].textContent;
                    return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                });
              });
            })();
            </script>
            </body>
            </html>

            """
    }

    static func status(_ record: DocumentRecord) -> (label: String, css: String) {
        switch record.reviewStatus {
        case .overdue: return ("Overdue", "overdue")
        case .due: return ("Due soon", "due")
        case .current: return ("Up to date", "current")
        case .none: return ("No date", "bad")
        }
    }

    static func counts(_ record: DocumentRecord) -> String {
        let parts = [(record.errors, "error"), (record.warnings, "warning"), (record.info, "suggestion")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return parts.isEmpty ? "None" : parts.joined(separator: ", ")
    }

    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
