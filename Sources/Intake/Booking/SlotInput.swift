import Foundation

/// A time staff want to offer.
public struct SlotInput: Sendable {
    /// The start in the service's time zone, `YYYY-MM-DDTHH:MM`.
    public var startsAt: String?
    public var lengthMinutes: Int?
    public var mode: ContactMode?
    /// An address, a video link or instructions; for phone, the number the person calls.
    public var place: String?

    public init(startsAt: String?, lengthMinutes: Int?, mode: ContactMode?, place: String?) {
        self.startsAt = startsAt
        self.lengthMinutes = lengthMinutes
        self.mode = mode
        self.place = place
    }

    /// The longest place text.
    public static let placeLimit = 500
    /// The shortest and longest conversation, in minutes.
    public static let lengths = 5...480

    /// Every problem with offering this time when it is `localNow` (`YYYY-MM-DDTHH:MM` in the
    /// service's time zone); empty when it can be published. Pure: checked by `SlotRuleTests`.
    public func problems(after localNow: String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if let startsAt {
            if !Self.isLocalDateTime(startsAt) || startsAt <= localNow { problems.append(FieldProblem("start", .invalid)) }
        } else {
            problems.append(FieldProblem("start", .required))
        }
        if let lengthMinutes {
            if !Self.lengths.contains(lengthMinutes) { problems.append(FieldProblem("length", .invalid)) }
        } else {
            problems.append(FieldProblem("length", .required))
        }
        if mode == nil { problems.append(FieldProblem("mode", .required)) }
        if let problem = FieldProblem.text(place, field: "place", maximum: Self.placeLimit) {
            problems.append(problem)
        } else if mode == .phone, !(place ?? "").contains(where: \.isNumber) {
            problems.append(FieldProblem("place", .phoneNumberNeeded))
        }
        return problems
    }

    /// A local date and time `YYYY-MM-DDTHH:MM` that exists on the calendar.
    static func isLocalDateTime(_ text: String) -> Bool {
        guard text.count == 16, text.dropFirst(10).first == "T", Day(iso: String(text.prefix(10))) != nil else { return false }
        let time = text.suffix(5).split(separator: ":")
        guard time.count == 2, let hour = Int(time[0]), let minute = Int(time[1]) else { return false }
        return (0...23).contains(hour) && (0...59).contains(minute) && time[0].count == 2 && time[1].count == 2
    }
}
