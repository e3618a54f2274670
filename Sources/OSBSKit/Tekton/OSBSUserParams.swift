import Foundation

/// The user params osbs-client puts into a PipelineRun as the JSON string of its `user-params` param. No
/// label carries the Koji task id or user, so this is where a run's task is found.
public struct OSBSUserParams: Codable, Sendable, Equatable {
  /// `build_user_params` or `source_containers_user_params`.
  public var kind: String?
  public var taskId: Int?
  public var user: String?
  public var component: String?
  public var kojiTarget: String?
  public var gitURI: String?
  public var gitRef: String?
  public var gitBranch: String?
  /// The base name derived from the git repository.
  public var name: String?
  public var platforms: [String]?
  public var scratch: Bool?
  public var isolated: Bool?
  public var imageTag: String?
  public var reactorConfigMap: String?
  public var userAgent: String?

  enum CodingKeys: String, CodingKey {
    case kind
    case taskId = "koji_task_id"
    case user, component
    case kojiTarget = "koji_target"
    case gitURI = "git_uri"
    case gitRef = "git_ref"
    case gitBranch = "git_branch"
    case name, platforms, scratch, isolated
    case imageTag = "image_tag"
    case reactorConfigMap = "reactor_config_map"
    case userAgent = "user_agent"
  }

  public init(
    kind: String? = "build_user_params", taskId: Int? = nil, user: String? = nil, component: String? = nil,
    kojiTarget: String? = nil, gitURI: String? = nil, gitRef: String? = nil, gitBranch: String? = nil,
    name: String? = nil, platforms: [String]? = nil, scratch: Bool? = nil, isolated: Bool? = nil,
    imageTag: String? = nil, reactorConfigMap: String? = nil, userAgent: String? = nil
  ) {
    self.kind = kind
    self.taskId = taskId
    self.user = user
    self.component = component
    self.kojiTarget = kojiTarget
    self.gitURI = gitURI
    self.gitRef = gitRef
    self.gitBranch = gitBranch
    self.name = name
    self.platforms = platforms
    self.scratch = scratch
    self.isolated = isolated
    self.imageTag = imageTag
    self.reactorConfigMap = reactorConfigMap
    self.userAgent = userAgent
  }

  /// Decodes the param's JSON text.
  public init(json: String) throws {
    self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
  }

  /// The JSON text osbs-client would put in the param: keys sorted, empty values left out.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
