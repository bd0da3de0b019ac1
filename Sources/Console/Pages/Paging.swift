/// Which slice of a list a page shows (`?page=N&per=M`), and the links to the others. Lists are never capped:
/// every row is reachable by paging.
struct Paging: Sendable, Equatable {
    /// The page, from 1.
    let page: Int
    /// Rows per page.
    let perPage: Int

    /// Rows per page unless the query says otherwise.
    static let defaultPerPage = 50
    /// The most rows a page shows.
    static let maximumPerPage = 500
    /// The highest page asked for that is taken as it is (a higher one would overflow the offset; it shows
    /// nothing either way).
    static let maximumPage = 1 << 40

    /// The paging a query asks for; missing or invalid values fall back to page 1 and the default size.
    init(_ query: FormData) {
        page = query["page"].flatMap(Int.init).map { min(max($0, 1), Self.maximumPage) } ?? 1
        perPage = query["per"].flatMap(Int.init).map { min(max($0, 1), Self.maximumPerPage) } ?? Self.defaultPerPage
    }

    /// The first row's offset.
    var offset: Int { (page - 1) * perPage }

    /// Pages needed for `total` rows (at least 1).
    func pages(total: Int) -> Int { max(1, (total + perPage - 1) / perPage) }

    /// "Page X of Y (N rows)" with previous and next links that keep the other query parameters.
    ///
    /// - Parameters:
    ///   - total: rows in the whole list.
    ///   - path: the list's path.
    ///   - parameters: the list's other query parameters (filters), in order.
    func navigation(total: Int, path: String, parameters: [(String, String)]) -> HTML {
        let last = pages(total: total)
        func link(_ page: Int) -> String {
            let query = (parameters.filter { !$0.1.isEmpty } + [("page", String(page)), ("per", String(perPage))])
                .map { "\($0.0)=\(FormData.encode($0.1))" }.joined(separator: "&")
            return path + "?" + query
        }
        var html: HTML = "<p class=\"paging\">"
        if page > 1 { html += "<a href=\"\(link(page - 1))\" rel=\"prev\">← previous</a> " }
        html += "page \(page) of \(last) (\(total) in all)"
        if page < last { html += " <a href=\"\(link(page + 1))\" rel=\"next\">next →</a>" }
        html += "</p>"
        return html
    }
}
