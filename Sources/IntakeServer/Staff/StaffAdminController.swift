import Foundation
import Hummingbird
import Intake

/// What administrators manage from the console, the same as the command line does: staff
/// accounts, the provider register and partner sites. Every change is audited under the
/// administrator's name. Any staff member may list the accounts (to hand a case over) and read
/// the questionnaire (to show the answers in words); `buildStaffRouter` says which is which.
struct StaffAdminController {
    let services: StaffServices

    // MARK: - Questionnaire

    /// `GET questionnaire?lang=`: the items with their wording, as the citizen API serves them.
    func questionnaire(request: Request, context: StaffRequestContext) async throws -> QuestionnaireDocument {
        let explicit = request.uri.queryParameters.get("lang")
        guard let language = Language.negotiate(explicit: explicit, acceptLanguage: request.headers[.acceptLanguage]) else {
            throw services.texts.apiError(.badRequest, "unsupportedLanguage", request.preferredLanguage)
        }
        return QuestionnaireDocument(services.questionnaire, language: language)
    }

    // MARK: - Staff accounts

    struct AccountResponse: ResponseEncodable {
        let username: String
        let role: StaffRole
        let isDisabled: Bool
        let mustChangePassword: Bool
        /// Whether the account has set up two-step verification.
        let hasSecondFactor: Bool
        let createdAt: Date

        init(_ user: StaffUser) {
            username = user.username
            role = user.role
            isDisabled = user.isDisabled
            mustChangePassword = user.mustChangePassword
            hasSecondFactor = user.hasSecondFactor
            createdAt = user.createdAt
        }
    }

    /// An account with the one-time password to hand over, shown this once.
    struct OneTimePasswordResponse: ResponseEncodable {
        let username: String
        let role: StaffRole
        let oneTimePassword: String
    }

    func accounts(request: Request, context: StaffRequestContext) async throws -> ListResponse<AccountResponse> {
        ListResponse(items: try await services.directory.users().map(AccountResponse.init))
    }

    /// `POST staff {"username", "role"}` → `201` with a one-time password.
    func addAccount(request: Request, context: StaffRequestContext) async throws -> EditedResponse<OneTimePasswordResponse> {
        var request = request
        let (admin, language) = (try context.requireIdentity(), request.preferredLanguage)
        var fields = JSONFields(try await request.jsonObject(context: context, texts: services.texts, language: language))
        let username = fields.string("username")
        let role = fields.parsed("role", StaffRole.init(rawValue:)) ?? .staff
        let required = (username ?? "").trimmed.isEmpty ? [FieldProblem("username", .required)] : []
        guard fields.problems.isEmpty, required.isEmpty, let username else {
            throw InvalidFields(reading: fields.problems, then: required)
        }
        let password = try await services.directory.addUser(username, role: role, actor: admin.username)
        return EditedResponse(
            status: .created, response: OneTimePasswordResponse(username: username.lowercased(), role: role, oneTimePassword: password))
    }

    /// `POST staff/{username}/reset-password` → a new one-time password; the account's sessions end.
    /// Not one's own: that is `POST password`, which asks for the current one.
    func resetPassword(request: Request, context: StaffRequestContext) async throws -> OneTimePasswordResponse {
        let (admin, language) = (try context.requireIdentity(), request.preferredLanguage)
        let username = try context.parameters.require("username").lowercased()
        guard username != admin.username else { throw services.texts.apiError(.conflict, "staffResetYourself", language) }
        let password = try await services.directory.resetPassword(username, actor: admin.username)
        let role = try await services.directory.users().first { $0.username == username }?.role ?? .staff
        return OneTimePasswordResponse(username: username, role: role, oneTimePassword: password)
    }

    /// `POST staff/{username}/reset-second-factor`: the person lost their phone. Their sessions
    /// end, and at their next login they set up two-step verification again. Audited. Not one's own.
    func resetSecondFactor(request: Request, context: StaffRequestContext) async throws -> AccountResponse {
        try await changeAnotherAccount(request, context, refusingOneself: "staffResetYourself") { username, admin in
            try await services.directory.resetSecondFactor(username, actor: admin)
        }
    }

    /// `POST staff/{username}/disable`: the account's sessions end at once. Not one's own.
    func disableAccount(request: Request, context: StaffRequestContext) async throws -> AccountResponse {
        try await changeAnotherAccount(request, context, refusingOneself: "staffNotYourself") { username, admin in
            try await services.directory.disable(username, actor: admin)
        }
    }

    /// Changes the account named in the path (never the administrator's own: `409` with
    /// `refusingOneself`'s message) and answers with it as the change left it.
    private func changeAnotherAccount(
        _ request: Request, _ context: StaffRequestContext, refusingOneself message: String,
        _ change: (_ username: String, _ admin: String) async throws -> Void
    ) async throws -> AccountResponse {
        let (admin, language) = (try context.requireIdentity(), request.preferredLanguage)
        let username = try context.parameters.require("username").lowercased()
        guard username != admin.username else { throw services.texts.apiError(.conflict, message, language) }
        try await change(username, admin.username)
        guard let user = try await services.directory.users().first(where: { $0.username == username }) else {
            throw StaffError.unknownUser(username)
        }
        return AccountResponse(user)
    }

    // MARK: - Providers

    /// `POST providers {"slug", "name", "contact", "isAnonymous", "isOutsideMunicipality"}`.
    func addProvider(request: Request, context: StaffRequestContext) async throws -> EditedResponse<ProviderResponse> {
        var request = request
        let (admin, language) = (try context.requireIdentity(), request.preferredLanguage)
        var fields = JSONFields(try await request.jsonObject(context: context, texts: services.texts, language: language))
        let input = ProviderInput(
            slug: fields.string("slug"), name: fields.string("name"), contact: fields.string("contact"),
            isAnonymous: fields.bool("isAnonymous") ?? false, isOutsideMunicipality: fields.bool("isOutsideMunicipality") ?? false
        )
        guard fields.problems.isEmpty, input.problems.isEmpty else { throw InvalidFields(reading: fields.problems, then: input.problems) }
        let provider = try await services.database.addProvider(input, at: services.clock.now().instant, actor: admin.username)
        return EditedResponse(status: .created, response: ProviderResponse(provider))
    }

    /// `POST providers/{slug}/disable`: decisions keep referring to it; new ones cannot.
    func disableProvider(request: Request, context: StaffRequestContext) async throws -> ProviderResponse {
        let admin = try context.requireIdentity()
        let slug = try context.parameters.require("slug")
        try await services.database.disableProvider(slug, at: services.clock.now().instant, actor: admin.username)
        guard let provider = try await services.database.providers(includingInactive: true).first(where: { $0.slug == slug }) else {
            throw ProviderError.unknown(slug)
        }
        return ProviderResponse(provider)
    }

    // MARK: - Partners

    struct PartnerResponse: ResponseEncodable {
        let slug: String
        let name: String
        let origin: String?
        let showsName: Bool
        let isActive: Bool
        /// The partner's link, to give to the partner.
        let link: String

        init(_ partner: Partner, publicURL: String) {
            slug = partner.slug
            name = partner.name
            origin = partner.origin
            showsName = partner.showsName
            isActive = partner.isActive
            link = "\(publicURL)/p/\(partner.slug)"
        }
    }

    /// A partner with its API key, shown this once.
    struct PartnerKeyResponse: ResponseEncodable {
        let partner: PartnerResponse
        let apiKey: String
    }

    func partners(request: Request, context: StaffRequestContext) async throws -> ListResponse<PartnerResponse> {
        return ListResponse(items: try await services.database.partners().map { PartnerResponse($0, publicURL: services.publicURL) })
    }

    /// `POST partners {"slug", "name", "origin", "showsName"}` → `201` with the API key.
    func addPartner(request: Request, context: StaffRequestContext) async throws -> EditedResponse<PartnerKeyResponse> {
        var request = request
        let (admin, language) = (try context.requireIdentity(), request.preferredLanguage)
        var fields = JSONFields(try await request.jsonObject(context: context, texts: services.texts, language: language))
        let input = PartnerInput(
            slug: fields.string("slug"), name: fields.string("name"), origin: fields.string("origin"),
            showsName: fields.bool("showsName") ?? false
        )
        guard fields.problems.isEmpty, input.problems.isEmpty else { throw InvalidFields(reading: fields.problems, then: input.problems) }
        let (partner, key) = try await services.database.addPartner(input, at: services.clock.now().instant, actor: admin.username)
        return EditedResponse(
            status: .created, response: PartnerKeyResponse(partner: PartnerResponse(partner, publicURL: services.publicURL), apiKey: key))
    }

    /// `POST partners/{slug}/rotate-key`: the old key stops working at once.
    func rotatePartnerKey(request: Request, context: StaffRequestContext) async throws -> PartnerKeyResponse {
        let admin = try context.requireIdentity()
        let slug = try context.parameters.require("slug")
        let key = try await services.database.rotatePartnerKey(slug, at: services.clock.now().instant, actor: admin.username)
        return PartnerKeyResponse(partner: try await partner(slug), apiKey: key)
    }

    /// `POST partners/{slug}/disable`: its link, card and key stop working.
    func disablePartner(request: Request, context: StaffRequestContext) async throws -> PartnerResponse {
        let admin = try context.requireIdentity()
        let slug = try context.parameters.require("slug")
        try await services.database.disablePartner(slug, at: services.clock.now().instant, actor: admin.username)
        return try await partner(slug)
    }

    private func partner(_ slug: String) async throws -> PartnerResponse {
        guard let partner = try await services.database.partners().first(where: { $0.slug == slug }) else {
            throw PartnerError.unknown(slug)
        }
        return PartnerResponse(partner, publicURL: services.publicURL)
    }
}
