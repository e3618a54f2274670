import Foundation

/// Everything that can go wrong while finding, parsing and resolving configuration.
///
/// Descriptions name the file (and line where known) but never a secret value.
public enum ConfigError: ClassifiedError, Equatable {
  /// A file's syntax or a value in it is wrong; `line` is 1-based.
  case malformedFile(path: String, line: Int?, reason: String)
  /// A file the user named explicitly (flag, environment variable, profile entry) does not exist.
  case fileNotFound(path: String, namedBy: String)
  /// A file exists but cannot be read.
  case unreadableFile(path: String, reason: String)
  /// `kind` is "osbsctl profile", "koji profile" or "kubeconfig context"; `known` lists what exists,
  /// sorted; `namedBy` is where the name came from when that is worth saying (`environment
  /// OSBSCTL_PROFILE`, `--profile`).
  case unknownProfile(kind: String, name: String, known: [String], searched: [String], namedBy: String? = nil)
  /// A credential file (certificate, key, token file, keytab) named by the configuration is missing.
  case missingCredentialFile(path: String, role: String, namedBy: String)
  /// A non-secret file named by the configuration (a CA bundle) is missing.
  case missingFile(path: String, role: String, namedBy: String)
  /// The configuration does not say how to reach a service at all.
  case notConfigured(service: String, hint: String)
  /// A value is unusable; `source` says where it was set.
  case invalidSetting(name: String, source: String, reason: String)
  /// A kubeconfig refers to a cluster or user entry that is not defined.
  case danglingReference(kind: String, name: String, referencedBy: String)

  public var failureKind: FailureKind {
    switch self {
    case .malformedFile, .unknownProfile, .notConfigured, .danglingReference, .unreadableFile,
      .invalidSetting:
      .usage
    case .fileNotFound, .missingFile: .notFound
    case .missingCredentialFile: .authentication
    }
  }

  public var description: String {
    switch self {
    case .malformedFile(let path, let line, let reason):
      return "\(SettingSource.file(path, line: line)): \(reason)"
    case .fileNotFound(let path, let namedBy):
      return "\(path): no such file (named by \(namedBy))"
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read: \(reason)"
    case .unknownProfile(let kind, let name, let known, let searched, let namedBy):
      let knownText = known.isEmpty ? "none are defined" : "known: \(known.joined(separator: ", "))"
      let searchedText = searched.isEmpty ? "" : " (searched \(searched.joined(separator: ", ")))"
      let namedText = namedBy.map { " (named by \($0))" } ?? ""
      return "unknown \(kind) \"\(name)\"\(namedText); \(knownText)\(searchedText)"
    case .missingCredentialFile(let path, let role, let namedBy):
      return "\(role) file \(path) does not exist (named by \(namedBy))"
    case .missingFile(let path, let role, let namedBy):
      return "\(role) file \(path) does not exist (named by \(namedBy))"
    case .notConfigured(let service, let hint):
      return "no \(service) configuration: \(hint)"
    case .invalidSetting(let name, let source, let reason):
      return "\(name) (\(source)) \(reason)"
    case .danglingReference(let kind, let name, let referencedBy):
      return "\(kind) \"\(name)\" is not defined (referenced by \(referencedBy))"
    }
  }
}
