import Foundation

/// What a failed `-o json`/`-o yaml` run writes to stderr, one line: `{"error": {"kind", "message",
/// "exitCode"}}` (docs/json.md). The CLI writes it; the fleet reads it back from a node pod's log.
public struct ErrorDocument: Codable, Sendable, Equatable {
  public struct Body: Codable, Sendable, Equatable {
    public var kind: String
    public var message: String
    public var exitCode: Int32

    public init(kind: String, message: String, exitCode: Int32) {
      self.kind = kind
      self.message = message
      self.exitCode = exitCode
    }
  }

  public var error: Body

  public init(kind: FailureKind, message: String, exitCode: Int32) {
    error = Body(kind: kind.rawValue, message: message, exitCode: exitCode)
  }

  /// The document on one line, newline-terminated.
  public func line() -> Data {
    // Three strings and an integer always encode.
    ((try? ReportJSON.data(self, pretty: false)) ?? Data()) + Data("\n".utf8)
  }

  /// The document a log line holds, if it is one.
  public static func read(_ line: some StringProtocol) -> ErrorDocument? {
    guard line.hasPrefix(#"{"error":"#) else { return nil }
    return try? JSONDecoder().decode(ErrorDocument.self, from: Data(line.utf8))
  }
}
