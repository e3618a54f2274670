/// `osbsctl version -o json`: the tool's own version and the transport it was linked with.
public struct VersionReport: Codable, Sendable, Equatable {
  public var version: String
  /// nil for `version --client`, which does not load libcurl to ask it (and so leaves the key out).
  public var libcurl: LibcurlInfo?

  public init(version: String, libcurl: LibcurlInfo?) {
    self.version = version
    self.libcurl = libcurl
  }
}
