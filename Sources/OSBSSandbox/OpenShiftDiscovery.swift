/// Minimal discovery answers of an OpenShift 4 API server, enough for clients that probe the server
/// before talking to it. Resource routes are added by the simulators built on top.
enum OpenShiftDiscovery {
  struct Version: Encodable {
    var major = "1"
    var minor = "30"
    var gitVersion = "v1.30.0"
    var gitCommit = "0000000000000000000000000000000000000000"
    var gitTreeState = "clean"
    var buildDate = "2026-01-01T00:00:00Z"
    var goVersion = "go1.22.5"
    var compiler = "gc"
    var platform = "linux/amd64"
  }

  struct APIVersions: Encodable {
    var kind = "APIVersions"
    var versions = ["v1"]
  }

  struct GroupVersion: Encodable {
    var groupVersion: String
    var version = "v1"
  }

  struct Group: Encodable {
    var name: String
    var versions: [GroupVersion]
    var preferredVersion: GroupVersion

    init(name: String) {
      self.name = name
      versions = [GroupVersion(groupVersion: "\(name)/v1")]
      preferredVersion = GroupVersion(groupVersion: "\(name)/v1")
    }
  }

  struct GroupList: Encodable {
    var kind = "APIGroupList"
    var apiVersion = "v1"
    var groups = [Group(name: "build.openshift.io"), Group(name: "user.openshift.io")]
  }

  static func router() -> SandboxRouter {
    var router = SandboxRouter()
    router.add("GET", "/version") { _ in .json(Version()) }
    router.add("GET", "/healthz") { _ in .text("ok") }
    router.add("GET", "/api") { _ in .json(APIVersions()) }
    router.add("GET", "/apis") { _ in .json(GroupList()) }
    return router
  }
}
