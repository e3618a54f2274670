import ArgumentParser
import Testing

@testable import OSBSCtlCLI

/// A run that only reads local files gets no Ctrl-C handler and no task of its own (`CommandRunner`): it
/// must be exactly the runs that talk to no server or engine, run no program and change nothing.
@Suite("Runs that only read local files")
struct LocalRunTests {
  @Test(arguments: [
    (["config", "view"], true),
    (["config", "view", "-o", "yaml"], true),
    (["ovs", "check", "--from", "dump.txt", "--pods-from", "pods.json"], true),
    (["ovs", "check", "--from", "-", "--pods-json", "{}"], true),
    (["ovs", "flows", "--from", "dump.txt"], true),
    // Pods from the API, flows from ovs-ofctl, or a fix: not local.
    (["ovs", "check", "--from", "dump.txt"], false),
    (["ovs", "check", "--pods-from", "pods.json"], false),
    (["ovs", "flows"], false),
    (["ovs", "fix", "--from", "dump.txt", "--pods-from", "pods.json"], false),
    (["node", "cordon", "node-1"], false),
    (["version", "--client"], false),
    (["task", "info", "1"], false),
  ])
  func onlyTheRunsThatReadLocalFilesSaySo(arguments: [String], local: Bool) throws {
    let command = try #require(try OSBSCtl.parseAsRoot(arguments) as? any OSBSCtlCommand, "\(arguments)")
    #expect(command.onlyReadsLocalFiles == local, "\(arguments)")
  }
}
