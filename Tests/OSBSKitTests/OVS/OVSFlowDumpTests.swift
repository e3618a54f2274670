import Foundation
import OSBSKit
import Testing

@Suite("OVSFlowDump: parsing ovs-ofctl dump-flows output")
struct OVSFlowDumpTests {
  // Captured from Open vSwitch 3.1.0 (dummy datapath) after adding openshift-sdn-style flows: note the
  // normalisation (arp nw_src → arp_spa, nw_dst → arp_tpa, load:10 → load:0xa, note padding).
  static let withStats = """
    OFPST_FLOW reply (OF1.3) (xid=0x2):
     cookie=0x0, duration=0.005s, table=0, n_packets=0, n_bytes=0, actions=drop
     cookie=0x0, duration=0.005s, table=0, n_packets=0, n_bytes=0, priority=200,ip,nw_dst=10.128.0.0/16 actions=drop
     cookie=0xabc, duration=0.005s, table=1, n_packets=0, n_bytes=0, priority=100,tun_src=10.0.0.2 actions=goto_table:30
     cookie=0x0, duration=0.005s, table=2, n_packets=0, n_bytes=0, priority=100,arp,in_port=6,arp_spa=10.128.0.9,arp_sha=0a:58:0a:80:00:09 actions=load:0->NXM_NX_REG0[],goto_table:5
     cookie=0x0, duration=0.005s, table=9, n_packets=0, n_bytes=0, priority=100,ip,nw_dst=10.128.0.9 actions=learn(table=10,hard_timeout=60,NXM_OF_VLAN_TCI[0..11],output:NXM_OF_IN_PORT[]),set_field:10.0.0.1->ip_dst,output:6
     cookie=0x0, duration=0.005s, table=20, n_packets=0, n_bytes=0, priority=100,arp,in_port=5,arp_spa=10.128.0.5,arp_sha=00:00:0a:80:00:05/00:00:ff:ff:ff:ff actions=load:0xa->NXM_NX_REG0[],goto_table:21
     cookie=0x0, duration=158.385s, table=70, n_packets=12, n_bytes=1176, priority=100,ip,nw_dst=10.128.0.5 actions=load:0xa->NXM_NX_REG1[],load:0x5->NXM_NX_REG2[],goto_table:80
     cookie=0x0, duration=0.005s, table=253, n_packets=0, n_bytes=0, actions=note:00.07.00.00.00.00

    """

  static let noStats = """
     actions=drop
     priority=200,ip,nw_dst=10.128.0.0/16 actions=drop
     cookie=0xabc, table=1, priority=100,tun_src=10.0.0.2 actions=goto_table:30
     table=20, priority=100,arp,in_port=5,arp_spa=10.128.0.5,arp_sha=00:00:0a:80:00:05/00:00:ff:ff:ff:ff actions=load:0xa->NXM_NX_REG0[],goto_table:21
     table=253, actions=note:00.07.00.00.00.00
    """

  @Test func readsStatsMatchAndActions() throws {
    let dump = try OVSFlowDump.parse(Self.withStats)
    #expect(dump.headers == ["OFPST_FLOW reply (OF1.3) (xid=0x2):"])
    #expect(dump.flows.count == 8)

    let drop = dump.flows[0]
    #expect(drop.priority == OVSFlow.defaultPriority)
    #expect(drop.table == 0 && drop.protocol == nil && drop.match.isEmpty && drop.actions == ["drop"])
    #expect(drop.line == 2)

    let masked = dump.flows[1]
    #expect(masked.priority == 200 && masked.protocol == "ip")
    #expect(masked.match == [OVSMatchField(name: "nw_dst", value: "10.128.0.0", mask: "16")])

    #expect(dump.flows[2].cookie == "0xabc" && dump.flows[2].cookieValue == 0xabc)

    let arp = dump.flows[5]
    #expect(arp.table == 20 && arp.protocol == "arp")
    #expect(arp.match.map(\.name) == ["in_port", "arp_spa", "arp_sha"])
    #expect(
      arp.field("arp_sha")
        == OVSMatchField(name: "arp_sha", value: "00:00:0a:80:00:05", mask: "00:00:ff:ff:ff:ff"))
    #expect(arp.actions == ["load:0xa->NXM_NX_REG0[]", "goto_table:21"])
    #expect(
      arp.strictMatch
        == "table=20,priority=100,arp,in_port=5,arp_spa=10.128.0.5,arp_sha=00:00:0a:80:00:05/00:00:ff:ff:ff:ff"
    )

    let counted = dump.flows[6]
    #expect(counted.duration == 158.385 && counted.nPackets == 12 && counted.nBytes == 1176)
    #expect(counted.actions == ["load:0xa->NXM_NX_REG1[]", "load:0x5->NXM_NX_REG2[]", "goto_table:80"])

    #expect(dump.flows[7].actions == ["note:00.07.00.00.00.00"])
    #expect(dump.flows[7].table == 253)
  }

  @Test func keepsCommasInsideBracketsWithinOneAction() throws {
    let flow = try #require(try OVSFlowDump.parse(Self.withStats).flows.first { $0.table == 9 })
    #expect(
      flow.actions == [
        "learn(table=10,hard_timeout=60,NXM_OF_VLAN_TCI[0..11],output:NXM_OF_IN_PORT[])",
        "set_field:10.0.0.1->ip_dst", "output:6",
      ])
  }

  @Test func noStatsDumpHasNoHeaderAndOmitsDefaults() throws {
    let dump = try OVSFlowDump.parse(Self.noStats)
    #expect(dump.headers.isEmpty)
    #expect(dump.flows.count == 5)
    #expect(dump.flows.allSatisfy { $0.duration == nil && $0.nPackets == nil && $0.nBytes == nil })
    #expect(dump.flows[0].table == 0 && dump.flows[0].priority == 32768 && dump.flows[0].cookie == "0x0")
    #expect(dump.flows[2].cookie == "0xabc" && dump.flows[2].table == 1)
    // The same flow parses the same with and without statistics.
    let withStats = try OVSFlowDump.parse(Self.withStats).flows.first { $0.table == 20 }
    #expect(withStats?.strictMatch == dump.flows[3].strictMatch)
    #expect(withStats?.actions == dump.flows[3].actions)
  }

  @Test func openFlow10AgesAndFlagsAndTimeouts() throws {
    let text = """
      NXST_FLOW reply (xid=0x8):
       cookie=0x0, duration=4.551s, table=40, n_packets=0, n_bytes=0, idle_age=4, priority=100,arp,arp_tpa=10.128.0.5 actions=output:5
       cookie=0x1, duration=2s, table=9, n_packets=3, n_bytes=180, idle_timeout=60, hard_timeout=300, send_flow_rem, check_overlap, importance=7, idle_age=1, hard_age=2, priority=65535,ip,reg0=0x2a actions=drop
      """
    let dump = try OVSFlowDump.parse(text)
    #expect(dump.headers == ["NXST_FLOW reply (xid=0x8):"])
    #expect(dump.flows[0].idleAge == 4 && dump.flows[0].hardAge == nil)
    let second = dump.flows[1]
    #expect(second.idleTimeout == 60 && second.hardTimeout == 300 && second.importance == 7)
    #expect(second.flags == ["send_flow_rem", "check_overlap"])
    #expect(second.idleAge == 1 && second.hardAge == 2 && second.priority == 65535)
    #expect(second.match == [OVSMatchField(name: "reg0", value: "0x2a")])
  }

  @Test func portNamesInQuotesMayHoldSeparators() throws {
    // `ovs-ofctl --names` quotes names that are not plain identifiers.
    let text = """
       cookie=0x0, duration=0.024s, table=40, n_packets=0, n_bytes=0, priority=100,arp,in_port="coredns--d0c58e",arp_tpa=10.128.0.7 actions=output:"a,b"
       cookie=0x0, duration=1s, table=40, n_packets=0, n_bytes=0, priority=100,arp,in_port="x y/z",arp_tpa=10.128.0.8 actions=output:"p(1"
      """
    let dump = try OVSFlowDump.parse(text)
    #expect(dump.flows[0].field("in_port")?.value == "\"coredns--d0c58e\"")
    #expect(dump.flows[0].actions == ["output:\"a,b\""])
    #expect(dump.flows[1].field("in_port") == OVSMatchField(name: "in_port", value: "\"x y/z\""))
    #expect(dump.flows[1].actions == ["output:\"p(1\""])
  }

  @Test func unknownFieldsAreKeptVerbatim() throws {
    let text =
      " cookie=0x0, table=0, priority=5,tcp,ct_state=+trk+est,tun_metadata0=0x1/0xff,vlan_tci,frobnicate=whatever actions=ct(commit,zone=5,exec(set_field:1->ct_mark)),resubmit(,10)"
    let flow = try #require(try OVSFlowDump.parse(text).flows.first)
    #expect(flow.protocol == "tcp")
    #expect(
      flow.match.map(\.text) == [
        "ct_state=+trk+est", "tun_metadata0=0x1/0xff", "vlan_tci", "frobnicate=whatever",
      ])
    #expect(flow.actions == ["ct(commit,zone=5,exec(set_field:1->ct_mark))", "resubmit(,10)"])
  }

  @Test(arguments: [
    ("this is not a flow", 1, "no actions="),
    (" cookie=0x0, table=300, priority=1 actions=drop", 1, "table=300"),
    (" cookie=0xzz, priority=1 actions=drop", 1, "cookie=0xzz"),
    (" priority=70000 actions=drop", 1, "priority=70000"),
    (" priority=1,ip actions=output:(1", 1, "unbalanced"),
    (" priority=1,in_port=\"open actions=drop", 1, "unterminated quote"),
    (" priority=1,ip actions=drop,,output:1", 1, "empty action"),
    (" priority=1, priority=2 actions=drop", 1, "twice"),
    (" n_packets=-3, priority=1 actions=drop", 1, "n_packets=-3"),
    (" duration=abc, priority=1 actions=drop", 1, "duration=abc"),
    (" =5,priority=1 actions=drop", 1, "without a name"),
    (" nw_dst=,priority=1 actions=drop", 1, "no value"),
    ("OFPST_FLOW reply (OF1.3) (xid=0x2):\n actions=drop\n\n garbage here", 4, "no actions="),
  ])
  func garbageIsAnErrorWithItsLineNumber(text: String, line: Int, mentions: String) {
    #expect {
      try OVSFlowDump.parse(text)
    } throws: { error in
      guard let error = error as? OVSFlowParseError else { return false }
      return error.line == line && error.description.contains(mentions) && error.failureKind == .usage
        && error.description.contains("line \(line)")
    }
  }

  /// The statistics are read from the line's bytes: a filter's `/mask` on the cookie, the `s` of a duration.
  @Test(
    arguments: [
      ("cookie=0x5/0xffff", "0x5", nil), ("cookie=/0x1f", "0x1f", nil), ("cookie=7//", "0x7", nil),
      ("cookie=0XAB", "0xab", nil), ("duration=2.744s", "0x0", 2.744), ("duration=12", "0x0", 12),
      ("duration=0.000001s", "0x0", 0.000001), ("duration=1e2s", "0x0", 100),
    ] as [(String, String, Double?)])
  func statisticsAreReadFromTheirText(field: String, cookie: String, duration: Double?) throws {
    let flow = try #require(try OVSFlowDump.parse(" \(field), priority=1 actions=drop").flows.first)
    #expect(flow.cookie == cookie)
    #expect(flow.duration == duration)
  }

  @Test(arguments: [
    ("cookie=//", "cookie=// is not a number"),
    ("cookie=0x5/\u{301}1", "cookie=0x5/\u{301}1 is not a number"),
    ("duration=s", "duration=s is not a time"), ("duration=-1s", "duration=-1s is not a time"),
    ("duration=infs", "duration=infs is not a time"), ("table=0x100", "table=0x100 is not a number in 0…255"),
    ("n_bytes=18446744073709551616", "n_bytes=18446744073709551616 is not a number"),
  ])
  func badStatisticsSayWhichAndWhy(field: String, reason: String) {
    #expect(throws: OVSFlowParseError.self) { try OVSFlowDump.parse(" \(field), priority=1 actions=drop") }
    do {
      _ = try OVSFlowDump.parse(" \(field), priority=1 actions=drop")
    } catch {
      #expect(error.reason == reason)
    }
  }

  @Test(arguments: [
    "cookie=0x1", "duration=1.0s", "table=1", "priority=1", "n_packets=1", "n_bytes=1", "idle_age=1",
    "hard_age=1", "idle_timeout=1", "hard_timeout=1", "importance=1",
  ])
  func eachStatisticMayAppearOnce(field: String) throws {
    #expect(try OVSFlowDump.parse(" \(field) actions=drop").flows.count == 1)
    let key = String(field.prefix { $0 != "=" })
    #expect(
      throws: OVSFlowParseError(
        line: 1, reason: "\(key) appears twice", text: "\(field), \(field) actions=drop")
    ) {
      try OVSFlowDump.parse(" \(field), \(field) actions=drop")
    }
  }

  @Test func emptyInputIsAnEmptyDump() throws {
    #expect(try OVSFlowDump.parse("").flows.isEmpty)
    #expect(try OVSFlowDump.parse("\n\r\n  \n").flows.isEmpty)
    #expect(try OVSFlowDump.parse("OFPST_FLOW reply (OF1.3) (xid=0x2):\n").headers.count == 1)
  }

  /// Random mutations of real lines and random bytes: every input either parses or throws the typed
  /// error; none crashes or hangs. Seeded, so a failure reproduces.
  @Test func randomGarbageNeverCrashes() {
    var generator = OVSSeededRandom(seed: 0x05B5_C71F)
    let alphabet = Array(" ,=()[]\"\\/.:-0123456789abcdefxactionsprioritytable\n\t\r{}é\u{0}".utf8)
    let seeds = Self.withStats.split(separator: "\n").map { Array($0.utf8) }
    var parsed = 0
    var rejected = 0
    for round in 0..<4000 {
      var bytes: [UInt8]
      if round % 3 == 0 {
        bytes = (0..<Int(generator.next() % 300)).map { _ in
          alphabet[Int(generator.next() % UInt64(alphabet.count))]
        }
      } else {
        bytes = seeds[Int(generator.next() % UInt64(seeds.count))]
        for _ in 0..<(1 + Int(generator.next() % 6)) where !bytes.isEmpty {
          let position = Int(generator.next() % UInt64(bytes.count))
          switch generator.next() % 3 {
          case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
          case 1: bytes.remove(at: position)
          default: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
          }
        }
      }
      do {
        _ = try OVSFlowDump.parse(String(decoding: bytes, as: UTF8.self))
        parsed += 1
      } catch {
        rejected += 1
        #expect(error.line >= 1)
      }
    }
    #expect(parsed > 0 && rejected > 0)
  }

  @Test func deepNestingIsNotRecursion() throws {
    let deep = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)
    let flow = try #require(try OVSFlowDump.parse(" priority=1 actions=x\(deep)").flows.first)
    #expect(flow.actions.count == 1)
  }
}

/// A small seeded generator (OVSSeededRandom) so random tests reproduce.
struct OVSSeededRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
