import Foundation
import OSBSKit
import Synchronization
import Testing

/// One run of an external program a test expects a command to make, and what the program printed when
/// it was run that way for real (a recording).
struct ExpectedProgram: Sendable, CustomStringConvertible {
  var executable: String
  var arguments: [String]
  var output: ProgramOutput

  init(_ executable: String, _ arguments: [String], _ output: ProgramOutput) {
    self.executable = executable
    self.arguments = arguments
    self.output = output
  }

  var description: String { ([executable] + arguments).joined(separator: " ") }
}

/// Runs only the programs the test said to expect, each expectation once and in any order; any other
/// run fails the test (and the command sees a program that is not there). What was expected but never
/// run is reported by `unusedExpectations`.
final class StrictFakeProgramRunner: ProgramRunner {
  private struct State {
    var pending: [ExpectedProgram]
    var received: [String] = []
  }

  private let state: Mutex<State>

  init(_ expectations: [ExpectedProgram]) { state = Mutex(State(pending: expectations)) }

  var unusedExpectations: [String] { state.withLock { $0.pending.map(\.description) } }
  var receivedRuns: [String] { state.withLock { $0.received } }

  func run(_ executable: String, _ arguments: [String], workingDirectory: String?) async throws
    -> ProgramOutput
  {
    let described = ([executable] + arguments).joined(separator: " ")
    let output: ProgramOutput? = state.withLock { state in
      state.received.append(described)
      guard
        let index = state.pending.firstIndex(where: {
          $0.executable == executable && $0.arguments == arguments
        })
      else { return nil }
      return state.pending.remove(at: index).output
    }
    guard let output else {
      Issue.record("unexpected program run: \(described)")
      throw UnexpectedProgramRun(command: described)
    }
    return output
  }
}

/// What the command sees when it runs a program the test did not expect.
struct UnexpectedProgramRun: Error, CustomStringConvertible {
  var command: String
  var description: String { "\(command): not expected by the test" }
}
