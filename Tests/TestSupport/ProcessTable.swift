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
}
