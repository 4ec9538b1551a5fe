import Foundation
import Testing

@testable import Intake

private func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("indgang-key-\(UUID().uuidString)").path
}

@Test func keyFileIsCreatedOnceWithModeSixHundred() throws {
    let path = temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let first = try SecretKeyFile.loadOrCreate(at: path)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    #expect((attributes[.size] as? NSNumber)?.intValue == 32)
    let second = try SecretKeyFile.loadOrCreate(at: path)
    #expect(first == second)
}

@Test func keyFileReadableByOthersIsRefused() throws {
    let path = temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = try SecretKeyFile.loadOrCreate(at: path)
    chmod(path, 0o644)
    #expect {
        try SecretKeyFile.loadOrCreate(at: path)
    } throws: { error in
        "\(error)".contains("chmod 600")
    }
}

@Test func keyFileOfTheWrongSizeIsRefused() throws {
    let path = temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o600])
    #expect(throws: SecretKeyFile.Failure.self) { try SecretKeyFile.loadOrCreate(at: path) }
}

@Test func missingFolderGivesAClearError() {
    #expect {
        try SecretKeyFile.loadOrCreate(at: "/nonexistent-folder/indgang/token.key")
    } throws: { error in
        "\(error)".contains("folder exists")
    }
}

@Test func dayHasNoTimeOfDayAndCountsInTheServiceTimeZone() throws {
    // 23:30 UTC on 21 November is already 22 November in Copenhagen.
    let instant = Date(timeIntervalSince1970: 1_795_303_800)
    #expect(Day(instant, in: TimeZone(identifier: "UTC")!).iso == "2026-11-21")
    #expect(Day(instant, in: TimeZone(identifier: "Europe/Copenhagen")!).iso == "2026-11-22")
    #expect(Day(iso: "2026-02-30") == nil)
    #expect(Day(iso: "2026-11-22")?.adding(days: 10).iso == "2026-12-02")
    #expect(Day(iso: "2026-11-22")?.days(until: Day(iso: "2027-01-01")!) == 40)
}
