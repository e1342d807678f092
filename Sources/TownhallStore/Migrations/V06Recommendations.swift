import TownhallDomain

/// `v6-recommendations` as shipped: organisations, response rules, recommendations, extensions, responses (immutable
/// once submitted), implementation updates and the outbox. Written out as the SQL it ran, so it can never change with
/// the code; a later change is a new migration.
enum V06Recommendations {
    static let identifier = "v6-recommendations"

    static let sql = """
        CREATE TABLE "organisation" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "slug" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL, "kind" TEXT NOT NULL);
        ALTER TABLE "user" ADD COLUMN "organisationId" INTEGER REFERENCES "organisation"("id") ON DELETE RESTRICT;
        ALTER TABLE "body" ADD COLUMN "responseRule" TEXT;
        ALTER TABLE "body" ADD COLUMN "dueSoonWorkingDays" INTEGER NOT NULL DEFAULT 10;
        ALTER TABLE "body" ADD COLUMN "longOverdueWorkingDays" INTEGER NOT NULL DEFAULT 20;
        CREATE TABLE "recommendation" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "paperId" INTEGER NOT NULL REFERENCES "paper"("id") ON DELETE RESTRICT, "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE RESTRICT, "organisationId" INTEGER NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT, "number" INTEGER NOT NULL, "text" TEXT NOT NULL, "status" TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'referred', 'closed')), "createdAt" DATETIME NOT NULL, "issuedAt" DATETIME, "dueOn" TEXT, "referredTo" TEXT, "referralNote" TEXT, "referredAt" DATETIME, "closedAt" DATETIME, "closingNote" TEXT, UNIQUE ("paperId", "number"), CHECK (status = 'draft' OR (issuedAt IS NOT NULL AND dueOn IS NOT NULL)));
        CREATE INDEX "recommendation_on_paperId" ON "recommendation"("paperId");
        CREATE INDEX "recommendation_on_bodyId" ON "recommendation"("bodyId");
        CREATE INDEX "recommendation_on_organisationId" ON "recommendation"("organisationId");
        CREATE INDEX "recommendation_on_dueOn" ON "recommendation"("dueOn");
        CREATE TABLE "deadlineExtension" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "recommendationId" INTEGER NOT NULL REFERENCES "recommendation"("id") ON DELETE CASCADE, "previousDueOn" TEXT NOT NULL, "newDueOn" TEXT NOT NULL, "reason" TEXT NOT NULL, "at" DATETIME NOT NULL, "byName" TEXT NOT NULL);
        CREATE INDEX "deadlineExtension_on_recommendationId" ON "deadlineExtension"("recommendationId");
        CREATE TABLE "response" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "paperId" INTEGER NOT NULL REFERENCES "paper"("id") ON DELETE RESTRICT, "organisationId" INTEGER NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT, "version" INTEGER NOT NULL, "status" TEXT NOT NULL CHECK (status IN ('draft', 'submitted')), "createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL, "submittedAt" DATETIME, "submittedBy" TEXT, UNIQUE ("paperId", "organisationId", "version"));
        CREATE INDEX "response_on_paperId" ON "response"("paperId");
        CREATE INDEX "response_on_organisationId" ON "response"("organisationId");
        CREATE UNIQUE INDEX response_one_draft ON response(paperId, organisationId) WHERE status = 'draft';
        CREATE TRIGGER response_submitted_is_immutable BEFORE UPDATE ON response WHEN OLD.status = 'submitted'
        BEGIN SELECT RAISE(ABORT, 'a submitted response cannot be changed'); END;
        CREATE TRIGGER response_submitted_is_permanent BEFORE DELETE ON response WHEN OLD.status = 'submitted'
        BEGIN SELECT RAISE(ABORT, 'a submitted response cannot be deleted'); END;
        CREATE TABLE "responseItem" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "responseId" INTEGER NOT NULL REFERENCES "response"("id") ON DELETE CASCADE, "recommendationId" INTEGER NOT NULL REFERENCES "recommendation"("id") ON DELETE RESTRICT, "decision" TEXT, "reasons" TEXT NOT NULL DEFAULT '', "action" TEXT NOT NULL DEFAULT '', "targetDate" TEXT, UNIQUE ("responseId", "recommendationId"));
        CREATE INDEX "responseItem_on_responseId" ON "responseItem"("responseId");
        CREATE INDEX "responseItem_on_recommendationId" ON "responseItem"("recommendationId");
        CREATE TRIGGER response_item_of_submitted_is_immutable BEFORE UPDATE ON responseItem
        WHEN (SELECT status FROM response WHERE id = OLD.responseId) = 'submitted'
        BEGIN SELECT RAISE(ABORT, 'a submitted response cannot be changed'); END;
        CREATE TABLE "implementationUpdate" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "recommendationId" INTEGER NOT NULL REFERENCES "recommendation"("id") ON DELETE CASCADE, "status" TEXT NOT NULL, "note" TEXT NOT NULL, "targetDate" TEXT, "at" DATETIME NOT NULL, "byName" TEXT NOT NULL);
        CREATE INDEX "implementationUpdate_on_recommendationId" ON "implementationUpdate"("recommendationId");
        CREATE TABLE "outbox" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "kind" TEXT NOT NULL, "dedupeKey" TEXT UNIQUE, "recipient" TEXT NOT NULL, "subject" TEXT NOT NULL, "body" TEXT NOT NULL, "createdAt" DATETIME NOT NULL, "attempts" INTEGER NOT NULL DEFAULT 0, "lastError" TEXT, "nextAttemptAt" DATETIME NOT NULL, "sentAt" DATETIME);
        CREATE INDEX "outbox_pending" ON "outbox"("sentAt", "nextAttemptAt");
        """
}
