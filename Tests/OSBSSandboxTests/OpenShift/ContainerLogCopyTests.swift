import Testing

@testable import OSBSSandbox

/// The sandbox kubelet copies a container's log from whole re-reads of the engine's log; a read that
/// caught the engine mid-write must not cost or repeat a byte.
@Suite("Sandbox kubelet log copy")
struct ContainerLogCopyTests {
  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
  private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  @Test func aReadCutInsideTheFirstEntryLosesNothing() {
    // podman's reader found `<time> stdout F ` at the end of the file and handed it over as an empty
    // line; the `{` of the report was written a moment later.
    var copy = ContainerLogCopy()
    var copied = ""
    copied += text(copy.take(bytes("\n"), exited: false))
    copied += text(copy.take(bytes("{\n  \"scope\": \"node\"\n"), exited: false))
    copied += text(copy.take(bytes("{\n  \"scope\": \"node\"\n}\n"), exited: false))
    copied += text(copy.take(bytes("{\n  \"scope\": \"node\"\n}\n"), exited: true))
    #expect(copied == "{\n  \"scope\": \"node\"\n}\n")
    #expect(copy.isSettled)
  }

  @Test func aLineCutShortByOneReadIsCopiedWhole() {
    var copy = ContainerLogCopy()
    var copied = ""
    copied += text(copy.take(bytes("one\n"), exited: false))
    copied += text(copy.take(bytes("one\ntw\n"), exited: false))
    copied += text(copy.take(bytes("one\ntwo\nthree\n"), exited: false))
    #expect(copied == "one\n")
    copied += text(copy.take(bytes("one\ntwo\nthree\nfour"), exited: true))
    #expect(copied == "one\ntwo\nthree\n")
    #expect(!copy.isSettled)
    copied += text(copy.take(bytes("one\ntwo\nthree\nfour"), exited: true))
    #expect(copied == "one\ntwo\nthree\nfour")
    #expect(copy.isSettled)
    #expect(copy.take(bytes("one\ntwo\nthree\nfour\nmore\n"), exited: true).isEmpty)
  }

  @Test func aRunningContainersLastLineWaitsForWhatFollowsIt() {
    var copy = ContainerLogCopy()
    #expect(copy.take(bytes("step 1\nstep 2 runni"), exited: false).isEmpty)
    #expect(text(copy.take(bytes("step 1\nstep 2 runni"), exited: false)) == "step 1\n")
    #expect(text(copy.take(bytes("step 1\nstep 2 running\n"), exited: false)).isEmpty)
    // Whole and read twice, but still the last line: the engine may not have finished writing it.
    #expect(text(copy.take(bytes("step 1\nstep 2 running\n"), exited: false)).isEmpty)
    #expect(copy.copiedBytes == 7)
    #expect(text(copy.take(bytes("step 1\nstep 2 running\n"), exited: true)) == "step 2 running\n")
    #expect(copy.isSettled)
  }

  /// The same cut entry caught by two reads in a row (conmon held up mid-write on a loaded machine).
  @Test func aCutEntrySeenTwiceIsStillNotCopied() {
    var copy = ContainerLogCopy()
    var copied = ""
    for (read, exited) in [
      ("\n", false), ("\n", false), ("{\n}\n", false), ("{\n}\n", false), ("{\n}\n", true),
    ] {
      copied += text(copy.take(bytes(read), exited: exited))
    }
    #expect(copied == "{\n}\n")
  }

  @Test func anExitedContainerWhoseReadsNeverAgreeKeepsTheLastRead() {
    var copy = ContainerLogCopy()
    #expect(copy.take(bytes("a\nb"), exited: true).isEmpty)
    #expect(text(copy.take(bytes("a\nbc"), exited: true)) == "a\n")
    #expect(!copy.isSettled)
    #expect(text(copy.settle()) == "bc")
    #expect(copy.settle().isEmpty)
  }
}
