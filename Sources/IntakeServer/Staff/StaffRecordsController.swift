import Foundation
import Hummingbird
import HummingbirdAuth
import Intake

/// The provider register, the audit log (admins only) and the statistics.
struct StaffRecordsController {
    let services: StaffServices

    /// `GET providers`: the active providers; administrators also see the disabled ones.
    func providers(request: Request, context: StaffRequestContext) async throws -> ProviderListResponse {
        let isAdmin = try context.requireIdentity().isAdmin
        return ProviderListResponse(try await services.database.providers(includingInactive: isAdmin))
    }

    struct AuditEntryResponse: Encodable {
        let at: Date
        let actor: String
        let action: AuditAction
        let caseReference: String?
        let detail: String?
    }

    /// `GET audit?case=&actor=&from=&to=&limit=`, newest first; admins only. `from` and `to` are
    /// days in the service's time zone, both included: `from=2026-12-01` starts at midnight in
    /// Copenhagen (23:00 UTC the day before).
    func audit(request: Request, context: StaffRequestContext) async throws -> ListResponse<AuditEntryResponse> {
        let language = request.preferredLanguage
        let query = request.uri.queryParameters
        var filter = AuditFilter()
        filter.caseReference = query.get("case").map { CaseReference(parsing: $0)?.value ?? $0 }
        filter.actor = query.get("actor")
        let moment = services.clock.now()
        filter.from = try services.texts.queryDay(query.get("from"), "from", language).map { moment.start(of: $0) }
        filter.to = try services.texts.queryDay(query.get("to"), "to", language).map { moment.start(of: $0.adding(days: 1)) }
        if let limit = query.get("limit") {
            guard let value = Int(limit), (1...5000).contains(value) else {
                throw services.texts.badQuery("limit", limit, hint: "1–5000", language)
            }
            filter.limit = value
        }
        let entries = try await services.desk.auditEntries(filter)
        return ListResponse(
            items: entries.map {
                AuditEntryResponse(at: $0.at, actor: $0.actor, action: $0.action, caseReference: $0.caseReference, detail: $0.detail)
            })
    }

    struct StatisticsResponse: ResponseEncodable {
        let from: Day
        let to: Day
        let weeks: [WeeklyStatistics]
    }

    /// `GET stats?from=&to=`: weekly counts of submitted cases, counts under 5 shown as `<5`.
    /// Without dates, the last 12 weeks. Administrators only, like the audit log.
    func statistics(request: Request, context: StaffRequestContext) async throws -> StatisticsResponse {
        let language = request.preferredLanguage
        let query = request.uri.queryParameters
        let to = try services.texts.queryDay(query.get("to"), "to", language) ?? services.clock.now().day
        let from = try services.texts.queryDay(query.get("from"), "from", language) ?? to.adding(days: -83)
        guard from <= to, from.days(until: to) <= 3 * 366 else {
            throw services.texts.badRange("from", from.iso, hint: "from ≤ to, at most 3 years apart", language)
        }
        return StatisticsResponse(from: from, to: to, weeks: try await services.desk.statistics(from: from, to: to))
    }

    /// `GET limits`: what the database and the password hasher do a second as measured, and the
    /// budgets the limits give everyone together on each side from it. Administrators only.
    func limits(request: Request, context: StaffRequestContext) async throws -> LimitsResponse {
        var resources: [LimitsResponse.Resource] = []
        var budgets: [LimitsResponse.Budget] = []
        for (side, limiter) in [("citizen", services.citizenLimiter), ("staff", services.limiter)] {
            resources += limiter.resources().map(LimitsResponse.Resource.init)
            budgets += limiter.budgets().map { LimitsResponse.Budget($0, side: side) }
        }
        return LimitsResponse(resources: resources, budgets: budgets)
    }
}

/// The answer of `GET limits`.
struct LimitsResponse: ResponseEncodable {
    struct Resource: Encodable {
        let resource: String
        let measured: Bool
        let measuredPerSecond: Double
        let assumedPerSecond: Double
        let parallelism: Int

        init(_ reading: RateLimiter.ResourceReading) {
            resource = reading.resource.rawValue
            measured = reading.isMeasured
            measuredPerSecond = (reading.measuredPerSecond * 10).rounded() / 10
            assumedPerSecond = (reading.assumedPerSecond * 10).rounded() / 10
            parallelism = reading.parallelism
        }
    }

    struct Budget: Encodable {
        let side: String
        let activity: String
        let lane: String
        let perSecond: Double
        let clientBurst: Double
        let clientPerMinute: Double

        init(_ budget: RateLimiter.Budget, side: String) {
            self.side = side
            activity = budget.activity.rawValue
            lane = budget.lane.rawValue
            perSecond = (budget.perSecond * 10).rounded() / 10
            clientBurst = budget.clientBurst
            clientPerMinute = budget.clientPerMinute
        }
    }

    let resources: [Resource]
    let budgets: [Budget]
}
