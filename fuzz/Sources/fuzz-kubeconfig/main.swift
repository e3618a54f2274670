import FuzzSupport
import OSBSKit

// A kubeconfig (`--kubeconfig FILE`), decoded and resolved into the current context's settings.
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count) { data in
    let scratch = ConfigScratch.shared
    let path = scratch.write(data, named: "kubeconfig")
    _ = try scratch.resolve(ConfigInputs(kubeconfig: path))
  }
}

FuzzInput.main(fuzzOneInput)
