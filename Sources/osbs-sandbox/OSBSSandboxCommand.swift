import ArgumentParser
import Dispatch
import Foundation
import OSBSSandbox

#if canImport(Glibc)
  import Glibc
#endif

@main
struct OSBSSandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "osbs-sandbox",
    abstract: "Run a local simulator of a Koji hub and an OpenShift API.",
    discussion: """
      When ready, prints one JSON line on standard output with the endpoints and the paths of the
      generated koji.conf, kubeconfig and osbsctl.yaml, then serves until SIGINT or SIGTERM.
      """)

  @Option(help: "Port to listen on at 127.0.0.1 (0 picks a free port).")
  var port: UInt16 = 0

  @Option(
    help:
      "Directory for koji.conf, kubeconfig and osbsctl.yaml (created if missing; default: a new temporary directory)."
  )
  var stateDir: String?

  @Flag(help: "Do not log requests to standard error.")
  var quiet = false

  @Option(
    help:
      "How fast simulated Koji builds run: 1 is real time (a build takes about ten seconds), 10 is ten times faster."
  )
  var kojiSpeed: Double = 1

  @Option(
    help:
      """
      Which OpenShift build API paths to serve: grouped (/apis/build.openshift.io/v1), legacy (/oapi/v1), \
      both, or none (OpenShift 4.14+ without the Build capability: PipelineRuns only).
      """
  )
  var openshiftAPI: OpenShiftCluster.APIEra = .both

  @Option(
    help: """
      Which OpenShift API server to behave as: legacy (Origin 1.0: no /apis, no dryRun, no evictions, \
      log options ignored), 3.x (OSE 3.9: dryRun ignored, policy/v1beta1 evictions, expiring continue \
      tokens) or current. legacy and 3.x also choose their build API paths.
      """)
  var openshiftEra: ClusterGeneration = .current

  @Option(
    help: """
      Which koji-containerbuild builder the simulated Koji builds imitate (also per build: "builder" in \
      POST /_sandbox/koji/script): legacy (openshift-incremental.log with the OpenShift build's selflink) or \
      kcb140 (1.4.0: osbs-client.log naming a Tekton pipeline run, koji_builds as strings).
      """)
  var kojiBuilder: KojiBuildScript.Builder = .legacy

  @Option(
    help: """
      Which OpenShift Pipelines (Tekton Pipelines) release the cluster runs: none (no tekton.dev), or a \
      release such as 0.53 (serves tekton.dev v1 and v1beta1), 0.43 (v1beta1 preferred, v1 served) or 0.24 \
      (v1beta1 only, cancel only with PipelineRunCancelled). With kcb140 builds, each runs as a PipelineRun.
      """)
  var tektonVersion: TektonRelease = .current

  @Flag(
    inversion: .prefixedNo,
    help: "Run each Koji container build as an OpenShift build (labelled koji-task-id) on the cluster.")
  var kojiBuildsOnCluster = true

  @Option(
    name: .customLong("kubelet"), parsing: .singleValue,
    help: ArgumentHelp(
      """
      Give a simulated node a kubelet (repeatable): pods bound to NODE run as real containers on the \
      Docker-compatible engine at UNIX_SOCKET (host network); hostPath /x is mounted from DIR/x, and \
      refused without root=. A node that does not exist yet is registered.
      """, valueName: "NODE=UNIX_SOCKET[,root=DIR]"),
    transform: { text in
      do {
        return try KubeletNode(parsing: text)
      } catch let error as KubeletNode.ParseError {
        throw ValidationError(error.description)
      }
    })
  var kubelets: [KubeletNode] = []

  func validate() throws {
    if openshiftAPI == .absent && openshiftEra != .current {
      throw ValidationError("--openshift-api none needs --openshift-era current")
    }
    if openshiftAPI == .absent && kojiBuildsOnCluster && kojiBuilder == .legacy {
      throw ValidationError(
        "--openshift-api none serves no OpenShift builds: add --koji-builder kcb140 (PipelineRuns) or --no-koji-builds-on-cluster"
      )
    }
  }

  func run() async throws {
    // Take the signals away from their default action before anything can race with them.
    let signals = TerminationSignals()
    let server = SandboxServer(
      configuration: SandboxServer.Configuration(port: port, logsToStandardError: !quiet))
    // One clock for both: a PipelineRun of a Koji task runs while the task does.
    let clock = KojiHubClock(speed: max(0, kojiSpeed))
    let cluster = OpenShiftCluster(
      configuration: OpenShiftCluster.Configuration(
        era: openshiftAPI, generation: openshiftEra, token: server.configuration.openshiftToken,
        tekton: tektonVersion, pipelinesClock: clock))
    // One cluster for both: each Koji container build also runs as an OpenShift build there.
    let hub = KojiHub(
      configuration: KojiHub.Configuration(
        defaultBuild: KojiBuildScript(builder: kojiBuilder), kojiVersion: server.configuration.kojiVersion,
        openshiftNamespace: cluster.configuration.namespace),
      clock: clock,
      cluster: kojiBuildsOnCluster ? cluster : nil)
    for kubelet in kubelets { try cluster.attachKubelet(kubelet) }
    hub.install(on: server)
    server.addRoutes(hub.clusterRouter() ?? cluster.router())
    // Requests sync the cluster themselves; this keeps open watches moving between requests.
    let ticker = Task {
      while !Task.isCancelled {
        hub.syncCluster()
        cluster.advancePipelines()
        try? await Task.sleep(for: .milliseconds(200))
      }
    }
    defer { ticker.cancel() }
    let endpoints = try await server.start()
    let directory = try SandboxStateDirectory(path: stateDir ?? Self.makeTemporaryDirectory())
    do {
      try directory.write(endpoints: endpoints, token: server.configuration.openshiftToken)
    } catch {
      await server.stop()
      throw ValidationError(
        "cannot write the state directory \(directory.url.path): \(error.localizedDescription)")
    }

    let line = try SandboxReadyLine(endpoints: endpoints, directory: directory, pid: getpid()).encodedLine()
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
    fflush(nil)
    if !quiet {
      FileHandle.standardError.write(Data("osbs-sandbox: serving on \(endpoints.baseURL)\n".utf8))
    }

    let signal = await signals.next()
    if !quiet {
      FileHandle.standardError.write(Data("osbs-sandbox: received signal \(signal), stopping\n".utf8))
    }
    await server.stop()
    await cluster.stopKubelets()
  }

  static func makeTemporaryDirectory() throws -> String {
    let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((base + "/osbs-sandbox.XXXXXX").utf8CString)
    guard let created = mkdtemp(&template) else {
      throw ValidationError("cannot create a temporary state directory in \(base)")
    }
    return String(cString: created)
  }
}

/// SIGINT and SIGTERM as an async sequence of signal numbers, delivered through dispatch sources.
final class TerminationSignals {
  private let stream: AsyncStream<Int32>
  private let sources: [any DispatchSourceSignal]

  init() {
    let (stream, continuation) = AsyncStream<Int32>.makeStream()
    self.stream = stream
    sources = [SIGINT, SIGTERM].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { continuation.yield(number) }
      source.resume()
      return source
    }
  }

  deinit {
    sources.forEach { $0.cancel() }
  }

  /// Waits for the first termination signal.
  func next() async -> Int32 {
    for await number in stream { return number }
    return SIGTERM
  }
}

extension OpenShiftCluster.APIEra: ExpressibleByArgument {}
extension ClusterGeneration: ExpressibleByArgument {}
extension TektonRelease: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
}
extension KojiBuildScript.Builder: ExpressibleByArgument {}
