/// Horizontal bar charts as inline SVG: one row per item, a label above its bar, the bar made of
/// stacked segments (one per series) with their counts inside when they fit, and a text after
/// the bar. Each segment has a `<title>` (a tooltip, and what a screen reader says), the chart a
/// `<title>` and `<desc>`. Integer coordinates only, so the same data gives the same bytes.
struct ReportChart {
    struct Series {
        /// What the counts are, for the legend and the tooltips (`done`, `attendees`).
        var name: String
        var colour: String
        /// The name after a count of one (`attendee`), when it differs.
        var one: String? = nil

        func words(_ count: Int) -> String { "\(count) " + (count == 1 ? one ?? name : name) }
    }

    struct Row {
        var label: String
        var values: [Int]
        var trailing: String
        /// Colours of this row's segments instead of the series' (one bar per status).
        var colours: [String]? = nil
    }

    var id: String
    var title: String
    var description: String
    var series: [Series]
    var rows: [Row]

    static let width = 720
    static let barWidth = 520
    static let rowHeight = 44
    static let barHeight = 20
    static let labelLength = 90

    /// The SVG element, or nil when there is nothing to draw.
    func svg() -> String? {
        let largest = rows.map { $0.values.reduce(0, +) }.max() ?? 0
        guard largest > 0 else { return nil }
        let legendHeight = series.count > 1 ? 30 : 0
        let height = legendHeight + rows.count * Self.rowHeight + 6
        let e = ReportText.html
        var out =
            "<svg class=\"chart\" viewBox=\"0 0 \(Self.width) \(height)\" width=\"\(Self.width)\" height=\"\(height)\""
            + " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n"
        out += "<title id=\"\(id)-title\">\(e(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(e(description))</desc>\n"
        if legendHeight > 0 {
            var x = 0
            out += "<g class=\"legend\">\n"
            for s in series {
                out += "<rect x=\"\(x)\" y=\"6\" width=\"14\" height=\"14\" rx=\"2\" fill=\"\(s.colour)\"/>"
                out += "<text x=\"\(x + 20)\" y=\"18\" fill=\"#1f2328\">\(e(s.name))</text>\n"
                x += 28 + s.name.count * 8
            }
            out += "</g>\n"
        }
        for (index, row) in rows.enumerated() {
            let top = legendHeight + index * Self.rowHeight
            let label = ReportText.line(row.label)
            let shown = label.count > Self.labelLength ? String(label.prefix(Self.labelLength - 1)) + "…" : label
            let barTop = top + 20
            out += "<g class=\"row\">\n"
            out += "<text x=\"0\" y=\"\(top + 14)\" fill=\"#1f2328\">\(e(shown))</text>\n"
            var sum = 0
            for (index, (value, s)) in zip(row.values, series).enumerated() where value > 0 {
                let x = Self.scale(sum, largest)
                sum += value
                let w = Self.scale(sum, largest) - x
                let colour = row.colours?[index] ?? s.colour
                out +=
                    "<rect x=\"\(x)\" y=\"\(barTop)\" width=\"\(w)\" height=\"\(Self.barHeight)\" fill=\"\(colour)\">"
                out += "<title>\(e(label)): \(e(s.words(value)))</title></rect>\n"
                if w >= 10 + 8 * String(value).count {
                    out +=
                        "<text x=\"\(x + w / 2)\" y=\"\(barTop + 14)\" text-anchor=\"middle\" fill=\"#ffffff\">\(value)</text>\n"
                }
            }
            out +=
                "<text x=\"\(Self.scale(sum, largest) + 8)\" y=\"\(barTop + 14)\" fill=\"#1f2328\">\(e(row.trailing))</text>\n"
            out += "</g>\n"
        }
        out += "</svg>"
        return out
    }

    /// A count as a length, rounded to the nearest pixel (cumulative, so segments never gap).
    static func scale(_ value: Int, _ largest: Int) -> Int {
        (value * barWidth * 2 + largest) / (2 * largest)
    }
}
