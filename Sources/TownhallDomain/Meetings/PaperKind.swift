/// What a paper is for. Some kinds carry duties (a panel's annual report is due each year; an LPAC's final report
/// and a peer challenge report carry recommendations), so they are recorded rather than guessed from titles.
public enum PaperKind: String, Codable, Sendable, CaseIterable {
    case report
    case strategicPlan = "strategic-plan"
    case annualReport = "annual-report"
    case writtenEvidence = "written-evidence"
    case inquiryReport = "inquiry-report"
    case peerChallengeReport = "peer-challenge-report"
    case reportBack = "report-back"

    public var label: String {
        switch self {
        case .report: "Report"
        case .strategicPlan: "Long-term strategic plan"
        case .annualReport: "Annual report"
        case .writtenEvidence: "Written evidence"
        case .inquiryReport: "Inquiry final report"
        case .peerChallengeReport: "Peer challenge report"
        case .reportBack: "Report back on measures taken"
        }
    }

    /// Written evidence to an LPAC may cite the spending lines it is about (issue 20); no other kind of paper does.
    public var citesSpending: Bool { self == .writtenEvidence }

    /// The kinds a body of `kind` may publish; every body may publish an ordinary report.
    public static func kinds(for kind: BodyKind) -> [PaperKind] {
        switch kind {
        case .policingBoard: [.report, .strategicPlan]
        case .educationPanel: [.report, .strategicPlan, .annualReport]
        case .lpac: [.report, .writtenEvidence, .inquiryReport]
        case .peerChallengeTeam: [.report, .peerChallengeReport, .reportBack]
        case .jointCommittee, .other: [.report]
        }
    }
}

extension PaperKind {
    /// An annual report names the academic year it covers, which must have ended; no other kind of paper names one.
    public func checkCoveredYear(_ year: AcademicYear?, today: Day) throws {
        switch (self, year) {
        case (.annualReport, nil):
            throw TownhallError.invalid(
                "choose the academic year the annual report covers, for example \(AcademicYear.lastEnded(before: today))")
        case (.annualReport, let year?):
            try AnnualReportSchedule().check(year, today: today)
        case (_, nil):
            return
        case (_, .some):
            throw TownhallError.invalid("only an annual report covers an academic year; leave the year empty for a \(label.lowercased())")
        }
    }
}
