/// A failure while a command runs (not a wrong flag), with what to do about it.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
