import Foundation

/// osbsctl's own YAML configuration (`/etc/osbsctl/config.yaml`, `~/.config/osbsctl/config.yaml`).
struct OSBSCtlConfigDocument: Sendable {
  var defaultProfile: Located<String>?
  var profiles: [String: Profile]?

  struct Profile: Sendable {
    var koji: Koji?
    var openshift: OpenShift?
    var distGit: DistGit?
    var docker: Docker?
    var ovs: OVS?
    var http: HTTP?
    var probe: Probe?
  }

  struct Koji: Sendable {
    var profile: Located<String>?
    var configFile: Located<String>?
  }

  struct OpenShift: Sendable {
    var kubeconfig: Located<String>?
    var context: Located<String>?
    var namespace: Located<String>?
    var buildAPI: Located<String>?
  }

  struct DistGit: Sendable {
    var anonURLTemplate: Located<String>?
    var targetTemplate: Located<String>?
    var branchTargets: [String: Located<String>]?
  }

  struct Docker: Sendable {
    var host: Located<String>?
  }

  struct HTTP: Sendable {
    /// Bytes, or with a unit: `64MiB`, `512KiB`, `1GiB`.
    var maxResponseBytes: Located<String>?
    /// kubectl's `--request-timeout` syntax: `30s`, `2m`, `1m30s`, or seconds; `0` means no limit.
    var requestTimeout: Located<String>?
  }

  /// `node probe`: the buildroot image the probe runs in and the URL it tries.
  struct Probe: Sendable {
    var image: Located<String>?
    var target: Located<String>?
  }

  struct OVS: Sendable {
    var bridge: Located<String>?
    var ofctl: Located<String>?
    var openflowVersion: Located<String>?
  }
}

extension OSBSCtlConfigDocument {
  init(reading root: YAMLNodeReader) throws(ConfigError) {
    let top = try root.mapping() ?? [:]
    defaultProfile = try top["defaultProfile"]?.string()
    guard let profileEntries = try top["profiles"]?.mapping() else { return }
    var profiles: [String: Profile] = [:]
    for (name, entry) in profileEntries {
      guard let sections = try entry.mapping() else {
        profiles[name] = Profile()
        continue
      }
      func section(_ key: String) throws(ConfigError) -> [String: YAMLNodeReader]? {
        try sections[key]?.mapping()
      }
      var profile = Profile()
      if let koji = try section("koji") {
        profile.koji = Koji(
          profile: try koji["profile"]?.string(), configFile: try koji["configFile"]?.string())
      }
      if let openshift = try section("openshift") {
        profile.openshift = OpenShift(
          kubeconfig: try openshift["kubeconfig"]?.string(), context: try openshift["context"]?.string(),
          namespace: try openshift["namespace"]?.string(), buildAPI: try openshift["buildAPI"]?.string())
      }
      if let distGit = try section("distGit") {
        var targets: [String: Located<String>]?
        if let branches = try distGit["branchTargets"]?.mapping() {
          var read: [String: Located<String>] = [:]
          for (branch, target) in branches {
            if let value = try target.string() { read[branch] = value }
          }
          targets = read
        }
        profile.distGit = DistGit(
          anonURLTemplate: try distGit["anonURLTemplate"]?.string(),
          targetTemplate: try distGit["targetTemplate"]?.string(), branchTargets: targets)
      }
      if let docker = try section("docker") { profile.docker = Docker(host: try docker["host"]?.string()) }
      if let ovs = try section("ovs") {
        profile.ovs = OVS(
          bridge: try ovs["bridge"]?.string(), ofctl: try ovs["ofctl"]?.string(),
          openflowVersion: try ovs["openflowVersion"]?.string())
      }
      if let http = try section("http") {
        profile.http = HTTP(
          maxResponseBytes: try http["maxResponseBytes"]?.string(),
          requestTimeout: try http["requestTimeout"]?.string())
      }
      if let probe = try section("probe") {
        profile.probe = Probe(image: try probe["image"]?.string(), target: try probe["target"]?.string())
      }
      profiles[name] = profile
    }
    self.profiles = profiles
  }
}

/// The osbsctl config files flattened to `profile → dotted key → value`, merged file over file key by key.
///
/// Keys are `koji.profile`, `openshift.kubeconfig`, `distGit.branchTargets.<branch>`, and so on. Path
/// values are stored as written; `baseDirectory` of the entry lets callers resolve relative ones.
struct OSBSCtlConfig: Sendable {
  struct Entry: Sendable, Equatable {
    var value: String
    var path: String
    var line: Int?

    var source: String { SettingSource.file(path, line: line) }
    var sourced: SourcedValue<String> { SourcedValue(value, source: source) }

    /// The value as a path: `~` expanded, and relative to the file it is written in (as kubeconfig paths are).
    func path(in environment: ConfigEnvironment) -> SourcedValue<String> {
      let expanded = environment.expandingTilde(value)
      return SourcedValue(
        PathText.absolute(expanded, relativeTo: PathText.directory(of: path)), source: source)
    }
  }

  var files: [String] = []
  /// Keys the files have and osbsctl does not know (typos), one warning each with file and line.
  var unknownKeys: [String] = []
  var defaultProfile: Entry?
  var profiles: [String: [String: Entry]] = [:]

  static let buildAPIValues = ["auto", "grouped", "legacy"]

  mutating func merge(_ document: OSBSCtlConfigDocument, from path: String) throws(ConfigError) {
    files.append(path)
    if let value = document.defaultProfile {
      defaultProfile = Entry(value: value.value, path: path, line: value.line)
    }
    for (name, profile) in document.profiles ?? [:] {
      var flat = profiles[name] ?? [:]
      func put(_ key: String, _ located: Located<String>?) {
        guard let located else { return }
        flat[key] = Entry(value: located.value, path: path, line: located.line)
      }
      put("koji.profile", profile.koji?.profile)
      put("koji.configFile", profile.koji?.configFile)
      put("openshift.kubeconfig", profile.openshift?.kubeconfig)
      put("openshift.context", profile.openshift?.context)
      put("openshift.namespace", profile.openshift?.namespace)
      if let buildAPI = profile.openshift?.buildAPI, !Self.buildAPIValues.contains(buildAPI.value) {
        throw .malformedFile(
          path: path, line: buildAPI.line,
          reason:
            "profiles.\(name).openshift.buildAPI must be one of \(Self.buildAPIValues.joined(separator: ", "))"
        )
      }
      put("openshift.buildAPI", profile.openshift?.buildAPI)
      put("distGit.anonURLTemplate", profile.distGit?.anonURLTemplate)
      put("distGit.targetTemplate", profile.distGit?.targetTemplate)
      for (branch, target) in profile.distGit?.branchTargets ?? [:] {
        put("distGit.branchTargets.\(branch)", target)
      }
      put("docker.host", profile.docker?.host)
      put("ovs.bridge", profile.ovs?.bridge)
      put("ovs.ofctl", profile.ovs?.ofctl)
      put("ovs.openflowVersion", profile.ovs?.openflowVersion)
      put("probe.image", profile.probe?.image)
      put("probe.target", profile.probe?.target)
      put("http.maxResponseBytes", profile.http?.maxResponseBytes)
      put("http.requestTimeout", profile.http?.requestTimeout)
      profiles[name] = flat
    }
  }

  static func load(paths: [String]) throws(ConfigError) -> OSBSCtlConfig {
    var config = OSBSCtlConfig()
    for path in paths {
      let root = try YAMLFile.reader(text: try ConfigFiles.text(path), path: path)
      let document = try root.map { reader throws(ConfigError) in try OSBSCtlConfigDocument(reading: reader) }
      try config.merge(document ?? OSBSCtlConfigDocument(), from: path)
      if let root {
        config.unknownKeys += ConfigKeySchema.osbsctlConfig.unknownKeys(in: root.node, path: path)
      }
    }
    return config
  }
}
