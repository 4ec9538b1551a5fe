import Intake

/// Reads the fields of a JSON request body and notes every field that is present with the wrong
/// type or an unknown value, so that `{"internal": "yes"}` is refused instead of read as `false`.
/// An absent field is `nil` without a problem; `null` is a problem like any other wrong type.
struct JSONFields {
    let object: [String: JSONValue]
    private(set) var problems: [FieldProblem] = []

    init(_ object: [String: JSONValue]) {
        self.object = object
    }

    mutating func string(_ key: String) -> String? {
        read(key) { if case .string(let value) = $0 { value } else { nil } }
    }

    mutating func bool(_ key: String) -> Bool? {
        read(key) { if case .bool(let value) = $0 { value } else { nil } }
    }

    mutating func integer(_ key: String) -> Int? {
        read(key) { if case .integer(let value) = $0 { value } else { nil } }
    }

    /// The field's value as `extract` reads it; a present field it cannot read is a problem.
    private mutating func read<Value>(_ key: String, _ extract: (JSONValue) -> Value?) -> Value? {
        guard let raw = object[key] else { return nil }
        guard let value = extract(raw) else {
            problems.append(FieldProblem(key, .invalid))
            return nil
        }
        return value
    }

    /// A string field read with `parse` (an enum, a date); a string `parse` rejects is a problem.
    mutating func parsed<Value>(_ key: String, _ parse: (String) -> Value?) -> Value? {
        guard let text = string(key) else { return nil }
        guard let value = parse(text) else {
            problems.append(FieldProblem(key, .invalid))
            return nil
        }
        return value
    }

    /// Throws `InvalidFields` with every problem found so far.
    func validate() throws {
        guard problems.isEmpty else { throw InvalidFields(problems) }
    }
}
