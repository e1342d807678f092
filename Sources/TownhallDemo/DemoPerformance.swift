import Foundation
import TownhallDomain
import TownhallStore

/// The demo's plans with measures (issue 20): the Policing Board's plan with a year of quarterly results against
/// targets (neighbourhood policing improving, victim satisfaction falling), and the education panel's long-term
/// plan with its yearly targets.
extension DemoData {
    func seedPerformance(policingPlanPaper: Int64) throws {
        try database.addPerformancePlan(
            body: "harford-policing-board", slug: "policing-plan", title: "Policing plan 2026 to 2029",
            summary: "The Board's priorities for the force, each with the measures the Board holds the Chief Constable to.", paperId: policingPlanPaper,
            actor: .demo)
        let policing: [(String, [(String, String, MeasureDirection, Double)])] = [
            ("Neighbourhood policing", [
                ("Residents who agree the police deal with the issues that matter locally", "%", .higher, 47),
                ("Emergency calls in rural areas attended within 20 minutes", "%", .higher, 71),
            ]),
            ("Putting victims first", [("Victims satisfied with the service they received", "%", .higher, 72)]),
            ("Violence against women and girls", [
                ("Domestic abuse incidents leading to an arrest", "%", .higher, 28),
                ("Victims of domestic abuse who are repeat victims within a year", "%", .lower, 31),
            ]),
        ]
        for (priority, measures) in policing {
            try database.addPlanPriority(plan: "policing-plan", title: priority, actor: .demo)
            for (name, unit, direction, baseline) in measures {
                try database.addPlanMeasure(
                    plan: "policing-plan", priority: priority, name: name, unit: unit, direction: direction, baseline: baseline,
                    baselinePeriod: "2024/25", actor: .demo)
            }
        }
        try database.importPerformance(plan: "policing-plan", csv: Self.policingResults, actor: .demo)

        try database.addPerformancePlan(
            body: "harford-education-panel", slug: "schools-plan", title: "Harford schools plan 2024 to 2028",
            summary: "The panel's long-term plan with the Director of School Standards: local targets for reading and for attendance.", actor: .demo)
        try database.addPlanPriority(plan: "schools-plan", title: "Every child reading well by 11", actor: .demo)
        try database.addPlanMeasure(
            plan: "schools-plan", priority: "Every child reading well by 11", name: "Pupils reaching the expected standard in reading, writing and maths at 11",
            unit: "%", direction: .higher, baseline: 58, baselinePeriod: "2023/24", actor: .demo)
        try database.addPlanPriority(plan: "schools-plan", title: "Children in school every day", actor: .demo)
        try database.addPlanMeasure(
            plan: "schools-plan", priority: "Children in school every day", name: "Pupils persistently absent (missing one day in ten or more)",
            unit: "%", direction: .lower, baseline: 21.2, baselinePeriod: "2023/24", actor: .demo)
        try database.importPerformance(plan: "schools-plan", csv: Self.schoolsTargets, actor: .demo)
    }

    static let policingResults = """
        priority,measure,period,value,target
        Neighbourhood policing,Residents who agree the police deal with the issues that matter locally,2025/26 Q1,48,48
        Neighbourhood policing,Residents who agree the police deal with the issues that matter locally,2025/26 Q2,50,49
        Neighbourhood policing,Residents who agree the police deal with the issues that matter locally,2025/26 Q3,49,50
        Neighbourhood policing,Residents who agree the police deal with the issues that matter locally,2025/26 Q4,52,51
        Neighbourhood policing,Emergency calls in rural areas attended within 20 minutes,2025/26 Q1,72,75
        Neighbourhood policing,Emergency calls in rural areas attended within 20 minutes,2025/26 Q2,70,75
        Neighbourhood policing,Emergency calls in rural areas attended within 20 minutes,2025/26 Q3,74,75
        Neighbourhood policing,Emergency calls in rural areas attended within 20 minutes,2025/26 Q4,76,75
        Putting victims first,Victims satisfied with the service they received,2025/26 Q1,73,75
        Putting victims first,Victims satisfied with the service they received,2025/26 Q2,71,75
        Putting victims first,Victims satisfied with the service they received,2025/26 Q3,70,75
        Putting victims first,Victims satisfied with the service they received,2025/26 Q4,69,75
        Violence against women and girls,Domestic abuse incidents leading to an arrest,2025/26 Q1,30,32
        Violence against women and girls,Domestic abuse incidents leading to an arrest,2025/26 Q2,31,32
        Violence against women and girls,Domestic abuse incidents leading to an arrest,2025/26 Q3,33,32
        Violence against women and girls,Domestic abuse incidents leading to an arrest,2025/26 Q4,34,32
        Violence against women and girls,Victims of domestic abuse who are repeat victims within a year,2025/26 Q1,30,29
        Violence against women and girls,Victims of domestic abuse who are repeat victims within a year,2025/26 Q2,29,29
        Violence against women and girls,Victims of domestic abuse who are repeat victims within a year,2025/26 Q3,31,29
        Violence against women and girls,Victims of domestic abuse who are repeat victims within a year,2025/26 Q4,28,29
        """

    static let schoolsTargets = """
        priority,measure,period,value,target
        Every child reading well by 11,"Pupils reaching the expected standard in reading, writing and maths at 11",2024/25,61,60
        Every child reading well by 11,"Pupils reaching the expected standard in reading, writing and maths at 11",2025/26,,64
        Every child reading well by 11,"Pupils reaching the expected standard in reading, writing and maths at 11",2026/27,,67
        Every child reading well by 11,"Pupils reaching the expected standard in reading, writing and maths at 11",2027/28,,70
        Children in school every day,Pupils persistently absent (missing one day in ten or more),2024/25,19.8,20
        Children in school every day,Pupils persistently absent (missing one day in ten or more),2025/26,,18
        Children in school every day,Pupils persistently absent (missing one day in ten or more),2026/27,,16
        """
}
