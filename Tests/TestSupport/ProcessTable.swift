import Foundation

/// This machine's processes, read from /proc.
public enum ProcessTable {
  /// Process IDs (other than this one) whose command line mentions `text`.
  public static func processes(naming text: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { entry in
      guard entry.allSatisfy(\.isNumber), entry != String(getpid()),
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return false }
      return String(decoding: data, as: UTF8.self).contains(text)
    }
  }

  /// Waits (up to 10 s) until a process naming `text` runs, then cancels `task`: whether that process
  /// had started, the task's result, and the processes naming `text` left afterwards.
  public static func cancel<Value: Sendable>(_ task: Task<Value, any Error>, onceRunning text: String)
    async throws -> (started: Bool, result: Result<Value, any Error>, left: [String])
  {
    for _ in 0..<2_000 where processes(naming: text).isEmpty {
      try await Task.sleep(for: .milliseconds(5))
    }
    let started = !processes(naming: text).isEmpty
    task.cancel()
    let result = await task.result
    return (started, result, processes(naming: text))
  }
}
