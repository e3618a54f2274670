import Foundation

/// A python3 `http.server` on a random loopback port, with routes that misbehave on purpose
/// (stalls, silence, chunks on cue) and a count of accepted TCP connections.
final class PythonTestHTTPServer {
  let port: Int
  private let process: Process
  /// The server exits when this pipe closes, so it cannot outlive a crashed or killed test run.
  private let lifeline: Pipe

  init() async throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-u", "-c", Self.script]
    let output = Pipe()
    let lifeline = Pipe()
    process.standardInput = lifeline
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    // The script prints its port once it listens.
    let line = await HTTPTestSupport.readOffPool(output.fileHandleForReading) {
      $0.contains(UInt8(ascii: "\n"))
    }
    guard
      let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      kill(process.processIdentifier, SIGKILL)
      throw ServerStartFailure()
    }
    self.port = port
    self.process = process
    self.lifeline = lifeline
  }

  struct ServerStartFailure: Error {}

  func url(_ pathAndQuery: String) -> String { "http://127.0.0.1:\(port)\(pathAndQuery)" }

  /// SIGKILL, without waiting: children spawned from a dispatch thread inherit its blocked SIGTERM, and
  /// `waitUntilExit` spins the run loop of a cooperative thread.
  func stop() {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    try? lifeline.fileHandleForWriting.close()
  }

  deinit { stop() }

  private static let script = #"""
    import gzip, json, os, signal, socket, sys, threading, time
    from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
    from urllib.parse import urlparse, parse_qs

    accepted = 0
    accepted_lock = threading.Lock()
    released = threading.Event()

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        def process_request(self, request, client_address):
            global accepted
            with accepted_lock:
                accepted += 1
            super().process_request(request, client_address)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # Headers and body go out in separate writes; without this, Nagle plus delayed ACKs
            # add 40 ms to every keep-alive exchange.
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args):
            pass

        def reply(self, status, body, content_type="text/plain", extra=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in extra:
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def chunk(self, data):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        def handle_any(self):
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = url.path
            if path == "/echo":
                report = {
                    "method": self.command,
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body.decode("utf-8", "replace"),
                }
                self.reply(200, json.dumps(report).encode(), "application/json", [("X-Echo", "yes")])
            elif path == "/redirect":
                target = "http://127.0.0.2:%d/echo" % self.server.server_address[1]
                self.reply(302, b"moved", "text/plain", [("Location", target)])
            elif path == "/connections":
                self.reply(200, str(accepted).encode())
            elif path == "/status":
                code = int(query["code"])
                self.reply(code, ("error body for %d\nsecond line" % code).encode())
            elif path == "/bytes":
                total = int(query["n"])
                chunked = query.get("chunked") == "1"
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(total))
                self.end_headers()
                block = b"x" * 65536
                sent = 0
                try:
                    while sent < total:
                        piece = block[: min(len(block), total - sent)]
                        if chunked:
                            self.chunk(piece)
                        else:
                            self.wfile.write(piece)
                        sent += len(piece)
                    if chunked:
                        self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True
            elif path == "/gzip":
                packed = gzip.compress(b"compressed payload " * 100)
                self.reply(200, packed, "text/plain", [("Content-Encoding", "gzip")])
            elif path == "/two-chunks":
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self.chunk(b"first")
                second = b"second-after-release" if released.wait(10) else b"second-after-timeout"
                self.chunk(second)
                self.wfile.write(b"0\r\n\r\n")
            elif path == "/head-then-release":
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self.wfile.flush()
                body = b"after-release" if released.wait(10) else b"after-timeout"
                self.chunk(body)
                self.wfile.write(b"0\r\n\r\n")
            elif path == "/release":
                released.set()
                self.reply(200, b"released")
            elif path == "/stall-headers":
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.flush()
                time.sleep(30)
                self.close_connection = True
            elif path == "/silent":
                time.sleep(30)
                self.close_connection = True
            else:
                self.reply(404, b"no such route")

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any

    def exit_when_parent_goes():
        sys.stdin.buffer.read()
        os._exit(0)

    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
}
