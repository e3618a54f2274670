import Foundation
import FuzzSupport
import OSBSKit

// A koji config file (`-c FILE`), read as configparser would and resolved into a profile: the first section
// the input names, so the fuzzer reaches profile resolution whatever it calls its sections.
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count) { data in
    let scratch = ConfigScratch.shared
    let path = scratch.write(data, named: "koji.conf")
    _ = try scratch.resolve(ConfigInputs(kojiConfigFile: path, kojiProfile: firstSectionName(data)))
  }
}

FuzzInput.main(fuzzOneInput)

private func firstSectionName(_ data: Data) -> String? {
  for line in FuzzInput.text(data).split(separator: "\n") where line.hasPrefix("[") {
    guard let close = line.firstIndex(of: "]") else { continue }
    return String(line[line.index(after: line.startIndex)..<close])
  }
  return nil
}
