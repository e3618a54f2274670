import Foundation

/// Which release of the API server the simulated cluster answers as. Each differs in what real
/// servers of that era did (shared/reference/openshift-wire/README.md), most of all in what they
/// silently ignore: a client must find out from discovery or the version, never assume.
public enum ClusterGeneration: String, Sendable, Codable, CaseIterable {
  /// Origin 1.0 on Kubernetes 1.0: no `/apis` (404 in Go's plain text), builds under `/oapi/v1` only,
  /// no `dryRun`, no eviction subresource, no paging, and build log options other than `follow`
  /// ignored (the log comes back whole and unstamped).
  case legacy
  /// OSE 3.9 on Kubernetes 1.9: API groups, `dryRun` ignored (the change is saved), Evictions only
  /// as `policy/v1beta1`, kubelet stamps with trailing zeros trimmed, `continue` tokens that expire.
  case v3 = "3.x"
  /// Today's servers.
  case current

  var version: (major: String, minor: String, gitVersion: String) {
    switch self {
    case .legacy: ("1", "0", "v1.0.0")
    case .v3: ("1", "9", "v1.9.1+a0ce1bc657")
    case .current: ("1", "30", "v1.30.0")
    }
  }

  /// Kubernetes before 1.12 applies a `dryRun=All` request as if the parameter were not there.
  var honoursDryRun: Bool { self == .current }

  /// The Eviction API version served; nil: no eviction subresource.
  var evictionVersion: String? {
    switch self {
    case .legacy: nil
    case .v3: "v1beta1"
    case .current: "v1"
    }
  }

  /// Whether `timestamps`, `sinceTime`, `tailLines` and `limit` are honoured.
  var honoursLogOptions: Bool { self != .legacy }
  var pagesLists: Bool { self != .legacy }
  var servesAPIGroups: Bool { self != .legacy }

  /// Whether list items carry their own `kind` and `apiVersion`. The recorded 3.9 lists
  /// (v3.9.41/builds_list.json, extra/kubeclient/pods_1.json) and Origin 1.0's leave them out.
  var listItemsCarryTypeMeta: Bool { self == .current }

  /// Kubelets of the 3.x era wrote RFC3339Nano with trailing zeros trimmed (`…55.25Z`, `…56Z`).
  var trimsStampZeros: Bool { self == .v3 }

  /// The build API paths the era served, unless the configuration says otherwise.
  var buildAPI: OpenShiftCluster.APIEra? {
    switch self {
    case .legacy: .legacy
    case .v3: .both
    case .current: nil
    }
  }

  /// A kubelet stamp as this era wrote it.
  func stamp(_ text: String) -> String {
    guard trimsStampZeros, let dot = text.firstIndex(of: "."), text.hasSuffix("Z") else { return text }
    var fraction = text[text.index(after: dot)..<text.index(before: text.endIndex)]
    while fraction.last == "0" { fraction = fraction.dropLast() }
    return fraction.isEmpty ? String(text[..<dot]) + "Z" : String(text[..<dot]) + "." + fraction + "Z"
  }
}
