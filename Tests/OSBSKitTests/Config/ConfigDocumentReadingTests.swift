import Foundation
import OSBSKit
import Testing

/// How kubeconfig and osbsctl config files are read: YAML's null and boolean spellings, merge keys, and
/// the errors for values of the wrong kind (key path and line, never the value's text).
@Suite("reading kubeconfig and osbsctl config documents")
struct ConfigDocumentReadingTests {
  private func kubeconfig(_ text: String) throws -> (ConfigSandbox, String) {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write("home/builder/.kube/config", text)
    return (sandbox, path)
  }

  private func kubeconfigError(_ text: String) throws -> String? {
    let (sandbox, _) = try kubeconfig(text)
    return sandbox.configError { _ = try sandbox.resolve() }?.description
  }

  private static let cluster = """
    clusters:
    - name: c
      cluster:
        server: https://api.example.test:6443
    users:
    - name: u
      user:
        token: FAKE-token-value
    current-context: x
    contexts:
    - name: x
      context: {cluster: c, user: u}

    """

  @Test func booleansAndNullsUseYAMLsPlainSpellings() throws {
    for (spelling, expected) in [
      ("true", true), ("yes", true), ("On", true), ("TRUE", true), ("false", false), ("no", false),
      ("OFF", false),
    ] {
      let sandbox = try ConfigSandbox()
      let text = Self.cluster.replacingOccurrences(
        of: "    server: https://api.example.test:6443",
        with: "    server: https://api.example.test:6443\n    insecure-skip-tls-verify: \(spelling)")
      let written = try sandbox.write("home/builder/.kube/config", text)
      let settings = try sandbox.resolve().openshift
      #expect(settings.insecureSkipTLSVerify == SourcedValue(expected, source: "\(written):5"), "\(spelling)")
    }
    for null in ["", "~", "null", "Null", "NULL"] {
      let text = Self.cluster.replacingOccurrences(
        of: "current-context: x", with: "current-context: x\npreferences: \(null)"
      )
      .replacingOccurrences(of: "    token: FAKE-token-value", with: "    token: \(null)")
      let (sandbox, _) = try kubeconfig(text)
      let settings = try sandbox.resolve().openshift
      #expect(settings.token == nil, "token: \(null)")
      #expect(settings.server?.value == "https://api.example.test:6443")
    }
  }

  @Test func aQuotedBooleanIsAStringAndRefused() throws {
    let text = Self.cluster.replacingOccurrences(
      of: "    server: https://api.example.test:6443",
      with: "    server: https://api.example.test:6443\n    insecure-skip-tls-verify: \"true\"")
    let error = try kubeconfigError(text)
    #expect(
      error?.contains(":5: at clusters[0].cluster.insecure-skip-tls-verify: expected true or false") == true,
      "\(error ?? "")")
  }

  @Test func valuesOfTheWrongKindNameTheirKeyPathAndLineButNotTheirText() throws {
    let cases: [(String, String, String)] = [
      ("clusters:\n  c: {server: x}\n", ":2: at clusters: expected a list", "server: x"),
      (
        "clusters:\n- cluster: {server: https://a}\n", ":2: at clusters[0]: missing required key 'name'",
        "https://a"
      ),
      ("clusters:\n- name: ~\n", ":2: at clusters[0].name: expected a string, found nothing", "~"),
      ("clusters:\n- just-a-string\n", ":2: at clusters[0]: expected a mapping", "just-a-string"),
      (
        "users:\n- name: u\n  user:\n    token: [FAKE-secret-in-a-list]\n",
        ":4: at users[0].user.token: expected a string", "FAKE-secret"
      ),
      ("current-context: {a: b}\n", ":1: at current-context: expected a string", "a: b"),
      ("- a\n- b\n", ": expected a mapping", "- a"),
    ]
    for (text, message, secret) in cases {
      let error = try #require(try kubeconfigError(text), "\(text)")
      #expect(error.contains(message), "\(error)")
      #expect(!error.contains(secret), "\(error)")
    }
  }

  @Test func mergeKeysApplyWithTheMappingsOwnKeysWinning() throws {
    let (sandbox, path) = try kubeconfig(
      """
      clusters:
      - name: c
        cluster: &base
          server: https://base.example.test:6443
          tls-server-name: base.example.test
      - name: d
        cluster:
          <<: *base
          server: https://own.example.test:6443
      current-context: x
      contexts:
      - name: x
        context: {cluster: d}

      """)
    let settings = try sandbox.resolve().openshift
    #expect(settings.server == SourcedValue("https://own.example.test:6443", source: "\(path):9"))
    #expect(settings.tlsServerName == SourcedValue("base.example.test", source: "\(path):5"))
  }

  @Test func osbsctlConfigValuesOfTheWrongKindAreErrorsWithTheirLine() throws {
    for (text, message) in [
      ("profiles:\n- dev\n", ":2: at profiles: expected a mapping"),
      ("profiles:\n  dev:\n    koji: fedora\n", ":3: at profiles.dev.koji: expected a mapping"),
      (
        "profiles:\n  dev:\n    koji:\n      profile: [a, b]\n",
        ":4: at profiles.dev.koji.profile: expected a string"
      ),
      ("defaultProfile: {a: b}\n", ":1: at defaultProfile: expected a string"),
    ] {
      let sandbox = try ConfigSandbox()
      let path = try sandbox.write("etc/osbsctl/config.yaml", text)
      let error = try #require(sandbox.configError { _ = try sandbox.resolve() }, "\(text)")
      #expect(error.description.contains(path + message), "\(error.description)")
    }
  }

  @Test func scalarsOfEveryKindAreReadAsText() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write(
      "etc/osbsctl/config.yaml",
      """
      defaultProfile: dev
      profiles:
        dev:
          openshift: {namespace: 2024}
          ovs: {bridge: 'br0', openflowVersion: "OpenFlow13"}

      """)
    let settings = try sandbox.resolve()
    #expect(settings.openshift.namespace == SourcedValue("2024", source: "\(path):4"))
    #expect(settings.ovs.bridge == SourcedValue("br0", source: "\(path):5"))
  }
}
