import Foundation
import FuzzSupport
import OSBSKit

// `ovs-ofctl dump-flows` output, as `ovs flows`/`ovs stale` read it; a parsed dump must encode (`-o json`).
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count) { data in
    let dump = try OVSFlowDump.parse(FuzzInput.text(data))
    _ = try JSONEncoder().encode(dump)
  }
}

FuzzInput.main(fuzzOneInput)
