import Foundation
import Testing

@testable import Intake

@Test func everyAuditActionHasALabelInBothLanguagesInTheConsole() throws {
    let i18n = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Public/staff/js/i18n.js")
    let text = try String(contentsOf: i18n, encoding: .utf8)
    for action in AuditAction.allCases {
        let line = text.split(separator: "\n").first { $0.contains("\"auditAction.\(action.rawValue)\":") }
        #expect(line?.contains("da: \"") == true && line?.contains("en: \"") == true, "no label for \(action.rawValue)")
    }
    let labelled = text.split(separator: "\n").compactMap { line -> String? in
        guard let range = line.range(of: "\"auditAction.") else { return nil }
        return String(line[range.upperBound...].prefix { $0 != "\"" })
    }
    #expect(Set(labelled) == Set(AuditAction.allCases.map(\.rawValue)), "a label for an action that is never written")
}

@Test(arguments: CaseAction.allCases)
func onlyStaffActionsOnACaseAreAudited(action: CaseAction) {
    #expect((AuditAction(action) != nil) == (CaseAction.staffActions + [.markSpam]).contains(action))
    #expect(AuditAction(action).map { $0.rawValue == "case.\(action.rawValue)" } ?? true)
}
