/// What an audit line says was done. The raw values are what the audit log stores (and `townhall audit list` and
/// OParl's created and modified read), so a case is never renamed once written.
public enum AuditAction: String, Sendable, CaseIterable, Codable {
    case add
    case addSession = "add-session"
    case approveMinutes = "approve-minutes"
    case attach
    case benchSeed = "bench-seed"
    case callBack = "call-back"
    case close
    case closeContributions = "close-contributions"
    case decide
    case declareInterest = "declare-interest"
    case disable
    case edit
    case end
    case extend
    case grantExtension = "grant-extension"
    case issue
    case moveDown = "move-down"
    case moveUp = "move-up"
    case openContributions = "open-contributions"
    case publish
    case publishHoldingNote = "publish-holding-note"
    case publishAgenda = "publish-agenda"
    case publishMinutes = "publish-minutes"
    case record
    case recordOutcome = "record-outcome"
    case recordAttendance = "record-attendance"
    case refer
    case refuseExtension = "refuse-extension"
    case remove
    case renumber
    case reportBack = "report-back"
    case requestExtension = "request-extension"
    case requestPasswordReset = "request-password-reset"
    case resetPassword = "reset-password"
    case saveDraft = "save-draft"
    case saveMinutes = "save-minutes"
    case scheduleFollowUp = "schedule-follow-up"
    case setReport = "set-report"
    case setResponseRule = "set-response-rule"
    case setStatus = "set-status"
    case signIn = "sign-in"
    case startRevision = "start-revision"
    case submit
    case updateImplementation = "update-implementation"
    case withdraw
}

/// What kind of object an audit line is about: the table of its row, so OParl can find an object's history.
public enum AuditObject: String, Sendable, CaseIterable, Codable {
    case agendaItem
    case attachment
    case authority
    case boardDecision
    case body
    case contribution
    case holdingNote
    case inquiry
    case location
    case meeting
    case membership
    case organisation
    case paper
    case peerChallenge
    case performancePlan
    case referralBody
    case person
    case planEntry
    case recommendation
    case response
    case spending
    case store
    case user
    case witness
}
