import Foundation
import Testing

@testable import OSBSKit

/// Operations validate their own options and name the offending field; the CLI words it with its flags.
@Suite("Operation options name the field at fault")
struct OperationOptionsTests {
  static func containerBuild(_ change: (inout ContainerBuildOptions) -> Void) -> ContainerBuildOptions {
    var options = ContainerBuildOptions()
    change(&options)
    return options
  }

  @Test(
    arguments: [
      (
        containerBuild {
          $0.scratch = true; $0.isolated = true
        }, .mutuallyExclusive(.scratch, .isolated)
      ),
      (containerBuild { $0.isolated = true }, .needs(.isolated, .release)),
      (containerBuild { $0.arches = ["x86_64"] }, .onlyWith(.arches, [.scratch, .isolated])),
      (
        containerBuild {
          $0.signingIntent = "release"; $0.composeIDs = [1]
        }, .mutuallyExclusive(.signingIntent, .composeIDs)
      ),
      (
        containerBuild {
          $0.priority = 1; $0.background = true
        }, .mutuallyExclusive(.priority, .background)
      ),
    ] as [(ContainerBuildOptions, ContainerBuildOptions.Problem)])
  func containerBuildRefusesNamingTheFields(
    options: ContainerBuildOptions, problem: ContainerBuildOptions.Problem
  ) {
    #expect(throws: ContainerBuildError.invalidOptions(problem)) { try options.validate() }
  }

  @Test func aProblemIsWordedWithTheCallersNames() {
    let flags: (ContainerBuildOptions.Field) -> String = { "--x-" + $0.rawValue }
    #expect(
      ContainerBuildOptions.Problem.onlyWith(.arches, [.scratch, .isolated]).message(naming: flags)
        == "--x-arches is only allowed with --x-scratch or --x-isolated")
    #expect(
      ContainerBuildError.invalidOptions(.needs(.isolated, .release)).description == "isolated needs release")
  }

  @Test func validContainerBuildOptionsPass() throws {
    let isolated = Self.containerBuild {
      $0.isolated = true
      $0.release = "2"
      $0.arches = ["ppc64le"]
    }
    try isolated.validate()
    let background = Self.containerBuild {
      $0.scratch = true
      $0.background = true
    }
    try background.validate()
  }

  @Test func drainRefusesAZeroIntervalAndANegativeTimeout() throws {
    #expect(throws: DrainOptionsError.notPositive(.pollInterval)) {
      try DrainOptions(pollInterval: .zero).validate()
    }
    #expect(throws: DrainOptionsError.negative(.timeout)) {
      try DrainOptions(timeout: .seconds(-1)).validate()
    }
    #expect(
      DrainOptionsError.notPositive(.pollInterval).message(naming: { _ in "--interval" })
        == "--interval must be positive")
    try DrainOptions(timeout: .zero, pollInterval: .milliseconds(1)).validate()
  }
}
