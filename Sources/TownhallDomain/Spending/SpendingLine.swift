import Foundation

/// What one organisation spent on one service in one financial year in an LPAC's place (issue 20, "following the
/// money"), as councils, NHS bodies and forces already publish it: organisation, service, year, amount.
public struct SpendingLine: Codable, Sendable, Equatable {
    public var id: Int64?
    /// The LPAC whose place it is.
    public var bodyId: Int64
    public var organisationId: Int64
    public var service: String
    /// A financial year, `2025/26`.
    public var year: String
    public var amountPence: Int64

    public init(id: Int64? = nil, bodyId: Int64, organisationId: Int64, service: String, year: String, amountPence: Int64) {
        self.id = id
        self.bodyId = bodyId
        self.organisationId = organisationId
        self.service = service
        self.year = year
        self.amountPence = amountPence
    }

    public var amount: Money { Money(pence: amountPence) }
}

/// An inquiry, a recommendation or a paper of written evidence citing a spending line (exactly one of the three);
/// the spending page links back to what cites it.
public struct SpendingCitation: Codable, Sendable, Equatable {
    public var id: Int64?
    public var spendingLineId: Int64
    public var inquiryId: Int64?
    public var recommendationId: Int64?
    public var paperId: Int64?

    public init(id: Int64? = nil, spendingLineId: Int64, inquiryId: Int64? = nil, recommendationId: Int64? = nil, paperId: Int64? = nil) {
        self.id = id
        self.spendingLineId = spendingLineId
        self.inquiryId = inquiryId
        self.recommendationId = recommendationId
        self.paperId = paperId
    }

    /// What cites a line: the one choice the CLI's options and the clerk's form both make.
    public enum Citer: Sendable, Equatable {
        case inquiry(slug: String)
        case recommendation(id: Int64)
        case paper(id: Int64)
    }
}

/// The shape of a spending file: columns `organisation` (its slug or name), `service`, `year` (a financial year such
/// as 2025/26) and `amount` (pounds, `£` and commas allowed), in any order. Checked whole before anything is stored;
/// a problem names its line and column.
public enum SpendingImport {
    public static let columns = ["organisation", "service", "year", "amount"]
    /// The most lines a place keeps for one year. A year of a place's services by organisation is hundreds of lines
    /// (thirty organisations with sixty services each is 1,800); the bound keeps the year's page, its download and the
    /// clerk's choice of lines a readable size, and an import's transaction short.
    public static let maxLinesPerYear = 2_000

    /// Why a place's year may not hold `count` lines, or nil.
    public static func yearProblem(_ year: String, count: Int) -> String? {
        count > maxLinesPerYear
            ? "a place keeps at most \(maxLinesPerYear.formatted()) lines for one year, and \(year) would have \(count.formatted()); split the services less finely"
            : nil
    }

    public struct Row: Sendable, Equatable {
        public var line: Int
        public var organisation: String
        public var service: String
        public var year: String
        public var amount: Money
    }

    public static func rows(header: [String], cells: [[String]], lines: [Int]) throws(PerformanceImport.Problem) -> [Row] {
        let names = try PerformanceImport.checkedColumns(header, required: columns, what: "a spending file", rowCount: cells.count)
        func cell(_ row: [String], _ name: String) -> String { row[names.firstIndex(of: name)!].trimmingCharacters(in: .whitespaces) }
        var seen: [String: Int] = [:]
        var perYear: [String: Int] = [:]
        return try cells.enumerated().map { (index, row) throws(PerformanceImport.Problem) -> Row in
            let line = index < lines.count ? lines[index] : index + 2
            let organisation = cell(row, "organisation"), service = cell(row, "service"), yearText = cell(row, "year")
            if organisation.isEmpty { throw PerformanceImport.Problem(line: line, column: "organisation", message: "the organisation is empty") }
            if service.isEmpty || service.count > 200 {
                throw PerformanceImport.Problem(line: line, column: "service", message: "the service must be given, in 200 characters or fewer")
            }
            guard let year = ReportingPeriod(yearText), year.description.contains("/"), !year.description.contains("Q") else {
                throw PerformanceImport.Problem(line: line, column: "year", message: "\"\(yearText)\" is not a financial year; write it as 2025/26")
            }
            let amount: Money
            do { amount = try Money(parsing: cell(row, "amount")) } catch {
                throw PerformanceImport.Problem(line: line, column: "amount", message: "\"\(cell(row, "amount"))\" is not an amount; write pounds, for example 1,250,000")
            }
            perYear[year.description, default: 0] += 1
            if let problem = yearProblem(year.description, count: perYear[year.description]!) {
                throw PerformanceImport.Problem(line: line, column: "year", message: problem)
            }
            let key = "\(organisation.lowercased())|\(service.lowercased())|\(year)"
            if let earlier = seen[key] { throw PerformanceImport.Problem(line: line, column: "service", message: "the same organisation, service and year is on line \(earlier) too") }
            seen[key] = line
            return Row(line: line, organisation: organisation, service: service, year: year.description, amount: amount)
        }
    }
}
