/// `osbsctl version -o json`: the tool's own version and the transport it was linked with.
public struct VersionReport: Codable, Sendable, Equatable {
  public var version: String
  public var libcurl: LibcurlInfo

  public init(version: String, libcurl: LibcurlInfo) {
    self.version = version
    self.libcurl = libcurl
  }
}
