import ArgumentParser
import Intake
import IntakeServer

/// The retention periods, for `serve` and `purge`.
struct RetentionOptions: ParsableArguments {
    @Option(help: "Delete closed and withdrawn cases this many days after they ended (default: 90).")
    var closedCaseDays: Int?

    @Option(help: "Delete cases nobody picked up this many days after they were submitted (default: 30).")
    var untouchedCaseDays: Int?

    @Option(help: "Delete audit entries after this many years (default: 5).")
    var auditYears: Int?

    func validate() throws {
        for (flag, value) in [
            ("--closed-case-days", closedCaseDays), ("--untouched-case-days", untouchedCaseDays), ("--audit-years", auditYears),
        ] {
            if let value, value < 1 { throw ValidationError("\(flag) must be at least 1.") }
        }
    }

    func apply(to configuration: inout AppConfiguration) {
        if let closedCaseDays { configuration.retention.closedCaseDays = closedCaseDays }
        if let untouchedCaseDays { configuration.retention.untouchedCaseDays = untouchedCaseDays }
        if let auditYears { configuration.retention.auditYears = auditYears }
    }
}
