// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "townhall",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "townhall", targets: ["TownhallCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // `/metrics`: swift-metrics' counters, timers and gauges, kept in a Prometheus registry.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // gzip for responses (OParl 1.1 asks servers to support it) through the system zlib.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Rules that hold whatever stores or shows them: Foundation only.
        .target(name: "TownhallDomain"),
        // CommonMark to safe HTML through the system libcmark.
        .target(name: "TownhallMarkdown", dependencies: ["CCmark", "TownhallDomain"]),
        // The only target that imports GRDB: migrations, records, reads and writes.
        .target(
            name: "TownhallStore",
            dependencies: [
                "TownhallDomain", "TownhallMarkdown",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Demo and benchmark data, written through the store's own methods.
        .target(name: "TownhallDemo", dependencies: ["TownhallDomain", "TownhallMarkdown", "TownhallStore"]),
        // Routes, middleware, view models, feeds and configuration.
        .target(
            name: "TownhallWeb",
            dependencies: [
                "TownhallDomain", "TownhallMarkdown", "TownhallStore", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "TownhallCLI",
            dependencies: [
                "TownhallDomain", "TownhallMarkdown", "TownhallStore", "TownhallWeb", "TownhallDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "TownhallDomainTests", dependencies: ["TownhallDomain"]),
        .testTarget(
            name: "TownhallKitTests",
            dependencies: [
                "TownhallDomain", "TownhallMarkdown", "TownhallStore", "TownhallWeb", "TownhallDemo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
