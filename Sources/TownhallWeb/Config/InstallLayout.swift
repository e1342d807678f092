import Foundation

/// Where Townhall's own files are (templates, static files, the bank holiday list) and which configuration file it
/// reads by default (issue 21). Found from `TOWNHALL_HOME`, else from the executable's own path, never from the working
/// directory, so the binary works wherever it is started:
/// - `TOWNHALL_HOME=/srv/townhall`: that folder holds `Templates/`, `Public/` and `Config/`, as a checkout does;
/// - installed, `PREFIX/bin/townhall`: the files are in `PREFIX/share/townhall/`, the configuration is
///   `PREFIX/etc/townhall/townhall.json` (`/etc/townhall/townhall.json` when the prefix is `/usr`, as a package has it);
/// - built in a checkout, `.build/…/townhall` (or a test bundle there): the checkout, found by walking up.
public struct InstallLayout: Sendable, Equatable {
    /// The folder holding `Templates/`, `Public/` and `Config/bank-holidays.json`.
    public var home: String
    /// The configuration file read when `TOWNHALL_CONFIG` names none; it need not exist.
    public var configFile: String

    public var templatesDirectory: String { home + "/Templates" }
    public var publicDirectory: String { home + "/Public" }
    public var bankHolidaysFile: String { home + "/Config/bank-holidays.json" }

    public static let homeVariable = "TOWNHALL_HOME"

    /// The layout of this process, found once.
    public static let current = locate(environment: ProcessInfo.processInfo.environment, executable: executablePath())

    /// The rule above, given the environment and the executable's resolved path (`isDirectory` asks the file system).
    public static func locate(
        environment: [String: String], executable: String, isDirectory: (String) -> Bool = InstallLayout.isDirectory
    ) -> InstallLayout {
        if let home = environment[homeVariable], !home.isEmpty {
            let root = absolute(home)
            return InstallLayout(home: root, configFile: root + "/Config/townhall.json")
        }
        let binDirectory = (executable as NSString).deletingLastPathComponent
        let prefix = (binDirectory as NSString).deletingLastPathComponent
        let shared = prefix + "/share/townhall"
        if isDirectory(shared + "/Templates") {
            let etc = prefix == "/usr" ? "/etc" : prefix + "/etc"
            return InstallLayout(home: shared, configFile: etc + "/townhall/townhall.json")
        }
        var folder = binDirectory
        while folder != "/" && !folder.isEmpty {
            if isDirectory(folder + "/Templates"), FileManager.default.fileExists(atPath: folder + "/Package.swift") {
                return InstallLayout(home: folder, configFile: folder + "/Config/townhall.json")
            }
            folder = (folder as NSString).deletingLastPathComponent
        }
        // Nothing found: name the installed place, so the error that follows says where the files were looked for.
        return InstallLayout(home: shared, configFile: prefix + "/etc/townhall/townhall.json")
    }

    /// The executable's real path (symbolic links resolved), from the kernel rather than `argv[0]`.
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return absolute(CommandLine.arguments.first ?? "townhall")
    }

    private static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }

    public static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
