/// The `osbsctl` executable's entry point: the process's arguments, standard streams and environment.
public enum OSBSCtlProgram {
  public static func main() async { await OSBSCtl.main() }
}
