// swift-tools-version:6.0
// MendKit: Mend's core for Swift. The generated bindings (Sources/MendKit/Generated, made by
// scripts/bindings.sh) and the idiomatic wrapper (MendClient: async functions, AsyncStream for changes)
// form one module; the C side of the FFI is the MendFFI module.
import PackageDescription

#if os(Linux)
// Linux (the tests on CI): the generated headers beside a module map that links the host-built libmend_ffi.so;
// pass its directory with `-Xlinker -L<dir>` (scripts/test.d/30-swift does).
let ffi: Target = .systemLibrary(name: "MendFFI", path: "Sources/MendFFI")
#else
// Apple platforms: the static library for device, simulator and Mac, made by scripts/build-xcframework.sh.
let ffi: Target = .binaryTarget(name: "MendFFI", path: "MendFFI.xcframework")
#endif

let package = Package(
    name: "MendKit",
    platforms: [.iOS(.v16), .macOS(.v13)],
    products: [
        .library(name: "MendKit", targets: ["MendKit"])
    ],
    targets: [
        ffi,
        .target(name: "MendKit", dependencies: ["MendFFI"], path: "Sources/MendKit"),
        .testTarget(name: "MendKitTests", dependencies: ["MendKit"], path: "Tests/MendKitTests"),
    ],
    swiftLanguageModes: [.v6]
)
