import Foundation
import FuzzSupport
import OSBSKit

// A Docker Engine (or podman) API reply, read as each endpoint's decoder reads it; what decodes must encode
// again (`-o json`). Every rejection must be a typed DockerError.
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count) { data in
    let encoder = JSONEncoder()
    var firstError: (any Error)?
    func attempt(_ decode: () throws -> any Encodable) {
      do {
        _ = try encoder.encode(try decode())
      } catch {
        firstError = firstError ?? error
      }
    }
    attempt { try DockerReply.version(data) }
    attempt { try DockerReply.containers(data) }
    attempt { try DockerReply.images(data) }
    attempt { try DockerReply.imageDeletions(data) }
    attempt { try DockerReply.systemDataUsage(data) }
    if let firstError { throw firstError }
  }
}

FuzzInput.main(fuzzOneInput)
