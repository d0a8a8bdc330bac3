// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "LedgerOpsPackage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ledgerops", targets: ["LedgerOps"]),
        .executable(name: "ledgerops-bench", targets: ["Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        .target(name: "Core", swiftSettings: swiftSettings),
        .systemLibrary(name: "CLibGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .target(name: "GitSource", dependencies: ["CLibGit2"], swiftSettings: swiftSettings),
        .target(
            name: "Templates",
            dependencies: ["Core", "GitSource", "Yams", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/rgs-mkb-3.7.tsv")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Store",
            dependencies: [
                "Core", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ledger",
            dependencies: ["Core", "Store", "Yams"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Sync",
            dependencies: ["Core", "Store", "Ledger", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Reporting",
            dependencies: ["Core", "Ledger", "Store"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Budgeting",
            dependencies: ["Core", "Ledger", "Store", "Reporting", "Templates", "Workspace", "Yams"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Consolidation",
            dependencies: ["Core", "Ledger", "Store", "Reporting", "Templates", "GitSource", "Workspace"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Monitoring",
            dependencies: ["Core", "Ledger", "Store", "Reporting"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Interchange",
            dependencies: ["Core", "Ledger"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Workspace",
            dependencies: ["Core", "Store", "Ledger", "GitSource", "Templates", "Yams"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Reconciler",
            dependencies: ["Core", "Store", "Ledger", "Templates", "GitSource", "Workspace",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Workflow",
            dependencies: ["Core", "Store", "Reconciler", "Workspace", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "_CryptoExtras", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Notifications",
            dependencies: ["Core", "Store", "Workspace", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: ["Core", "Store", "Ledger", "Workspace", "Reconciler", "Workflow", "Reporting", "Monitoring",
                           "Consolidation", "Budgeting", "Interchange", "Sync", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources/openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "LedgerOps",
            dependencies: [
                "Core", "Ledger", "Interchange", "Reporting", "Monitoring", "Templates", "GitSource", "Workspace",
                "Reconciler", "Workflow", "Server", "Consolidation", "Budgeting", "Sync", "Notifications",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"), .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Bench",
            dependencies: ["Core", "Store", "Ledger", "Interchange", "Reporting", "Monitoring", "Templates", "GitSource",
                           "Workspace", "Reconciler", "Workflow", "Server", "Consolidation", "Budgeting", "Sync"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport", dependencies: ["Core", "Store", "Ledger", "Workspace"], path: "Tests/TestSupport",
            swiftSettings: swiftSettings),
        .testTarget(name: "CoreTests", dependencies: ["Core"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LedgerTests", dependencies: ["Core", "Store", "Ledger", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "InterchangeTests", dependencies: ["Core", "Store", "Ledger", "Interchange", "TestSupport", "Yams"],
            exclude: ["Corpus"], swiftSettings: swiftSettings),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource"], swiftSettings: swiftSettings),
        .testTarget(
            name: "WorkflowTests",
            dependencies: ["Core", "Store", "Workflow", "Workspace", "TestSupport", "Ledger", "Reconciler", "GitSource", "Templates"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: ["Core", "Store", "Ledger", "Templates", "GitSource", "Workspace", "Reconciler", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TemplatesTests", dependencies: ["Core", "GitSource", "Templates", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Core", "Store", "Ledger", "Reporting", "Interchange", "Workspace", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MonitoringTests",
            dependencies: ["Core", "Store", "Ledger", "Monitoring", "Reporting", "Workspace", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServerTests",
            dependencies: ["Core", "Store", "Ledger", "Workspace", "Workflow", "Server", "Budgeting", "Sync", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SyncTests", dependencies: ["Core", "Store", "Ledger", "Reporting", "Sync", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(name: "CLITests", dependencies: ["Core"], swiftSettings: swiftSettings),
        .testTarget(
            name: "WorkspaceTests", dependencies: ["Core", "Ledger", "Workspace", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "NotificationsTests",
            dependencies: ["Core", "Store", "Workspace", "Workflow", "Notifications", "TestSupport",
                           .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BudgetingTests",
            dependencies: ["Core", "Budgeting", "Ledger", "Store", "Workspace", "Reporting", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ConsolidationTests",
            dependencies: ["Core", "Consolidation", "Ledger", "Store", "Workspace", "Workflow", "TestSupport"],
            swiftSettings: swiftSettings),
    ]
)
