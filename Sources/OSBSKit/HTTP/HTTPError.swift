import Foundation

/// Which limit of `HTTPTimeouts` a transfer ran into.
public enum HTTPTimeoutKind: String, Sendable, Equatable {
  case connect
  case total
  case idle
  /// The caller's request timeout (`--request-timeout`), which spans every retry of one call.
  case request
  /// A try failed and the next one would start after the request timeout: given up before it ran out.
  case requestBeforeRetry
}

/// A failed exchange. URLs are stored already redacted; no case carries a secret.
public enum HTTPError: ClassifiedError, Equatable {
  case connectionRefused(url: String, detail: String)
  case dnsFailure(host: String, url: String)
  case tlsVerificationFailed(url: String, detail: String)
  case tlsClientCertificate(url: String, detail: String)
  case timeout(HTTPTimeoutKind, url: String, limit: Duration)
  case status(code: Int, url: String, bodyExcerpt: String)
  case cancelled(url: String)
  case responseTooLarge(limit: Int, url: String)
  /// Any other libcurl failure: its `CURLcode` and message.
  case transport(code: Int, message: String, url: String)

  /// The caller's whole wait ran out (`RequestDeadline`): never worth another try, unlike a transfer's
  /// own timeouts, which every retry loop treats as a passing failure.
  public var isRequestTimeout: Bool {
    switch self {
    case .timeout(.request, _, _), .timeout(.requestBeforeRetry, _, _): return true
    default: return false
    }
  }

  /// The server or the network was unavailable in a way another try may find gone. Not a server
  /// certificate that did not verify: the same request meets it again until someone changes the
  /// certificates or the settings (koji does not retry it either; kubectl fails at once).
  public var mayPassOnRetry: Bool {
    guard failureKind == .unavailable else { return false }
    if case .tlsVerificationFailed = self { return false }
    return true
  }

  /// The request's URL, redacted.
  public var url: String {
    switch self {
    case .connectionRefused(let url, _), .dnsFailure(_, let url), .tlsVerificationFailed(let url, _),
      .tlsClientCertificate(let url, _), .timeout(_, let url, _), .status(_, let url, _), .cancelled(let url),
      .responseTooLarge(_, let url), .transport(_, _, let url):
      return url
    }
  }

  public var failureKind: FailureKind {
    switch self {
    case .status(let code, _, _):
      switch code {
      case 401, 403: return .authentication
      case 404, 410: return .notFound
      case 408, 429, 500...599: return .unavailable
      default: return .operationFailed
      }
    case .connectionRefused, .dnsFailure, .timeout, .tlsVerificationFailed: return .unavailable
    case .tlsClientCertificate: return .authentication
    case .cancelled: return .interrupted
    // An oversized reply is a misbehaving server (or proxy), like any other malformed reply.
    case .responseTooLarge: return .unavailable
    case .transport(let code, _, _):
      // Malformed or unsupported URLs come from configuration; everything else is the network's fault.
      return code == 1 || code == 3 ? .usage : .unavailable
    }
  }

  public var description: String {
    switch self {
    case .connectionRefused(let url, let detail):
      return "could not connect to \(url): \(detail)"
    case .dnsFailure(let host, let url):
      return "could not resolve host '\(host)' (requesting \(url))"
    case .tlsVerificationFailed(let url, let detail):
      let lowered = detail.lowercased()
      if lowered.contains("subject name") || lowered.contains("does not match") {
        return
          "TLS verification of \(url) failed: \(detail). The server's certificate is for another host name: "
          + "connect by a name the certificate lists (the server = URL in the koji profile, or the cluster's "
          + "server: in the kubeconfig)"
      }
      return
        "TLS verification of \(url) failed: \(detail). If the server's certificate is issued by a private CA, "
        + "add that CA: serverca = /path/ca.pem in the koji profile (koji.conf), certificate-authority: "
        + "/path/ca.pem in the kubeconfig's cluster (or --kubeconfig/$KUBECONFIG naming one that has it)"
    case .tlsClientCertificate(let url, let detail):
      return "the client certificate for \(url) could not be used or was rejected: \(detail)"
    case .timeout(let kind, let url, let limit):
      switch kind {
      case .connect: return "timed out connecting to \(url) (limit \(GoDuration.text(limit)))"
      case .total: return "request to \(url) did not complete within \(GoDuration.text(limit))"
      case .request:
        return "gave up on \(url): no answer within the request timeout of \(GoDuration.text(limit)) "
          + "(retries included; raise it with --request-timeout or the profile's http.requestTimeout)"
      case .requestBeforeRetry:
        return "gave up on \(url): the next try would start after the request timeout of "
          + "\(GoDuration.text(limit)) (raise it with --request-timeout or the profile's http.requestTimeout)"
      case .idle:
        return "\(url) sent no data, or less than \(HTTPTimeouts.idleWindowMinimumBytes) bytes, for "
          + GoDuration.text(limit)
      }
    case .status(let code, let url, let bodyExcerpt):
      let head = "HTTP \(code) from \(url)"
      return bodyExcerpt.isEmpty ? head : "\(head): \(bodyExcerpt)"
    case .cancelled(let url):
      return "request to \(url) was cancelled"
    case .responseTooLarge(let limit, let url):
      return
        "response from \(url) is larger than the limit of \(limit) bytes\(limit >= 1 << 20 ? " (\(limit >> 20) MiB)" : ""); if the server is "
        + "right, raise it with http.maxResponseBytes in the osbsctl profile or OSBSCTL_MAX_RESPONSE_BYTES"
    case .transport(let code, let message, let url):
      return "request to \(url) failed: \(message) (curl error \(code))"
    }
  }
}

extension HTTPResponse {
  /// Returns the response unchanged when the status is below 400; otherwise throws `HTTPError.status`.
  public func requireSuccess(url: String) throws -> HTTPResponse {
    guard status >= 400 else { return self }
    throw HTTPError.status(
      code: status, url: SecretRedactor.redact(url: url), bodyExcerpt: HTTPError.excerpt(of: body))
  }
}

extension HTTPError {
  static let excerptCharacterLimit = 300
  /// How many body bytes an error response may contribute to an excerpt.
  static let excerptByteLimit = 4096

  /// The start of an error body on one line, for a message a person reads.
  static func excerpt(of body: Data, secrets: [String] = []) -> String {
    var text = String(decoding: body.prefix(excerptByteLimit), as: UTF8.self)
    if looksLikeHTML(text) { text = textOfHTML(text) }
    let oneLine = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }.joined(separator: " ")
    let redacted = SecretRedactor.redact(text: oneLine, secrets: secrets)
    return redacted.count > excerptCharacterLimit
      ? String(redacted.prefix(excerptCharacterLimit)) + "…" : redacted
  }
}

extension HTTPError {
  /// A proxy's error page (`<!DOCTYPE html>…`, `<html>…`) rather than the service's own reply.
  static func looksLikeHTML(_ text: String) -> Bool {
    let start = text.prefix(200).drop { $0.isWhitespace }.lowercased()
    return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
  }

  /// The words of an HTML page without its markup, scripts and styles: "502 Bad Gateway nginx".
  static func textOfHTML(_ html: String) -> String {
    var text = html
    for element in ["script", "style"] {
      while let open = text.range(of: "<\(element)", options: .caseInsensitive),
        let close = text.range(
          of: "</\(element)>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
      {
        text.removeSubrange(open.lowerBound..<close.upperBound)
      }
    }
    var words = ""
    var inTag = false
    for character in text {
      switch character {
      case "<": inTag = true; words.append(" ")
      case ">": inTag = false
      default: if !inTag { words.append(character) }
      }
    }
    return words.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
  }
}

/// Duration arithmetic the transport needs in whole milliseconds (libcurl's unit).
public enum TransportDuration {
  public static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
  }
}
