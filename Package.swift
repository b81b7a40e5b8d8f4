// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "sipav",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sipav", targets: ["sipav"]),
        .library(name: "SIPAV", targets: ["SIPAV"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // The rules, pure: no file, network or database IO.
        .target(name: "SIPAV", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        // Reading the files an HR office keeps (YAML plan and fund, CSV staff and ratings, settings).
        .target(name: "SIPAVFiles", dependencies: ["SIPAV", .product(name: "Yams", package: "Yams")]),
        // libpq, the PostgreSQL client library, as a system library (Debian: libpq-dev).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // A thin Swift wrapper over libpq: connections, parameterised statements, rows, transactions, COPY;
        // and the built-in local cluster.
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        // The records of the cycle in PostgreSQL, behind a small interface.
        .target(name: "SIPAVStore", dependencies: ["SIPAV", "Postgres"]),
        // What the database tests share: the test server (SIPAV_TEST_DATABASE_URL or a throwaway built-in
        // cluster) and a migrated database of each test's own.
        .target(name: "SIPAVTestSupport", dependencies: ["Postgres", "SIPAVStore"]),
        // Rendering results: Italian tables, JSON, CSV for a spreadsheet.
        .target(name: "SIPAVReports", dependencies: ["SIPAV", .product(name: "BigInt", package: "BigInt")]),
        // One year's cycle, shared by the command line and the web: the inputs checked across files (or read from the
        // database), the computed year and its reports.
        .target(name: "SIPAVCycle", dependencies: ["SIPAV", "SIPAVFiles", "SIPAVReports", "SIPAVStore"]),
        // The web application: accounts and sessions, the managers' rating pages (Hummingbird, Mustache).
        .target(
            name: "SIPAVWeb",
            dependencies: [
                "SIPAV", "SIPAVFiles", "SIPAVCycle", "SIPAVStore", "SIPAVReports", "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Templates")]
        ),
        .executableTarget(
            name: "sipav",
            dependencies: [
                "SIPAV", "SIPAVFiles", "SIPAVCycle", "SIPAVReports", "SIPAVStore", "SIPAVWeb", "Postgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Demo")]
        ),
        .testTarget(
            name: "SIPAVTests",
            dependencies: ["SIPAV", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "SIPAVFilesTests", dependencies: ["SIPAVFiles", "SIPAVReports"]),
        .testTarget(name: "SIPAVReportsTests", dependencies: ["SIPAVReports"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "SIPAVTestSupport"]),
        .testTarget(name: "SIPAVStoreTests", dependencies: ["SIPAVStore", "SIPAVFiles", "Postgres", "SIPAVTestSupport"]),
        .testTarget(
            name: "SIPAVWebTests",
            dependencies: [
                "SIPAVWeb", "SIPAVStore", "SIPAVFiles", "Postgres", "SIPAVTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "SipavCLITests",
            dependencies: ["sipav", "Postgres", "SIPAVTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Tests of the running server in a real headless Chromium (Debian: chromium, chromium-driver): a flow through
        // the roles, and every page checked with axe-core (vendored in Resources/) for WCAG 2.1 AA.
        .testTarget(name: "SIPAVEndToEndTests", dependencies: ["sipav", "SIPAVTestSupport"], resources: [.copy("Resources")]),
    ]
)
