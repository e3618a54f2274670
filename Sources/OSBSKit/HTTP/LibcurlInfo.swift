import CCurl
import Foundation

/// The libcurl the process runs against, for `osbsctl version` and bug reports.
public struct LibcurlInfo: Codable, Sendable, Equatable {
  public var version: String
  /// libcurl's own feature names ("SSL", "GSS-API", "SPNEGO", "UnixSockets", ...).
  public var features: [String]
  /// The TLS library, such as "OpenSSL/3.0.15"; nil without TLS support.
  public var sslVersion: String?

  public init(version: String, features: [String], sslVersion: String?) {
    self.version = version
    self.features = features
    self.sslVersion = sslVersion
  }

  public static var current: LibcurlInfo {
    CurlGlobal.ensureInitialized()
    guard let info = curl_version_info(OSBS_CURLVERSION_NOW)?.pointee else {
      return LibcurlInfo(version: "unknown", features: [], sslVersion: nil)
    }
    return LibcurlInfo(
      version: info.version.map { String(cString: $0) } ?? "unknown",
      features: featureNames(of: info),
      sslVersion: info.ssl_version.map { String(cString: $0) })
  }

  private static func featureNames(of info: curl_version_info_data) -> [String] {
    // `feature_names` exists from libcurl 7.87 (CURLVERSION_ELEVENTH); older versions only have bits.
    if info.age.rawValue >= CURLVERSION_ELEVENTH.rawValue, let names = info.feature_names {
      var result: [String] = []
      var index = 0
      while let name = names[index] {
        result.append(String(cString: name))
        index += 1
      }
      return result
    }
    let bits: [(Int32, String)] = [
      (CURL_VERSION_IPV6, "IPv6"), (CURL_VERSION_SSL, "SSL"), (CURL_VERSION_LIBZ, "libz"),
      (CURL_VERSION_GSSAPI, "GSS-API"), (CURL_VERSION_KERBEROS5, "Kerberos"),
      (CURL_VERSION_SPNEGO, "SPNEGO"), (CURL_VERSION_HTTP2, "HTTP2"),
      (CURL_VERSION_UNIX_SOCKETS, "UnixSockets"), (CURL_VERSION_HTTPS_PROXY, "HTTPS-proxy"),
    ]
    return bits.filter { info.features & $0.0 != 0 }.map(\.1)
  }
}

/// `curl_global_init` must run once, before any other libcurl call, and is not itself thread-safe.
enum CurlGlobal {
  private static let initialization: CURLcode = curl_global_init(OSBS_CURL_GLOBAL_DEFAULT)

  /// Swift runs a static's initializer exactly once, even under concurrent first use.
  static func ensureInitialized() { _ = initialization }
}
