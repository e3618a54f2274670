import Foundation

/// Where a running sandbox answers. Everything is on one loopback port.
public struct SandboxEndpoints: Sendable, Codable, Equatable {
  public var host: String
  public var port: UInt16

  public init(host: String = "127.0.0.1", port: UInt16) {
    self.host = host
    self.port = port
  }

  public var baseURL: String { "http://\(host):\(port)" }
  /// The XML-RPC endpoint (`server` in koji.conf).
  public var kojiHub: String { baseURL + "/kojihub" }
  public var kojiWeb: String { baseURL + "/koji" }
  public var kojiFiles: String { baseURL + "/kojifiles" }
  /// The OpenShift/Kubernetes API root (`server` in the kubeconfig).
  public var openshiftAPI: String { baseURL }
  /// The sandbox's own control API (`/_sandbox/state`, `/_sandbox/faults`).
  public var controlAPI: String { baseURL + "/_sandbox" }
}
