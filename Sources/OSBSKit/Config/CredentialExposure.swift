import Foundation

/// A file holding a credential that users other than its owner can read.
public struct ExposedCredentialFile: Codable, Sendable, Equatable {
  /// `koji` or `openshift`: which connection uses the credential.
  public var service: String
  public var path: String
  /// What the file holds: `a password`, `a bearer token`, `a client key`, `a keytab`.
  public var holds: String
  /// The file's permission bits, e.g. `0644`.
  public var mode: String

  /// One line for stderr; names the file and says how to fix it, never the secret.
  public var warning: String {
    "\(path) holds \(holds) but is readable by group or others (mode \(mode)); restrict it: chmod 600 \(path)"
  }
}

/// Finds credential files with group or other permission bits, as ssh does for private keys.
enum CredentialExposure {
  static func check(_ settings: ResolvedSettings, configFiles: [String]) -> [ExposedCredentialFile] {
    var candidates: [(service: String, path: String, holds: String)] = []
    let koji = settings.koji
    if let password = koji.password {
      candidates.append(("koji", filePath(of: password.source), "a password"))
    }
    if let cert = koji.cert, koji.authtype?.value == KojiAuthType.ssl.rawValue {
      candidates.append(("koji", cert.value, "a client certificate and key"))
    }
    if let keytab = koji.keytab, !keytab.value.isEmpty, let file = KeytabFile.path(named: keytab.value) {
      candidates.append(("koji", file, "a keytab"))
    }

    let openshift = settings.openshift
    let material = settings.secrets.openshift
    if let token = openshift.token, material.token != nil {
      candidates.append(("openshift", filePath(of: token.source), "a bearer token"))
    }
    if let tokenFile = openshift.tokenFile {
      candidates.append(("openshift", tokenFile.value, "a bearer token"))
    }
    if let password = openshift.password {
      candidates.append(("openshift", filePath(of: password.source), "a password"))
    }
    if let key = openshift.clientKey {
      let path = material.clientKeyData != nil ? filePath(of: key.source) : key.value
      candidates.append(("openshift", path, "a client key"))
    }

    var seen = Set<String>()
    return candidates.compactMap { candidate in
      guard candidate.path.hasPrefix("/"), seen.insert(candidate.path).inserted,
        let mode = permissions(candidate.path), mode & 0o077 != 0
      else { return nil }
      return ExposedCredentialFile(
        service: candidate.service, path: candidate.path, holds: candidate.holds,
        mode: "0" + String(mode, radix: 8))
    }
  }

  /// `/path/file:12` → `/path/file` (a source is a path with an optional line number).
  static func filePath(of source: String) -> String {
    guard let colon = source.lastIndex(of: ":"),
      !source[source.index(after: colon)...].isEmpty,
      source[source.index(after: colon)...].allSatisfy(\.isNumber)
    else { return source }
    return String(source[..<colon])
  }

  /// Permission bits of a regular file, through any symbolic links (who can read the credential is
  /// decided by the file a link leads to); nil when it cannot be examined (a missing file is reported
  /// elsewhere).
  static func permissions(_ path: String) -> Int? {
    guard let info = ConfigFiles.regularFileStatus(path) else { return nil }
    return Int(info.st_mode) & 0o777
  }
}
