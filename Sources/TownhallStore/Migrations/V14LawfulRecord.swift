/// `v14-lawful-record` (issue 16): when each meeting was called (short notice, s100B(3)(b)), supplementary and urgent
/// agenda items, the public-interest reason of an exempt item, and the basis of a Policing Board's reserved decision.
/// A meeting's convening time is taken from the audit line that scheduled it, where there is one.
enum V14LawfulRecord {
    static let identifier = "v14-lawful-record"

    static let sql = """
        ALTER TABLE "meeting" ADD COLUMN "convenedAt" DATETIME;
        UPDATE "meeting" SET "convenedAt" = (
            SELECT MIN("at") FROM "auditLog" WHERE "objectType" = 'meeting' AND "action" = 'add' AND "objectId" = "meeting"."id");
        ALTER TABLE "agendaItem" ADD COLUMN "publicInterestReason" TEXT;
        ALTER TABLE "agendaItem" ADD COLUMN "supplementaryAt" DATETIME;
        ALTER TABLE "agendaItem" ADD COLUMN "urgency" TEXT;
        ALTER TABLE "boardDecision" ADD COLUMN "basis" TEXT CHECK ("basis" IN ('meeting', 'delegated', 'urgent'));
        ALTER TABLE "boardDecision" ADD COLUMN "authority" TEXT;
        UPDATE "boardDecision" SET "basis" = 'meeting' WHERE "meetingId" IS NOT NULL;
        """
}
