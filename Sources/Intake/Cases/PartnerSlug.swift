/// The short name of a partner site in links (`/p/<slug>`) and on cases.
public enum PartnerSlug {
    /// 1–40 characters of a–z, 0–9 and inner dashes.
    public static func isWellFormed(_ slug: String) -> Bool {
        let bytes = Array(slug.utf8)
        guard (1...40).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
    }
}
