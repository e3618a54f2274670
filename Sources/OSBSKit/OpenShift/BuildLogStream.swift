import Foundation

/// An RFC 3339 timestamp as the kubelet prefixes log lines with it (`2026-01-02T03:04:05.123456789Z`),
/// ordered by instant. Only UTC (`Z`) stamps parse; that is what the API writes.
public struct LogTimestamp: Sendable, Comparable, Hashable {
  public var seconds: Int64
  public var nanoseconds: Int32
  /// The stamp truncated to whole seconds.
  public var wholeSeconds: String
  /// The stamp as the server wrote it (nanoseconds included), for `sinceTime`: servers that keep the
  /// fraction resume at the exact line, those that truncate to seconds re-send a little more.
  public var text: String

  public init?(_ text: Substring) {
    guard let parsed = UTCTime.parseRFC3339(text) else { return nil }
    seconds = parsed.seconds
    nanoseconds = parsed.nanoseconds
    wholeSeconds = String(text.prefix(19)) + "Z"
    self.text = String(text)
  }

  public static func < (lhs: LogTimestamp, rhs: LogTimestamp) -> Bool {
    (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
  }

  public static func == (lhs: LogTimestamp, rhs: LogTimestamp) -> Bool {
    lhs.seconds == rhs.seconds && lhs.nanoseconds == rhs.nanoseconds
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(seconds)
    hasher.combine(nanoseconds)
  }
}

/// A build's log as chunks of complete lines (each ending in `\n`, except possibly the very last).
///
/// The log is always requested with `timestamps=true`. When a followed stream ends while the build is
/// still going, or breaks, the next request starts at `sinceTime` (the last delivered stamp; servers
/// may truncate it to whole seconds) and lines up to the last delivered one are skipped — by stamp and
/// by how many lines with that stamp were delivered — so the caller gets every line exactly once.
///
/// A clean end of a followed stream proves nothing: a proxy cut looks the same, and when one second of
/// log is longer than the cut, every resume from that second can end at the same byte. So the log counts
/// as complete only when the build is final, a request started after that brought nothing new, and the
/// log's tail (`tailLines`) ends with exactly the line delivered last. Otherwise the stream is reopened
/// with backoff, and after `maxReconnectFailures` fruitless attempts it fails as unavailable — never
/// ending quietly with lines missing. Stamps are removed unless the caller asked for them. One network
/// chunk is in memory at a time.
///
/// A finished build's log may end without a newline: a stream that, started after the build ended,
/// stops mid-line is the end when the log's tail ends with that same unfinished line, and the line is
/// delivered as it is. Servers that ignore `timestamps`, `sinceTime` and `tailLines` (Origin 1.0) send
/// the whole log, unstamped, on every request: then the stream resumes by counting the bytes already
/// delivered and skipping them, and ends when a stream begun after the build ended has ended.
///
/// The same stream reads one container of a pod (`…/pods/POD/log?container=C`, a Tekton step): it ends
/// when the container has terminated, a container that has not started yet (`…is waiting to start`,
/// HTTP 400) is waited for when following until its pod ends, and a pod deleted meanwhile ends the stream.
public struct BuildLogStream: AsyncSequence, Sendable {
  public typealias Element = Data

  let client: OpenShiftClient
  /// The build, or with `container` the pod.
  let name: String
  let scope: NamespaceScope
  let follow: Bool
  let keepTimestamps: Bool
  var container: String? = nil

  /// The log's URL path and the query items that pick it.
  func logLocation() async throws -> (path: String, query: [QueryItem]) {
    guard let container else {
      return (try await client.buildsPath(scope) + "/" + OpenShiftClient.segment(name) + "/log", [])
    }
    return (
      "/api/v1" + client.namespacePrefix(scope == .all ? .current : scope) + "/pods/"
        + OpenShiftClient.segment(name) + "/log",
      [QueryItem("container", container)]
    )
  }

  /// Whether the log has stopped growing: the build is final, or the container terminated; nil when the
  /// pod is gone (deleted with its run), so nothing more can be read.
  func sourceEnded() async throws -> Bool? {
    guard let container else {
      return try await client.build(named: name, in: scope).status.phase.isTerminal
    }
    guard let (pod, state) = try await podAndState(of: container) else { return nil }
    return pod.isFinished || state?.terminated != nil
  }

  /// For a container the kubelet calls "waiting to start": whether it never will, because its pod ended
  /// with it still waiting (an init container failed, the pod was evicted) or the pod is gone. One that
  /// ran meanwhile has a log to read.
  func containerWillNeverStart() async throws -> Bool {
    guard let container else { return false }
    guard let (pod, state) = try await podAndState(of: container) else { return true }
    return pod.isFinished && state?.terminated == nil && state?.running == nil
  }

  /// The pod and `container`'s state in it; nil when the pod is gone.
  private func podAndState(of container: String) async throws -> (Pod, ContainerState?)? {
    let pod: Pod
    do {
      pod = try await client.pod(named: name, in: scope == .all ? .current : scope)
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      return nil
    }
    return (pod, pod.status.containerStatuses?.first { $0.name == container }?.state)
  }

  var describedSource: String { container.map { "container \($0) of pod \(name)" } ?? "build \(name)" }

  public func makeAsyncIterator() -> Iterator { Iterator(source: self) }

  public struct Iterator: AsyncIteratorProtocol {
    let source: BuildLogStream
    var body: HTTPBodyStream.Iterator?
    var splitter = LineSplitter()
    var last: LogTimestamp?
    var deliveredAtLast = 0
    /// The last delivered line as received (stamp included), to match against the log's tail.
    var lastDeliveredLine: Data?
    var skipAtLast = 0
    /// This stream began at `sinceTime` (a resume): until its first new line it repeats delivered ones.
    var resuming = false
    var deliveredThisAttempt = 0
    var transportFailures = 0
    /// Streams in a row, after the build ended, that brought no new line.
    var streamsWithoutProgress = 0
    var finished = false
    /// The build was seen in a final phase: its log no longer grows.
    var buildEnded = false
    var attemptStartedAfterBuildEnded = false
    /// How many requests this iterator made; more than one means it resumed.
    public private(set) var requests = 0
    /// The server sends no stamps although they were asked for (it ignores `timestamps`, and then
    /// `sinceTime` and `tailLines` too): resumption goes by byte count instead.
    public private(set) var serverIgnoresTimestamps = false
    /// Bytes delivered from an unstamped log, and how many of a re-sent log are still to skip.
    var unstampedDelivered = 0
    var unstampedSkip = 0
    /// Where the last streams begun after the build ended stopped mid-line, and how many in a row
    /// stopped at that same place.
    var unstampedEnd: (delivered: Int, partial: Data)?
    var unstampedEndRepeats = 0

    init(source: BuildLogStream) { self.source = source }

    public mutating func next() async throws -> Data? {
      let client = source.client
      while !finished {
        if body == nil {
          guard try await open() else { continue }
        }
        let chunk: Data?
        do {
          chunk = try await body?.next()
        } catch let error as HTTPError where error.failureKind == .unavailable {
          // A broken transfer: whatever partial line it left is dropped and comes again after resuming.
          body = nil
          try await noteTransportFailure(error)
          continue
        }
        if let chunk {
          let out = deliver(splitter.lines(in: chunk))
          if !out.isEmpty { return out }
          continue
        }
        body = nil
        let partial = splitter.finish()
        if source.follow {
          if !buildEnded {
            guard let ended = try await source.sourceEnded() else {
              // The pod is gone: its log with it.
              finished = true
              return nil
            }
            buildEnded = ended
          }
          if serverIgnoresTimestamps {
            // No stamps and no tail to prove the end with. A stream begun after the build ended that
            // ends on a newline carried the whole, final log. One that stops mid-line may be a cut or
            // a log without a final newline: it counts as the end once three such streams in a row
            // stop at the same place (a proxy that cuts at the same byte three times running would be
            // taken for the end: nothing on such a server can tell them apart).
            if attemptStartedAfterBuildEnded {
              guard let partial else {
                finished = true
                return nil
              }
              if let end = unstampedEnd, end.delivered == unstampedDelivered, end.partial == partial {
                unstampedEndRepeats += 1
              } else {
                unstampedEnd = (unstampedDelivered, partial)
                unstampedEndRepeats = 1
              }
              if unstampedEndRepeats >= Self.unstampedEndConfirmations {
                finished = true
                var out = deliver([partial])
                if out.last == UInt8(ascii: "\n") { out.removeLast() }
                return out.isEmpty ? nil : out
              }
              try await Task.sleep(for: client.options.initialBackoff)
              continue
            }
            if deliveredThisAttempt == 0 { try await noteStreamWithoutProgress() }
            continue
          }
          // A stream that stopped mid-line after the build ended, bringing nothing new but that line: a
          // cut, or the log's real end without a newline. It is the end only if the log's tail ends
          // with that same unfinished line. (A stream that did bring lines is simply resumed: if the
          // line is the end, the next stream brings only it.)
          if attemptStartedAfterBuildEnded, deliveredThisAttempt == 0, let partial {
            var probe = self
            var out = probe.deliver([partial])
            if try await probe.tailMatchesDelivered(unterminated: true) {
              self = probe
              finished = true
              if out.last == UInt8(ascii: "\n") { out.removeLast() }
              return out.isEmpty ? nil : out
            }
            requests = probe.requests
          }
          // Worth asking the tail only when the stream may have reached the end: it ended between lines,
          // or brought nothing new. One that delivered lines and stopped mid-line was cut.
          let mayBeComplete = partial == nil || deliveredThisAttempt == 0
          if attemptStartedAfterBuildEnded && mayBeComplete, try await tailMatchesDelivered() {
            finished = true
            return nil
          }
          if deliveredThisAttempt == 0 {
            try await noteStreamWithoutProgress()
          }
          continue
        }
        finished = true
        if let partial {
          var out = deliver([partial])
          if out.last == UInt8(ascii: "\n") { out.removeLast() }
          if !out.isEmpty { return out }
        }
      }
      return nil
    }

    /// Streams in a row that must stop at the same unfinished line before an unstamped log counts as
    /// ending there.
    static let unstampedEndConfirmations = 3

    /// Starts a request; false when the build has not started yet and the caller should look again.
    private mutating func open() async throws -> Bool {
      let client = source.client
      let (path, selection) = try await source.logLocation()
      var query = selection + [QueryItem("timestamps", "true")]
      if source.follow { query.append(QueryItem("follow", "true")) }
      if let last { query.append(QueryItem("sinceTime", last.text)) }
      do {
        requests += 1
        let response = try await client.openStream(
          OpenShiftClient.APIRequest(path: path, query: query, accept: "text/plain, */*"))
        body = response.body.makeAsyncIterator()
      } catch let error as OpenShiftError
        where source.container != nil && error.failure?.code == 400
        && error.failure?.message.contains("is waiting to start") == true
      {
        // A step container that has not started (`PodInitializing`): its log comes once it runs, unless
        // its pod has ended (an init container failed, the pod was evicted) or is gone.
        guard source.follow, try await !source.containerWillNeverStart() else {
          finished = true
          return false
        }
        try await Task.sleep(for: client.options.initialBackoff)
        return false
      } catch let error as OpenShiftError where source.container != nil && error.failureKind == .notFound {
        // The pod was deleted (with its TaskRun and run): its log is gone, nothing more will come.
        finished = true
        return false
      } catch let error as OpenShiftError
        where source.follow && source.container == nil && error.failure?.code == 400
      {
        // Older servers refuse the log of a build that has no pod yet; wait for it to start.
        let build = try await client.build(named: source.name, in: source.scope)
        guard build.status.phase == .new || build.status.phase == .pending else { throw error }
        try await Task.sleep(for: client.options.initialBackoff)
        return false
      } catch let error as HTTPError where error.mayPassOnRetry {
        try await noteTransportFailure(error)
        return false
      }
      splitter = LineSplitter()
      resuming = last != nil
      attemptStartedAfterBuildEnded = buildEnded
      deliveredThisAttempt = 0
      skipAtLast = deliveredAtLast
      unstampedSkip = unstampedDelivered
      return true
    }

    /// Whether the log, read from its end, ends exactly with the last delivered line: nothing after it,
    /// and as many lines with its stamp as were delivered (asks for one more than that, so a surplus
    /// shows). A tail that is cut, or whose last line is unfinished, does not match.
    private mutating func tailMatchesDelivered(unterminated: Bool = false) async throws -> Bool {
      let client = source.client
      let (path, selection) = try await source.logLocation()
      let query =
        selection + [QueryItem("timestamps", "true"), QueryItem("tailLines", String(deliveredAtLast + 1))]
      var tail = Data()
      do {
        requests += 1
        let response = try await client.openStream(
          OpenShiftClient.APIRequest(path: path, query: query, accept: "text/plain, */*"))
        for try await chunk in response.body {
          tail.append(chunk)
          // deliveredAtLast + 1 lines; far more means the server ignored tailLines: not provable here.
          guard tail.count <= 1 << 20 else { return false }
        }
      } catch let error as HTTPError where error.failureKind == .unavailable {
        return false
      } catch let error as OpenShiftError where source.container != nil && error.failureKind == .notFound {
        return false
      }
      guard let lastDeliveredLine else { return tail.isEmpty }
      guard (tail.last == UInt8(ascii: "\n")) != unterminated else { return false }
      var tailSplitter = LineSplitter()
      var lines = tailSplitter.lines(in: tail)
      let unfinished = tailSplitter.finish()
      if unterminated {
        guard let unfinished else { return false }
        lines.append(unfinished)
      } else if unfinished != nil {
        return false
      }
      guard lines.last == lastDeliveredLine else { return false }
      guard let last else { return true }
      var atLast = 0
      for line in lines {
        let stampBytes = line.prefix { $0 != UInt8(ascii: " ") }
        guard let stamp = LogTimestamp(Substring(decoding: stampBytes, as: UTF8.self)) else { continue }
        if stamp > last { return false }
        if stamp == last { atLast += 1 }
      }
      return atLast == deliveredAtLast
    }

    /// A stream that ended without a new line: wait a little; after the build ended, give up after
    /// `maxReconnectFailures` such streams in a row rather than loop (or stop early, losing lines).
    private mutating func noteStreamWithoutProgress() async throws {
      let client = source.client
      guard buildEnded else {
        try await Task.sleep(for: client.options.initialBackoff)
        return
      }
      streamsWithoutProgress += 1
      guard streamsWithoutProgress <= client.options.maxReconnectFailures else {
        throw OpenShiftError.unavailable(
          APIFailure(
            code: 503, reason: "ServiceUnavailable",
            message:
              "the log stream of \(source.describedSource) ended \(streamsWithoutProgress) times in a row "
              + "before any new line",
            method: "GET", url: SecretRedactor.redact(url: client.baseURL)),
          attempts: requests)
      }
      try await Task.sleep(for: client.backoff(attempt: streamsWithoutProgress, retryAfter: nil))
    }

    private mutating func noteTransportFailure(_ error: HTTPError) async throws {
      transportFailures += 1
      guard transportFailures <= source.client.options.maxReconnectFailures else { throw error }
      try await Task.sleep(
        for: source.client.backoff(attempt: transportFailures, retryAfter: nil))
    }

    /// The lines not delivered before, stamps removed unless wanted, each with its `\n`.
    private mutating func deliver(_ lines: [Data]) -> Data {
      var out = Data()
      for line in lines {
        let space = line.firstIndex(of: UInt8(ascii: " "))
        let stampBytes = line[line.startIndex..<(space ?? line.endIndex)]
        guard let stamp = LogTimestamp(Substring(decoding: stampBytes, as: UTF8.self)) else {
          // The log's very first line has no stamp: the server ignores `timestamps` (and with it
          // `sinceTime`); every request brings the whole log again.
          if last == nil && lastDeliveredLine == nil { serverIgnoresTimestamps = true }
          if serverIgnoresTimestamps {
            if unstampedSkip > 0 {
              unstampedSkip -= line.count + 1
              continue
            }
            unstampedDelivered += line.count + 1
          }
          // Without a stamp the line cannot be placed; pass it on as it is.
          out.append(line)
          out.append(UInt8(ascii: "\n"))
          lastDeliveredLine = Data(line)
          deliveredThisAttempt += 1
          streamsWithoutProgress = 0
          continue
        }
        if let last, stamp < last {
          // A resumed stream repeats what came before `last`, up to its first new line. Elsewhere such a
          // line is new, only stamped out of order (docker's stdout and stderr copiers stamp apart; a
          // clock stepped back).
          if resuming && deliveredThisAttempt == 0 { continue }
        } else if let last {
          if stamp == last {
            if skipAtLast > 0 {
              skipAtLast -= 1
              continue
            }
            deliveredAtLast += 1
          } else {
            self.last = stamp
            deliveredAtLast = 1
            skipAtLast = 0
          }
        } else {
          last = stamp
          deliveredAtLast = 1
        }
        lastDeliveredLine = Data(line)
        deliveredThisAttempt += 1
        transportFailures = 0
        streamsWithoutProgress = 0
        if source.keepTimestamps {
          out.append(line)
        } else if let space {
          out.append(line[line.index(after: space)...])
        }
        out.append(UInt8(ascii: "\n"))
      }
      return out
    }
  }
}

extension OpenShiftClient {
  /// The build's log (`…/builds/NAME/log`); with `follow` it streams until the build ends, resuming
  /// broken streams without losing or repeating lines.
  public func buildLog(
    named name: String, in scope: NamespaceScope = .current, follow: Bool = false, timestamps: Bool = false
  ) -> BuildLogStream {
    BuildLogStream(client: self, name: name, scope: scope, follow: follow, keepTimestamps: timestamps)
  }

  /// One container's log (`…/pods/POD/log?container=C`), resumed like a build's: with `follow` it
  /// streams until the container terminates (or the pod is deleted).
  public func containerLog(
    pod: String, container: String, in scope: NamespaceScope = .current, follow: Bool = false,
    timestamps: Bool = false
  ) -> BuildLogStream {
    BuildLogStream(
      client: self, name: pod, scope: scope, follow: follow, keepTimestamps: timestamps, container: container)
  }
}
