import Foundation

/// `node drain`: cordon the node, evict what may be evicted, and wait until it is empty (or, on a dry
/// run, only plan and have the server validate the cordon); its report.
public struct NodeDrainRun: Sendable {
  public let client: OpenShiftClient
  public let node: String
  public let options: DrainOptions

  public init(client: OpenShiftClient, node: String, options: DrainOptions) {
    self.client = client
    self.node = node
    self.options = options
  }

  public func run(progress: (@Sendable (DrainProgress) -> Void)? = nil) async throws -> NodeDrainReport {
    try options.validate()
    let result = try await client.drain(node: node, options: options, progress: progress)
    return NodeDrainReport(
      plan: result.plan, cordon: result.cordon, evicted: result.evicted, dryRun: result.dryRun,
      waitForBuilds: options.waitForBuilds)
  }
}

extension DrainOptions {
  /// A setting of `DrainOptions`, as validation errors name it (the CLI maps each to its flag).
  public enum Field: String, Sendable, CaseIterable {
    case waitForBuilds, timeout, pollInterval
  }

  public func validate() throws {
    if timeout < .zero { throw DrainOptionsError.negative(.timeout) }
    if pollInterval <= .zero { throw DrainOptionsError.notPositive(.pollInterval) }
  }
}

public enum DrainOptionsError: ClassifiedError, Equatable {
  case negative(DrainOptions.Field)
  case notPositive(DrainOptions.Field)

  public var failureKind: FailureKind { .usage }

  public var description: String { message(naming: \.rawValue) }

  /// The problem in words, the field spelled by `name` (its flag, on the command line).
  public func message(naming name: (DrainOptions.Field) -> String) -> String {
    switch self {
    case .negative(let field): "\(name(field)) must not be negative"
    case .notPositive(let field): "\(name(field)) must be positive"
    }
  }
}
