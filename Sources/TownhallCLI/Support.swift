import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

/// Options every store command takes; `--database` wins over configuration.
struct StoreOptions: ParsableArguments {
    @Option(help: "SQLite database file (default: from configuration)")
    var database: String?

    func config() throws -> AppConfig {
        var config = try AppConfig.load()
        if let database { config.databasePath = database }
        return config
    }

    func open() throws -> (AppConfig, AppDatabase) {
        let config = try config()
        return (config, try AppDatabase.open(path: config.databasePath, clock: { Date() }, peerChallengeRules: config.peerChallengeRules))
    }
}

/// Runs a command body and turns any failure into one line on stderr and a non-zero exit.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        let message: String
        switch error {
        case let error as TownhallError: message = error.message
        case let error as ConfigError: message = error.message
        default: message = AppDatabase.describe(error) ?? error.localizedDescription
        }
        FileHandle.standardError.write(Data("townhall: error: \(message)\n".utf8))
        throw ExitCode.failure
    }
}

/// Parses one of our string-backed enums, listing the accepted values when the input is wrong.
func parseChoice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ text: String, option: String) throws -> T
where T.RawValue == String {
    guard let value = T(rawValue: text.lowercased()) else {
        let choices = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw TownhallError.invalid("--\(option) \"\(text)\" is not one of: \(choices)")
    }
    return value
}

/// Prints a list as JSON (stable keys, ISO 8601 dates) or as aligned text lines.
/// A command's one result: with `--json` the record itself, encoded as `list --json` encodes rows; otherwise the line.
func printResult<T: Encodable>(_ value: T, json: Bool, _ line: @autoclosure () -> String) throws {
    print(json ? try jsonText(value) : line())
}

/// Pretty, sorted JSON with ISO 8601 dates: every `--json` the CLI prints.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// A recommendation as stored, for the commands that change one and print it.
func recommendationRecord(_ database: AppDatabase, _ id: Int64) throws -> Recommendation {
    guard let record = try database.list(Recommendation.self).first(where: { $0.id == id }) else {
        throw TownhallError.notFound("no recommendation with id \(id)")
    }
    return record
}

func printList<T: Encodable>(_ items: [T], json: Bool, line: (T) -> String) throws {
    if json {
        print(try jsonText(items))
    } else {
        items.forEach { print(line($0)) }
    }
}

func readTextFile(_ path: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else { throw TownhallError.notFound("no such file: \(path)") }
    guard let data = FileManager.default.contents(atPath: path) else { throw TownhallError.io("cannot read \(path)") }
    guard let text = String(data: data, encoding: .utf8) else { throw TownhallError.invalid("\(path) is not UTF-8 text") }
    return text
}
