import Foundation
import OSBSSandbox
import Testing

@Suite struct SandboxStateDirectoryTests {
  let endpoints = SandboxEndpoints(port: 41234)

  @Test func kojiConfigHasTheSandboxProfile() {
    let text = SandboxStateDirectory.kojiConfig(endpoints: endpoints)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.contains("[sandbox]"))
    #expect(lines.contains("server = http://127.0.0.1:41234/kojihub"))
    #expect(lines.contains("weburl = http://127.0.0.1:41234/koji"))
    #expect(lines.contains("topurl = http://127.0.0.1:41234/kojifiles"))
    #expect(lines.contains("authtype = password"))
    #expect(lines.contains("user = builder1"))
    #expect(lines.contains("poll_interval = 1"))
  }

  @Test func kubeconfigPointsAtTheAPIWithTheToken() {
    let text = SandboxStateDirectory.kubeconfig(endpoints: endpoints, token: "tok")
    #expect(text.hasPrefix("apiVersion: v1\nkind: Config\n"))
    #expect(text.contains("- name: sandbox\n  cluster:\n    server: \"http://127.0.0.1:41234\"\n"))
    #expect(text.contains("- name: sandbox-admin\n  user:\n    token: \"tok\"\n"))
    #expect(text.contains("  context:\n    cluster: sandbox\n    user: sandbox-admin\n    namespace: osbs\n"))
    #expect(text.contains("\ncurrent-context: sandbox\n"))
  }

  @Test func writeCreatesTheDirectoryAndAllFiles() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("sandbox state \(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = SandboxStateDirectory(url: root.appendingPathComponent("nested"))
    let files = try directory.write(endpoints: endpoints, token: "secret-token")

    #expect(files.kojiConfig.path.hasPrefix("/"))
    #expect(
      try String(contentsOf: files.kojiConfig, encoding: .utf8).contains(
        "server = http://127.0.0.1:41234/kojihub"))
    #expect(try String(contentsOf: files.kubeconfig, encoding: .utf8).contains("token: \"secret-token\""))
    let mode =
      try FileManager.default.attributesOfItem(atPath: files.kubeconfig.path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: directory.gitRoot.path, isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)

    // The path has a space: every path in the osbsctl config is a quoted absolute path.
    let osbsctl = try String(contentsOf: files.osbsctlConfig, encoding: .utf8)
    let expected = """
      defaultProfile: sandbox
      profiles:
        sandbox:
          koji:
            profile: sandbox
            configFile: "\(files.kojiConfig.path)"
          openshift:
            kubeconfig: "\(files.kubeconfig.path)"
            context: sandbox
            namespace: osbs
          distGit:
            anonURLTemplate: "file://\(directory.url.path)/git/{namespace}/{name}.git"
            targetTemplate: "{branch}-container-candidate"
            branchTargets:
              main: rawhide-container-candidate
              master: rawhide-container-candidate

      """
    #expect(osbsctl == expected)
  }

  @Test func readyLineHasTheDocumentedKeys() throws {
    let directory = SandboxStateDirectory(path: "/tmp/x/../state")
    let line = try SandboxReadyLine(endpoints: endpoints, directory: directory, pid: 42).encodedLine()
    #expect(!line.contains("\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "kojiHub", "openshiftAPI", "controlAPI", "port", "kojiConfig", "kubeconfig", "osbsctlConfig",
        "stateDir", "pid",
      ])
    #expect(object["stateDir"] as? String == "/tmp/state")
    #expect(object["kojiConfig"] as? String == "/tmp/state/koji.conf")
    #expect(object["openshiftAPI"] as? String == "http://127.0.0.1:41234")
    #expect(object["pid"] as? Int == 42)
  }
}
