import Foundation
import OSBSKit
import Testing

@Suite("kubeconfig resolution")
struct KubeconfigTests {
  @Test func defaultKubeconfigResolvesRelativePathsAgainstItsDirectory() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.copyFixture("kubeconfig-sandbox.yaml", to: "home/builder/.kube/config")
    let kube = sandbox.home + "/.kube"

    let openshift = try sandbox.resolve().openshift

    #expect(openshift.kubeconfigFiles == SourcedValue([path], source: "default"))
    #expect(
      openshift.context == SourcedValue("osbs/api-sandbox-example-test:8443/builder", source: "\(path):23"))
    #expect(openshift.server == SourcedValue("https://api.sandbox.example.test:8443", source: "\(path):7"))
    #expect(openshift.namespace == SourcedValue("osbs", source: "\(path):16"))
    #expect(
      openshift.certificateAuthority == SourcedValue("\(kube)/certs/sandbox-ca.crt", source: "\(path):6"))
    #expect(openshift.clientCertificate == SourcedValue("\(kube)/certs/builder.crt", source: "\(path):27"))
    #expect(openshift.clientKey == SourcedValue("\(kube)/certs/builder.key", source: "\(path):28"))
    #expect(openshift.authMethod == SourcedValue(.clientCertificate, source: "\(path):27"))

    let missing = sandbox.configError { _ = try sandbox.resolve().openShiftConnection() }
    #expect(missing?.description.contains("\(kube)/certs/sandbox-ca.crt") == true)

    for name in ["sandbox-ca.crt", "builder.crt", "builder.key"] {
      try sandbox.write("\(kube)/certs/\(name)", "-----BEGIN-----\n")
    }
    let connection = try sandbox.resolve().openShiftConnection()
    #expect(connection.endpoint.tls.clientKey == .file("\(kube)/certs/builder.key"))
    #expect(connection.endpoint.auth == .none)
    #expect(connection.namespace == "osbs")
  }

  @Test func kubeconfigListMergesFirstDefinitionWins() throws {
    let sandbox = try ConfigSandbox()
    let first = try sandbox.write(
      "kube/first.yaml",
      """
      clusters:
      - name: local
        cluster:
          server: https://first.example.test:6443
      users:
      - name: me
        user:
          token: first-FAKE-token
      """)
    let second = try sandbox.write(
      "kube/second.yaml",
      """
      clusters:
      - name: local
        cluster:
          server: https://second.example.test:6443
      contexts:
      - name: dev
        context: {cluster: local, user: me, namespace: dev-ns}
      current-context: dev
      """)
    let third = try sandbox.write("kube/third.yaml", "current-context: ignored\n")
    try sandbox.copyFixture("kubeconfig-sandbox.yaml", to: "home/builder/.kube/config")

    let list = "\(first)::\(sandbox.root)/kube/missing.yaml:\(second):\(third):\(first)"
    let openshift = try sandbox.resolve(env: ["KUBECONFIG": list]).openshift

    #expect(
      openshift.kubeconfigFiles == SourcedValue([first, second, third], source: "environment KUBECONFIG"))
    #expect(openshift.context == SourcedValue("dev", source: "\(second):8"))
    #expect(openshift.server == SourcedValue("https://first.example.test:6443", source: "\(first):4"))
    #expect(openshift.token == SourcedValue("[REDACTED]", source: "\(first):8"))
    #expect(openshift.namespace.value == "dev-ns")
    #expect(openshift.authMethod.value == .token)
  }

  @Test func flagBeatsEnvironmentAndMustExist() throws {
    let sandbox = try ConfigSandbox()
    let inline = try sandbox.copyFixture("kubeconfig-inline.yaml", to: "work/prod.kubeconfig")
    let other = try sandbox.copyFixture("kubeconfig-sandbox.yaml", to: "kube/other")

    let openshift = try sandbox.resolve(
      ConfigInputs(kubeconfig: "prod.kubeconfig"), env: ["KUBECONFIG": other]
    )
    .openshift
    #expect(openshift.kubeconfigFiles == SourcedValue([inline], source: "flag --kubeconfig"))
    #expect(openshift.server?.value == "https://api.prod.example.test:6443")

    let error = sandbox.configError { _ = try sandbox.resolve(ConfigInputs(kubeconfig: "absent")) }
    #expect(error?.failureKind == .notFound)
    #expect(error?.description.contains("\(sandbox.workingDirectory)/absent") == true)
  }

  @Test func contextAndNamespacePrecedence() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.copyFixture("kubeconfig-sandbox.yaml", to: "home/builder/.kube/config")

    let local = try sandbox.resolve(ConfigInputs(context: "local")).openshift
    #expect(local.context == SourcedValue("local", source: "flag --context"))
    #expect(local.server == SourcedValue("https://127.0.0.1:8443", source: "\(path):11"))
    #expect(local.insecureSkipTLSVerify == SourcedValue(true, source: "\(path):10"))
    #expect(local.namespace == SourcedValue("default", source: "default"))
    #expect(local.tokenFile == SourcedValue("\(sandbox.home)/.kube/tokens/developer", source: "\(path):31"))

    let flagged = try sandbox.resolve(ConfigInputs(namespace: "mine")).openshift
    #expect(flagged.namespace == SourcedValue("mine", source: "flag --namespace"))

    let unknown = sandbox.configError { _ = try sandbox.resolve(ConfigInputs(context: "nowhere")) }
    #expect(unknown?.failureKind == .usage)
    #expect(unknown?.description.contains("local, osbs/api-sandbox-example-test:8443/builder") == true)
  }

  @Test func tokenFileIsReadWhenConnecting() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.copyFixture("kubeconfig-sandbox.yaml", to: "home/builder/.kube/config")
    let settings = try sandbox.resolve(ConfigInputs(context: "local"))
    let tokenPath = "\(sandbox.home)/.kube/tokens/developer"

    let missing = sandbox.configError { _ = try settings.openShiftConnection() }
    #expect(missing?.failureKind == .authentication)
    #expect(missing?.description.contains(tokenPath) == true)

    try sandbox.write(tokenPath, "sha256~FAKE-developer-token\n")
    let connection = try settings.openShiftConnection()
    #expect(connection.endpoint.auth == .bearer("sha256~FAKE-developer-token"))
    #expect(connection.endpoint.tls.insecureSkipVerify)
  }

  /// A user with both a token file and an inline token: as with client-go, the file's token is sent, and
  /// the inline one only while the file cannot be read.
  @Test func aTokenFileWinsOverAnInlineTokenWhileItCanBeRead() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write(
      "home/builder/.kube/config",
      """
      clusters:
      - name: local
        cluster: {server: "https://api.example.test:6443"}
      users:
      - name: me
        user:
          token: inline-FAKE-token
          tokenFile: tokens/me
      contexts:
      - name: dev
        context: {cluster: local, user: me}
      current-context: dev
      """)
    let settings = try sandbox.resolve()
    #expect(settings.openshift.authMethod == SourcedValue(.token, source: "\(path):8"))
    #expect(try settings.openShiftConnection().endpoint.auth == .bearer("inline-FAKE-token"))

    try sandbox.write("home/builder/.kube/tokens/me", "file-FAKE-token\n")
    #expect(try settings.openShiftConnection().endpoint.auth == .bearer("file-FAKE-token"))
  }

  /// client-go refuses a kubeconfig that names two users (or clusters, or contexts) alike, so kubectl
  /// does; osbsctl says which file and line, instead of picking one.
  @Test func aNameRepeatedInOneFileIsRefused() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write(
      "home/builder/.kube/config",
      """
      users:
      - name: me
        user: {token: first-FAKE-token}
      - name: me
        user: {token: second-FAKE-token}
      """)
    let error = sandbox.configError { _ = try sandbox.resolve() }
    #expect(error?.failureKind == .usage)
    #expect(error?.description.hasPrefix("\(path):4") == true, "\(String(describing: error))")
    #expect(error?.description.contains(#"a second user named "me""#) == true, "\(String(describing: error))")
    #expect(error?.description.contains("FAKE-token") == false)
  }

  @Test func inlineDataIsDecodedAndKeptOutOfView() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.copyFixture("kubeconfig-inline.yaml", to: "home/builder/.kube/config")

    let settings = try sandbox.resolve()
    #expect(settings.openshift.certificateAuthority?.value.hasPrefix("inline (") == true)
    #expect(settings.openshift.clientKey == SourcedValue("[REDACTED]", source: "\(path):20"))
    #expect(settings.openshift.tlsServerName?.value == "kubernetes.default")
    #expect(settings.openshift.namespace == SourcedValue("osbs-prod", source: "\(path):14"))

    let connection = try settings.openShiftConnection()
    let caText = "-----BEGIN CERTIFICATE-----\nMIIBfakeCA\n-----END CERTIFICATE-----\n"
    #expect(connection.endpoint.tls.caCertificate == .data(Data(caText.utf8)))
    #expect(connection.endpoint.auth == .bearer("sha256~Xq9FAKEtokenFAKEtokenFAKEtoken0123456789ab"))
    #expect(connection.tlsServerName == "kubernetes.default")
    guard case .data(let key) = connection.endpoint.tls.clientKey else {
      Issue.record("client key should be inline data")
      return
    }
    #expect(String(decoding: key, as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----"))
  }

  @Test func invalidBase64NamesFileAndLine() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write(
      "home/builder/.kube/config",
      """
      clusters:
      - name: c
        cluster:
          server: https://c:6443
          certificate-authority-data: "not*base64!"
      contexts:
      - {name: c, context: {cluster: c}}
      current-context: c
      """)
    let error = sandbox.configError { _ = try sandbox.resolve() }
    #expect(error?.description.hasPrefix("\(path):5: ") == true)
  }

  @Test func serviceAccountIsUsedWhenNoKubeconfigExists() throws {
    let sandbox = try ConfigSandbox()
    let env = ["KUBERNETES_SERVICE_HOST": "172.30.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    // Without a mounted token the pod has no credentials: nothing is configured.
    #expect(try sandbox.resolve(env: env).openshift.inCluster == false)

    try sandbox.write(sandbox.serviceAccount + "/token", "eyJFAKE.service.account\n")
    try sandbox.write(sandbox.serviceAccount + "/ca.crt", "-----BEGIN CERTIFICATE-----\n")
    let namespaceFile = try sandbox.write(sandbox.serviceAccount + "/namespace", "osbs-builds")

    let settings = try sandbox.resolve(env: env)
    #expect(settings.openshift.inCluster)
    #expect(
      settings.openshift.server
        == SourcedValue("https://172.30.0.1:443", source: "in-cluster service account"))
    #expect(settings.openshift.namespace == SourcedValue("osbs-builds", source: namespaceFile))
    let connection = try settings.openShiftConnection()
    #expect(connection.endpoint.auth == .bearer("eyJFAKE.service.account"))
    #expect(connection.endpoint.tls.caCertificate == .file(sandbox.serviceAccount + "/ca.crt"))

    // A kubeconfig, when present, wins over the service account.
    try sandbox.copyFixture("kubeconfig-inline.yaml", to: "home/builder/.kube/config")
    #expect(try sandbox.resolve(env: env).openshift.inCluster == false)
  }

  @Test func nothingConfiguredFailsOnlyWhenConnecting() throws {
    let sandbox = try ConfigSandbox()
    let settings = try sandbox.resolve()
    #expect(settings.openshift.kubeconfigFiles.value.isEmpty)
    #expect(settings.openshift.authMethod.value == OpenShiftAuthMethod.none)
    let error = sandbox.configError { _ = try settings.openShiftConnection() }
    #expect(error?.failureKind == .usage)
  }
}
