import FuzzSupport
import OSBSKit

// A `<methodCall>` as the sandbox hub reads it (and as the wire captures record what clients sent).
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count) { data in
    let call = try XMLRPCDecoder.decodeCall(data)
    _ = call.positionalAndKeywords
    _ = XMLRPCEncoder.encode(call)
  }
}

FuzzInput.main(fuzzOneInput)
