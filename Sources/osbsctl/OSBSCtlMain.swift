import OSBSCtlCLI

@main
enum OSBSCtlMain {
  static func main() async { await OSBSCtlProgram.main() }
}
