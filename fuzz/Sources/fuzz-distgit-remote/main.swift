import FuzzSupport
import OSBSKit

// `git remote get-url origin` output → `namespace/name`, then a URL template filled with it.
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count) { data in
    let remote = try DistGitRemote(url: FuzzInput.text(data))
    _ = remote.expand(BuiltInDefaults.anonURLTemplate)
  }
}

FuzzInput.main(fuzzOneInput)
