import Foundation
import Intake
import Mustache

/// The seven composites in words (`CompositeBand`) and numbers in a visible table, and as a
/// horizontal bar chart drawn in inline SVG (no script, no style attribute) for those whose
/// browser shows it (Tor Browser "Safest" does not: the table stands alone).
struct ChartView {
    struct BarView {
        let label: String
        let labelY: Int
        let barY: Int
        let barWidth: String
        let hasValue: Bool
        let valueText: String
        let valueX: Int
        let valueY: Int
        let bandText: String
    }

    let width = 360
    let barLength = 280
    let height: Int
    let bars: [BarView]

    private static let rowHeight = 40

    init(composites: Composites, language: Language, pages: PageRenderer) {
        let shown = composites.rounded
        bars = Domain.allCases.enumerated().map { index, domain in
            let top = index * Self.rowHeight
            let value = shown[domain]
            return BarView(
                label: pages.text("page.domain.\(domain.rawValue)", language), labelY: top + 14, barY: top + 20,
                barWidth: String(format: "%.1f", (value ?? 0) * 280), hasValue: value != nil,
                // Two decimals for the person: the words say what it means, the third decimal adds nothing.
                valueText: value.map { pages.texts.number(($0 * 100).rounded() / 100, language) }
                    ?? pages.text("page.receipt.notEnough", language),
                valueX: value == nil ? 6 : 286, valueY: top + 31,
                bandText: CompositeBand.of(composites[domain], in: domain).map { pages.text("page.band.\($0.rawValue)", language) }
                    ?? pages.text("page.receipt.notEnough", language)
            )
        }
        height = Domain.allCases.count * Self.rowHeight + 4
    }
}

// Read by name without reflection (see `ItemView`).
extension ChartView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "width": width
        case "barLength": barLength
        case "height": height
        case "bars": bars
        default: nil
        }
    }
}

extension ChartView.BarView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "labelY": labelY
        case "barY": barY
        case "barWidth": barWidth
        case "hasValue": hasValue
        case "valueText": valueText
        case "valueX": valueX
        case "valueY": valueY
        case "bandText": bandText
        default: nil
        }
    }
}
