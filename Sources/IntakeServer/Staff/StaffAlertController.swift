import Foundation
import Hummingbird
import Intake

/// What administrators see of the alerts to the team: the channels, the latest deliveries with
/// their failures, and a test that goes through every channel.
struct StaffAlertController {
    let services: StaffServices

    struct ChannelResponse: Encodable {
        let name: String
        /// Where it sends: the webhook's scheme and host, the mail recipients.
        let target: String
    }

    struct DeliveryResponse: Encodable {
        let id: Int64
        let kind: AlertKind
        let channel: String
        let status: AlertDelivery.Status
        let createdAt: Date
        let attempts: Int
        let nextAttemptAt: Date?
        let deliveredAt: Date?
        let failedAt: Date?
        let lastError: String?
        /// The text as it was sent, in the alert language: counts only.
        let text: String

        init(_ delivery: AlertDelivery, services: StaffServices) {
            id = delivery.id
            kind = delivery.kind
            channel = delivery.channel
            status = delivery.status
            createdAt = delivery.createdAt
            attempts = delivery.attempts
            nextAttemptAt = delivery.nextAttemptAt
            deliveredAt = delivery.deliveredAt
            failedAt = delivery.failedAt
            lastError = delivery.lastError
            text = AlertMessage(delivery.kind, delivery.counts, texts: services.texts, language: services.alerts.language).text
        }
    }

    struct AlertsResponse: ResponseEncodable {
        let channels: [ChannelResponse]
        let digestMinutes: Double
        let deliveries: [DeliveryResponse]
    }

    /// `GET alerts`: the channels and the latest 50 deliveries, newest first.
    func overview(request: Request, context: StaffRequestContext) async throws -> AlertsResponse {
        AlertsResponse(
            channels: services.alerts.channelTargets.map { ChannelResponse(name: $0.name, target: $0.target) },
            digestMinutes: services.alerts.digestInterval / 60,
            deliveries: try await services.database.alertDeliveries(limit: 50).map { DeliveryResponse($0, services: services) }
        )
    }

    struct QueuedResponse: ResponseEncodable {
        let queued: [String]
    }

    /// `POST alerts/test` → `202`: a test alert queued for every channel (sent within seconds,
    /// its delivery listed by `GET alerts`), audited; `409` when no channel is set up.
    func test(request: Request, context: StaffRequestContext) async throws -> EditedResponse<QueuedResponse> {
        let admin = try context.requireIdentity()
        let channels = services.alerts.channelNames
        guard !channels.isEmpty else { throw services.texts.apiError(.conflict, "noAlertChannel", request.preferredLanguage) }
        try await services.database.queueTestAlert(channels: channels, by: admin, at: services.clock.now().instant)
        return EditedResponse(status: .accepted, response: QueuedResponse(queued: channels))
    }
}
