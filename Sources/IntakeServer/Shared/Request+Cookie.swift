import Hummingbird

extension Request {
    /// The value of the cookie `name` the request sent: the first, as `request.cookies[name]`
    /// finds it (an empty value is no cookie), read from the header's bytes in place.
    /// `request.cookies` splits the whole header into cookies and parses each by character on
    /// every look-up; with a draft of a few hundred bytes in the header that was a tenth of a
    /// questionnaire step. (Only spaces and tabs are skipped before a name, where Hummingbird
    /// skips any white space; no browser sends other.)
    func cookie(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { wanted in
            for header in headers[values: .cookie] {
                var header = header
                if let found = header.withUTF8({ Self.cookie(wanted, in: $0) }) { return found }
            }
            return nil
        }
    }

    /// The value of the first cookie named `wanted` in one header; `.some(nil)` when it is empty.
    private static func cookie(_ wanted: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
            var first = start
            while first < end, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") { first += 1 }
            if end - first > wanted.count, bytes[first + wanted.count] == UInt8(ascii: "="),
                UnsafeBufferPointer(rebasing: bytes[first..<first + wanted.count]).elementsEqual(wanted)
            {
                let value = first + wanted.count + 1
                return .some(value < end ? String(decoding: UnsafeBufferPointer(rebasing: bytes[value..<end]), as: UTF8.self) : nil)
            }
            start = end + 1
        }
        return nil
    }
}
