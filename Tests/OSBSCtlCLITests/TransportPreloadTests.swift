import ArgumentParser
import Testing

@testable import OSBSCtlCLI

/// Which command lines make `main` start loading libcurl on another thread before it parses them
/// (`OSBSCtlCommand.transfers`): the leaf is found by the same walk that arranges global options, and a
/// leaf that will transfer says so.
@Suite("libcurl starts loading during the parse, for the command lines that will transfer")
struct TransportPreloadTests {
  /// The leaves that never transfer, whatever their words: they read files or run `ovs-ofctl`. `version`
  /// and the OVS checks depend on their words (below).
  static let neverTransfer: Set = ["config view", "ovs flows"]

  static func decision(_ arguments: [String]) throws -> (command: String, transfers: Bool) {
    guard
      case .arguments(let arranged, let command) = GlobalOptionPlacement.arrange(
        arguments, root: OSBSCtl.self)
    else { throw ValidationError("\(arguments) not arranged") }
    return (String(describing: command), OSBSCtl.willTransfer(arranged, command: command))
  }

  @Test(arguments: CommandHelpShapeTests.leaves())
  func everyLeafThatTalksToAServerOrAnEngineTransfers(leaf: CommandHelpShapeTests.Leaf) throws {
    let decision = try Self.decision(leaf.sample)
    #expect(decision.command == String(describing: leaf.type), "\(leaf): the walk stopped elsewhere")
    #expect(decision.transfers == !Self.neverTransfer.contains(leaf.name), "\(leaf)")
  }

  @Test(arguments: [
    (["version"], true),
    (["version", "-o", "json"], true),
    (["version", "--client"], false),
    (["ovs", "check", "--node", "n1"], true),
    (["ovs", "check", "--from", "dump.txt", "--pods-from", "pods.json"], false),
    (["ovs", "check", "--pods-from=pods.json"], false),
    (["ovs", "fix", "--pods-json", "{}"], false),
    (["ovs", "fix", "--from", "dump.txt"], true),
  ])
  func theWordsDecideForVersionAndTheOVSChecks(arguments: [String], transfers: Bool) throws {
    #expect(try Self.decision(arguments).transfers == transfers, "\(arguments)")
  }

  @Test func globalOptionsBeforeTheCommandDoNotHideIt() throws {
    let decision = try Self.decision(["-o", "json", "--kubeconfig", "kc", "node", "cordon", "n1"])
    #expect(decision.command == String(describing: NodeCordonCommand.self))
    #expect(decision.transfers)
  }

  /// A group or no words at all reach no leaf, and a leaf's help transfers nothing (`help X` is `X --help`):
  /// nothing is loaded ahead, and the parser answers.
  @Test(arguments: [
    ["node"], ["help", "node", "cordon"], ["node", "--help"], [], ["node", "cordon", "n1", "--help"],
    ["node", "cordon", "-h", "n1"],
  ])
  func withoutALeafOrForHelpNothingLoadsAhead(arguments: [String]) throws {
    #expect(try Self.decision(arguments).transfers == false, "\(arguments)")
  }
}
