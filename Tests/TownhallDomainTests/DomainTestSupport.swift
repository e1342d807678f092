import Foundation

/// The package root, for the bank holidays the product ships in `Config/`.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
