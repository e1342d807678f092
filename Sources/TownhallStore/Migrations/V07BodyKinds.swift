import TownhallDomain

/// `v7-body-kinds` as shipped: policing Board councils, reserved decisions, inquiries, witnesses and peer challenges.
/// Written out as the SQL it ran, so it can never change with the code; a later change is a new migration.
enum V07BodyKinds {
    static let identifier = "v7-body-kinds"

    static let sql = """
        CREATE TABLE "bodyCouncil" ("bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE CASCADE, "authorityId" INTEGER NOT NULL REFERENCES "authority"("id") ON DELETE RESTRICT, PRIMARY KEY ("bodyId", "authorityId"));
        ALTER TABLE "membership" ADD COLUMN "category" TEXT;
        ALTER TABLE "paper" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'report';
        CREATE TABLE "boardDecision" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE RESTRICT, "meetingId" INTEGER REFERENCES "meeting"("id") ON DELETE SET NULL, "paperId" INTEGER REFERENCES "paper"("id") ON DELETE SET NULL, "function" TEXT NOT NULL CHECK (function IN ('budget-precept', 'appoint-chief-constable', 'dismiss-chief-constable', 'policing-plan')), "decidedOn" TEXT NOT NULL, "summary" TEXT NOT NULL, "budgetPence" INTEGER, "preceptPence" INTEGER, "chiefConstable" TEXT, "priorities" TEXT, CHECK (function <> 'budget-precept' OR (budgetPence > 0 AND preceptPence > 0)), CHECK (function NOT IN ('appoint-chief-constable', 'dismiss-chief-constable') OR chiefConstable <> ''), CHECK (function <> 'policing-plan' OR priorities <> ''));
        CREATE INDEX "boardDecision_on_bodyId" ON "boardDecision"("bodyId");
        CREATE INDEX "boardDecision_on_meetingId" ON "boardDecision"("meetingId");
        CREATE INDEX "boardDecision_on_paperId" ON "boardDecision"("paperId");
        CREATE TABLE "inquiry" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE RESTRICT, "slug" TEXT NOT NULL UNIQUE, "title" TEXT NOT NULL, "scope" TEXT NOT NULL DEFAULT '', "openedOn" TEXT NOT NULL, "reportPaperId" INTEGER REFERENCES "paper"("id") ON DELETE RESTRICT);
        CREATE INDEX "inquiry_on_bodyId" ON "inquiry"("bodyId");
        CREATE INDEX "inquiry_on_reportPaperId" ON "inquiry"("reportPaperId");
        ALTER TABLE "meeting" ADD COLUMN "inquiryId" INTEGER REFERENCES "inquiry"("id") ON DELETE SET NULL;
        CREATE TABLE "witness" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "meetingId" INTEGER NOT NULL REFERENCES "meeting"("id") ON DELETE CASCADE, "name" TEXT NOT NULL, "role" TEXT NOT NULL DEFAULT '', "organisationId" INTEGER REFERENCES "organisation"("id") ON DELETE RESTRICT);
        CREATE INDEX "witness_on_meetingId" ON "witness"("meetingId");
        CREATE INDEX "witness_on_organisationId" ON "witness"("organisationId");
        CREATE TABLE "peerChallenge" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "slug" TEXT NOT NULL UNIQUE, "teamBodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE RESTRICT, "authorityId" INTEGER NOT NULL REFERENCES "authority"("id") ON DELETE RESTRICT, "kind" TEXT NOT NULL CHECK (kind IN ('corporate', 'safeguarding', 'thematic')), "scope" TEXT NOT NULL, "onSiteFrom" TEXT NOT NULL, "onSiteTo" TEXT NOT NULL, "followUpOfId" INTEGER REFERENCES "peerChallenge"("id") ON DELETE SET NULL, "reportPaperId" INTEGER REFERENCES "paper"("id") ON DELETE RESTRICT, "reportPublishedOn" TEXT, "reportBackOn" TEXT, "reportBackSummary" TEXT, "followUpOn" TEXT, CHECK (onSiteTo >= onSiteFrom));
        CREATE INDEX "peerChallenge_on_authorityId" ON "peerChallenge"("authorityId");
        CREATE INDEX "peerChallenge_on_followUpOfId" ON "peerChallenge"("followUpOfId");
        CREATE INDEX "peerChallenge_on_reportPaperId" ON "peerChallenge"("reportPaperId");
        CREATE UNIQUE INDEX "peerChallenge_one_per_team" ON "peerChallenge"("teamBodyId");
        """
}
