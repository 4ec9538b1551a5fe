import AsyncHTTPClient
import Crypto
import Foundation
import Intake
import NIOCore

/// A way to reach the team. `deliver` throws `AlertChannelError` with what went wrong, which
/// administrators see; it never holds the alert's text.
protocol AlertChannel: Sendable {
    var name: String { get }
    func deliver(_ message: AlertMessage, id: Int64, at: Date) async throws
}

/// Why a delivery failed, in words for administrators.
struct AlertChannelError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Posts the alert as JSON, signed with HMAC-SHA256 over `"<timestamp>.<body>"` in
/// `X-Indgang-Signature: sha256=<hex>`, with the timestamp in `X-Indgang-Timestamp` and the
/// delivery's id in `X-Indgang-Delivery` (the same on every retry, so a receiver can drop
/// repeats). Redirects are not followed; any answer but 2xx is a failure.
struct WebhookChannel: AlertChannel {
    let name = "webhook"
    let url: String
    let secret: Data
    let client: HTTPClient

    func deliver(_ message: AlertMessage, id: Int64, at: Date) async throws {
        let body = try message.json(sentAt: at)
        let timestamp = String(Int(at.timeIntervalSince1970))
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "indgang-alerts")
        request.headers.add(name: "X-Indgang-Timestamp", value: timestamp)
        request.headers.add(
            name: "X-Indgang-Signature", value: "sha256=" + Self.signature(body: body, timestamp: timestamp, secret: secret))
        request.headers.add(name: "X-Indgang-Delivery", value: String(id))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(15))
        } catch {
            throw AlertChannelError("No answer from the webhook: \(error)")
        }
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(response.status.code) else {
            throw AlertChannelError("The webhook answered HTTP \(response.status.code).")
        }
    }

    /// The hex HMAC-SHA256 of `"<timestamp>.<body>"`.
    static func signature(body: Data, timestamp: String, secret: Data) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data((timestamp + ".").utf8) + body, using: SymmetricKey(data: secret))
        return code.map { String(format: "%02x", $0) }.joined()
    }
}

/// Hands the alert to the system's `sendmail` (`-i -f <from> <to>…`), so mail goes the way the
/// host already sends it (Debian's msmtp-mta, Postfix, Exim). A non-zero exit, or no exit
/// within 30 seconds, is a failure.
struct MailChannel: AlertChannel {
    let name = "mail"
    let sendmail: String
    let from: String
    let to: [String]

    func deliver(_ message: AlertMessage, id: Int64, at: Date) async throws {
        let mail = message.mail(from: from, to: to, date: at, messageID: "alert-\(id).\(UInt64.random(in: 1...UInt64.max))@indgang")
        let (status, errorOutput) = try await Self.run(sendmail, arguments: ["-i", "-f", from] + to, input: Data(mail.utf8))
        guard status == 0 else {
            let said = errorOutput.split(whereSeparator: \.isNewline).first.map { ": \($0)" } ?? ""
            throw AlertChannelError("\(sendmail) exited with status \(status)\(said)")
        }
    }

    /// Runs `program` on a thread of its own, feeding it `input`; its exit status and what it
    /// wrote to standard error.
    static func run(_ program: String, arguments: [String], input: Data, timeout: TimeInterval = 30) async throws -> (Int32, String) {
        // A program that exits before reading all of its input must not take the process with
        // it: writing to the closed pipe then fails with EPIPE instead of raising SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: program)
                process.arguments = arguments
                let stdin = Pipe()
                let stderr = Pipe()
                process.standardInput = stdin
                process.standardOutput = FileHandle.nullDevice
                process.standardError = stderr
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: AlertChannelError("Cannot run \(program): \(error.localizedDescription)"))
                    return
                }
                let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
                // Standard error is read while the program runs, so a chatty one cannot block on a full pipe.
                let errors = LockedData()
                let read = DispatchSemaphore(value: 0)
                DispatchQueue.global().async {
                    errors.set(stderr.fileHandleForReading.readDataToEndOfFile())
                    read.signal()
                }
                // A program that exits before reading everything closes the pipe: the write
                // fails and the exit status tells why.
                try? stdin.fileHandleForWriting.write(contentsOf: input)
                try? stdin.fileHandleForWriting.close()
                process.waitUntilExit()
                timer.cancel()
                read.wait()
                let text = String(decoding: errors.get().prefix(2_000), as: UTF8.self)
                continuation.resume(returning: (process.terminationStatus, text))
            }
        }
    }
}

/// Bytes handed from one thread to another.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
