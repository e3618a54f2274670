import CCurl
import Foundation
import Synchronization

/// Runs the buffered transfers of one `HTTPClient` on one thread, through one libcurl multi handle.
///
/// A thread per transfer cost every request a thread's creation, stack and exit: at `prune builds`' 32
/// DELETEs in flight that was about a sixth of the client's CPU (bench/README.md, Profiles, round
/// thirteen). Here one thread waits on all the transfers' sockets at once and hands each result back as its
/// transfer ends. Streams keep a thread each: a stream's transfer waits for its consumer, and would hold up
/// every other transfer here. The thread starts with the first transfer and exits when none is left.
///
/// Connections are used as the lanes used them: one request at a time each (no HTTP/2 multiplexing, which
/// a shared multi handle would otherwise do). libcurl's cache keeps them alive, up to four per transfer in
/// flight (a `CURLMOPT_MAXCONNECTS` as low as the lanes' 16 would close a connection after each request
/// beyond 16 in flight).
///
/// What the shared thread changes: a step that blocks inside libcurl holds up every transfer of the client,
/// where it held up only its own. The one such step is Kerberos (Negotiate), whose first exchange asks the
/// KDC synchronously; the Koji calls that use it go one at a time.
final class CurlDriver: @unchecked Sendable {
  private struct Queue {
    var transfers: [CurlTransfer] = []
    var threadRunning = false
  }

  private struct Running {
    let transfer: CurlTransfer
    let lane: CurlLane
    let lists: CurlLists
  }

  private let multi: UnsafeMutableRawPointer
  private let queue = Mutex(Queue())
  private let transfersInFlight = Atomic<Int>(0)
  private let threadStarts = Atomic<Int>(0)

  // MARK: driver thread
  /// Keyed by easy handle, as libcurl reports finished transfers.
  private var running: [UnsafeMutableRawPointer: Running] = [:]
  private var idleLanes: [CurlLane] = []

  /// Fails when libcurl cannot make a multi handle or an easy handle.
  init?() {
    guard let multi = osbs_curl_multi_init() else { return nil }
    self.multi = multi
    _ = osbs_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_NOTHING))
    guard let lane = CurlLane(sharing: multi) else {
      osbs_curl_multi_cleanup(multi)
      return nil
    }
    idleLanes.append(lane)
  }

  deinit {
    // The lanes point to the multi handle: they go first.
    idleLanes.removeAll()
    osbs_curl_multi_cleanup(multi)
  }

  /// Transfers submitted and not yet concluded (queued or running).
  var transfersRunning: Int { transfersInFlight.load(ordering: .relaxed) }

  /// Threads started so far (a test hook: transfers in flight together share one).
  var threadsStarted: Int { threadStarts.load(ordering: .relaxed) }

  /// Whether the thread is running (a test hook: it ends with its last transfer).
  var isThreadRunning: Bool { queue.withLock { $0.threadRunning } }

  func submit(_ transfer: CurlTransfer) {
    transfersInFlight.add(1, ordering: .relaxed)
    let startThread = queue.withLock { queue in
      queue.transfers.append(transfer)
      guard !queue.threadRunning else { return false }
      queue.threadRunning = true
      return true
    }
    guard startThread else {
      osbs_curl_multi_wakeup(multi)
      return
    }
    threadStarts.add(1, ordering: .relaxed)
    let thread = Thread { self.run() }
    thread.name = "osbs-http"
    thread.start()
  }

  // MARK: - The driver thread

  private func run() {
    while true {
      for transfer in takeQueued() { start(transfer) }
      guard !running.isEmpty else {
        if stopIfNothingQueued() { return }
        continue
      }
      step()
      // With nothing left, the loop goes round to take what was queued meanwhile, or to stop.
      guard !running.isEmpty else { continue }
      // Returns early when a socket is ready or `submit` or `abort` calls curl_multi_wakeup.
      // A failed wait (CURLM_UNRECOVERABLE_POLL) leaves no transfer able to go on.
      if osbs_curl_multi_poll(multi, nil, 0, 100, nil) != CURLM_OK { failAll() }
    }
  }

  private func takeQueued() -> [CurlTransfer] {
    queue.withLock { queue in
      defer { queue.transfers.removeAll() }
      return queue.transfers
    }
  }

  /// Ends the thread unless a transfer arrived meanwhile; `submit` starts a new one for the next.
  private func stopIfNothingQueued() -> Bool {
    queue.withLock { queue in
      guard queue.transfers.isEmpty else { return false }
      queue.threadRunning = false
      return true
    }
  }

  private func start(_ transfer: CurlTransfer) {
    guard let lane = idleLanes.popLast() ?? CurlLane(sharing: multi) else {
      conclude(transfer, .failure(CurlTransfer.noHandle(url: transfer.redactedURL)))
      return
    }
    switch transfer.begin(on: lane) {
    case .success(let lists):
      running[lane.easy] = Running(transfer: transfer, lane: lane, lists: lists)
    case .failure(let error):
      checkIn(lane)
      conclude(transfer, .failure(error))
    }
  }

  /// One round of libcurl's work on every transfer, then the results of those that ended or must stop.
  private func step() {
    // Stopped before libcurl's next step, as a lane's thread checks before each: an abort that came
    // before the first step sends nothing.
    for (easy, entry) in running where entry.transfer.isAborted { finish(easy, code: nil) }
    guard !running.isEmpty else { return }
    var active: Int32 = 0
    guard osbs_curl_multi_perform(multi, &active) == CURLM_OK else {
      failAll()
      return
    }
    // A message does not outlive the removal of its handle: read them all first.
    var finished: [(easy: UnsafeMutableRawPointer, code: CURLcode)] = []
    var queued: Int32 = 0
    while let message = osbs_curl_multi_info_read(multi, &queued) {
      guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
      finished.append((easy, message.pointee.data.result))
    }
    for (easy, code) in finished { finish(easy, code: code) }
    for (easy, entry) in running where entry.transfer.mustStop() { finish(easy, code: nil) }
  }

  /// Ends every running transfer with libcurl's failure, as a lane's thread ends its one.
  private func failAll() {
    for easy in Array(running.keys) { finish(easy, code: CURLE_FAILED_INIT) }
  }

  private func finish(_ easy: UnsafeMutableRawPointer, code: CURLcode?) {
    guard let entry = running.removeValue(forKey: easy) else { return }
    let result = entry.transfer.end(code: code, lane: entry.lane, lists: entry.lists)
    checkIn(entry.lane)
    conclude(entry.transfer, result)
  }

  private func checkIn(_ lane: CurlLane) {
    if idleLanes.count < LanePool.maximumIdleLanes { idleLanes.append(lane) }
  }

  private func conclude(_ transfer: CurlTransfer, _ result: Result<Int, HTTPError>) {
    transfersInFlight.subtract(1, ordering: .relaxed)
    transfer.conclude(result)
  }
}
