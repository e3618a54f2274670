import FuzzSupport
import OSBSKit

// osbsctl's own YAML (`--config FILE`), decoded and resolved with its default profile.
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count) { data in
    let scratch = ConfigScratch.shared
    let path = scratch.write(data, named: "config.yaml")
    _ = try scratch.resolve(ConfigInputs(configFile: path))
  }
}

FuzzInput.main(fuzzOneInput)
