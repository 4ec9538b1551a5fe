/// What a staff account may do: `staff` work with cases; `admin` also read the audit log.
public enum StaffRole: String, Codable, Sendable, CaseIterable {
    case staff
    case admin
}
