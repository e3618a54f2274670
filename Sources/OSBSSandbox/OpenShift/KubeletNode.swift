import Foundation
import OSBSKit

/// A simulated node whose pods really run: the Docker-compatible engine (podman's API service) on a
/// unix socket that plays the node's container runtime, and the directory that stands in for the
/// node's root file system when a pod mounts a `hostPath`.
public struct KubeletNode: Sendable, Equatable, Codable {
  public var node: String
  /// The engine's unix socket.
  public var socket: String
  /// hostPath `/x/y` is `root/x/y`; nil refuses hostPath volumes rather than mount the real host.
  public var root: String?

  public init(node: String, socket: String, root: String? = nil) {
    self.node = node
    self.socket = socket
    self.root = root
  }

  public struct ParseError: Error, CustomStringConvertible, Equatable {
    public var description: String
  }

  /// `NODE=UNIX_SOCKET[,root=DIR]` (a `unix://` prefix on the socket is accepted).
  public init(parsing text: String) throws(ParseError) {
    let usage = "expected NODE=UNIX_SOCKET[,root=DIR], got \"\(text)\""
    guard let equals = text.firstIndex(of: "=") else { throw ParseError(description: usage) }
    let node = String(text[..<equals])
    var parts = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
    guard !node.isEmpty, !parts.isEmpty else { throw ParseError(description: usage) }
    var socket = String(parts.removeFirst())
    if socket.hasPrefix("unix://") { socket.removeFirst("unix://".count) }
    guard socket.hasPrefix("/") else {
      throw ParseError(
        description: "the engine socket of node \(node) must be an absolute path, got \"\(socket)\"")
    }
    var root: String?
    for part in parts {
      guard part.hasPrefix("root="), part.count > 5 else {
        throw ParseError(description: "unknown kubelet option \"\(part)\" for node \(node) (\(usage))")
      }
      root = String(part.dropFirst(5))
    }
    if let root, !root.hasPrefix("/") {
      throw ParseError(description: "the root of node \(node) must be an absolute path, got \"\(root)\"")
    }
    self.init(node: node, socket: socket, root: root)
  }
}

/// Labels the sandbox kubelet puts on every container it makes, named like a kubelet's own
/// (`io.kubernetes.pod.*`), plus the sandbox instance and node so leftovers can be found and removed.
enum KubeletLabels {
  static let podName = "io.kubernetes.pod.name"
  static let podNamespace = "io.kubernetes.pod.namespace"
  static let podUID = "io.kubernetes.pod.uid"
  static let containerName = "io.kubernetes.container.name"
  static let sandbox = "io.osbs.sandbox.instance"
  static let node = "io.osbs.sandbox.node"
}

/// How one of a pod's containers is created on the node's engine: what the kubelet would ask the
/// runtime for, in Docker Engine API terms.
struct KubeletContainerPlan: Sendable, Equatable {
  var name: String
  var spec: DockerContainerSpec

  /// Why a container cannot be created (reported on the container's waiting state).
  struct Refusal: Error, Equatable {
    var reason: String
    var message: String
  }

  /// `command` and `args` replace the image's entrypoint and command as Kubernetes defines them; env,
  /// workingDir, privileged and runAsUser map one to one; hostPath mounts are bound from under the
  /// node's root. Every container uses the host's network (a sandbox simplification: loopback services
  /// of the test are reachable, as a node's are from a hostNetwork pod).
  static func make(pod: Pod, container: PodSpec.Container, node: KubeletNode, instance: String)
    throws(Refusal)
    -> KubeletContainerPlan
  {
    let namespace = pod.metadata.namespace ?? ""
    let uid = pod.metadata.uid ?? ""
    var binds: [String] = []
    for mount in container.volumeMounts ?? [] {
      guard let volume = pod.spec.volumes?.first(where: { $0.name == mount.name }) else {
        throw Refusal(
          reason: "CreateContainerConfigError",
          message: "volume \"\(mount.name)\" of container \(container.name) is not a volume of the pod")
      }
      guard let hostPath = volume.hostPath else {
        throw Refusal(
          reason: "CreateContainerConfigError",
          message:
            "volume \"\(volume.name)\": the sandbox kubelet mounts only hostPath volumes")
      }
      let source = try hostDirectory(for: hostPath, volume: volume.name, node: node)
      var target = mount.mountPath
      var from = source
      if let sub = mount.subPath, !sub.isEmpty {
        guard !sub.split(separator: "/").contains("..") && !sub.hasPrefix("/") else {
          throw Refusal(
            reason: "CreateContainerConfigError",
            message: "subPath \"\(sub)\" must be a relative path inside the volume")
        }
        from += "/" + sub
      }
      if target.isEmpty { target = "/" }
      binds.append(from + ":" + target + (mount.readOnly == true ? ":ro" : ""))
    }
    let security = container.securityContext
    let userID = security?.runAsUser ?? pod.spec.securityContext?.runAsUser
    let groupID = security?.runAsGroup ?? pod.spec.securityContext?.runAsGroup
    let user = userID.map { uid in groupID.map { "\(uid):\($0)" } ?? String(uid) }
    let spec = DockerContainerSpec(
      image: container.image ?? "", entrypoint: container.command ?? [], command: container.args ?? [],
      labels: [
        KubeletLabels.podName: pod.metadata.name, KubeletLabels.podNamespace: namespace,
        KubeletLabels.podUID: uid, KubeletLabels.containerName: container.name,
        KubeletLabels.sandbox: instance, KubeletLabels.node: node.node,
      ],
      networkMode: "host",
      environment: (container.env ?? []).map { "\($0.name)=\($0.value ?? "")" },
      workingDirectory: container.workingDir.flatMap { $0.isEmpty ? nil : $0 }, user: user,
      privileged: security?.privileged == true, binds: binds)
    // The name a dockershim kubelet gave: k8s_<container>_<pod>_<namespace>_<uid>_<attempt>.
    return KubeletContainerPlan(
      name: "k8s_\(container.name)_\(pod.metadata.name)_\(namespace)_\(uid)_0", spec: spec)
  }

  /// The directory or file under the node's root that stands for `hostPath`, checked against its
  /// `type` as the kubelet's hostPath type checker does (`DirectoryOrCreate` makes it).
  static func hostDirectory(for hostPath: PodVolume.HostPath, volume: String, node: KubeletNode)
    throws(Refusal)
    -> String
  {
    guard let root = node.root else {
      throw Refusal(
        reason: "CreateContainerConfigError",
        message:
          "MountVolume.SetUp failed for volume \"\(volume)\" : hostPath volumes need the node's root directory (osbs-sandbox --kubelet \(node.node)=SOCKET,root=DIR); the sandbox never mounts the real host's \(hostPath.path)"
      )
    }
    let components = hostPath.path.split(separator: "/")
    guard hostPath.path.hasPrefix("/"), !components.contains("..") else {
      throw Refusal(
        reason: "CreateContainerConfigError",
        message:
          "MountVolume.SetUp failed for volume \"\(volume)\" : hostPath \(hostPath.path) must be an absolute path"
      )
    }
    let mapped = root + (components.isEmpty ? "" : "/" + components.joined(separator: "/"))
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: mapped, isDirectory: &isDirectory)
    func failed(_ detail: String) -> Refusal {
      Refusal(
        reason: "CreateContainerConfigError",
        message:
          "MountVolume.SetUp failed for volume \"\(volume)\" : hostPath type check failed: \(hostPath.path) \(detail)"
      )
    }
    switch hostPath.type ?? "" {
    case "", "DirectoryOrCreate":
      // The runtime would make a missing path a directory; so does the sandbox.
      if !exists {
        do {
          try FileManager.default.createDirectory(atPath: mapped, withIntermediateDirectories: true)
        } catch {
          throw failed("could not be created: \(error.localizedDescription)")
        }
      }
    case "Directory":
      guard exists && isDirectory.boolValue else { throw failed("is not a directory") }
    case "File", "FileOrCreate":
      if !exists && hostPath.type == "FileOrCreate" {
        _ = FileManager.default.createFile(atPath: mapped, contents: nil)
      } else if !exists || isDirectory.boolValue {
        throw failed("is not a file")
      }
    case "Socket":
      var info = stat()
      guard stat(mapped, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else {
        throw failed("is not a socket file")
      }
    default:
      guard exists else { throw failed("does not exist") }
    }
    return mapped
  }
}
