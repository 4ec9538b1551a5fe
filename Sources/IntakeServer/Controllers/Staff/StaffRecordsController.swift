import Foundation
import Hummingbird
import HummingbirdAuth
import Intake

/// The provider register, the audit log (admins only) and the statistics.
struct StaffRecordsController {
    let services: StaffServices

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get("providers", use: providers)
        group.get("audit", use: audit)
        group.get("stats", use: statistics)
    }

    /// `GET providers`: the active providers; administrators also see the disabled ones.
    func providers(request: Request, context: StaffRequestContext) async throws -> ProviderListView {
        let isAdmin = try context.requireIdentity().isAdmin
        return ProviderListView(try await services.database.providers(includingInactive: isAdmin))
    }

    struct AuditView: Encodable {
        let at: Date
        let actor: String
        let action: String
        let caseReference: String?
        let detail: String?
    }

    /// `GET audit?case=&actor=&from=&to=&limit=`, newest first; admins only.
    func audit(request: Request, context: StaffRequestContext) async throws -> ListView<AuditView> {
        let language = request.preferredLanguage
        guard try context.requireIdentity().isAdmin else { throw services.texts.apiError(.forbidden, "staffAdminOnly", language) }
        let query = request.uri.queryParameters
        var filter = AuditFilter()
        filter.caseReference = query.get("case").map { CaseReference(parsing: $0)?.value ?? $0 }
        filter.actor = query.get("actor")
        filter.from = try query.get("from").map { try startOfDay($0, "from", language) }
        filter.to = try query.get("to").map { try startOfDay($0, "to", language).addingTimeInterval(86_400) }
        if let limit = query.get("limit") {
            guard let value = Int(limit), (1...5000).contains(value) else {
                throw services.texts.badQuery("limit", limit, hint: "1–5000", language)
            }
            filter.limit = value
        }
        let entries = try await services.desk.auditEntries(filter)
        return ListView(
            items: entries.map {
                AuditView(at: $0.at, actor: $0.actor, action: $0.action, caseReference: $0.caseReference, detail: $0.detail)
            })
    }

    struct StatisticsView: ResponseEncodable {
        let from: Day
        let to: Day
        let weeks: [WeeklyStatistics]
    }

    /// `GET stats?from=&to=`: weekly counts of submitted cases, counts under 5 shown as `<5`.
    /// Without dates, the last 12 weeks.
    func statistics(request: Request, context: StaffRequestContext) async throws -> StatisticsView {
        let language = request.preferredLanguage
        let query = request.uri.queryParameters
        let today = services.desk.today()
        let to = try query.get("to").map { try day($0, "to", language) } ?? today
        let from = try query.get("from").map { try day($0, "from", language) } ?? to.adding(days: -83)
        guard from <= to, from.days(until: to) <= 3 * 366 else {
            throw services.texts.badRange("from", from.iso, hint: "from ≤ to, at most 3 years apart", language)
        }
        return StatisticsView(from: from, to: to, weeks: try await services.desk.statistics(from: from, to: to))
    }

    private func day(_ text: String, _ name: String, _ language: Language) throws -> Day {
        guard let day = Day(iso: text) else { throw services.texts.badQuery(name, text, hint: "YYYY-MM-DD", language) }
        return day
    }

    private func startOfDay(_ text: String, _ name: String, _ language: Language) throws -> Date {
        guard let parsed = try? Date(day(text, name, language).iso + "T00:00:00Z", strategy: .iso8601) else {
            throw services.texts.badQuery(name, text, hint: "YYYY-MM-DD", language)
        }
        return parsed
    }
}
