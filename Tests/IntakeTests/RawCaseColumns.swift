import Foundation
import GRDB

/// The raw columns of a stored case, read without the record type, to check what is on disk.
struct RawCaseColumns: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "intakeCase"
    let tokenHash: Data
    let createdOn: String
}
