import Foundation
import Testing

@testable import OSBSKit

@Suite("SecretRedactor")
struct SecretRedactorTests {
  @Test("URL passwords and secret query values are hidden, the rest kept as is")
  func urls() {
    #expect(
      SecretRedactor.redact(
        url: "https://alice:hunter2@koji.example/kojihub?session-id=7&session-key=abc-1&callnum=2")
        == "https://alice:[REDACTED]@koji.example/kojihub?session-id=7&session-key=[REDACTED]&callnum=2")
    #expect(
      SecretRedactor.redact(url: "https://h/x?access_token=t&Password=p&client_secret=s&apikey=k&page=3#frag")
        == "https://h/x?access_token=[REDACTED]&Password=[REDACTED]&client_secret=[REDACTED]&apikey=[REDACTED]&page=3#frag"
    )
    #expect(SecretRedactor.redact(url: "https://bob@h/path") == "https://bob@h/path")
    #expect(SecretRedactor.redact(url: "http://h/a%20b?q=1") == "http://h/a%20b?q=1")
  }

  @Test("the secret values of a URL are its password and secret query values; plain paths have none")
  func secretValuesOfURLs() {
    #expect(
      SecretRedactor.secretValues(inURL: "https://alice:hunter2@h/kojihub?session-id=7&session-key=abc-1")
        == ["hunter2", "abc-1"])
    #expect(SecretRedactor.secretValues(inURL: "https://h/x?page=3&token=t") == ["t"])
    #expect(SecretRedactor.secretValues(inURL: "https://h/apis/build.openshift.io/v1/builds/b-1").isEmpty)
    #expect(SecretRedactor.redact(url: "https://h/apis/v1/builds/b-1") == "https://h/apis/v1/builds/b-1")
  }

  @Test(
    "secret header values are hidden",
    arguments: [
      "Authorization", "authorization", "Cookie", "Set-Cookie", "Proxy-Authorization", "X-Auth-Token",
      "X-Registry-Token", "X-Password", "X-Client-Secret",
    ])
  func secretHeaders(name: String) {
    #expect(SecretRedactor.redact(headerName: name, value: "v4lue") == "[REDACTED]")
  }

  @Test(
    "the byte search finds what Foundation's contains finds, in ASCII and in other text",
    arguments: [
      "koji-session-key", "x-auth-token", "monkey", "ke", "k", "", "x-api-key", "tokens", "passwor",
      "x-pässwörd-token", "schlüssel-key", "kéy", "ключ-key", "🔑key", "x-client-secret",
    ])
  func byteSearchAgreesWithFoundation(name: String) {
    for fragment in ["key", "auth"] + SecretRedactor.secretNameFragments {
      #expect(SecretRedactor.contains(name, fragment) == name.contains(fragment), "\(name) / \(fragment)")
    }
  }

  @Test("ordinary header values are kept")
  func ordinaryHeaders() {
    let headers = SecretRedactor.redact(headers: [
      ("Accept", "application/json"), ("Authorization", "Bearer x"),
    ])
    #expect(headers.map(\.value) == ["application/json", "[REDACTED]"])
  }

  @Test("known secrets are replaced anywhere in text, also percent-encoded")
  func text() {
    let text = "login as bob with pa ss/word! failed; url had pa%20ss%2Fword%21 and token abc"
    #expect(
      SecretRedactor.redact(text: text, secrets: ["pa ss/word!", "abc", ""])
        == "login as bob with [REDACTED] failed; url had [REDACTED] and token [REDACTED]")
  }

  @Test("a trace event formats as one line")
  func traceLine() {
    let event = HTTPTraceEvent(
      method: "GET", url: "https://h/x?session-key=[REDACTED]", status: 200, bytesSent: 0,
      bytesReceived: 1234,
      duration: .milliseconds(12), requestHeaders: [], error: nil)
    #expect(event.formatted() == "GET https://h/x?session-key=[REDACTED] -> 200 1234B in 12ms")
    var failed = event
    failed.status = nil
    failed.bytesReceived = 0
    failed.error = "could not connect"
    #expect(
      failed.formatted() == "GET https://h/x?session-key=[REDACTED] -> failed 0B in 12ms (could not connect)")
  }
}
