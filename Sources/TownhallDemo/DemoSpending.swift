import Foundation
import TownhallDomain
import TownhallStore

/// A year of spending in the LPAC's place for three organisations (issue 20), with the discharge inquiry citing
/// the lines it looks at, and the carers' written evidence citing the council's home care line.
extension DemoData {
    func seedSpending() throws {
        try database.importSpending(body: "harford-lpac", csv: Self.spending, actor: .demo)
        let lines = try database.list(SpendingLine.self)
        for line in lines where line.service == "Hospital discharge and intermediate care" {
            try database.citeSpending(lineId: line.id!, by: .inquiry(slug: "hospital-discharge"), actor: .demo)
        }
        if let homeCare = lines.first(where: { $0.service == "Adult social care: home care" }),
           let evidence = try database.list(Paper.self).first(where: { $0.kind == .writtenEvidence }) {
            try database.citeSpending(lineId: homeCare.id!, by: .paper(id: evidence.id!), actor: .demo)
        }
    }

    static let spending = """
        organisation,service,year,amount
        harford-nhs,Hospital discharge and intermediate care,2025/26,"£18,400,000"
        harford-nhs,Emergency department,2025/26,"£41,250,000"
        harford-nhs,Community nursing,2025/26,"£22,900,000"
        harford-council,Hospital discharge and intermediate care,2025/26,"£9,750,000"
        harford-council,Adult social care: home care,2025/26,"£63,100,000"
        harford-council,Children's social care,2025/26,"£48,600,000"
        harford-police,Neighbourhood policing,2025/26,"£31,800,000"
        harford-police,Response policing,2025/26,"£44,300,000"
        harford-police,Mental health street triage,2025/26,"£1,150,000"
        """
}
