import Foundation

/// Header fields in the order they were sent or received; lookups ignore case.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
  public private(set) var fields: [(name: String, value: String)]

  public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

  public subscript(name: String) -> String? {
    fields.last { Self.sameName($0.name, name) }?.value
  }

  public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

  public mutating func set(_ name: String, _ value: String) {
    fields.removeAll { Self.sameName($0.name, name) }
    fields.append((name, value))
  }

  /// Header names compare without regard to case. Names are ASCII tokens, compared here byte by byte;
  /// only a name with other characters takes Foundation's comparison, whose bridging to `NSString` cost
  /// more than the rest of a small request's setup.
  static func sameName(_ lhs: String, _ rhs: String) -> Bool {
    guard lhs.utf8.allSatisfy({ $0 < 0x80 }), rhs.utf8.allSatisfy({ $0 < 0x80 }) else {
      return lhs.caseInsensitiveCompare(rhs) == .orderedSame
    }
    return lhs.utf8.elementsEqual(rhs.utf8) { asciiLowercase($0) == asciiLowercase($1) }
  }

  private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
  }

  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

  public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
    lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
  }
}

public struct HTTPRequest: Sendable {
  public var method: String
  /// Absolute `http`/`https` URL. With a unix socket configured, the host part only fills `Host:`.
  public var url: String
  public var headers: HTTPHeaders
  public var body: Data?
  /// What the request does, for `--debug` traces: a Koji call's XML-RPC method (`getTaskInfo`,
  /// `multiCall(getTaskInfo, listTaskOutput)`); nil for plain REST requests, whose URL says it.
  public var label: String?

  public init(method: String = "GET", url: String, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
  }
}

public struct HTTPResponse: Sendable {
  public var status: Int
  public var headers: HTTPHeaders
  public var body: Data

  public init(status: Int, headers: HTTPHeaders, body: Data) {
    self.status = status
    self.headers = headers
    self.body = body
  }
}

/// Where PEM material comes from: a file path (koji.conf, kubeconfig `*-file`) or inline bytes (kubeconfig `*-data`).
public enum PEMSource: Sendable, Equatable {
  case file(String)
  case data(Data)
}

public struct TLSOptions: Sendable, Equatable {
  /// nil: the system CA store.
  public var caCertificate: PEMSource?
  public var clientCertificate: PEMSource?
  /// nil with a client certificate: the key is in the certificate file (koji's `cert` style).
  public var clientKey: PEMSource?
  /// Explicit opt-in only; the transport reports a warning through its diagnostics sink when used.
  public var insecureSkipVerify: Bool
  /// Negotiate TLS 1.2, not 1.3. Apache asks for a client certificate after a TLS 1.3 handshake when only
  /// one location requires it (Koji's `/ssllogin`), and libcurl cannot answer such a request.
  public var limitToTLS12 = false
  /// The name the server's certificate is checked against and asked for by SNI, when the URL reaches the
  /// server by another (kubeconfig's `tls-server-name`, typically with an IP address as `server`).
  public var serverName: String?

  public init(
    caCertificate: PEMSource? = nil, clientCertificate: PEMSource? = nil, clientKey: PEMSource? = nil,
    insecureSkipVerify: Bool = false
  ) {
    self.caCertificate = caCertificate
    self.clientCertificate = clientCertificate
    self.clientKey = clientKey
    self.insecureSkipVerify = insecureSkipVerify
  }
}

public enum HTTPAuth: Sendable, Equatable {
  case none
  case bearer(String)
  case basic(user: String, password: String)
  /// Kerberos/SPNEGO through libcurl's GSS-API, using the caller's credential cache.
  case negotiate
  /// The same with the tickets of the named credential cache (`KerberosTicketCache`) in place of the
  /// caller's: a keytab's or a chosen principal's.
  case negotiateFromCache(String)
}

public struct HTTPTimeouts: Sendable, Equatable {
  public var connect: Duration
  /// nil: no limit on the whole transfer (streams that follow logs).
  public var total: Duration?
  /// A transfer that receives nothing for this long is aborted; nil disables the check. A whole (not
  /// streamed) response must also bring `idleWindowMinimumBytes` per such window once it has started, so a
  /// server dripping one byte a minute cannot hold a command for ever.
  public var idle: Duration?

  /// Bytes a buffered transfer must receive in each `idle` window (a stream's consumer sets its own pace).
  public static let idleWindowMinimumBytes = 1024

  public init(connect: Duration = .seconds(30), total: Duration? = nil, idle: Duration? = .seconds(300)) {
    self.connect = connect
    self.total = total
    self.idle = idle
  }
}

/// One finished (or failed) exchange, already redacted; the library never prints it itself.
public struct HTTPTraceEvent: Sendable {
  public var method: String
  public var url: String
  public var status: Int?
  public var bytesSent: Int
  public var bytesReceived: Int
  public var duration: Duration
  public var requestHeaders: [(name: String, value: String)]
  public var error: String?
  /// The request's label (a Koji call's XML-RPC method), shown after the URL.
  public var label: String?

  public init(
    method: String, url: String, status: Int?, bytesSent: Int, bytesReceived: Int, duration: Duration,
    requestHeaders: [(name: String, value: String)], error: String?
  ) {
    self.method = method
    self.url = url
    self.status = status
    self.bytesSent = bytesSent
    self.bytesReceived = bytesReceived
    self.duration = duration
    self.requestHeaders = requestHeaders
    self.error = error
  }
}

/// Receives trace events and warnings (such as the insecure-TLS warning) for the executable to show.
public struct HTTPDiagnostics: Sendable {
  public var trace: (@Sendable (HTTPTraceEvent) -> Void)?
  public var warning: (@Sendable (String) -> Void)?

  public init(
    trace: (@Sendable (HTTPTraceEvent) -> Void)? = nil, warning: (@Sendable (String) -> Void)? = nil
  ) {
    self.trace = trace
    self.warning = warning
  }
}

public struct HTTPClientConfiguration: Sendable {
  /// 64 MiB: far above any Koji or OpenShift reply osbsctl reads whole (lists are paged), far below memory.
  public static let defaultMaxResponseBytes = 64 << 20

  public var tls: TLSOptions
  public var auth: HTTPAuth
  public var timeouts: HTTPTimeouts
  /// Talk HTTP over this unix-domain socket instead of TCP (the Docker Engine API).
  public var unixSocketPath: String?
  public var userAgent: String
  /// Cap on a non-streamed response body; larger bodies fail with `HTTPError.responseTooLarge`.
  /// Streamed bodies are never capped: they hold at most `streamBufferBytes` at a time.
  public var maxResponseBytes: Int
  /// How many bytes a streaming response may hold before the transfer waits for the consumer.
  public var streamBufferBytes: Int
  public var diagnostics: HTTPDiagnostics
  /// Answers every request instead of libcurl when set (tests' strict fakes); nil: the network.
  public var transport: (any HTTPTransport)?
  /// `http://`, `https://` or `socks5://` proxy for every request; nil: libcurl reads the proxy variables.
  public var proxy: String?

  public init(
    tls: TLSOptions = TLSOptions(), auth: HTTPAuth = .none, timeouts: HTTPTimeouts = HTTPTimeouts(),
    unixSocketPath: String? = nil, userAgent: String = "osbsctl",
    maxResponseBytes: Int = defaultMaxResponseBytes,
    streamBufferBytes: Int = 1 << 20, diagnostics: HTTPDiagnostics = HTTPDiagnostics()
  ) {
    self.tls = tls
    self.auth = auth
    self.timeouts = timeouts
    self.unixSocketPath = unixSocketPath
    self.userAgent = userAgent
    self.maxResponseBytes = maxResponseBytes
    self.streamBufferBytes = streamBufferBytes
    self.diagnostics = diagnostics
  }
}

/// What answers a client's requests in place of the network. The seam through which a test runs a whole
/// command against a fake that checks each request it is sent; TLS, auth and timeouts are not applied.
public protocol HTTPTransport: Sendable {
  func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
