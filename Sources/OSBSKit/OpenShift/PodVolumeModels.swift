import Foundation

/// One of a container's `env` entries; only literal values (`valueFrom` is not modelled).
public struct EnvVar: Codable, Sendable, Equatable {
  public var name: String
  public var value: String?

  public init(name: String, value: String? = nil) {
    self.name = name
    self.value = value
  }
}

/// Where a container sees one of its pod's volumes.
public struct VolumeMount: Codable, Sendable, Equatable {
  public var name: String
  public var mountPath: String
  public var readOnly: Bool?
  public var subPath: String?

  public init(name: String, mountPath: String, readOnly: Bool? = nil, subPath: String? = nil) {
    self.name = name
    self.mountPath = mountPath
    self.readOnly = readOnly
    self.subPath = subPath
  }
}

/// A pod volume: a node's directory or file (`hostPath`) or a scratch directory (`emptyDir`); other
/// sources are not modelled and decode with neither set.
public struct PodVolume: Codable, Sendable, Equatable {
  public struct HostPath: Codable, Sendable, Equatable {
    public var path: String
    /// `""`, `Directory`, `DirectoryOrCreate`, `File`, `Socket`, …
    public var type: String?

    public init(path: String, type: String? = nil) {
      self.path = path
      self.type = type
    }
  }

  public struct EmptyDir: Codable, Sendable, Equatable {
    public var medium: String?

    public init(medium: String? = nil) { self.medium = medium }
  }

  public var name: String
  public var hostPath: HostPath?
  public var emptyDir: EmptyDir?

  public init(name: String, hostPath: HostPath? = nil, emptyDir: EmptyDir? = nil) {
    self.name = name
    self.hostPath = hostPath
    self.emptyDir = emptyDir
  }
}

/// The part of a container's `securityContext` osbsctl uses.
public struct ContainerSecurityContext: Codable, Sendable, Equatable {
  /// Linux capabilities added to or dropped from the runtime's default set.
  public struct Capabilities: Codable, Sendable, Equatable {
    public var add: [String]?
    public var drop: [String]?

    public init(add: [String]? = nil, drop: [String]? = nil) {
      self.add = add
      self.drop = drop
    }
  }

  /// The SELinux label the runtime gives the container's processes (ignored where SELinux is off).
  public struct SELinuxOptions: Codable, Sendable, Equatable {
    public var type: String?
    public var level: String?

    public init(type: String? = nil, level: String? = nil) {
      self.type = type
      self.level = level
    }

    /// The "super privileged container" type: the label the runtime uses with labelling disabled. The
    /// default `container_t` may not connect to a socket of the container engine or of Open vSwitch.
    public static let superPrivilegedContainer = SELinuxOptions(type: "spc_t")
  }

  public var privileged: Bool?
  public var runAsUser: Int64?
  public var runAsGroup: Int64?
  public var readOnlyRootFilesystem: Bool?
  public var allowPrivilegeEscalation: Bool?
  public var capabilities: Capabilities?
  public var seLinuxOptions: SELinuxOptions?

  public init(
    privileged: Bool? = nil, runAsUser: Int64? = nil, runAsGroup: Int64? = nil,
    readOnlyRootFilesystem: Bool? = nil, allowPrivilegeEscalation: Bool? = nil,
    capabilities: Capabilities? = nil, seLinuxOptions: SELinuxOptions? = nil
  ) {
    self.privileged = privileged
    self.runAsUser = runAsUser
    self.runAsGroup = runAsGroup
    self.readOnlyRootFilesystem = readOnlyRootFilesystem
    self.allowPrivilegeEscalation = allowPrivilegeEscalation
    self.capabilities = capabilities
    self.seLinuxOptions = seLinuxOptions
  }

  /// Root without any capability: enough to connect to a root-owned unix socket (the Docker socket,
  /// Open vSwitch's management socket) and nothing more.
  public static let rootWithoutCapabilities = ContainerSecurityContext(
    privileged: false, runAsUser: 0, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
    capabilities: Capabilities(drop: ["ALL"]))
}

/// The part of a pod's `securityContext` osbsctl uses: defaults for every container.
public struct PodSecurityContext: Codable, Sendable, Equatable {
  public var runAsUser: Int64?
  public var runAsGroup: Int64?

  public init(runAsUser: Int64? = nil, runAsGroup: Int64? = nil) {
    self.runAsUser = runAsUser
    self.runAsGroup = runAsGroup
  }
}
