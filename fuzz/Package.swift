// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for OSBSKit's parsers. A separate package so the main build never sees the fuzzer
// flags; build it with `bench/fuzz` or `scripts/fuzz-smoke`, which pass `-sanitize=fuzzer,address`.
//
// Adding a target: append its name here, then write Sources/fuzz-<name>/main.swift (copy a neighbour) and
// seed fuzz/corpus/<name>/.
let fuzzTargetNames = [
  "xmlrpc-response",
  "xmlrpc-call",
  "koji-ini",
  "kubeconfig",
  "osbsctl-config",
  "openshift-json",
  "distgit-remote",
  "ovs-flows",
  "docker-json",
]

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "osbsctl-fuzz",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "osbsctl", path: "..")
  ],
  targets: [
    .target(name: "CLibFuzzer"),
    .target(
      name: "FuzzSupport",
      dependencies: ["CLibFuzzer", .product(name: "OSBSKit", package: "osbsctl")],
      swiftSettings: strictSettings
    ),
  ]
    + fuzzTargetNames.map { name in
      .executableTarget(
        name: "fuzz-\(name)",
        dependencies: ["FuzzSupport", .product(name: "OSBSKit", package: "osbsctl")],
        swiftSettings: strictSettings
      )
    },
  swiftLanguageModes: [.v6]
)
