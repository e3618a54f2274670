import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A private Open vSwitch: ovsdb-server and ovs-vswitchd in a temp dir with the dummy datapath (no kernel
/// module, no network devices), and br0 set up as openshift-sdn sets it up (OpenFlow13, fail-mode
/// secure). Both daemons run in the foreground as children of the test, stopped by PID.
///
/// `environment` points `ovs-ofctl` (and any osbsctl started with it) at this switch: with
/// `OVS_RUNDIR` set, `ovs-ofctl … br0` finds `$OVS_RUNDIR/br0.mgmt` by itself.
public final class OpenVSwitch: Sendable {
  public static let ofctl = "/usr/bin/ovs-ofctl"
  static let vsctl = "/usr/bin/ovs-vsctl"
  static let dbTool = "/usr/bin/ovsdb-tool"
  static let dbServer = "/usr/sbin/ovsdb-server"
  static let vswitchd = "/usr/sbin/ovs-vswitchd"
  static let schema = "/usr/share/openvswitch/vswitch.ovsschema"

  public let directory: TemporaryDirectory
  public let bridge = "br0"
  let database: ChildProcess
  let switchDaemon: ChildProcess

  public var environment: [String: String] {
    let path = directory.path
    return ["OVS_RUNDIR": path, "OVS_DBDIR": path, "OVS_LOGDIR": path, "OVS_SYSCONFDIR": path]
  }

  private init(directory: TemporaryDirectory, database: ChildProcess, switchDaemon: ChildProcess) {
    self.directory = directory
    self.database = database
    self.switchDaemon = switchDaemon
  }

  deinit { stop() }

  /// Starts the switch with br0 and a dummy port per `(name, ofport)`.
  public static func start(ports: [(name: String, ofport: Int)] = []) async throws -> OpenVSwitch {
    for tool in [ofctl, vsctl, dbTool, dbServer, vswitchd] {
      try FixtureError.requireTool(tool, debianPackage: "openvswitch-switch")
    }
    let directory = try TemporaryDirectory(prefix: "osbs-ovs")
    let root = directory.path
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in ["OVS_RUNDIR": root, "OVS_DBDIR": root, "OVS_LOGDIR": root, "OVS_SYSCONFDIR": root] {
      environment[key] = value
    }
    var started: [ChildProcess] = []
    do {
      _ = try await OVSTool.run(dbTool, ["create", "\(root)/conf.db", schema], environment: environment)
      let database = try ChildProcess(
        executable: dbServer,
        arguments: [
          "\(root)/conf.db", "--remote=punix:\(root)/db.sock", "--unixctl=\(root)/ovsdb-server.ctl",
          "--log-file=\(root)/ovsdb-server.log", "--no-chdir",
        ],
        environment: environment, stdoutPath: "\(root)/ovsdb-server.out",
        stderrPath: "\(root)/ovsdb-server.out")
      started.append(database)
      try await Readiness.wait(
        for: database, name: "ovsdb-server",
        logPaths: ["\(root)/ovsdb-server.log", "\(root)/ovsdb-server.out"]
      ) { Loopback.acceptsUnix(path: "\(root)/db.sock") }
      _ = try await OVSTool.run(
        vsctl, ["--db=unix:\(root)/db.sock", "--no-wait", "init"], environment: environment)
      let switchDaemon = try ChildProcess(
        executable: vswitchd,
        arguments: [
          "unix:\(root)/db.sock", "--enable-dummy=override", "--disable-system",
          "--unixctl=\(root)/ovs-vswitchd.ctl", "--log-file=\(root)/ovs-vswitchd.log", "--no-chdir",
        ],
        environment: environment, stdoutPath: "\(root)/ovs-vswitchd.out",
        stderrPath: "\(root)/ovs-vswitchd.out")
      started.append(switchDaemon)
      let ovs = OpenVSwitch(directory: directory, database: database, switchDaemon: switchDaemon)
      // Without --no-wait, ovs-vsctl returns once ovs-vswitchd has created the bridge (and br0.mgmt).
      var arguments = [
        "--db=unix:\(root)/db.sock", "--timeout=20", "add-br", "br0", "--", "set", "bridge", "br0",
        "datapath_type=dummy", "fail-mode=secure", "protocols=OpenFlow13",
      ]
      for port in ports {
        arguments += [
          "--", "add-port", "br0", port.name, "--", "set", "interface", port.name, "type=dummy",
          "ofport_request=\(port.ofport)",
        ]
      }
      _ = try await OVSTool.run(vsctl, arguments, environment: environment)
      try await Readiness.wait(
        for: switchDaemon, name: "ovs-vswitchd",
        logPaths: ["\(root)/ovs-vswitchd.log", "\(root)/ovs-vswitchd.out"]
      ) { Loopback.acceptsUnix(path: "\(root)/br0.mgmt") }
      return ovs
    } catch {
      for process in started.reversed() { process.stop() }
      directory.remove()
      throw error
    }
  }

  /// Stops both daemons and removes the directory. Safe to call twice.
  public func stop() {
    switchDaemon.stop(grace: .seconds(5))
    database.stop(grace: .seconds(5))
    directory.remove()
  }

  /// Stops ovs-vswitchd (SIGSTOP) as a wedged switch: it keeps its sockets and answers nothing.
  public func pauseSwitch() { kill(switchDaemon.pid, SIGSTOP) }

  public func resumeSwitch() { kill(switchDaemon.pid, SIGCONT) }

  /// Runs `ovs-ofctl -O OpenFlow13 <arguments>` against this switch; returns stdout.
  @discardableResult
  public func ofctl(_ arguments: [String], stdinPath: String? = nil) async throws -> String {
    try await OVSTool.run(
      Self.ofctl, ["-O", "OpenFlow13"] + arguments, environment: fullEnvironment, stdinPath: stdinPath)
  }

  /// Adds flows in one batch (`add-flows br0 FILE`), one flow per element in `ovs-ofctl add-flow` syntax.
  public func addFlows(_ flows: [String]) async throws {
    let file = directory.file("flows-\(UUID().uuidString.prefix(8)).txt")
    try Data((flows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
    try await ofctl(["add-flows", bridge, file])
  }

  /// `dump-flows br0`; with `noStats`, `--no-stats` (no header, no counters, no durations): the form
  /// to compare before and after, since statistics change by themselves.
  public func dumpFlows(noStats: Bool = false, filter: String? = nil) async throws -> String {
    try await ofctl(
      (noStats ? ["--no-stats"] : []) + ["--no-names", "dump-flows", bridge] + (filter.map { [$0] } ?? []))
  }

  public func addPort(_ name: String, ofport: Int) async throws {
    try await OVSTool.run(
      Self.vsctl,
      [
        "--db=unix:\(directory.path)/db.sock", "--timeout=20", "add-port", bridge, name, "--", "set",
        "interface",
        name, "type=dummy", "ofport_request=\(ofport)",
      ], environment: fullEnvironment)
  }

  private var fullEnvironment: [String: String] {
    ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
}

/// Runs an Open vSwitch tool to completion, keeping stdout apart from stderr.
enum OVSTool {
  @discardableResult
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String], stdinPath: String? = nil
  ) async throws -> String {
    let run = try await ChildProcess.capture(
      executable, arguments, environment: environment, stdinPath: stdinPath)
    guard run.termination.succeeded else {
      throw FixtureError(
        "\(([executable] + arguments).joined(separator: " ")) failed (\(run.termination)):\n\(run.stderr)\(run.stdout)"
      )
    }
    return run.stdout
  }
}

/// openshift-sdn's flows in `ovs-ofctl add-flow` syntax, as its node code writes them, for tests that
/// need a bridge that looks like a real node's.
public enum SDNFlows {
  public enum Layout: Sendable {
    /// Origin 1.3 (Fedora's OSBS era): tables 2/6/7 from the openshift-sdn-ovs script.
    case origin13
    /// OpenShift 3.9+: tables 20/25/40/70 from ovscontroller.go's setupPodFlows.
    case openshift3
    /// OpenShift 3.6: like openshift3 without table 25 (four flows per pod).
    case openshift36
  }

  /// The node-level flows that are not per pod: defaults, gateway, a remote node, the version note.
  public static func base(_ layout: Layout, gateway: String = "10.128.1.1") -> [String] {
    switch layout {
    case .origin13:
      return [
        "table=0,priority=200,in_port=1,arp,nw_src=10.128.0.0/14,nw_dst=10.128.1.0/24,actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:1",
        "table=0,priority=100,arp,actions=goto_table:2", "table=0,priority=100,ip,actions=goto_table:2",
        "table=0,priority=0,actions=drop",
        "table=1,cookie=0xa000003,priority=100,tun_src=10.0.0.3,actions=goto_table:5",
        "table=2,priority=0,actions=drop",
        "table=5,priority=300,ip,nw_dst=\(gateway),actions=output:2",
        "table=6,priority=0,actions=output:3", "table=7,priority=0,actions=output:3",
        "table=253,actions=note:00.03",
      ]
    case .openshift3, .openshift36:
      return [
        "table=0,priority=200,in_port=1,arp,nw_src=10.128.0.0/14,nw_dst=10.128.1.0/24,actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10",
        "table=0,priority=0,actions=drop",
        "table=10,cookie=0xa000003,priority=100,tun_src=10.0.0.3,actions=goto_table:30",
        "table=20,priority=0,actions=drop", "table=21,priority=0,actions=goto_table:30",
        "table=40,priority=300,arp,nw_dst=\(gateway),actions=output:2", "table=40,priority=0,actions=drop",
        "table=70,priority=0,actions=drop",
        "table=80,priority=300,ip,nw_src=\(gateway)/32,actions=output:NXM_NX_REG2[]",
        "table=253,actions=note:00.0d",
      ]
    }
  }

  /// The flows openshift-sdn adds for one pod (address, OVS port, VNID).
  public static func pod(_ layout: Layout, ip: String, port: Int, vnid: Int = 0) -> [String] {
    let octets = ip.split(separator: ".").compactMap { Int($0) }
    let macTail = octets.map { String(format: "%02x", $0) }.joined(separator: ":")
    switch layout {
    case .origin13:
      return [
        "table=2,priority=100,in_port=\(port),arp,nw_src=\(ip),arp_sha=0a:58:\(macTail),actions=load:\(vnid)->NXM_NX_REG0[],goto_table:5",
        "table=2,priority=100,in_port=\(port),ip,nw_src=\(ip),actions=load:\(vnid)->NXM_NX_REG0[],goto_table:3",
        "table=6,priority=100,arp,nw_dst=\(ip),actions=output:\(port)",
        "table=7,priority=100,ip,nw_dst=\(ip),actions=output:\(port)",
      ]
    case .openshift3, .openshift36:
      var flows = [
        "table=20,priority=100,in_port=\(port),arp,nw_src=\(ip),arp_sha=00:00:\(macTail)/00:00:ff:ff:ff:ff,actions=load:\(vnid)->NXM_NX_REG0[],goto_table:21",
        "table=20,priority=100,in_port=\(port),ip,nw_src=\(ip),actions=load:\(vnid)->NXM_NX_REG0[],goto_table:21",
        "table=40,priority=100,arp,nw_dst=\(ip),actions=output:\(port)",
        "table=70,priority=100,ip,nw_dst=\(ip),actions=load:\(vnid)->NXM_NX_REG1[],load:\(port)->NXM_NX_REG2[],goto_table:80",
      ]
      if layout == .openshift3 {
        flows.insert(
          "table=25,priority=100,ip,nw_src=\(ip),actions=load:\(vnid)->NXM_NX_REG0[],goto_table:30", at: 2)
      }
      return flows
    }
  }
}
