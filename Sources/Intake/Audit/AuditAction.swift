import GRDB

/// What an audit line records. The raw values are what is stored and what the staff API
/// answers; the console has a label for each (`Public/staff/js/i18n.js`, checked by a test).
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case caseRead = "case.read"
    case caseLookup = "case.lookup"
    case caseOpenForPerson = "case.open_for_person"
    case caseNewCodeByPhone = "case.new_code_by_phone"
    case caseClaim = "case.claim"
    case caseRelease = "case.release"
    case caseHandOver = "case.hand_over"
    case caseCancelBooking = "case.cancel_booking"
    case caseDecide = "case.decide"
    case caseClose = "case.close"
    case caseMarkSpam = "case.mark_spam"
    case messageWrite = "message.write"
    case noteWrite = "note.write"
    case sessionLogin = "session.login"
    case sessionLogout = "session.logout"
    case sessionFailed = "session.failed"
    /// Written before accounts stopped locking; kept so old lines still read.
    case sessionRefusedLocked = "session.refused_locked"
    case sessionRefusedWaiting = "session.refused_waiting"
    case staffAdd = "staff.add"
    case staffDisable = "staff.disable"
    case staffResetPassword = "staff.reset_password"
    case staffPasswordChanged = "staff.password_changed"
    case staffSecondFactorEnabled = "staff.second_factor_enabled"
    case staffSecondFactorReset = "staff.second_factor_reset"
    case sessionRecoveryCodeUsed = "session.recovery_code_used"
    case slotCreate = "slot.create"
    case slotOffer = "slot.offer"
    case slotDelete = "slot.delete"
    case providerAdd = "provider.add"
    case providerDisable = "provider.disable"
    case partnerAdd = "partner.add"
    case partnerRotateKey = "partner.rotate_key"
    case partnerDisable = "partner.disable"
    case alertTest = "alert.test"
    case purge

    /// The line a staff action on a case writes; `nil` for the person's own actions, which are
    /// not audited (they would date a visit).
    public init?(_ action: CaseAction) {
        switch action {
        case .claim: self = .caseClaim
        case .release: self = .caseRelease
        case .handOver: self = .caseHandOver
        case .cancelBooking: self = .caseCancelBooking
        case .decide: self = .caseDecide
        case .close: self = .caseClose
        case .markSpam: self = .caseMarkSpam
        case .book, .withdraw: return nil
        }
    }
}

extension AuditAction: DatabaseValueConvertible {}
