import Foundation

// A libFuzzer harness for the parsers of the token, the case reference, days, form bodies and
// JSON bodies:
// `make fuzz` (part of `make test`) compiles these sources with `-sanitize=fuzzer,address` and
// runs it for a bounded time. Any trap, overflow or memory error fails the run; so does a parser
// that accepts a value it cannot read back, or a JSON body read otherwise than Foundation reads it.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let token = Token(parsing: text) {
        precondition(Token(parsing: token.formatted) == token, "a token that does not read back")
    }
    if let reference = CaseReference(parsing: text) {
        precondition(CaseReference(parsing: reference.value) == reference, "a reference that does not read back")
    }
    if let day = Day(iso: text) {
        precondition(Day(iso: day.iso) == day, "a day that does not read back")
        _ = day.adding(days: size - 100)
        _ = day.adding(years: size - 100)
    }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let direct = JSONValue(commonJSON: bytes) {
        let decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        precondition(decoded == direct, "JSON read otherwise than Foundation reads it")
    }
    let form = FormBody(text)
    for name in ["token", "step", "lang", text] {
        _ = form[name]
        _ = form.all(name)
    }
    return 0
}
