import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Debian's nginx listening only on a unix-domain socket in a temp dir (the shape of the Docker
/// Engine API), started with `-g 'daemon off;'` and stopped by PID.
///
/// Serves `/info.json` (`jsonContents`), `/echo` (method, URI and Host as text) and `/status/404`.
public final class NginxUnixSocketServer: Sendable {
  public static let binary = "/usr/sbin/nginx"
  public static let jsonPath = "/info.json"
  public static let jsonContents = Data(#"{"ID":"fixture","Containers":3,"Images":7}"#.utf8)

  public let directory: TemporaryDirectory
  public let process: ChildProcess
  public var socketPath: String { directory.file("nginx.sock") }
  public var errorLogPath: String { directory.file("error.log") }

  private init(directory: TemporaryDirectory, process: ChildProcess) {
    self.directory = directory
    self.process = process
  }

  deinit { stop() }

  public static func start() async throws -> NginxUnixSocketServer {
    try FixtureError.requireTool(binary, debianPackage: "nginx-light")
    let directory = try TemporaryDirectory(prefix: "osbs-nginx")
    let root = directory.path
    do {
      let docs = try directory.makeSubdirectory("docs")
      try directory.makeSubdirectory("tmp")
      try jsonContents.write(to: URL(fileURLWithPath: "\(docs)\(jsonPath)"))
      chmod("\(docs)\(jsonPath)", 0o644)
      let user = geteuid() == 0 ? "user nobody nogroup;\n" : ""
      try directory.write(
        """
        worker_processes 1;
        pid \(root)/nginx.pid;
        error_log \(root)/error.log warn;
        \(user)events { worker_connections 64; }
        http {
          access_log \(root)/access.log;
          client_body_temp_path \(root)/tmp/body;
          proxy_temp_path \(root)/tmp/proxy;
          fastcgi_temp_path \(root)/tmp/fastcgi;
          uwsgi_temp_path \(root)/tmp/uwsgi;
          scgi_temp_path \(root)/tmp/scgi;
          types { application/json json; }
          default_type application/octet-stream;
          server {
            listen unix:\(root)/nginx.sock;
            root \(docs);
            location = /echo { default_type text/plain; return 200 "$request_method $request_uri host=$host\\n"; }
            location = /status/404 { return 404; }
          }
        }

        """, to: "nginx.conf")
      // -e: before the config is read nginx would log to its compiled-in path.
      let process = try ChildProcess(
        executable: binary,
        arguments: ["-e", "\(root)/error.log", "-c", "\(root)/nginx.conf", "-g", "daemon off;"],
        stdoutPath: "\(root)/stderr", stderrPath: "\(root)/stderr")
      let server = NginxUnixSocketServer(directory: directory, process: process)
      let socket = server.socketPath
      try await Readiness.wait(
        for: process, name: "nginx on \(socket)", logPaths: ["\(root)/error.log", "\(root)/stderr"]
      ) { Loopback.acceptsUnix(path: socket) }
      return server
    } catch {
      directory.remove()
      throw error
    }
  }

  public func stop() {
    process.stop()
    directory.remove()
  }
}
