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

  /// Loads libcurl if no transfer has yet: the version is the library's own answer, not a build-time one.
  /// Version "unavailable" when libcurl cannot be loaded (`CurlLibrary.loadFailure` says why).
  public static var current: LibcurlInfo {
    guard let info = osbs_curl_version_info()?.pointee else {
      return LibcurlInfo(version: "unavailable", features: [], sslVersion: nil)
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

/// libcurl is loaded (dlopen) and initialised (`curl_global_init`) by the C shim at the first call that
/// needs it, exactly once, so a command that never transfers never maps it.
public enum CurlLibrary {
  /// Loads libcurl if it is not yet; nil when it is ready, otherwise why it cannot be used.
  public static func loadFailure() -> String? {
    osbs_curl_load_failure().map { String(cString: $0) }
  }

  /// Starts mapping libcurl on another thread and returns at once, for a process that knows it will
  /// transfer: the first use then finds it loaded, or waits for the rest of that load.
  public static func preload() {
    osbs_curl_preload()
  }
}
