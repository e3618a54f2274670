/// The `osbsctl` executable's entry point: the process's arguments, standard streams and environment.
public enum OSBSCtlProgram {
  /// Called from the executable's `@main`, on the main thread; nothing here moves the work off it, so a
  /// command that needs no network starts no thread of the concurrency pool.
  nonisolated(nonsending) public static func main() async { await OSBSCtl.main() }
}
