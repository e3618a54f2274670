import Foundation
import OSBSKit
import Testing

@Suite("Koji configuration")
struct KojiConfigTests {
  @Test func layersSystemDirectorySystemFileAndUserFileInKojiOrder() throws {
    let sandbox = try ConfigSandbox()
    let stg = try sandbox.copyFixture("stg.conf", to: "etc/koji.conf.d/stg.conf")
    let system = try sandbox.copyFixture("fedora-koji.conf", to: "etc/koji.conf")
    let user = try sandbox.copyFixture("user-koji-config", to: "home/builder/.koji/config")
    // Not a *.conf name: koji skips it.
    try sandbox.write("etc/koji.conf.d/README", "this is not ini")

    let koji = try sandbox.resolve().koji

    #expect(koji.configFiles == [stg, system, user])
    #expect(koji.availableProfiles == ["koji", "sandbox", "stg"])
    #expect(koji.profile == SourcedValue("koji", source: "default"))
    #expect(koji.profileFound)
    #expect(koji.server == SourcedValue("https://koji.fedoraproject.org/kojihub", source: "\(system):6"))
    #expect(koji.topurl?.value == "https://kojipkgs.fedoraproject.org/")
    #expect(koji.authtype == SourcedValue("kerberos", source: "\(system):15"))
    #expect(koji.maxRetries == SourcedValue(5, source: "\(user):3"))
    #expect(koji.retryInterval == SourcedValue(2, source: "\(user):4"))
    #expect(koji.pollInterval == SourcedValue(6, source: "default"))
    #expect(koji.extra["use_fast_upload"] == SourcedValue("yes", source: "\(system):37"))
    // The comment between `plugins =` and its indented continuation line is dropped, as configparser does.
    #expect(koji.extra["plugins"] == SourcedValue("\nrunroot", source: "\(system):26"))
  }

  @Test func explicitFileReplacesUserFilesButNotSystemFiles() throws {
    let sandbox = try ConfigSandbox()
    let system = try sandbox.copyFixture("fedora-koji.conf", to: "etc/koji.conf")
    try sandbox.copyFixture("user-koji-config", to: "home/builder/.koji/config")
    let explicit = try sandbox.write(
      "work/custom.conf",
      """
      [koji]
      weburl = https://koji.custom.example.test/koji
      """)

    let koji = try sandbox.resolve(ConfigInputs(kojiConfigFile: "custom.conf")).koji

    #expect(koji.configFiles == [system, explicit])
    #expect(koji.maxRetries == SourcedValue(30, source: "default"))
    #expect(koji.weburl == SourcedValue("https://koji.custom.example.test/koji", source: "\(explicit):2"))
    #expect(koji.server?.source == "\(system):6")
    #expect(koji.availableProfiles == ["koji"])
  }

  /// koji's `ConfigParser.read` leaves out a file of its own places that it cannot open; so does osbsctl,
  /// and lists it. A `-c` file that cannot be read stays an error, and a profile that only the skipped
  /// file defines is reported with it.
  @Test func unreadableFilesInKojisPlacesAreSkippedAndListed() throws {
    let sandbox = try ConfigSandbox()
    let stg = try sandbox.copyFixture("stg.conf", to: "etc/koji.conf.d/stg.conf")
    let closed = try sandbox.write(
      "etc/koji.conf.d/zz-team.conf", "[team]\nserver = https://koji.team.test\n")
    let user = try sandbox.copyFixture("user-koji-config", to: "home/builder/.koji/config")
    #expect(chmod(closed, 0) == 0)

    let koji = try readingAsAnotherUser { try sandbox.resolve().koji }
    #expect(koji.configFiles == [stg, user])
    #expect(koji.skippedConfigFiles.map(\.path) == [closed])
    #expect(koji.skippedConfigFiles.first?.warning.contains("koji config file \(closed) skipped: ") == true)
    // Every command that reads koji's files says so once, on stderr.
    let warnings = try readingAsAnotherUser { try sandbox.resolve().configWarnings }
    #expect(warnings == koji.skippedConfigFiles.map(\.warning))
    #expect(!koji.availableProfiles.contains("team"))

    let missingProfile = sandbox.configError {
      _ = try readingAsAnotherUser { try sandbox.resolve(ConfigInputs(kojiProfile: "team")) }
    }
    #expect(
      missingProfile?.description.contains("\(closed) (skipped: ") == true,
      "\(String(describing: missingProfile))")

    let named = sandbox.configError {
      _ = try readingAsAnotherUser { try sandbox.resolve(ConfigInputs(kojiConfigFile: closed)) }
    }
    #expect(named?.description.contains(closed) == true, "\(String(describing: named))")
    #expect(named?.failureKind == .usage)

    // Readable again, it is read like the others.
    #expect(chmod(closed, 0o644) == 0)
    let opened = try sandbox.resolve().koji
    #expect(opened.configFiles == [stg, closed, user])
    #expect(opened.skippedConfigFiles.isEmpty)
  }

  /// koji takes an empty `principal =` or `keytab =` for unset (`if keytab:`): the default cache logs in.
  @Test func emptyPrincipalAndKeytabAreUnset() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.write(
      "etc/koji.conf",
      "[koji]\nserver = https://koji.test/kojihub\nauthtype = kerberos\nprincipal =\nkeytab =\n")
    #expect(try sandbox.resolve().kojiConnection().login == .kerberos(principal: nil, keytab: nil))
  }

  /// `keytab` is a keytab name, as koji hands it to the GSS-API: `FILE:` before a path is its type, and a
  /// keytab of another type is no file to look for.
  @Test func aKeytabNamedWithItsTypeIsCheckedAsItsFile() throws {
    let sandbox = try ConfigSandbox()
    let head = "[koji]\nserver = https://koji.test/kojihub\nauthtype = kerberos\n"
    let keytab = try sandbox.write("home/bot.keytab", "keys")
    try sandbox.write("etc/koji.conf", head + "keytab = FILE:\(keytab)\n")
    #expect(
      try sandbox.resolve().kojiConnection().login == .kerberos(principal: nil, keytab: "FILE:\(keytab)"))
    try sandbox.write("etc/koji.conf", head + "keytab = FILE:\(keytab).gone\n")
    let error = sandbox.configError { _ = try sandbox.resolve().kojiConnection() }
    #expect(error?.description.contains("\(keytab).gone") == true, "\(String(describing: error))")
    #expect(error?.description.contains("FILE:") == false, "\(String(describing: error))")
    try sandbox.write("etc/koji.conf", head + "keytab = MEMORY:bot\n")
    #expect(try sandbox.resolve().kojiConnection().login == .kerberos(principal: nil, keytab: "MEMORY:bot"))
  }

  @Test func missingExplicitFileIsNotFound() throws {
    let sandbox = try ConfigSandbox()
    let error = sandbox.configError { _ = try sandbox.resolve(ConfigInputs(kojiConfigFile: "nope.conf")) }
    #expect(error?.failureKind == .notFound)
    #expect(error?.description.contains("\(sandbox.workingDirectory)/nope.conf") == true)
    #expect(error?.description.contains("flag --koji-config") == true)
  }

  @Test func unknownExplicitProfileListsKnownOnes() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.copyFixture("fedora-koji.conf", to: "etc/koji.conf")
    try sandbox.copyFixture("stg.conf", to: "etc/koji.conf.d/stg.conf")

    let error = sandbox.configError { _ = try sandbox.resolve(ConfigInputs(kojiProfile: "brew")) }

    #expect(error?.failureKind == .usage)
    #expect(error?.description.contains("\"brew\"") == true)
    #expect(error?.description.contains("known: koji, stg") == true)
  }

  @Test func missingDefaultProfileIsReportedOnlyWhenConnecting() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.copyFixture("stg.conf", to: "etc/koji.conf.d/stg.conf")

    let settings = try sandbox.resolve()

    #expect(!settings.koji.profileFound)
    #expect(settings.koji.server == nil)
    let error = sandbox.configError { _ = try settings.kojiConnection() }
    #expect(error?.failureKind == .usage)
    #expect(error?.description.contains("known: stg") == true)
  }

  @Test func malformedLineNamesFileAndLine() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write(
      "home/builder/.koji/config",
      """
      [koji]
      server = https://koji.example.test/kojihub
      ; a comment
      this line has no delimiter
      """)

    let error = sandbox.configError { _ = try sandbox.resolve() }

    #expect(error?.failureKind == .usage)
    #expect(error?.description.hasPrefix("\(path):4: ") == true)
  }

  @Test func optionBeforeAnySectionIsAnError() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write("etc/koji.conf", "\n# leading comment\nserver = x\n")
    let error = sandbox.configError { _ = try sandbox.resolve() }
    #expect(error?.description.hasPrefix("\(path):3: ") == true)
  }

  @Test func sectionsMergeAcrossFilesButNotWithinOne() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.write(
      "etc/koji.conf.d/a.conf", "[koji]\nserver = https://a.example.test/kojihub\ntopurl = https://a/\n")
    let second = try sandbox.write(
      "etc/koji.conf.d/b.conf", "[koji]\nserver = https://b.example.test/kojihub\n")

    let koji = try sandbox.resolve().koji
    #expect(koji.server == SourcedValue("https://b.example.test/kojihub", source: "\(second):2"))
    #expect(koji.topurl?.value == "https://a/")

    let duplicate = try sandbox.write("etc/koji.conf", "[koji]\nserver = x\n\n[koji]\nweburl = y\n")
    let error = sandbox.configError { _ = try sandbox.resolve() }
    #expect(error?.description.hasPrefix("\(duplicate):4: ") == true)
  }

  @Test func configparserDetails() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write(
      "etc/koji.conf",
      """
      [DEFAULT]
      hub = koji.example.test

      [koji]
      SERVER: https://%(hub)s/kojihub
      WebURL = https://%(hub)s/koji
      motd = 100%% containers
      description = first line

        second line
      """)

    let koji = try sandbox.resolve().koji

    #expect(koji.server == SourcedValue("https://koji.example.test/kojihub", source: "\(path):5"))
    #expect(koji.weburl?.value == "https://koji.example.test/koji")
    #expect(koji.extra["motd"]?.value == "100% containers")
    #expect(koji.extra["description"]?.value == "first line\n\nsecond line")
    #expect(koji.extra["hub"] == SourcedValue("koji.example.test", source: "\(path):2"))

    try sandbox.write("etc/koji.conf", "[koji]\nserver = https://koji/kojihub\nnote = 50% done\n")
    let error = sandbox.configError { _ = try sandbox.resolve() }
    #expect(error?.description.hasPrefix("\(path):3: ") == true)
  }

  /// Python reads koji's files with universal newlines: a file written with CR LF (or old Mac CR) line
  /// ends reads as the same options, on the same lines, as with LF.
  @Test func windowsAndOldMacLineEndingsReadAsPythonReadsThem() throws {
    let lines = [
      "[DEFAULT]", "hub = koji.example.test", "", "[koji]", "server = https://%(hub)s/kojihub",
      "description = first line", "", "  second line", "; a comment", "topurl = https://files.example.test",
    ]
    for ending in ["\n", "\r\n", "\r"] {
      let sandbox = try ConfigSandbox()
      let path = try sandbox.write("etc/koji.conf", lines.joined(separator: ending) + ending)
      let koji = try sandbox.resolve().koji
      let name = ending.debugDescription
      #expect(
        koji.server == SourcedValue("https://koji.example.test/kojihub", source: "\(path):5"), "\(name)")
      #expect(koji.extra["description"]?.value == "first line\n\nsecond line", "\(name)")
      #expect(koji.topurl == SourcedValue("https://files.example.test", source: "\(path):10"), "\(name)")
    }
  }

  @Test func sslProfileExpandsHomeAndChecksTheCertificate() throws {
    let sandbox = try ConfigSandbox()
    let user = try sandbox.copyFixture("user-koji-config", to: "home/builder/.koji/config")
    let inputs = ConfigInputs(kojiProfile: "sandbox")

    let settings = try sandbox.resolve(inputs)
    #expect(settings.koji.cert == SourcedValue("\(sandbox.home)/.koji/sandbox.pem", source: "\(user):10"))
    #expect(settings.koji.anonRetry == SourcedValue(true, source: "\(user):12"))

    let missing = sandbox.configError { _ = try settings.kojiConnection() }
    #expect(missing?.failureKind == .notFound)  // serverca is checked first
    #expect(missing?.description.contains("\(sandbox.home)/.koji/sandbox-ca.crt") == true)

    try sandbox.write("home/builder/.koji/sandbox-ca.crt", "-----BEGIN CERTIFICATE-----\n")
    let noCert = sandbox.configError { _ = try settings.kojiConnection() }
    #expect(noCert?.failureKind == .authentication)
    #expect(noCert?.description.contains("\(sandbox.home)/.koji/sandbox.pem") == true)

    try sandbox.write("home/builder/.koji/sandbox.pem", "-----BEGIN CERTIFICATE-----\n")
    let connection = try settings.kojiConnection()
    #expect(connection.endpoint.baseURL == "https://koji.sandbox.example.test/kojihub")
    #expect(connection.endpoint.tls.clientCertificate == .file("\(sandbox.home)/.koji/sandbox.pem"))
    #expect(connection.endpoint.tls.caCertificate == .file("\(sandbox.home)/.koji/sandbox-ca.crt"))
    #expect(connection.endpoint.auth == .none)
    #expect(connection.login == .ssl)
    #expect(connection.pollInterval == .seconds(2))
  }

  @Test func authtypeDefaultsFollowKoji() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.write("etc/koji.conf", "[koji]\nserver = https://k/kojihub\n")
    #expect(try sandbox.resolve().koji.authtype?.value == "kerberos")
    #expect(try sandbox.resolve().kojiConnection().endpoint.auth == .negotiate)

    let user = try sandbox.write(
      "home/builder/.koji/config", "[koji]\nuser = kojiadmin\npassword = s3cret-FAKE\n")
    let settings = try sandbox.resolve()
    #expect(settings.koji.authtype?.value == "password")
    #expect(settings.koji.password == SourcedValue("[REDACTED]", source: "\(user):3"))
    #expect(try settings.kojiConnection().login == .password(user: "kojiadmin", password: "s3cret-FAKE"))

    // The default cert location counts only when the file exists; then it wins over `user`.
    try sandbox.write("home/builder/.koji/client.crt", "-----BEGIN CERTIFICATE-----\n")
    let withCert = try sandbox.resolve().koji
    #expect(withCert.cert == SourcedValue("\(sandbox.home)/.koji/client.crt", source: "default"))
    #expect(withCert.authtype?.value == "ssl")

    let bad = try sandbox.write("etc/koji.conf", "[koji]\nauthtype = magic\n")
    let error = sandbox.configError { _ = try sandbox.resolve() }
    #expect(error?.description.hasPrefix("\(bad):2: ") == true)
  }

  @Test func nonIntegerRetryValueIsAnError() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write("etc/koji.conf", "[koji]\nmax_retries = many\n")
    let error = sandbox.configError { _ = try sandbox.resolve() }
    #expect(error?.description.hasPrefix("\(path):2: ") == true)
    #expect(error?.description.contains("max_retries") == true)
  }

  /// koji's offline_retry and offline_retry_interval (issue 11, defect 5): off and 20 s unless the profile
  /// says otherwise; a value that is not a boolean or an integer names its file and line.
  @Test func offlineRetryFollowsKoji() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.write("etc/koji.conf", "[koji]\nserver = https://k/kojihub\nauthtype = noauth\n")
    let defaults = try sandbox.resolve()
    #expect(defaults.koji.offlineRetry == SourcedValue(false, source: "default"))
    #expect(try defaults.kojiConnection().offlineRetry == false)
    #expect(try defaults.kojiConnection().offlineRetryInterval == .seconds(20))

    let user = try sandbox.write(
      "home/builder/.koji/config", "[koji]\noffline_retry = yes\noffline_retry_interval = 5\n")
    let settings = try sandbox.resolve()
    #expect(settings.koji.offlineRetry == SourcedValue(true, source: "\(user):2"))
    #expect(settings.koji.offlineRetryInterval == SourcedValue(5, source: "\(user):3"))
    #expect(settings.koji.extra["offline_retry"] == nil)
    #expect(try settings.kojiConnection().offlineRetry)
    #expect(try settings.kojiConnection().offlineRetryInterval == .seconds(5))

    let bad = try sandbox.write("home/builder/.koji/config", "[koji]\noffline_retry = sometimes\n")
    let error = sandbox.configError { _ = try sandbox.resolve() }
    #expect(error?.description.hasPrefix("\(bad):2: ") == true)
  }
}

@Suite("settings scope")
struct SettingsScopeTests {
  /// A resolution for a cluster command reads no koji file: a broken one does not stop it, and its
  /// Koji settings are the built-in defaults, marked as out of scope.
  @Test func aScopeWithoutKojiReadsNoKojiConfig() throws {
    let sandbox = try ConfigSandbox()
    let broken = try sandbox.write("etc/koji.conf", "[koji\nserver = https://broken.example.test\n")
    try sandbox.copyFixture("kubeconfig-sandbox.yaml", to: "home/builder/.kube/config")

    let cluster = try sandbox.resolve(ConfigInputs(scope: .openShift))
    #expect(cluster.scope == .openShift)
    #expect(cluster.koji.configFiles.isEmpty && cluster.koji.server == nil)
    #expect(cluster.openshift.server?.value == "https://api.sandbox.example.test:8443")

    let error = sandbox.configError { _ = try sandbox.resolve(ConfigInputs(scope: .all)) }
    #expect(error?.description.contains(broken) == true, "\(String(describing: error))")
  }

  @Test func aScopeWithoutTheClusterReadsNoKubeconfig() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.write("home/builder/.kube/config", "clusters: {not: a list}\n")
    let local = try sandbox.resolve(ConfigInputs(scope: []))
    #expect(local.openshift.kubeconfigFiles.value.isEmpty && local.openshift.server == nil)
    #expect(sandbox.configError { _ = try sandbox.resolve(ConfigInputs(scope: .openShift)) } != nil)
  }
}
