import Foundation
import Testing
@testable import TownhallWeb

/// Issue 21: the binary finds its own files from `TOWNHALL_HOME` or its own path, never the working directory.
@Suite("Install layout")
struct InstallLayoutTests {
    @Test func theHomeVariableWins() throws {
        let layout = InstallLayout.locate(environment: ["TOWNHALL_HOME": "/srv/townhall/"], executable: "/usr/bin/townhall")
        #expect(layout.home == "/srv/townhall")
        #expect(layout.templatesDirectory == "/srv/townhall/Templates" && layout.publicDirectory == "/srv/townhall/Public")
        #expect(layout.bankHolidaysFile == "/srv/townhall/Config/bank-holidays.json")
        #expect(layout.configFile == "/srv/townhall/Config/townhall.json")
    }

    @Test func anInstalledBinaryUsesItsPrefix() throws {
        let directory = try TemporaryDirectory()
        let prefix = directory.path("opt")
        try FileManager.default.createDirectory(atPath: prefix + "/share/townhall/Templates", withIntermediateDirectories: true)
        let layout = InstallLayout.locate(environment: [:], executable: prefix + "/bin/townhall")
        #expect(layout.home == prefix + "/share/townhall")
        #expect(layout.configFile == prefix + "/etc/townhall/townhall.json")
        #expect(layout.templatesDirectory == prefix + "/share/townhall/Templates")
    }

    /// A package installs under /usr, whose configuration is /etc (the Filesystem Hierarchy Standard), not /usr/etc.
    @Test func underUsrTheConfigurationIsInEtc() {
        let layout = InstallLayout.locate(environment: [:], executable: "/usr/bin/townhall", isDirectory: { $0 == "/usr/share/townhall/Templates" })
        #expect(layout.home == "/usr/share/townhall")
        #expect(layout.configFile == "/etc/townhall/townhall.json")
    }

    @Test func aBuildInACheckoutFindsTheCheckout() {
        let executable = packageRoot.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/townhall").path
        let layout = InstallLayout.locate(environment: [:], executable: executable)
        #expect(layout.home == packageRoot.standardizedFileURL.path)
        #expect(FileManager.default.fileExists(atPath: layout.templatesDirectory + "/layout.mustache"))
        #expect(FileManager.default.fileExists(atPath: layout.bankHolidaysFile))
        // This test bundle was found the same way.
        #expect(InstallLayout.current.home == layout.home)
    }

    @Test func nothingFoundNamesTheInstalledPlace() throws {
        let directory = try TemporaryDirectory()
        let layout = InstallLayout.locate(environment: [:], executable: directory.path("bin/townhall"))
        #expect(layout.home == directory.path("share/townhall"))
    }
}
