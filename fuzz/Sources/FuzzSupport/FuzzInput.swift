import CLibFuzzer
import Foundation
import OSBSKit

/// What a parser may throw for hostile input without that being a finding.
public enum ErrorPolicy: Sendable {
  /// Only errors that say what was wrong (`ClassifiedError`): anything else means an untyped error escaped.
  case classified
  /// Any error (Foundation decoders throw `DecodingError`, which callers wrap).
  case any
}

/// The body every `LLVMFuzzerTestOneInput` shares: copy libFuzzer's bytes into `Data`, run the parser, and turn
/// an error outside the policy into a crash libFuzzer records, with the error's type in the report.
public enum FuzzInput {
  /// libFuzzer's per-input callback.
  public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

  /// Hands the process to libFuzzer (flags, corpus directories, `-runs=`, …) and exits with its status.
  /// SwiftPM gives every executable its own `main`; which `main` the linker keeps differs between debug
  /// and release links, so each target both exports `LLVMFuzzerTestOneInput` (libFuzzer's main finds it)
  /// and calls this from its top-level code (ours drives libFuzzer): either way the same input function runs.
  public static func main(_ testOneInput: TestOneInput) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
  }

  public static func run(
    _ bytes: UnsafePointer<UInt8>?, _ count: Int, errors policy: ErrorPolicy = .classified,
    _ body: (Data) throws -> Void
  ) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    do {
      try body(data)
    } catch {
      if case .classified = policy, !(error is any ClassifiedError) {
        fatalError("untyped error escaped: \(type(of: error)): \(error)")
      }
    }
    return 0
  }

  /// The input as text the way osbsctl reads files: invalid UTF-8 is repaired, not refused.
  public static func text(_ data: Data) -> String {
    String(decoding: data, as: UTF8.self)
  }
}
