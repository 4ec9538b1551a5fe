import Foundation
import HTTPTypes
import HostileInput
import Hummingbird
import Intake
import PropertyBased
import Testing

@testable import IntakeServer

// The hand-written readers of what browsers send back (sealed cookies, form passes, the cookie
// header) say what the library readers they replace said, and never trap on any input.

@Test func base64URLRoundTripsAndAgreesWithFoundation() async {
    await propertyCheck(count: 2_000, input: Gen.int(in: 0...300), Gen.int()) { count, seed in
        var random = SeededGenerator(seed)
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        let text = Base64URL.encode(bytes)
        let foundation = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(text == foundation)
        #expect(Base64URL.decode(text) == bytes)
    }
}

@Test func base64URLRefusesWhatIsNotTheOneWayOfWritingBytes() async {
    #expect(Base64URL.decode("") == [])
    #expect(Base64URL.decode("A") == nil)
    #expect(Base64URL.decode("AB") == nil)  // the low bits of "B" are not 0
    #expect(Base64URL.decode("AA") == [0])
    #expect(Base64URL.decode("AA==") == nil)
    #expect(Base64URL.decode("+/") == nil)
    await propertyCheck(count: 3_000, input: hostileText) { text in
        // Whatever it is, an answer; and what it decodes to writes back as the same text.
        if let bytes = Base64URL.decode(text) { #expect(Base64URL.encode(bytes) == text) }
    }
}

@Test func aCookieIsReadAsHummingbirdReadsIt() async {
    let names = ["indgang_draft", "indgang_csrf", "indgang_lang", "a", "indgang_draft2", "x y"]
    let values = ["", "v", "1=2", "AbC-_", "\"quoted\"", " spaced", "æøå", "a,b"]
    await propertyCheck(count: 2_000, input: Gen.int()) { seed in
        var random = SeededGenerator(seed)
        let separators = [";", "; ", ";  ", ";\t", " ;"]
        let pairs = (0..<Int.random(in: 0...6, using: &random)).map { _ in
            Bool.random(using: &random)
                ? "\(names.randomElement(using: &random)!)=\(values.randomElement(using: &random)!)" : names.randomElement(using: &random)!
        }
        var header = ""
        for pair in pairs { header += (header.isEmpty ? "" : separators.randomElement(using: &random)!) + pair }
        var fields = HTTPFields()
        fields[.cookie] = header
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/", headerFields: fields),
            body: .init(buffer: .init()))
        for name in names {
            #expect(request.cookie(name) == request.cookies[name]?.value, "\(name) in \(header)")
        }
    }
    await propertyCheck(count: 1_000, input: hostileText) { text in
        var fields = HTTPFields()
        fields[.cookie] = text
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/", headerFields: fields),
            body: .init(buffer: .init()))
        _ = request.cookie("indgang_draft")
    }
}

// Whatever a form sends, the draft's answers come back from their sealed string as they were kept.
@Test func aDraftsAnswersComeBackAsTheyWereKept() async throws {
    let services = try CitizenServices.testing()
    await propertyCheck(count: 500, input: hostileText, hostileText) { first, second in
        var answers = FormAnswers(steps: services.steps)
        let typed = [first, second, "\u{241E}", "\u{241F}", "1\u{241F}2", ""]
        for step in services.steps.steps {
            var fields: [String] = []
            for (offset, item) in step.items.enumerated() {
                let values = [typed[offset % typed.count], typed[(offset + 1) % typed.count]] + item.options.prefix(2).map(\.value)
                fields += values.map {
                    "\(item.id)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                }
            }
            answers.update(from: FormBody(fields.joined(separator: "&")), step: step)
        }
        let packed = PackedAnswers(answers.positional)
        let decoded = try? JSONDecoder().decode(PackedAnswers.self, from: JSONEncoder().encode(packed))
        #expect(decoded == packed)
        #expect(decoded?.lists.count == services.steps.allItems.count)
    }
    // A draft sealed before, with its answers as lists, is read as it was.
    let lists = [["a"], [], [""], ["1", "none"], ["skip"]]
    #expect(try JSONDecoder().decode(PackedAnswers.self, from: JSONEncoder().encode(lists)).lists == lists)
}

// A draft comes back from its sealed lines with every field as it was; one sealed as JSON
// before is read too; bytes that are not a draft are none.
@Test func aDraftComesBackFromItsSealedLines() async throws {
    let services = try CitizenServices.testing()
    func same(_ a: QuestionnaireDraft, _ b: QuestionnaireDraft) -> Bool {
        a.version == b.version && a.answers == b.answers && a.key == b.key && a.partner == b.partner && a.channel == b.channel
            && a.crisisShown == b.crisisShown && a.helpFirst == b.helpFirst && a.check == b.check && a.wait == b.wait
            && a.remindOfHelp == b.remindOfHelp
    }
    await propertyCheck(count: 1_000, input: Gen.int(), hostileText) { seed, text in
        var random = SeededGenerator(seed)
        var draft = QuestionnaireDraft(
            steps: services.steps, key: services.passes.issue(), partner: Bool.random(using: &random) ? "cafe-1" : nil)
        var answers = FormAnswers(steps: services.steps)
        let step = services.steps.steps.randomElement(using: &random)!
        let fields = step.items.map { "\($0.id)=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        answers.update(from: FormBody(fields.joined(separator: "&")), step: step)
        draft.keep(answers)
        draft.channel = CaseChannel.allCases.randomElement(using: &random)
        draft.crisisShown = Bool.random(using: &random)
        draft.helpFirst = [nil, true, false].randomElement(using: &random)!
        draft.remindOfHelp = [nil, true, false].randomElement(using: &random)!
        draft.check = Bool.random(using: &random) ? Int.random(in: Int.min...Int.max, using: &random) : nil
        draft.wait = Bool.random(using: &random) ? Int.random(in: 0...3600, using: &random) : nil
        let sealed = try #require(draft.sealedBytes())
        let read = try #require(QuestionnaireDraft(sealedBytes: sealed))
        #expect(same(read, draft))
        // The draft as it was sealed before, in JSON.
        let json = try JSONEncoder().encode(draft)
        #expect(QuestionnaireDraft(sealedBytes: json).map { same($0, draft) } == true)
        // Cut short, it is no draft; a partner with a line break is not sealed at all.
        #expect(QuestionnaireDraft(sealedBytes: sealed.prefix(upTo: sealed.lastIndex(of: UInt8(ascii: "\n"))!)) == nil)
        var broken = draft
        broken.partner = "a\nb"
        #expect(broken.sealedBytes() == nil)
    }
    #expect(QuestionnaireDraft(sealedBytes: Data("D1\n".utf8)) == nil)
    #expect(QuestionnaireDraft(sealedBytes: Data()) == nil)
}
