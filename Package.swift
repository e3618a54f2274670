// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "osbsctl",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "osbsctl", targets: ["osbsctl"]),
    .executable(name: "osbs-sandbox", targets: ["osbs-sandbox"]),
    .library(name: "OSBSKit", targets: ["OSBSKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
  ],
  targets: [
    // libcurl's headers at build time; libcurl itself is loaded with dlopen at the first transfer
    // (Sources/CCurl/curl_shim.c), so commands that need no network never map it.
    .target(
      name: "CCurl",
      linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
    ),
    .target(
      name: "OSBSKit",
      dependencies: ["CCurl", .product(name: "Yams", package: "Yams")],
      swiftSettings: strictSettings
    ),
    .target(
      name: "OSBSSandbox",
      dependencies: ["OSBSKit", .product(name: "FlyingSocks", package: "FlyingFox")],
      swiftSettings: strictSettings
    ),
    // The commands, their output and the run's surroundings; `osbsctl` is only its entry point, so tests
    // run commands in process (OSBSCtlCLITests).
    .target(
      name: "OSBSCtlCLI",
      dependencies: ["OSBSKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: strictSettings
    ),
    .executableTarget(
      name: "osbsctl",
      dependencies: ["OSBSCtlCLI"],
      swiftSettings: strictSettings
    ),
    .executableTarget(
      name: "osbs-sandbox",
      dependencies: ["OSBSSandbox", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: strictSettings
    ),
    .target(
      name: "TestSupport",
      dependencies: [.product(name: "Yams", package: "Yams")],
      path: "Tests/TestSupport",
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "OSBSKitTests",
      dependencies: [
        "OSBSKit", "OSBSSandbox", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
        .product(name: "Yams", package: "Yams"),
      ],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "OSBSSandboxTests",
      dependencies: ["OSBSSandbox", "OSBSKit", "osbs-sandbox", "TestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "osbsctlTests",
      dependencies: [
        "osbsctl", "osbs-sandbox", "OSBSKit", "OSBSSandbox", "TestSupport",
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "OSBSCtlCLITests",
      dependencies: ["OSBSCtlCLI", "OSBSKit", "TestSupport"],
      swiftSettings: strictSettings
    ),
  ],
  swiftLanguageModes: [.v6]
)
