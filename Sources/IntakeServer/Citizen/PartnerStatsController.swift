import Foundation
import Hummingbird
import Intake

/// `GET /api/v1/partner/stats` with a partner's key: how many people who came through that
/// partner a counsellor has decided, in whole periods of at least five (see
/// `AppDatabase.partnerStatistics`), so that no answer singles anyone out.
struct PartnerStatsController {
    let database: AppDatabase
    let texts: TextCatalog
    let clock: ServiceClock

    struct StatisticsResponse: ResponseEncodable {
        let partner: String
        let from: Day
        let to: Day
        let periods: [PartnerPeriod]
    }

    /// `?from=YYYY-MM-DD&to=YYYY-MM-DD`; without dates, the last 26 weeks.
    func statistics(request: Request, context: CitizenRequestContext) async throws -> StatisticsResponse {
        let language = request.preferredLanguage
        let limit = try context.requireLimit()
        let key = request.headers[.authorization].flatMap({ $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil })
        // A request without a key is refused without costing a token; one with a key costs one.
        if key != nil { try await limit.take(texts: texts, language: language) }
        guard let key, let partner = try await database.partner(apiKey: key) else {
            await limit.recordFailure()
            var error = texts.apiError(.unauthorized, "partnerUnauthorized", language)
            error.headers = [.wwwAuthenticate: "Bearer"]
            throw error
        }
        let query = request.uri.queryParameters
        let today = clock.now().day
        let to = try texts.queryDay(query.get("to"), "to", language) ?? today
        let from = try texts.queryDay(query.get("from"), "from", language) ?? to.adding(days: -181)
        guard from <= to, from.days(until: to) <= 3 * 366 else {
            throw texts.badQuery("from", from.iso, hint: "from ≤ to, at most 3 years apart", language)
        }
        return StatisticsResponse(
            partner: partner.slug, from: from, to: to,
            periods: try await database.partnerStatistics(partner.slug, from: from, to: to, today: today))
    }
}
