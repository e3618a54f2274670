import Foundation

/// A hub user. `usertype` 0 is a person, 1 a build host.
public struct KojiHubUser: Sendable, Hashable, Codable {
  public var id: Int
  public var name: String
  /// Nil: password login is refused for this user (certificate or Kerberos only).
  public var password: String?
  public var permissions: [String]
  public var krbPrincipals: [String]
  public var usertype: Int
  /// 0 NORMAL, 1 BLOCKED.
  public var status: Int

  public init(
    id: Int, name: String, password: String? = nil, permissions: [String] = [], krbPrincipals: [String] = [],
    usertype: Int = 0, status: Int = 0
  ) {
    self.id = id
    self.name = name
    self.password = password
    self.permissions = permissions
    self.krbPrincipals = krbPrincipals
    self.usertype = usertype
    self.status = status
  }

  public var isAdmin: Bool { permissions.contains("admin") }
}

public struct KojiHubTag: Sendable, Hashable, Codable {
  public var id: Int
  public var name: String
  public var locked: Bool
  public var arches: String?

  public init(id: Int, name: String, locked: Bool = false, arches: String? = nil) {
    self.id = id
    self.name = name
    self.locked = locked
    self.arches = arches
  }
}

public struct KojiHubTarget: Sendable, Hashable, Codable {
  public var id: Int
  public var name: String
  public var buildTagID: Int
  public var destTagID: Int

  public init(id: Int, name: String, buildTagID: Int, destTagID: Int) {
    self.id = id
    self.name = name
    self.buildTagID = buildTagID
    self.destTagID = destTagID
  }
}

public struct KojiHubHost: Sendable, Hashable, Codable {
  public var id: Int
  public var userID: Int
  public var name: String
  public var arches: String
  public var capacity: Double

  public init(id: Int, userID: Int, name: String, arches: String = "x86_64", capacity: Double = 2) {
    self.id = id
    self.userID = userID
    self.name = name
    self.arches = arches
    self.capacity = capacity
  }
}

/// Everything the hub knows before the first call: users, tags, build targets, hosts, channels.
public struct KojiHubSeed: Sendable {
  public var users: [KojiHubUser]
  public var tags: [KojiHubTag]
  public var targets: [KojiHubTarget]
  public var hosts: [KojiHubHost]
  /// Channel names by id; the captured hub has `container` as channel 9.
  public var channels: [Int: String]

  public init(
    users: [KojiHubUser], tags: [KojiHubTag], targets: [KojiHubTarget], hosts: [KojiHubHost],
    channels: [Int: String]
  ) {
    self.users = users
    self.tags = tags
    self.targets = targets
    self.hosts = hosts
    self.channels = channels
  }

  /// Releases with a `{release}-container-candidate` target, f25 first so its ids match the captures
  /// (target 1, build tag 1 `f25-container-build`, destination tag 2 `f25-container-candidate`).
  public static let releases = (25...45).map { "f\($0)" } + ["rawhide"]

  /// The target whose destination tag is locked (for "Destination tag X is locked" checks).
  public static let lockedTargetName = "locked-container-candidate"

  public static let standard: KojiHubSeed = {
    var tags: [KojiHubTag] = []
    var targets: [KojiHubTarget] = []
    for release in releases + ["locked"] {
      let buildTag = KojiHubTag(id: tags.count + 1, name: "\(release)-container-build", arches: "x86_64")
      tags.append(buildTag)
      let destTag = KojiHubTag(
        id: tags.count + 1, name: "\(release)-container-candidate", locked: release == "locked")
      tags.append(destTag)
      targets.append(
        KojiHubTarget(
          id: targets.count + 1, name: "\(release)-container-candidate", buildTagID: buildTag.id,
          destTagID: destTag.id))
    }
    let users = [
      KojiHubUser(id: 1, name: "kojiadmin", password: "kojiadminpass", permissions: ["admin"]),
      KojiHubUser(id: 2, name: "builder1", password: "builder1pass", permissions: ["container-build"]),
      KojiHubUser(id: 3, name: "builder2", password: "builder2pass", permissions: ["container-build"]),
      KojiHubUser(id: 4, name: "viewer1", password: "viewer1pass"),
      KojiHubUser(id: 5, name: "buildvm-01.example.org", usertype: 1),
      KojiHubUser(id: 6, name: "buildvm-02.example.org", usertype: 1),
      KojiHubUser(id: 7, name: "buildvm-03.example.org", usertype: 1),
    ]
    let hosts = [
      KojiHubHost(id: 1, userID: 5, name: "buildvm-01.example.org"),
      KojiHubHost(id: 2, userID: 6, name: "buildvm-02.example.org", arches: "x86_64 i686"),
      KojiHubHost(id: 3, userID: 7, name: "buildvm-03.example.org", arches: "aarch64"),
    ]
    let channels = [
      1: "default", 2: "createrepo", 3: "maven", 4: "livecd", 5: "appliance", 6: "vm", 7: "image",
      8: "livemedia", 9: "container", 10: "container-binary",
    ]
    return KojiHubSeed(users: users, tags: tags, targets: targets, hosts: hosts, channels: channels)
  }()
}
