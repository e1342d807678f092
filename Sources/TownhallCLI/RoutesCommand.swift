import ArgumentParser
import Foundation
import TownhallWeb

/// `townhall routes`: the route table the server registers, for operators and for the live-server tests, which
/// request every public route from it rather than from a list of their own.
struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "routes", abstract: "List every route the server answers.")

    @Flag(help: "Print JSON")
    var json = false

    func run() throws {
        let routes = Route.allCases.map { route in
            ["name": route.rawValue, "pattern": route.pattern, "audience": route.audience.rawValue,
             "methods": route.registeredMethods.map(\.rawValue).joined(separator: ",")]
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(routes), as: UTF8.self))
        } else {
            for route in routes { print("\(route["methods"]!)\t\(route["audience"]!)\t\(route["pattern"]!)") }
        }
    }
}
