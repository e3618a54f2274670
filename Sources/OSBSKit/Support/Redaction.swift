import Foundation

/// Removes credentials from text that may be shown to a user or written to a trace.
///
/// Redaction errs on the side of hiding too much: a name that merely looks secret is hidden.
public enum SecretRedactor {
  public static let placeholder = "[REDACTED]"

  /// Header names whose values are always hidden, compared case-insensitively.
  static let secretHeaderNames: Set<String> = [
    "authorization", "proxy-authorization", "cookie", "set-cookie", "x-auth-token",
  ]

  /// Fragments that make a header or query-parameter name secret wherever they occur in it.
  static let secretNameFragments = ["token", "password", "passwd", "secret", "apikey", "api-key"]

  /// Whether a header's value must not be shown. Any `key` counts: Koji sends `Koji-Session-Key`.
  public static func isSecretHeader(_ name: String) -> Bool {
    let lowered = name.lowercased()
    return secretHeaderNames.contains(lowered) || contains(lowered, "key")
      || secretNameFragments.contains { contains(lowered, $0) }
  }

  /// Whether `text` holds the ASCII `fragment`, compared as UTF-8 bytes. Every request checks its
  /// header names: Foundation's `contains` bridged each name to `NSString` for every fragment. A byte
  /// match can only find more than a comparison of characters (a fragment followed by a combining
  /// mark), and finding more means hiding more.
  static func contains(_ text: String, _ fragment: String) -> Bool {
    let needle = Array(fragment.utf8)
    guard let first = needle.first else { return true }
    var text = text
    return text.withUTF8 { haystack in
      guard haystack.count >= needle.count else { return false }
      var start = 0
      while start <= haystack.count - needle.count {
        if haystack[start] == first {
          var matched = 1
          while matched < needle.count && haystack[start + matched] == needle[matched] { matched += 1 }
          if matched == needle.count { return true }
        }
        start += 1
      }
      return false
    }
  }

  /// Whether a query parameter's value must not be shown (Koji's `session-key`, OAuth tokens, passwords...).
  ///
  /// `session-id` and `callnum` stay visible: they identify a session but cannot act for it.
  public static func isSecretQueryParameter(_ name: String) -> Bool {
    let lowered = (name.removingPercentEncoding ?? name).lowercased()
    return contains(lowered, "key") || contains(lowered, "auth")
      || secretNameFragments.contains { contains(lowered, $0) }
  }

  public static func redact(headerName: String, value: String) -> String {
    isSecretHeader(headerName) ? placeholder : value
  }

  public static func redact(headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
    headers.map { ($0.name, redact(headerName: $0.name, value: $0.value)) }
  }

  /// Hides the password of the URL's userinfo and the values of secret-looking query parameters.
  ///
  /// Everything else is kept byte for byte, so the result still identifies the endpoint.
  public static func redact(url: String) -> String {
    guard mayHoldSecrets(url: url) else { return url }
    var result = url
    if let schemeEnd = result.range(of: "://") {
      let authorityEnd =
        result[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? result.endIndex
      let authority = result[schemeEnd.upperBound..<authorityEnd]
      if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
        result.replaceSubrange(result.index(after: colon)..<at, with: placeholder)
      }
    }
    guard let queryStart = result.firstIndex(of: "?") else { return result }
    let queryEnd = result[queryStart...].firstIndex(of: "#") ?? result.endIndex
    let query = result[result.index(after: queryStart)..<queryEnd]
    let redactedQuery = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
      guard let equals = pair.firstIndex(of: "="), isSecretQueryParameter(String(pair[..<equals])) else {
        return String(pair)
      }
      return String(pair[...equals]) + placeholder
    }.joined(separator: "&")
    result.replaceSubrange(result.index(after: queryStart)..<queryEnd, with: redactedQuery)
    return result
  }

  /// Only userinfo (before an "@") and a query (after a "?") can hold secrets; a URL with neither, as
  /// most API paths are, needs no parsing (which costs more than a request's own work in a prune).
  private static func mayHoldSecrets(url: String) -> Bool {
    url.utf8.contains { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "?") }
  }

  /// Replaces every occurrence of the given secret values (also percent-encoded) in arbitrary text.
  public static func redact(text: String, secrets: [String]) -> String {
    var variants = Set<String>()
    for secret in secrets where !secret.isEmpty {
      variants.insert(secret)
      if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
        variants.insert(encoded)
      }
    }
    // Longest first, so a secret that contains another is replaced whole.
    return variants.sorted { $0.count > $1.count }.reduce(text) {
      $0.replacingOccurrences(of: $1, with: placeholder)
    }
  }

  /// Secret values carried by a URL (userinfo password, secret query values), for `redact(text:secrets:)`.
  static func secretValues(inURL url: String) -> [String] {
    guard mayHoldSecrets(url: url) else { return [] }
    var values: [String] = []
    if let components = URLComponents(string: url) {
      if let password = components.password { values.append(password) }
      for item in components.queryItems ?? [] where isSecretQueryParameter(item.name) {
        if let value = item.value { values.append(value) }
      }
    }
    return values
  }
}
