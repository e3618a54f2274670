import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A real Docker-compatible engine: podman's API service (`podman system service`) on a unix socket in a
/// private temp dir, with hermetic storage and configuration (nothing under /var/lib/containers,
/// /run/containers or /etc/cni), runc, cgroupfs, file events, no network namespace and lowered ulimits
/// (root here lacks CAP_SYS_RESOURCE). A busybox image is imported from /bin/busybox, so no registry is
/// needed. Tests shape the engine's contents with the podman CLI, which shares the same storage.
public final class PodmanService: Sendable {
  public static let podman = "/usr/bin/podman"
  public static let busyboxBinary = "/bin/busybox"
  public static let busyboxImage = "localhost/busybox:latest"

  public let directory: TemporaryDirectory
  public let process: ChildProcess
  /// overlay, or vfs when overlay could not be used.
  public let storageDriver: String
  public var socketPath: String { directory.file("podman.sock") }
  /// `unix:///…/podman.sock`, for `--host` and `DOCKER_HOST`.
  public var host: String { "unix://" + socketPath }

  /// The variables that point the podman CLI (and any child) at this service's private configuration.
  public let environment: [String: String]

  private init(
    directory: TemporaryDirectory, process: ChildProcess, driver: String, environment: [String: String]
  ) {
    self.directory = directory
    self.process = process
    self.storageDriver = driver
    self.environment = environment
  }

  deinit { stop() }

  public static func start() async throws -> PodmanService {
    try FixtureError.requireTool(podman, debianPackage: "podman")
    try FixtureError.requireTool("/usr/sbin/runc", debianPackage: "runc")
    try FixtureError.requireTool(busyboxBinary, debianPackage: "busybox-static")
    var lastError: (any Error)?
    for driver in ["overlay", "vfs"] {
      let directory = try TemporaryDirectory(prefix: "osbs-podman")
      let environment = try writeConfiguration(in: directory, driver: driver)
      do {
        try await importBusybox(directory: directory, environment: environment)
      } catch {
        lastError = error
        Self.reset(directory: directory, environment: environment)
        continue
      }
      let process = try ChildProcess(
        executable: podman,
        arguments: ["system", "service", "--time=0", "unix://" + directory.file("podman.sock")],
        environment: environment, stdoutPath: directory.file("service.log"),
        stderrPath: directory.file("service.log"))
      let service = PodmanService(
        directory: directory, process: process, driver: driver, environment: environment)
      let socket = service.socketPath
      try await Readiness.wait(
        for: process, name: "podman system service on \(socket)", logPaths: [directory.file("service.log")]
      ) { Loopback.acceptsUnix(path: socket) }
      return service
    }
    throw lastError ?? FixtureError("podman could not be set up")
  }

  private static func writeConfiguration(in directory: TemporaryDirectory, driver: String) throws -> [String:
    String]
  {
    let root = directory.path
    for sub in ["root", "run", "tmp", "cni", "cache"] { try directory.makeSubdirectory(sub) }
    try directory.write(
      """
      [storage]
      driver = "\(driver)"
      graphroot = "\(root)/root"
      runroot = "\(root)/run"

      """, to: "storage.conf")
    try directory.write(
      """
      [containers]
      netns = "none"
      log_driver = "k8s-file"
      default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
      [engine]
      cgroup_manager = "cgroupfs"
      events_logger = "file"
      runtime = "runc"
      tmp_dir = "\(root)/tmp"
      static_dir = "\(root)/root/libpod"
      volume_path = "\(root)/root/volumes"
      [network]
      network_config_dir = "\(root)/cni"

      """, to: "containers.conf")
    try directory.write("unqualified-search-registries = []\n", to: "registries.conf")
    var environment = ProcessInfo.processInfo.environment
    environment["CONTAINERS_CONF"] = "\(root)/containers.conf"
    environment["CONTAINERS_STORAGE_CONF"] = "\(root)/storage.conf"
    environment["CONTAINERS_REGISTRIES_CONF"] = "\(root)/registries.conf"
    environment["XDG_CACHE_HOME"] = "\(root)/cache"
    environment["DOCKER_HOST"] = nil
    return environment
  }

  /// A one-binary root file system packed with tar and imported (no registry involved).
  private static func importBusybox(directory: TemporaryDirectory, environment: [String: String]) async throws
  {
    let rootfs = try directory.makeSubdirectory("rootfs/bin")
    try FileManager.default.copyItem(atPath: busyboxBinary, toPath: rootfs + "/busybox")
    for applet in ["sh", "echo", "true", "sleep", "false"] {
      try FileManager.default.createSymbolicLink(
        atPath: "\(rootfs)/\(applet)", withDestinationPath: "busybox")
    }
    let tarball = directory.file("rootfs.tar")
    try await ChildProcess.run(
      "/bin/tar", ["-C", directory.file("rootfs"), "-cf", tarball, "."], workDirectory: directory.url)
    try await ChildProcess.run(
      podman, ["import", "-q", "--change", #"CMD ["/bin/sh"]"#, tarball, busyboxImage],
      environment: environment, workDirectory: directory.url)
    // Running a container proves the storage driver and runtime work, not just the image store.
    try await ChildProcess.run(
      podman, ["run", "--rm", busyboxImage, "true"], environment: environment, workDirectory: directory.url)
  }

  // MARK: - Shaping the engine's contents

  /// Runs the podman CLI against this service's storage; returns its trimmed output.
  @discardableResult
  public func podman(_ arguments: [String]) async throws -> String {
    let output = try await ChildProcess.run(
      Self.podman, arguments, environment: environment, workDirectory: directory.url)
    return output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A container that ran and exited with `exitCode`; returns its full ID.
  @discardableResult
  public func exitedContainer(
    name: String, exitCode: Int = 0, labels: [String: String] = [:], image: String = busyboxImage
  ) async throws -> String {
    // create, start, wait: `podman run` would itself exit with the container's code.
    let id = try await podman(
      ["create", "--name", name] + labelArguments(labels) + [image, "sh", "-c", "exit \(exitCode)"])
    try await podman(["start", id])
    try await podman(["wait", id])
    return id
  }

  /// `count` containers named `prefix-N` that ran `exit 0`, created one by one and started in one call;
  /// returns their full IDs.
  public func exitedContainers(count: Int, prefix: String) async throws -> [String] {
    var ids: [String] = []
    for index in 0..<count {
      ids.append(try await podman(["create", "--name", "\(prefix)-\(index)", Self.busyboxImage, "true"]))
    }
    for batch in stride(from: 0, to: ids.count, by: 100) {
      try await podman(["start"] + ids[batch..<min(batch + 100, ids.count)])
    }
    try await podman(["wait"] + ids)
    return ids
  }

  /// A container that keeps running (`sleep`); returns its full ID.
  @discardableResult
  public func runningContainer(name: String, labels: [String: String] = [:], image: String = busyboxImage)
    async throws -> String
  {
    try await podman(["run", "-d", "--name", name] + labelArguments(labels) + [image, "sleep", "3600"])
  }

  /// A container that was running and was stopped (so it can be started again); returns its full ID.
  @discardableResult
  public func stoppedContainer(name: String) async throws -> String {
    let id = try await runningContainer(name: name)
    try await podman(["stop", "-t", "0", name])
    return id
  }

  /// An image committed from a fresh container under `tag`, then the tag moved to a newer commit: the
  /// first image is left dangling (`RepoTags` null on podman). Returns the dangling image's ID.
  public func danglingImage(tag: String) async throws -> String {
    let first = try await commitImage(tag: tag)
    _ = try await commitImage(tag: tag)
    return first
  }

  /// A new image under `tag` committed from a throwaway container; returns its `sha256:` ID.
  public func commitImage(tag: String, from base: String = busyboxImage, labels: [String: String] = [:])
    async throws -> String
  {
    let source = "src-\(UUID().uuidString.prefix(8))"
    try await podman(["run", "--name", source, base, "sh", "-c", "echo \(source) > /marker"])
    var arguments = ["commit", "-q"]
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
      arguments += ["--change", "LABEL \(key)=\(value)"]
    }
    let id = try await podman(arguments + [source, tag])
    try await podman(["rm", source])
    return id.hasPrefix("sha256:") ? id : "sha256:" + id
  }

  /// An image holding busybox with the given applets linked under /bin (besides `sh`), imported from a
  /// tarball like the base image, so no registry is involved.
  public func importBusyboxImage(tag: String, applets: [String]) async throws {
    let name = "rootfs-\(UUID().uuidString.prefix(8))"
    let bin = try directory.makeSubdirectory("\(name)/bin")
    try FileManager.default.copyItem(atPath: Self.busyboxBinary, toPath: bin + "/busybox")
    for applet in Set(applets + ["sh"]) {
      try FileManager.default.createSymbolicLink(atPath: "\(bin)/\(applet)", withDestinationPath: "busybox")
    }
    let tarball = directory.file("\(name).tar")
    try await ChildProcess.run(
      "/bin/tar", ["-C", directory.file(name), "-cf", tarball, "."], workDirectory: directory.url)
    try await podman(["import", "-q", "--change", #"CMD ["/bin/sh"]"#, tarball, tag])
  }

  /// Full IDs of every container, running or not.
  public func containerIDs() async throws -> Set<String> {
    Set(
      try await podman(["ps", "-a", "--no-trunc", "--format", "{{.ID}}"]).split(separator: "\n").map(
        String.init))
  }

  /// `sha256:` IDs of every image.
  public func imageIDs() async throws -> Set<String> {
    let ids = try await podman(["images", "-a", "--no-trunc", "--format", "{{.ID}}"]).split(separator: "\n")
    return Set(ids.map { $0.hasPrefix("sha256:") ? String($0) : "sha256:" + $0 })
  }

  private func labelArguments(_ labels: [String: String]) -> [String] {
    labels.sorted(by: { $0.key < $1.key }).flatMap { ["--label", "\($0.key)=\($0.value)"] }
  }

  // MARK: - Ending

  /// Kills the API service at once (the engine "goes away"); the storage stays for inspection.
  public func killEngine() {
    kill(process.pid, SIGKILL)
    _ = process.stop(grace: .seconds(2))
  }

  /// Removes every container, stops the service, resets the storage and deletes the directory.
  public func stop() {
    guard FileManager.default.fileExists(atPath: directory.path) else { return }
    Self.runQuietly(["rm", "-f", "-t", "0", "-a"], environment: environment)
    process.stop(grace: .seconds(5))
    Self.reset(directory: directory, environment: environment)
  }

  private static func reset(directory: TemporaryDirectory, environment: [String: String]) {
    runQuietly(["system", "reset", "-f"], environment: environment)
    directory.remove()
  }

  /// Teardown from `deinit` cannot await: spawn and wait for podman synchronously, ignoring failures.
  private static func runQuietly(_ arguments: [String], environment: [String: String]) {
    guard let child = try? ChildProcess(executable: podman, arguments: arguments, environment: environment)
    else {
      return
    }
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    while child.exitedTermination() == nil && ContinuousClock.now < deadline { usleep(20_000) }
    child.stop(grace: .seconds(1))
  }
}
