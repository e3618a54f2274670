import FuzzSupport
import OSBSKit

// A Koji hub's reply: `<methodResponse>` with params or a fault.
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count) { data in
    let response = try XMLRPCDecoder.decodeResponse(data)
    _ = XMLRPCEncoder.encode(response)
  }
}

FuzzInput.main(fuzzOneInput)
