import Crypto
import Foundation

/// Turns a client address into a key that cannot be turned back into the address: an HMAC under
/// a random salt that lives only in memory and is replaced every day (UTC). Keys of one day cannot
/// be linked to the next.
struct DailySalt {
    private var salt = SymmetricKey(size: .bits256)
    private var day = DailySalt.currentDay()

    /// The key of `address` under today's salt, and whether the salt was just replaced (so
    /// anything keyed under the old one can be forgotten).
    mutating func key(for address: String) -> (key: Data, isNewDay: Bool) {
        let today = Self.currentDay()
        let isNewDay = today != day
        if isNewDay {
            salt = SymmetricKey(size: .bits256)
            day = today
        }
        return (Data(HMAC<SHA256>.authenticationCode(for: Data(address.utf8), using: salt)), isNewDay)
    }

    private static func currentDay() -> Int { Int(Date().timeIntervalSince1970 / 86_400) }
}
