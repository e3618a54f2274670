import Foundation
import FuzzSupport
import OSBSKit

// One API reply body decoded as every model osbsctl reads: single objects, list pages and `Status`.
// A value that decodes must encode again (results are rendered as JSON).
// libFuzzer's own main calls this in some link layouts, FuzzInput.main in others (see FuzzInput.main).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzInput.run(bytes, count, errors: .any) { data in
    roundTrip(Build.self, data)
    roundTrip(Pod.self, data)
    roundTrip(Node.self, data)
    roundTrip(BuildConfig.self, data)
    roundTrip(ObjectList<Build>.self, data)
    roundTrip(ObjectList<Pod>.self, data)
    roundTrip(ObjectList<Node>.self, data)
    roundTrip(APIStatus.self, data)
  }
}

FuzzInput.main(fuzzOneInput)

private func roundTrip<T: Codable>(_ type: T.Type, _ data: Data) {
  guard let value = try? JSONDecoder().decode(type, from: data) else { return }
  do {
    _ = try JSONEncoder().encode(value)
  } catch {
    fatalError("decoded \(type) does not encode: \(error)")
  }
}
