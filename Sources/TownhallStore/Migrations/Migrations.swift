import GRDB
import TownhallDomain

/// The versioned schema, one file per migration, each the literal SQL it runs. A shipped migration never changes
/// and never calls application code (GRDB's rule): a later change is a new migration, so a store created at any
/// commit upgrades to the schema a fresh store gets. `MigrationUpgradeTests` checks that on a store made at e7f71ec.
enum Migrations {
    /// In the order they run.
    static let all: [(identifier: String, sql: String)] = [
        (V01Foundation.identifier, V01Foundation.sql),
        (V02AccountsAudit.identifier, V02AccountsAudit.sql),
        (V03PaperRevisions.identifier, V03PaperRevisions.sql),
        (V04AttendanceMinutes.identifier, V04AttendanceMinutes.sql),
        (V05LatePapers.identifier, V05LatePapers.sql),
        (V06Recommendations.identifier, V06Recommendations.sql),
        (V07BodyKinds.identifier, V07BodyKinds.sql),
        (V08Search.identifier, V08Search.sql),
        (V09LastChange.identifier, V09LastChange.sql),
        (V10PasswordReset.identifier, V10PasswordReset.sql),
        (V11SchemaCatchUp.identifier, V11SchemaCatchUp.sql),
        (V12PaperText.identifier, V12PaperText.sql),
        (V13FeedOrder.identifier, V13FeedOrder.sql),
        (V14LawfulRecord.identifier, V14LawfulRecord.sql),
        (V15ReportYear.identifier, V15ReportYear.sql),
        (V16IssueAuthority.identifier, V16IssueAuthority.sql),
        (V17DecisionRecord.identifier, V17DecisionRecord.sql),
        (V18ForwardPlan.identifier, V18ForwardPlan.sql),
        (V19PrivateNotice.identifier, V19PrivateNotice.sql),
        (V20OParlLedger.identifier, V20OParlLedger.sql),
        (V21ResponseReceived.identifier, V21ResponseReceived.sql),
        (V22ExtensionRequests.identifier, V22ExtensionRequests.sql),
        (V23HoldingNotes.identifier, V23HoldingNotes.sql),
        (V24ResponseSignOff.identifier, V24ResponseSignOff.sql),
        (V25ActionProgress.identifier, V25ActionProgress.sql),
        (V26ReferralBodies.identifier, V26ReferralBodies.sql),
        (V27OrganisationRecord.identifier, V27OrganisationRecord.sql),
        (V28RecommendationCallBack.identifier, V28RecommendationCallBack.sql),
        (V29Follows.identifier, V29Follows.sql),
        (V30AgendaPacks.identifier, V30AgendaPacks.sql),
        (V31MeetingAccess.identifier, V31MeetingAccess.sql),
        (V32Contributions.identifier, V32Contributions.sql),
        (V33OfficersAndItemRecordings.identifier, V33OfficersAndItemRecordings.sql),
        (V34Performance.identifier, V34Performance.sql),
        (V35Spending.identifier, V35Spending.sql),
        (V36SpendingEvidence.identifier, V36SpendingEvidence.sql),
        (V37ReplicationHeartbeat.identifier, V37ReplicationHeartbeat.sql),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (identifier, sql) in all {
            migrator.registerMigration(identifier) { db in try db.execute(sql: sql) }
        }
        return migrator
    }
}
