import Crypto
import Foundation
import Intake

/// Turns a client address into a key that cannot be turned back into the address: an HMAC under
/// a random salt that lives only in memory and is replaced when the service's day changes (at
/// midnight in its time zone, like every other day). Keys of one day cannot be linked to the next.
struct DailySalt {
    private var salt = SymmetricKey(size: .bits256)
    private var day: Day?

    /// The key of `address` under the salt of `today`, and whether the salt was just replaced
    /// (so anything keyed under the old one can be forgotten).
    mutating func key(for address: String, on today: Day) -> (key: Data, isNewDay: Bool) {
        let isNewDay = day != nil && today != day
        if isNewDay { salt = SymmetricKey(size: .bits256) }
        day = today
        return (Data(HMAC<SHA256>.authenticationCode(for: Data(address.utf8), using: salt)), isNewDay)
    }
}
