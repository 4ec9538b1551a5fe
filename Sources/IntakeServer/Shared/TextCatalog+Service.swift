import Foundation
import Intake

extension TextCatalog {
    /// The domain's texts (`strings.json` of `Intake`) with the HTTP layer's own: the messages of
    /// the JSON APIs' errors (`Content/api.json`), which only this target answers with.
    static func loadService() throws -> TextCatalog {
        guard let url = Bundle.module.url(forResource: "api", withExtension: "json") else {
            throw QuestionnaireError.missingResource("api.json")
        }
        return try load().merging(load(contentsOf: url))
    }
}
