import Foundation
import Testing

@testable import OSBSKit

/// The remote build host in an arch build step's log (atomic-reactor 4.22 `binary_container_build`).
@Suite("doctor: a failed build step's host from its log")
struct FailedStepLogTests {
  @Test func theBuildingLineNamesTheHost() {
    let line =
      "2026-12-04 16:17:00,120 - atomic_reactor.tasks.binary_container_build - INFO - Building "
      + "image=registry.example.org/app:tag-x86_64 on host=buildvm-x86-02.example.com"
    #expect(FailedStepLog.buildHost(inLine: line) == "buildvm-x86-02.example.com")
  }

  @Test func otherLinesNameNoHost() {
    #expect(
      FailedStepLog.buildHost(
        inLine: "2026-12-04 16:17:00,120 - atomic_reactor.utils.remote_host - INFO - "
          + "buildvm-x86-02.example.com: slot 1 is locked for pipelinerun run-a") == nil)
    #expect(FailedStepLog.buildHost(inLine: "Building image=a on host=") == nil)
    #expect(FailedStepLog.buildHost(inLine: "echo on host=x") == nil)
  }

  @Test func linesEndAtLFAndAtCRLFAlike() {
    let text = "step one\r\nstep two\n\nprogress 10%\rprogress 100%\r\nerror: failed\r\n"
    #expect(
      FailedStepLog.lines(Data(text.utf8)) == [
        "step one", "step two", "progress 10%\rprogress 100%", "error: failed",
      ])
  }
}
