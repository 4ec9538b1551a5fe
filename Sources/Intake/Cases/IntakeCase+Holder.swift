extension IntakeCase {
    /// Whether `staff` may change the case: its holder, or an administrator.
    public func isChangeable(by staff: StaffIdentity) -> Bool {
        assignedToId == staff.userID || staff.isAdmin
    }

    /// Whether `staff` may write in the conversation: a claimed, open case they may change.
    public func acceptsMessages(from staff: StaffIdentity) -> Bool {
        state.isOpen && state != .new && isChangeable(by: staff)
    }

    /// The staff actions `staff` may take now: what the state allows; claiming for anyone, the
    /// rest for the holder or an administrator.
    public func actions(for staff: StaffIdentity) -> [CaseAction] {
        state.allowedActions.filter { CaseAction.staffActions.contains($0) && ($0 == .claim || isChangeable(by: staff)) }
    }
}
