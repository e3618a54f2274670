import Foundation
import OSBSKit
import Synchronization

/// A `downloadTaskOutput` answer decided under the hub's lock and encoded after it: which bytes of which
/// file. A 1 MiB chunk is a 1.4 MB base64 reply; built as an `XMLRPCValue` string and then as a document
/// it cost the sandbox more CPU than the client spent reading it, so a log benchmark measured the sandbox.
struct KojiTaskOutputChunk: Sendable {
  var file: KojiTaskFile
  var range: Range<Int>

  var bytes: [UInt8] { range.isEmpty ? [] : file.bytes(in: range) }
}

/// Reply documents of generated logs, made once per log and range.
///
/// A generated log's bytes are a function of its recipe (`SimulatedLog`), so a document stays right for as
/// long as anyone asks for the same range; clients reading a log again (a benchmark's repeated runs) get
/// the stored bytes. Fixed files are encoded each time: they are small.
final class KojiOutputDocuments: Sendable {
  /// Past this many bytes of documents the store starts over, so the sandbox's memory stays bounded.
  static let byteLimit = 256 << 20

  private struct Key: Hashable {
    var log: SimulatedLog
    var range: Range<Int>
  }

  private struct Store {
    var documents: [Key: Data] = [:]
    var bytes = 0
  }

  private let store = Mutex(Store())

  func document(for chunk: KojiTaskOutputChunk) -> Data {
    guard case .growing(let log, _) = chunk.file.content else {
      return KojiWire.base64StringDocument(chunk.bytes)
    }
    let key = Key(log: log, range: chunk.range)
    if let document = store.withLock({ $0.documents[key] }) { return document }
    // Encoded outside the lock: two readers of one new range both encode it, and neither waits.
    let document = KojiWire.base64StringDocument(chunk.bytes)
    store.withLock { store in
      if store.bytes + document.count > Self.byteLimit { store = Store() }
      if store.documents.updateValue(document, forKey: key) == nil { store.bytes += document.count }
    }
    return document
  }
}
