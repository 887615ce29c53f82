// swift-tools-version:6.0
import PackageDescription

/// RecoveryHub: Content/ (Markdown + YAML) → libcmark → Mustache → Public/.
///
/// The targets follow the build's flow; only `CommonMark` touches the C API and only
/// `SiteCLI` prints or exits. See docs/ and the README.
let package = Package(
    name: "RecoveryHub",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hub", targets: ["SiteCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "CFileSystem"),
        .target(name: "CommonMark", dependencies: ["CCMark"]),
        .target(name: "SiteModel"),
        .target(name: "SearchIndex", resources: [.copy("Resources/hub-search.js"), .copy("Resources/search.css")]),
        .target(
            name: "SiteBuild",
            dependencies: [
                "SiteModel", "CommonMark", "CFileSystem", "SearchIndex",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: []
        ),
        // The editors' preview (`hub serve`): the only target, with SiteCLI, that depends on Hummingbird.
        .target(
            name: "Preview",
            dependencies: [
                "SiteBuild", "SiteModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "SiteCLI",
            dependencies: [
                "SiteBuild", "SiteModel", "CommonMark", "Preview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SiteBuildTests",
            dependencies: [
                "SiteBuild", "SiteModel", "CommonMark", "SiteCLI", "Preview", "SearchIndex",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures", "__Snapshots__"]
        ),
    ]
)
